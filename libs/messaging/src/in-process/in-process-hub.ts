import type { EventEnvelope } from '@app/contracts';
import { EmptyResponseException } from '@nestjs/microservices/errors/empty-response.exception.js';
import { subjectMatches } from '../events/subject-match.js';
import type { Delivery, DeliveryOutcome } from '../events/event-transport.js';

/** A request handler registered by one in-process server (one per service instance). */
export type InProcessRequestHandler = (subject: string, data: unknown, headers: Record<string, string>) => Promise<unknown>;

interface ConsumerRegistration {
  durable: string;
  filter: string;
  handle: (d: Delivery) => Promise<DeliveryOutcome>;
}

/**
 * The in-process bus: the same semantics as NATS + JetStream for services sharing one process.
 * Requests go to one of the servers subscribed to the subject (round robin, like a queue group);
 * events are deduplicated by id within the window, delivered to every durable consumer whose
 * filter matches, redelivered after a nak with its delay until acked or terminated (the
 * processor dead-letters).
 * `publish` resolves only once each consumer has acked or terminated the event, which is what
 * lets the outbox keep an event until it is really handled. Like a stream, the hub keeps what was
 * published (up to `retain` events) and replays it to a durable consumer registered later, so
 * services starting one after the other miss nothing; nothing here survives the process.
 */
export class InProcessHub {
  private readonly servers = new Map<string, InProcessRequestHandler[]>();
  private readonly rr = new Map<string, number>();
  private readonly consumers: ConsumerRegistration[] = [];
  private readonly seen = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly retained: { envelope: EventEnvelope; headers: Record<string, string> }[] = [];
  private closed = false;
  private opened: Promise<void>;
  private open!: () => void;

  /**
   * `startOpen: false` holds every publish until `openForEvents()`: a single-process network opens
   * the hub once every service has registered its consumers, so no event is marked published
   * before all of them exist (a crash then could not lose it for a consumer registered later).
   */
  constructor(
    private readonly duplicateWindowMs = 120_000,
    private readonly retain = 100_000,
    startOpen = true,
  ) {
    this.opened = new Promise((resolve) => (this.open = resolve));
    if (startOpen) this.open();
  }

  openForEvents(): void {
    this.open();
  }

  // ---- request-reply ----

  addServer(subjects: string[], handler: InProcessRequestHandler): () => void {
    for (const s of subjects) this.servers.set(s, [...(this.servers.get(s) ?? []), handler]);
    return () => {
      for (const s of subjects) this.servers.set(s, (this.servers.get(s) ?? []).filter((h) => h !== handler));
    };
  }

  /** Resolves with the reply; rejects with the handler's error payload, or at once when nobody listens (as NATS does: no responders). */
  request(subject: string, data: unknown, headers: Record<string, string>): Promise<unknown> {
    const handlers = this.servers.get(subject) ?? [];
    if (handlers.length === 0) return Promise.reject(new EmptyResponseException(subject));
    const i = (this.rr.get(subject) ?? 0) % handlers.length;
    this.rr.set(subject, i + 1);
    // Copy through JSON both ways, as the wire would: no shared references, same types.
    return handlers[i](subject, wire(data), { ...headers }).then(wire);
  }

  // ---- durable events ----

  addConsumer(reg: ConsumerRegistration): () => void {
    if (this.consumers.some((c) => c.durable === reg.durable)) throw new Error(`consumer ${reg.durable} is already registered in this process`);
    this.consumers.push(reg);
    const backlog = this.retained.filter((e) => subjectMatches(reg.filter, e.envelope.subject));
    void (async () => {
      for (const e of backlog) if (this.consumers.includes(reg)) await this.deliver(reg, e.envelope, e.headers);
    })();
    return () => {
      const i = this.consumers.indexOf(reg);
      if (i >= 0) this.consumers.splice(i, 1);
    };
  }

  async publish(envelope: EventEnvelope, headers: Record<string, string>): Promise<void> {
    await this.opened;
    if (this.closed) throw new Error('in-process bus is closed');
    const now = Date.now();
    for (const [id, at] of this.seen) if (now - at > this.duplicateWindowMs) this.seen.delete(id);
    if (this.seen.has(envelope.id)) return;
    this.seen.set(envelope.id, now);
    this.retained.push({ envelope, headers });
    if (this.retained.length > this.retain) this.retained.shift();
    const targets = this.consumers.filter((c) => subjectMatches(c.filter, envelope.subject));
    await Promise.all(targets.map((c) => this.deliver(c, envelope, headers)));
  }

  private async deliver(c: ConsumerRegistration, envelope: EventEnvelope, headers: Record<string, string>): Promise<void> {
    // A consumer that stopped gets nothing more (unacked, like JetStream); it gets the event again from the replay when it registers anew.
    // Until acked or terminated, like a JetStream consumer without max_deliver (the processor dead-letters).
    for (let deliveryCount = 1; !this.closed && this.consumers.includes(c); deliveryCount++) {
      const outcome = await c.handle({ envelope: wire(envelope), headers: { ...headers }, deliveryCount });
      if (outcome.kind !== 'nak') return;
      await this.sleep(outcome.delayMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.timers.delete(t);
        resolve();
      }, ms);
      this.timers.add(t);
    });
  }

  close(): void {
    this.closed = true;
    this.open();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

function wire<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
