import { DomainError, ErrorCode } from '@app/contracts';
import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { codeOfStatus, problemType, statusOf, type Problem } from './problem.js';

/** Every error leaves the gateway as application/problem+json with a stable `code`. */
@Catch()
export class ProblemJsonFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const problem = this.toProblem(exception, request);
    // 503 is retryable (a service or its database is briefly away): say when to try again.
    if (problem.status === 503 && !reply.hasHeader('retry-after')) void reply.header('retry-after', '1');
    void reply.status(problem.status).header('content-type', 'application/problem+json; charset=utf-8').send(problem);
  }

  private toProblem(exception: unknown, request: FastifyRequest): Problem {
    const instance = request.url;
    if (exception instanceof DomainError) {
      const { status, title } = statusOf(exception.code);
      const { fields, errorId, ...rest } = exception.details ?? {};
      if (exception.code === ErrorCode.Internal || exception.code === ErrorCode.ServiceUnavailable) {
        this.logger.warn({ code: exception.code, errorId, details: rest, url: request.url }, exception.message);
      }
      return {
        ...rest,
        type: problemType(exception.code),
        title,
        status,
        detail: exception.message,
        code: exception.code,
        instance,
        ...(fields ? { fields } : {}),
        ...(errorId ? { errorId } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = codeOfStatus(status);
      const body = exception.getResponse();
      const detail = typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : exception.message;
      return { type: problemType(code), title: statusOf(code).title, status, detail, code, instance };
    }
    // Fastify's own errors (malformed JSON, body too large...) carry a statusCode.
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const code = codeOfStatus(fastifyStatus);
      return { type: problemType(code), title: statusOf(code).title, status: fastifyStatus, detail: (exception as Error).message, code, instance };
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId, url: request.url }, 'unhandled error');
    return {
      type: problemType(ErrorCode.Internal),
      title: 'Internal error',
      status: 500,
      detail: `An unexpected error occurred; quote ${errorId} when reporting it.`,
      code: ErrorCode.Internal,
      instance,
      errorId,
    };
  }
}
