import type { EventEnvelope, StreamDefinition } from '@app/contracts';

/** One delivery of an event to a consumer. */
export interface Delivery {
  envelope: EventEnvelope;
  headers: Record<string, string>;
  /** 1 on the first delivery. */
  deliveryCount: number;
}

export type DeliveryOutcome = { kind: 'ack' } | { kind: 'nak'; delayMs: number } | { kind: 'term' };

/**
 * A durable consumer. The transport delivers until the handler acks or terminates: the
 * dead-letter decision is the EventProcessor's (EVENTS_MAX_DELIVER counts failures of the
 * handler; a database outage never uses up deliveries).
 */
export interface ConsumerSpec {
  /** Durable name, unique per consuming service (instances of a service share it). */
  durable: string;
  stream: StreamDefinition;
  /** One subject filter (nats-server 2.9 takes one per consumer). */
  filter: string;
  ackWaitMs: number;
}

export interface ConsumerHandle {
  stop(): Promise<void>;
}

/** Where a published event landed (JetStream); in-process there is no stream to point into. */
export interface PublishReceipt {
  streamSeq?: number;
}

/** A stream's identity (its creation time: a wiped and recreated stream has a new one) and its end. */
export interface StreamPosition {
  created: string;
  lastSeq: number;
}

export interface EnsureStreamOptions {
  force?: boolean;
  patienceMs?: number;
}

/** Durable events: JetStream, or the in-process hub with the same semantics. */
export interface EventTransport {
  readonly kind: 'nats' | 'in-process';
  /**
   * Creates the stream or brings it to the configured settings (once per process unless `force`).
   * JetStream management calls that time out are retried for `patienceMs` (default a minute; 0:
   * one attempt, for callers that retry on their own and must not block).
   */
  ensureStream(stream: StreamDefinition, opts?: EnsureStreamOptions): Promise<void>;
  /** Resolves once the event is durably accepted (JetStream ack; in-process: handled by every consumer). */
  publish(envelope: EventEnvelope, headers: Record<string, string>): Promise<PublishReceipt>;
  /**
   * JetStream only: the stream's current identity and last sequence, for the outbox reconciler
   * (creating the stream when it is missing). In-process has nothing to reconcile: an outbox row
   * is marked published only after every consumer handled it.
   */
  streamPosition?(stream: StreamDefinition): Promise<StreamPosition>;
  consume(spec: ConsumerSpec, handle: (d: Delivery) => Promise<DeliveryOutcome>): Promise<ConsumerHandle>;
}
