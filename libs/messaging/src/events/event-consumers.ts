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

/**
 * The durable consumers of one service. Modules register their subscriptions while the
 * application initialises; they start once the application is bootstrapped.
 */
export class EventConsumers {
  private readonly subscriptions: EventSubscription[] = [];
  private readonly handles: ConsumerHandle[] = [];

  constructor(
    private readonly service: ServiceName,
    private readonly ds: DataSource,
    private readonly transport: EventTransport,
    private readonly settings: ConsumerSettings,
    private readonly metrics: ProcessorMetrics,
    private readonly logger: Logger,
  ) {}

  register(sub: EventSubscription): void {
    if (this.handles.length) throw new Error('event subscriptions must be registered before the consumers start');
    if (this.subscriptions.some((s) => s.name === sub.name)) throw new Error(`duplicate subscription ${sub.name}`);
    this.subscriptions.push(sub);
  }

  async start(): Promise<void> {
    for (const sub of this.subscriptions) {
      const durable = `${this.service}-${sub.name}`;
      const processor = new EventProcessor(this.ds, sub.handle, { consumer: durable, ...this.settings }, this.metrics, this.logger);
      const stream = streamFor(sub.from);
      await this.transport.ensureStream(stream);
      this.handles.push(
        await this.transport.consume(
          { durable, stream, filter: sub.filter, ackWaitMs: this.settings.ackWaitMs },
          (d) => processor.process(d),
        ),
      );
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.handles.splice(0).map((h) => h.stop()));
  }
}
