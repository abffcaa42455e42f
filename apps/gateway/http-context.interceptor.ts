import { BusHeader } from '@app/contracts';
import { contextFrom, requestContext } from '@app/observability';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';

/** Gives each HTTP request its request id and trace, echoed in `x-request-id` and carried onto the bus. */
@Injectable()
export class HttpContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = (name: string) => {
      const v = request.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const ctx = contextFrom({ requestId: header(BusHeader.RequestId), traceparent: header(BusHeader.TraceParent), authorization: header('authorization') });
    void reply.header(BusHeader.RequestId, ctx.requestId);
    return new Observable((subscriber) => requestContext.run(ctx, () => next.handle().subscribe(subscriber)));
  }
}
