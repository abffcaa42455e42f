import { DomainError, ErrorCode } from '@app/contracts';
import { requestContext } from '@app/observability';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { NEVER, of, throwError, type Observable } from 'rxjs';
import { BusClient } from './bus-client.js';

const record = (data: unknown, headers: Record<string, string>) => ({ data, headers });

function clientAnswering(answer: () => Observable<unknown>, sent: unknown[] = []) {
  return new BusClient({ send: (pattern: string, data: unknown) => (sent.push({ pattern, data }), answer()) } as never, record, 50, 'ns.');
}

async function errorOf(p: Promise<unknown>): Promise<DomainError> {
  try {
    await p;
  } catch (e) {
    return e as DomainError;
  }
  throw new Error('expected a rejection');
}

describe('BusClient', () => {
  it('sends on the namespaced subject with the request context in the headers', async () => {
    const sent: any[] = [];
    const client = clientAnswering(() => of({ ok: true }), sent);
    const reply = await requestContext.run({ requestId: 'r-1', traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), authorization: 'Bearer t' }, () =>
      client.request('v1.cases.health', { x: 1 }),
    );
    expect(reply).toEqual({ ok: true });
    expect(sent[0].pattern).toBe('ns.v1.cases.health');
    expect(sent[0].data.data).toEqual({ x: 1 });
    expect(sent[0].data.headers).toMatchObject({ 'x-request-id': 'r-1', authorization: 'Bearer t' });
    expect(sent[0].data.headers.traceparent).toMatch(new RegExp(`^00-${'a'.repeat(32)}-[0-9a-f]{16}-01$`));
    expect(sent[0].data.headers.traceparent).not.toContain('b'.repeat(16)); // a child span, not the caller's
  });

  it('gives up after the timeout with SERVICE_UNAVAILABLE', async () => {
    const err = await errorOf(clientAnswering(() => NEVER).request('v1.cases.health', {}));
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe(ErrorCode.ServiceUnavailable);
    expect(err.message).toBe('The cases service did not answer within 50 ms');
  });

  it('says nobody listens when there are no responders', async () => {
    const err = await errorOf(clientAnswering(() => throwError(() => new EmptyResponseException('ns.v1.cases.health'))).request('v1.cases.health', {}));
    expect(err.code).toBe(ErrorCode.ServiceUnavailable);
    expect(err.message).toContain('nothing is listening');
  });

  it('passes a handler’s typed error through with its code and details', async () => {
    const payload = { code: ErrorCode.NotFound, message: 'no such case', details: { id: 'c1' } };
    const err = await errorOf(clientAnswering(() => throwError(() => payload)).request('v1.cases.get', {}));
    expect(err).toBeInstanceOf(DomainError);
    expect(err.code).toBe(ErrorCode.NotFound);
    expect(err.details).toEqual({ id: 'c1' });
  });
});
