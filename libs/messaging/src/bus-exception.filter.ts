import { DomainError, ErrorCode, type BusErrorPayload } from '@app/contracts';
import { isTransientDatabaseError } from '@app/persistence';
import { Catch, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';

/**
 * Turns whatever a handler throws into `{code, message, details}` on the bus. Unknown errors are
 * logged with an errorId that the caller also receives, so a 500 can be traced to its log line.
 * A database that is down or restarting is SERVICE_UNAVAILABLE (503, retryable), not a 500: the
 * transaction did not commit, so retrying with the same Idempotency-Key is safe.
 */
@Catch()
export class BusExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toPayload(exception));
  }

  private toPayload(exception: unknown): BusErrorPayload {
    if (exception instanceof DomainError) return exception.toPayload();
    if (isTransientDatabaseError(exception)) {
      this.logger.warn({ err: exception instanceof Error ? exception.message : String(exception) }, 'database unavailable; answered 503');
      return new DomainError(ErrorCode.ServiceUnavailable, 'The database is not available right now; retry shortly (with the same Idempotency-Key for submissions).', { retryable: true }).toPayload();
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unhandled error in bus handler');
    return { code: ErrorCode.Internal, message: 'Internal error', details: { errorId } };
  }
}
