import { streamFor, type ServiceName } from '@app/contracts';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { EventProcessor, type EventHandlerFn, type ProcessorMetrics } from './event-processor.js';
import type { ConsumerHandle, EventTransport } from './event-transport.js';

export interface EventSubscription {
  /** Short name, unique within the consuming service; the durable is `<service>-<name>`. */
  name: string;
  /** The service whose events are consumed. */
  from: ServiceName;
  /** Subject filter within that service's stream, e.g. `v1.cases.case.*.>`. */
  filter: string;
  handle: EventHandlerFn;
}

export interface ConsumerSettings {
  maxDeliver: number;
  backoffMs: number;
  ackWaitMs: number;
}

/** How far a service's consumers got: `bound` of `total` are pulling. */
export interface ConsumersState {
  bound: number;
  total: number;
}

/**
 * The durable consumers of one service. Modules register their subscriptions while the
 * application initialises; they start once the application is bootstrapped.
 *
 * Binding a durable needs JetStream (the consumer is created or checked on its producer's
 * stream). A service that starts while JetStream is away (no quorum, nodes down), or before its
 * producer created the stream, must still start: its request-reply handlers and its outbox need
 * only NATS and PostgreSQL. So each subscription binds in the background, retrying until it can;
 * the service's health says `degraded` with `consumers.bound < total` meanwhile. Nothing is
 * missed: the durables deliver from where they stood (or from the stream's start when new).
 */
export class EventConsumers {
  private readonly subscriptions: EventSubscription[] = [];
  private readonly handles: ConsumerHandle[] = [];
  /** Once started, no more subscriptions may be registered. */
  private started = false;
  private binding?: Promise<void>;
  /** Aborted by stop(); a new one per start() (a stopped set of consumers may start again). */
  private stopping = new AbortController();

  constructor(
    private readonly service: ServiceName,
    private readonly ds: DataSource,
    private readonly transport: EventTransport,
    private readonly settings: ConsumerSettings,
    private readonly metrics: ProcessorMetrics,
    private readonly logger: Logger,
    private readonly retryMs = { initial: 1000, max: 10_000 },
  ) {}

  register(sub: EventSubscription): void {
    if (this.started) throw new Error('event subscriptions must be registered before the consumers start');
    if (this.subscriptions.some((s) => s.name === sub.name)) throw new Error(`duplicate subscription ${sub.name}`);
    this.subscriptions.push(sub);
  }

  get state(): ConsumersState {
    return { bound: this.handles.length, total: this.subscriptions.length };
  }

  /**
   * Starts binding every subscription and waits until each has bound or failed once (at most
   * `waitMs`); what is not bound by then goes on binding in the background (logged). Resolves true
   * when all are bound.
   */
  async start(waitMs = 10_000): Promise<boolean> {
    if (this.binding) throw new Error('the consumers are running already');
    this.started = true;
    this.stopping = new AbortController();
    const firstAttempts: Promise<void>[] = [];
    this.binding = Promise.all(
      this.subscriptions.map((sub) => {
        let settled!: () => void;
        firstAttempts.push(new Promise<void>((r) => (settled = r)));
        return this.bind(sub, settled).finally(settled);
      }),
    ).then(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all(firstAttempts), new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]).finally(() => clearTimeout(timer));
    const bound = this.state.bound === this.state.total;
    if (!bound) {
      const { bound: n, total } = this.state;
      this.logger.warn({ bound: n, total }, 'starting without some event consumers (JetStream, or the stream they read, is not there yet); they bind in the background');
    }
    return bound;
  }

  /**
   * Binds one durable, retrying until it is bound or the consumers stop. The stream is its
   * producer's to create (the producer's relay does, before its first publish): a consumer only
   * waits for it, so a service needs no rights over another's stream.
   */
  private async bind(sub: EventSubscription, attempted: () => void): Promise<void> {
    const durable = `${this.service}-${sub.name}`;
    const processor = new EventProcessor(this.ds, sub.handle, { consumer: durable, ...this.settings }, this.metrics, this.logger);
    const stream = streamFor(sub.from);
    const signal = this.stopping.signal;
    for (let attempt = 1; !signal.aborted; attempt++) {
      try {
        const handle = await this.transport.consume({ durable, stream, filter: sub.filter, ackWaitMs: this.settings.ackWaitMs }, (d) => processor.process(d));
        if (signal.aborted) {
          await handle.stop();
          return;
        }
        this.handles.push(handle);
        if (attempt > 1) this.logger.info({ durable, attempts: attempt }, 'event consumer bound');
        return;
      } catch (err) {
        attempted();
        if (signal.aborted) return;
        const delay = Math.min(this.retryMs.initial * attempt, this.retryMs.max);
        this.logger.warn({ durable, attempt, err: err instanceof Error ? err.message : String(err) }, `binding the event consumer failed; retrying in ${delay} ms`);
        await new Promise<void>((resolve) => {
          const onAbort = () => {
            clearTimeout(timer);
            resolve();
          };
          const timer = setTimeout(() => {
            signal.removeEventListener('abort', onAbort);
            resolve();
          }, delay);
          signal.addEventListener('abort', onAbort, { once: true });
        });
      }
    }
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    // A bind in the middle of a JetStream call that hangs (JetStream away) is not waited for
    // long: it sees the abort when the call returns and stops what it bound itself.
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.binding, new Promise((r) => (timer = setTimeout(r, 2000)))]).finally(() => clearTimeout(timer));
    this.binding = undefined;
    await Promise.all(this.handles.splice(0).map((h) => h.stop()));
  }
}
