import type { EventEnvelope } from '@app/contracts';
import type { ConsumerHandle, ConsumerSpec, Delivery, DeliveryOutcome, EventTransport, PublishReceipt } from '../events/event-transport.js';
import type { InProcessHub } from './in-process-hub.js';

/** Durable events through the in-process hub (the outbox is what makes them durable here). */
export class InProcessEventTransport implements EventTransport {
  readonly kind = 'in-process' as const;

  constructor(private readonly hub: InProcessHub) {}

  async ensureStream(): Promise<void> {}

  async publish(envelope: EventEnvelope, headers: Record<string, string>): Promise<PublishReceipt> {
    await this.hub.publish(envelope, headers);
    return {};
  }

  async consume(spec: ConsumerSpec, handle: (d: Delivery) => Promise<DeliveryOutcome>): Promise<ConsumerHandle> {
    const remove = this.hub.addConsumer({ durable: spec.durable, filter: spec.filter, handle });
    return { stop: async () => remove() };
  }
}
