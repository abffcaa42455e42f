import type { ServiceName } from './subjects.js';

/** The body of every durable event. `id` doubles as the JetStream Nats-Msg-Id and the inbox key. */
export interface EventEnvelope<T = unknown> {
  id: string;
  subject: string;
  producer: ServiceName;
  occurredAt: string;
  data: T;
}
