import { BusHeader, SERVICES, streamFor, type EventEnvelope, type ServiceName, type StreamDefinition } from '@app/contracts';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
} from '@nats-io/jetstream';
import { headers as natsHeaders, nanos, type NatsConnection } from '@nats-io/transport-node';
import type { Logger } from 'pino';
import type { ConsumerHandle, ConsumerSpec, Delivery, DeliveryOutcome, EnsureStreamOptions, EventTransport, PublishReceipt, StreamPosition } from '../events/event-transport.js';

export interface JetStreamSettings {
  replicas: number;
  duplicateWindowS: number;
  /** How long a stream keeps events; consumers that were down catch up within it. */
  maxAgeDays: number;
  /** Deliveries processed at once per consumer instance. */
  concurrency: number;
  /** BUS_NAMESPACE: prefixes stream names and subjects. */
  namespace?: string;
}

const STREAM_NOT_FOUND = 10059;
const CONSUMER_NOT_FOUND = 10014;

/** Durable events on JetStream: publish waits for the ack; consumers ack after their commit. */
export class JetStreamTransport implements EventTransport {
  readonly kind = 'nats' as const;
  private readonly js: JetStreamClient;
  private jsmPromise?: Promise<JetStreamManager>;
  private readonly ensured = new Set<string>();
  private readonly prefix: string;

  constructor(
    private readonly nc: NatsConnection,
    private readonly settings: JetStreamSettings,
    private readonly logger: Logger,
  ) {
    this.js = jetstream(nc);
    this.prefix = settings.namespace ? `${settings.namespace}.` : '';
  }

  private streamName(def: StreamDefinition): string {
    return this.settings.namespace ? `${this.settings.namespace.toUpperCase()}_${def.name}` : def.name;
  }

  /**
   * The JetStream manager, created once it succeeds: creating it asks JetStream for its account
   * info, which fails while JetStream is away, and a failure must not be kept (a service that
   * started during an outage would otherwise fail every management call for ever after).
   */
  private jsm(): Promise<JetStreamManager> {
    if (!this.jsmPromise) {
      const created = jetstreamManager(this.nc, { timeout: 10_000 });
      this.jsmPromise = created;
      created.catch(() => {
        if (this.jsmPromise === created) this.jsmPromise = undefined;
      });
    }
    return this.jsmPromise;
  }

  /**
   * Runs a JetStream management call again while JetStream is only slow or not there yet (a
   * cluster electing its leaders, several instances creating the same replicated stream at once):
   * timeouts and missing responders are retried for up to a minute; API errors are not.
   */
  private async retrying<T>(what: string, fn: () => Promise<T>, deadlineMs = 60_000): Promise<T> {
    const deadline = Date.now() + deadlineMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn();
      } catch (err) {
        if (err instanceof JetStreamApiError || Date.now() >= deadline) throw err;
        this.logger.warn({ err: err instanceof Error ? err.message : String(err), attempt }, `${what}: JetStream did not answer; retrying`);
        await new Promise((r) => setTimeout(r, Math.min(250 * attempt, 2000)));
      }
    }
  }

  /**
   * Creates the stream, or brings an existing one to the configured settings. Idempotent; checked
   * once per process unless `force` (the reconciler found it missing: after a wiped JetStream
   * store its producer recreates it; consumers only wait for it).
   */
  async ensureStream(def: StreamDefinition, { force = false, patienceMs = 60_000 }: EnsureStreamOptions = {}): Promise<void> {
    const name = this.streamName(def);
    if (this.ensured.has(name) && !force) return;
    const config = {
      name,
      subjects: def.subjects.map((s) => this.prefix + s),
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      num_replicas: this.settings.replicas,
      duplicate_window: nanos(this.settings.duplicateWindowS * 1000),
      max_age: nanos(this.settings.maxAgeDays * 86_400_000),
    };
    await this.retrying(`ensuring stream ${name}`, async () => {
      const jsm = await this.jsm();
      try {
        await jsm.streams.info(name);
        await jsm.streams.update(name, config);
      } catch (err) {
        if (!isApiError(err, STREAM_NOT_FOUND)) throw err;
        await jsm.streams.add(config).catch(async (e) => {
          // Another instance created it between our info and add.
          if (!(e instanceof JetStreamApiError)) throw e;
          await jsm.streams.info(name);
        });
      }
    }, patienceMs);
    this.ensured.add(name);
  }

  async publish(envelope: EventEnvelope, headers: Record<string, string>): Promise<PublishReceipt> {
    const h = natsHeaders();
    for (const [k, v] of Object.entries(headers)) h.set(k, v);
    try {
      const ack = await this.js.publish(this.prefix + envelope.subject, JSON.stringify(envelope), { msgID: envelope.id, headers: h });
      return { streamSeq: ack.seq };
    } catch (err) {
      // No stream answered (e.g. the JetStream store was wiped): the next attempt re-checks it.
      this.ensured.delete(this.streamName(streamOfSubject(envelope.subject)));
      throw err;
    }
  }

  async streamPosition(def: StreamDefinition): Promise<StreamPosition> {
    const jsm = await this.jsm();
    const name = this.streamName(def);
    try {
      const info = await jsm.streams.info(name);
      return { created: info.created, lastSeq: info.state.last_seq };
    } catch (err) {
      if (!isApiError(err, STREAM_NOT_FOUND)) throw err;
      await this.ensureStream(def, { force: true });
      const info = await jsm.streams.info(name);
      return { created: info.created, lastSeq: info.state.last_seq };
    }
  }

  async consume(spec: ConsumerSpec, handle: (d: Delivery) => Promise<DeliveryOutcome>): Promise<ConsumerHandle> {
    const stream = this.streamName(spec.stream);
    const config = {
      durable_name: spec.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: this.prefix + spec.filter,
      // Unlimited: the processor dead-letters after EVENTS_MAX_DELIVER handler failures; a database
      // outage must not use up the deliveries of the events that arrive during it.
      max_deliver: -1,
      ack_wait: nanos(spec.ackWaitMs),
      max_ack_pending: 1000,
    };
    const ensureConsumer = async () => {
      const jsm = await this.jsm();
      try {
        await jsm.consumers.info(stream, spec.durable);
        await jsm.consumers.update(stream, spec.durable, {
          filter_subject: config.filter_subject,
          max_deliver: config.max_deliver,
          ack_wait: config.ack_wait,
          max_ack_pending: config.max_ack_pending,
        });
      } catch (err) {
        // No stream: its producer creates it (its relay does, before it publishes; after a wiped
        // store, at its next publish or reconcile). A consumer has no rights over another
        // service's stream, so it waits: the caller retries.
        if (!isApiError(err, CONSUMER_NOT_FOUND)) throw err;
        await jsm.consumers.add(stream, config);
      }
    };
    await this.retrying(`ensuring consumer ${spec.durable}`, ensureConsumer);
    const consumer = await this.retrying(`binding consumer ${spec.durable}`, () => this.js.consumers.get(stream, spec.durable));
    const messages: ConsumerMessages = await consumer.consume({ max_messages: this.settings.concurrency * 2 });
    // The pull loop keeps asking after its stream or durable disappeared (a wiped JetStream store,
    // a deleted consumer) and resumes once they exist again: recreate the durable once its
    // producer has recreated the stream. The new durable starts from the beginning of the stream;
    // the outbox reconciler republishes what the old one held and the inbox drops what was
    // already processed.
    let recreating: Promise<void> | undefined;
    let waitingForStream = false;
    void (async () => {
      for await (const status of messages.status()) {
        if (!['consumer_not_found', 'stream_not_found', 'consumer_deleted'].includes(status.type) || recreating) continue;
        recreating = ensureConsumer()
          .then(() => {
            waitingForStream = false;
            this.logger.warn({ durable: spec.durable, stream, status: status.type }, 'durable consumer was lost; recreated it');
          })
          .catch((err) => {
            if (!isApiError(err, STREAM_NOT_FOUND)) return this.logger.warn({ err, durable: spec.durable }, 'recreating the durable consumer failed; will retry');
            if (!waitingForStream) this.logger.warn({ durable: spec.durable, stream }, 'the stream is gone; waiting for its producer to recreate it');
            waitingForStream = true;
          })
          .finally(() => (recreating = undefined));
      }
    })();
    const inFlight = new Set<Promise<void>>();
    const loop = (async () => {
      for await (const m of messages) {
        const p = this.handleMessage(m, handle).finally(() => inFlight.delete(p));
        inFlight.add(p);
        while (inFlight.size >= this.settings.concurrency) await Promise.race(inFlight);
      }
    })();
    return {
      stop: async () => {
        // Stop pulling, let what is in flight finish and ack; unacked messages are redelivered.
        await messages.close();
        await loop.catch(() => undefined);
        await Promise.allSettled([...inFlight]);
      },
    };
  }

  private async handleMessage(m: JsMsg, handle: (d: Delivery) => Promise<DeliveryOutcome>): Promise<void> {
    let envelope: EventEnvelope;
    try {
      envelope = m.json<EventEnvelope>();
    } catch (err) {
      this.logger.error({ err, subject: m.subject, seq: m.seq }, 'unparsable event terminated');
      m.term('unparsable');
      return;
    }
    const headers: Record<string, string> = {};
    for (const k of m.headers?.keys() ?? []) if (k !== BusHeader.MsgId) headers[k.toLowerCase()] = m.headers!.get(k);
    try {
      const outcome = await handle({ envelope, headers, deliveryCount: m.info.deliveryCount });
      if (outcome.kind === 'ack') m.ack();
      else if (outcome.kind === 'nak') m.nak(outcome.delayMs);
      else m.term();
    } catch (err) {
      // The processor itself failed (e.g. the database is down): let JetStream redeliver later.
      this.logger.warn({ err, subject: m.subject }, 'event processing failed before the handler; nak');
      m.nak(1000);
    }
  }
}

/** The stream of the service that produced an event: `v1.<service>.…`. */
function streamOfSubject(subject: string): StreamDefinition {
  const service = subject.split('.')[1] as ServiceName;
  if (!SERVICES.includes(service)) throw new Error(`event subject of no known service: ${subject}`);
  return streamFor(service);
}

function isApiError(err: unknown, code: number): boolean {
  return err instanceof JetStreamApiError && err.code === code;
}
