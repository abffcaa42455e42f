import { BusHeader } from '@app/contracts';
import { contextFrom, newSpanId, requestContext, traceparentOf, type RequestContext } from '@app/observability';

/** Headers for an outgoing message: the current request id, a child span of the current trace and the caller's token. */
export function outgoingHeaders(ctx: RequestContext | undefined = requestContext.current()): Record<string, string> {
  if (!ctx) return {};
  const headers: Record<string, string> = {
    [BusHeader.RequestId]: ctx.requestId,
    [BusHeader.TraceParent]: traceparentOf({ ...ctx, spanId: newSpanId() }),
  };
  if (ctx.authorization) headers[BusHeader.Authorization] = ctx.authorization;
  return headers;
}

/** Anything that can answer a header by name: nats.js MsgHdrs, or the in-process context's headers. */
export interface HeaderReader {
  get(name: string): string | undefined | null;
}

export function contextFromHeaders(headers: HeaderReader | undefined): RequestContext {
  const get = (k: string) => headers?.get(k) || undefined;
  return contextFrom({
    requestId: get(BusHeader.RequestId),
    traceparent: get(BusHeader.TraceParent),
    authorization: get(BusHeader.Authorization),
  });
}

export class MapHeaders implements HeaderReader {
  private readonly map: Map<string, string>;
  constructor(init: Record<string, string> = {}) {
    this.map = new Map(Object.entries(init).map(([k, v]) => [k.toLowerCase(), v]));
  }
  get(name: string): string | undefined {
    return this.map.get(name.toLowerCase());
  }
}
