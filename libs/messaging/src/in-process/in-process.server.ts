import { BaseRpcContext, Server, type CustomTransportStrategy } from '@nestjs/microservices';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { MapHeaders } from '../bus-headers.js';
import type { InProcessHub } from './in-process-hub.js';

/** The context an in-process handler receives; same `getHeaders()` shape as NatsContext. */
export class InProcessContext extends BaseRpcContext<[string, MapHeaders]> {
  getSubject(): string {
    return this.args[0];
  }
  getHeaders(): MapHeaders {
    return this.args[1];
  }
}

/** Nest transport strategy serving @MessagePattern handlers from the in-process hub. */
export class InProcessServer extends Server implements CustomTransportStrategy {
  private unregister?: () => void;

  constructor(private readonly hub: InProcessHub) {
    super();
  }

  listen(callback: (...optionalParams: unknown[]) => unknown) {
    const subjects = [...this.messageHandlers.keys()];
    this.unregister = this.hub.addServer(subjects, (subject, data, headers) => this.handle(subject, data, headers));
    callback();
  }

  private handle(subject: string, data: unknown, headers: Record<string, string>): Promise<unknown> {
    const ctx = new InProcessContext([subject, new MapHeaders(headers)]);
    const handler = this.getHandlerByPattern(subject);
    return new Promise((resolve, reject) => {
      if (!handler) return reject(new EmptyResponseException(subject));
      let last: unknown;
      this.handleRequest(
        ctx,
        async () => this.transformToObservable(await handler(data, ctx)),
        (packet) => {
          if (packet.err !== undefined && packet.err !== null) return reject(packet.err);
          if (packet.response !== undefined) last = packet.response;
          if (packet.isDisposed) resolve(last);
        },
      );
    });
  }

  close() {
    this.unregister?.();
  }

  on(): never {
    throw new Error('InProcessServer has no events');
  }

  unwrap<T>(): T {
    return this.hub as T;
  }
}
