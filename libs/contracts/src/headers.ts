/** Header names carried by every bus message (request-reply and events). */
export const BusHeader = {
  RequestId: 'x-request-id',
  TraceParent: 'traceparent',
  Authorization: 'authorization',
  MsgId: 'Nats-Msg-Id',
} as const;
