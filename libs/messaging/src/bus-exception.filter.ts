import { DomainError, ErrorCode, type BusErrorPayload } from '@app/contracts';
import { Catch, HttpException, type ArgumentsHost, type RpcExceptionFilter } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { throwError, type Observable } from 'rxjs';

/**
 * Turns whatever a handler throws into `{code, message, details}` on the bus. Unknown errors are
 * logged with an errorId that the caller also receives, so a 500 can be traced to its log line.
 */
@Catch()
export class BusExceptionFilter implements RpcExceptionFilter<unknown> {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => this.toPayload(exception));
  }

  private toPayload(exception: unknown): BusErrorPayload {
    if (exception instanceof DomainError) return exception.toPayload();
    if (exception instanceof HttpException && exception.getStatus() === 400) {
      // ValidationPipe on a bus payload: the message list names the fields.
      const body = exception.getResponse() as { message?: string[] | string };
      const messages = Array.isArray(body.message) ? body.message : [String(body.message ?? exception.message)];
      return {
        code: ErrorCode.ValidationFailed,
        message: 'The request is not valid',
        details: { fields: messages.map((m) => ({ field: m.split(' ')[0] ?? '', message: m })) },
      };
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId }, 'unhandled error in bus handler');
    return { code: ErrorCode.Internal, message: 'Internal error', details: { errorId } };
  }
}
