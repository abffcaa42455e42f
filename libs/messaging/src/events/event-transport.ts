import type { EventEnvelope, StreamDefinition } from '@app/contracts';

/** One delivery of an event to a consumer. */
export interface Delivery {
  envelope: EventEnvelope;
  headers: Record<string, string>;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

export type DeliveryOutcome = { kind: 'ack' } | { kind: 'nak'; delayMs: number } | { kind: 'term' };

export interface ConsumerSpec {
  /** Durable name, unique per consuming service (instances of a service share it). */
  durable: string;
  stream: StreamDefinition;
  /** One subject filter (nats-server 2.9 takes one per consumer). */
  filter: string;
  maxDeliver: number;
  ackWaitMs: number;
}

export interface ConsumerHandle {
  stop(): Promise<void>;
}

/** Durable events: JetStream, or the in-process hub with the same semantics. */
export interface EventTransport {
  readonly kind: 'nats' | 'in-process';
  ensureStream(stream: StreamDefinition): Promise<void>;
  /** Resolves once the event is durably accepted (JetStream ack; in-process: handled by every consumer). */
  publish(envelope: EventEnvelope, headers: Record<string, string>): Promise<void>;
  consume(spec: ConsumerSpec, handle: (d: Delivery) => Promise<DeliveryOutcome>): Promise<ConsumerHandle>;
}
