import { ClientProxy, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import type { InProcessHub } from './in-process-hub.js';

/** A record as the in-process client takes it: the same data/headers split as NatsRecord. */
export interface InProcessRecord {
  data: unknown;
  headers: Record<string, string>;
}

/** Nest ClientProxy over the in-process hub. */
export class InProcessClient extends ClientProxy {
  constructor(private readonly hub: InProcessHub) {
    super();
  }

  async connect(): Promise<void> {}
  close(): void {}

  protected publish(packet: ReadPacket, callback: (packet: WritePacket) => void): () => void {
    const { data, headers } = packet.data as InProcessRecord;
    let cancelled = false;
    this.hub.request(this.normalizePattern(packet.pattern), data, headers).then(
      (response) => !cancelled && callback({ response, isDisposed: true }),
      (err: unknown) => !cancelled && callback({ err, isDisposed: true }),
    );
    return () => {
      cancelled = true;
    };
  }

  protected async dispatchEvent(): Promise<never> {
    throw new Error('fire-and-forget events are not used: durable events go through the outbox');
  }

  override on(): never {
    throw new Error('InProcessClient has no events');
  }

  unwrap<T>(): T {
    return this.hub as T;
  }
}
