import { DomainError, ErrorCode, isBusErrorPayload } from '@app/contracts';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { firstValueFrom, timeout, TimeoutError, type Observable } from 'rxjs';
import { outgoingHeaders } from './bus-headers.js';

export interface RequestOptions {
  /** Overrides BUS_REQUEST_TIMEOUT_MS for this call. */
  timeoutMs?: number;
}

/**
 * Request-reply on the bus. Every call has a timeout; every failure comes out as a DomainError
 * with a code from the contracts, so callers (the gateway above all) never see transport errors.
 */
export class BusClient {
  constructor(
    private readonly proxy: { send<T>(pattern: string, data: unknown): Observable<T> },
    /** Wraps data and headers into the transport's record (NatsRecord for NATS). */
    private readonly toRecord: (data: unknown, headers: Record<string, string>) => unknown,
    private readonly defaultTimeoutMs: number,
    /** Namespace prefix of the wire subject ('' for none). */
    private readonly prefix = '',
  ) {}

  async request<T>(subject: string, data: unknown, opts: RequestOptions = {}): Promise<T> {
    const ms = opts.timeoutMs ?? this.defaultTimeoutMs;
    try {
      return await firstValueFrom(this.proxy.send<T>(this.prefix + subject, this.toRecord(data ?? {}, outgoingHeaders())).pipe(timeout(ms)));
    } catch (err) {
      throw toDomainError(err, subject, ms);
    }
  }
}

function toDomainError(err: unknown, subject: string, ms: number): DomainError {
  if (err instanceof DomainError) return err;
  if (isBusErrorPayload(err)) return DomainError.from(err);
  const service = subject.split('.')[1];
  if (err instanceof TimeoutError) {
    return new DomainError(ErrorCode.ServiceUnavailable, `The ${service} service did not answer within ${ms} ms`, { service, subject, timeoutMs: ms });
  }
  if (err instanceof EmptyResponseException) {
    return new DomainError(ErrorCode.ServiceUnavailable, `The ${service} service is not available: nothing is listening on the bus`, { service, subject });
  }
  // Connection refused, closed connection, no handler for the pattern...: the service is not reachable.
  const message = err instanceof Error ? err.message : typeof err === 'string' ? err : JSON.stringify(err);
  return new DomainError(ErrorCode.ServiceUnavailable, `The ${service} service is not reachable: ${message}`, { service, subject });
}
