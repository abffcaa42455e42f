import { requestContext } from '@app/observability';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { contextFromHeaders, type HeaderReader } from './bus-headers.js';

/**
 * Runs every bus handler inside the request context carried by the message headers, so its
 * logs and the messages it sends carry the same request id and trace.
 */
@Injectable()
export class BusContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const rpc = context.switchToRpc().getContext<{ getHeaders?: () => HeaderReader | undefined }>();
    const ctx = contextFromHeaders(rpc?.getHeaders?.());
    return new Observable((subscriber) => requestContext.run(ctx, () => next.handle().subscribe(subscriber)));
  }
}
