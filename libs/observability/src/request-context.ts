import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes, randomUUID } from 'node:crypto';

/** What travels with one unit of work across HTTP, the bus and the logs. */
export interface RequestContext {
  requestId: string;
  traceId: string;
  /** Span id of the current hop; a child span is made for each outgoing message. */
  spanId: string;
  /** Raw bearer token of the caller, forwarded on the bus so each service verifies it itself. */
  authorization?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const requestContext = {
  run<T>(ctx: RequestContext, fn: () => T): T {
    return storage.run(ctx, fn);
  },
  current(): RequestContext | undefined {
    return storage.getStore();
  },
};

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}$/;

export function newSpanId(): string {
  return randomBytes(8).toString('hex');
}

/** Continues the W3C trace in `traceparent` when it is valid, else starts a new one. */
export function contextFrom(headers: { requestId?: string; traceparent?: string; authorization?: string }): RequestContext {
  const m = headers.traceparent ? TRACEPARENT.exec(headers.traceparent) : null;
  return {
    requestId: headers.requestId && headers.requestId.length <= 128 ? headers.requestId : randomUUID(),
    traceId: m ? m[1] : randomBytes(16).toString('hex'),
    spanId: newSpanId(),
    authorization: headers.authorization,
  };
}

/** The traceparent header for a message sent from the current span. */
export function traceparentOf(ctx: RequestContext): string {
  return `00-${ctx.traceId}-${ctx.spanId}-01`;
}
