import type { EventEnvelope } from '@app/contracts';
import { isTransientDatabaseError } from '@app/persistence';
import { requestContext } from '@app/observability';
import type { Logger } from 'pino';
import type { Counter } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { contextFromHeaders, MapHeaders } from '../bus-headers.js';
import type { Delivery, DeliveryOutcome } from './event-transport.js';

export type EventHandlerFn = (envelope: EventEnvelope, manager: EntityManager) => Promise<void>;

export interface ProcessorOptions {
  consumer: string;
  maxDeliver: number;
  backoffMs: number;
}

export interface ProcessorMetrics {
  redeliveries: Counter<'consumer'>;
  deadLetters: Counter<'consumer'>;
}

const MAX_BACKOFF_MS = 30_000;
const DB_RETRY_MS = 2_000;

/**
 * Handles one delivery exactly once: the handler's writes and the inbox row (consumer, event id)
 * commit in one transaction, and the transport acks only after that commit. A redelivered or
 * republished event finds its inbox row and is acked without running the handler again.
 *
 * Failures of the handler are counted in the service's database (event_failure), not by the
 * transport's delivery count, which also counts the deliveries that met a database outage and
 * the redeliveries after a crash. They are retried with exponential backoff; the failure that
 * reaches `maxDeliver` writes the event to the dead-letter table and terminates it, so the events
 * behind it keep flowing. A database that is away is not the event's fault: it is retried (every
 * DB_RETRY_MS) for as long as the outage lasts, so the transports deliver without a cap.
 */
export class EventProcessor {
  constructor(
    private readonly ds: DataSource,
    private readonly handler: EventHandlerFn,
    private readonly opts: ProcessorOptions,
    private readonly metrics: ProcessorMetrics,
    private readonly logger: Logger,
  ) {}

  process(d: Delivery): Promise<DeliveryOutcome> {
    const ctx = contextFromHeaders(new MapHeaders(d.headers));
    return requestContext.run(ctx, () => this.processInContext(d));
  }

  private async processInContext(d: Delivery): Promise<DeliveryOutcome> {
    const { consumer } = this.opts;
    if (d.deliveryCount > 1) this.metrics.redeliveries.inc({ consumer });
    try {
      await this.ds.transaction(async (manager) => {
        const inserted: unknown[] = await manager.query(
          'INSERT INTO inbox (consumer, event_id, subject) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING event_id',
          [consumer, d.envelope.id, d.envelope.subject],
        );
        if (inserted.length === 0) return; // already processed: a redelivery or a republished copy
        await this.handler(d.envelope, manager);
        // Earlier failures are forgotten with the success (a first delivery has none).
        if (d.deliveryCount > 1) await manager.query('DELETE FROM event_failure WHERE consumer = $1 AND event_id = $2', [consumer, d.envelope.id]);
      });
      return { kind: 'ack' };
    } catch (err) {
      if (isTransientDatabaseError(err)) return this.databaseAway(d, err);
      const error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
      let failures: number;
      try {
        [{ failures }] = await this.ds.query(
          `INSERT INTO event_failure (consumer, event_id, failures, last_error) VALUES ($1, $2, 1, $3)
           ON CONFLICT (consumer, event_id) DO UPDATE SET failures = event_failure.failures + 1, last_error = EXCLUDED.last_error, last_failed_at = now()
           RETURNING failures`,
          [consumer, d.envelope.id, error],
        );
      } catch (countErr) {
        // The failure could not be counted: retried without counting it (only an outage gets here).
        if (isTransientDatabaseError(countErr)) return this.databaseAway(d, countErr);
        throw countErr;
      }
      if (failures >= this.opts.maxDeliver) {
        await this.deadLetter(d, err, error, failures);
        return { kind: 'term' };
      }
      const delayMs = Math.min(this.opts.backoffMs * 2 ** (failures - 1), MAX_BACKOFF_MS);
      this.logger.warn({ err, consumer, eventId: d.envelope.id, subject: d.envelope.subject, failures, deliveryCount: d.deliveryCount, delayMs }, 'event handler failed; will redeliver');
      return { kind: 'nak', delayMs };
    }
  }

  private databaseAway(d: Delivery, err: unknown): DeliveryOutcome {
    this.logger.warn({ err: err instanceof Error ? err.message : String(err), consumer: this.opts.consumer, eventId: d.envelope.id, deliveryCount: d.deliveryCount }, 'database unavailable; event will be redelivered');
    return { kind: 'nak', delayMs: DB_RETRY_MS };
  }

  private async deadLetter(d: Delivery, err: unknown, error: string, failures: number): Promise<void> {
    const { consumer } = this.opts;
    await this.ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO dead_letter (consumer, event_id, subject, payload, headers, error, deliveries)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (consumer, event_id) DO NOTHING`,
        [consumer, d.envelope.id, d.envelope.subject, JSON.stringify(d.envelope), JSON.stringify(d.headers), error, d.deliveryCount],
      );
      await m.query('DELETE FROM event_failure WHERE consumer = $1 AND event_id = $2', [consumer, d.envelope.id]);
    });
    this.metrics.deadLetters.inc({ consumer });
    this.logger.error({ err, consumer, eventId: d.envelope.id, subject: d.envelope.subject, failures, deliveries: d.deliveryCount }, 'event dead-lettered');
  }
}
