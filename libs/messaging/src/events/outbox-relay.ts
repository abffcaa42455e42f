import { streamFor, type EventEnvelope, type ServiceName, type StreamDefinition } from '@app/contracts';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import type { EventTransport } from './event-transport.js';

export interface RelayOptions {
  databaseUrl: string;
  schema: string;
  pollIntervalMs: number;
  batchSize: number;
  retentionHours: number;
  /** How often published rows are compared with their stream (the reconciler). */
  reconcileIntervalMs: number;
}

interface OutboxRow {
  id: string;
  payload: EventEnvelope;
  headers: Record<string, string>;
}

/**
 * Moves committed outbox rows to the bus. Woken by the outbox trigger's NOTIFY, with polling as
 * the fallback; rows are claimed with FOR UPDATE SKIP LOCKED so any number of relays (instances)
 * can run; a row is marked published only after the transport acknowledged it. A crash between
 * publish and mark republishes the row: the event id is the JetStream Nats-Msg-Id and the
 * consumers' inbox key, so the copy is dropped.
 *
 * The reconciler covers a stream that lost events after acknowledging them (a wiped JetStream
 * store, a node that crashed before its disk write with one replica): each published row keeps
 * the stream's sequence and the stream's creation time; rows whose stream has since been
 * recreated, or whose sequence lies beyond the stream's end, are made pending again and
 * republished. It runs at start, after every failed publish (an outage) and every
 * `reconcileIntervalMs`.
 */
export class OutboxRelay {
  private listener?: pg.Client;
  private timer?: NodeJS.Timeout;
  private running = false;
  private wake = false;
  private stopped = true;
  private draining?: Promise<void>;
  private lastPrune = 0;
  private lastReconcile = 0;
  private reconcileNeeded = true;
  /** Consecutive failed passes, and when one was last logged. */
  private failedPasses = 0;
  private lastFailureLog = 0;
  private readonly stream: StreamDefinition;
  /** The stream's identity when last looked at; rows published now are labelled with it. */
  private streamCreated?: string;

  constructor(
    private readonly ds: DataSource,
    private readonly transport: EventTransport,
    private readonly opts: RelayOptions,
    private readonly logger: Logger,
  ) {
    this.stream = streamFor(opts.schema as ServiceName);
  }

  async start(): Promise<void> {
    this.stopped = false;
    // The stream is this service's to create, and its consumers (other services) wait for it: one
    // attempt now, so that it exists when the next service starts; while JetStream is away, every
    // pass tries again.
    await this.transport.ensureStream(this.stream, { patienceMs: 0 }).catch((err: unknown) => {
      this.logger.warn({ err: err instanceof Error ? err.message : String(err) }, 'JetStream did not answer; the stream is created on a later pass');
    });
    await this.listen();
    this.timer = setInterval(() => this.kick(), this.opts.pollIntervalMs);
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.draining;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.opts.databaseUrl, application_name: `${this.opts.schema}-outbox-relay` });
    client.on('notification', () => this.kick());
    client.on('error', (err) => {
      if (this.stopped) return;
      // Polling keeps the relay going; the listener is re-established on the next tick.
      this.logger.warn({ err }, 'outbox listener lost; falling back to polling');
      this.listener = undefined;
    });
    await client.connect();
    await client.query(`LISTEN "outbox_${this.opts.schema}"`);
    this.listener = client;
  }

  private kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.wake = true;
      return;
    }
    this.running = true;
    this.draining = (async () => {
      try {
        if (!this.listener) await this.listen().catch(() => undefined);
        // The service's stream exists, with the configured settings, before the first publish
        // (one attempt per pass: while JetStream is away the rows wait and the pass retries).
        await this.transport.ensureStream(this.stream, { patienceMs: 0 });
        await this.reconcileIfDue();
        do {
          this.wake = false;
          while (!this.stopped && (await this.relayBatch()) === this.opts.batchSize);
        } while (this.wake && !this.stopped);
        await this.pruneIfDue();
        if (this.failedPasses > 0) this.logger.info({ failedPasses: this.failedPasses }, 'outbox relay recovered');
        this.failedPasses = 0;
      } catch (err) {
        // A pass runs every poll interval: during an outage, say so once and then every 30 s.
        if (this.failedPasses++ === 0 || Date.now() - this.lastFailureLog >= 30_000) {
          this.lastFailureLog = Date.now();
          this.logger.warn({ err, failedPasses: this.failedPasses }, 'outbox relay pass failed; will retry');
        }
      } finally {
        this.running = false;
      }
    })();
  }

  /** Claims, publishes and marks one batch; returns the number of rows claimed. */
  private async relayBatch(): Promise<number> {
    const runner = this.ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: OutboxRow[] = await runner.query(
        'SELECT id, payload, headers FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED',
        [this.opts.batchSize],
      );
      if (rows.length === 0) {
        await runner.commitTransaction();
        return 0;
      }
      const results = await Promise.allSettled(rows.map((r) => this.transport.publish(r.payload, r.headers)));
      const published = rows.flatMap((r, i) => {
        const result = results[i];
        return result.status === 'fulfilled' ? [{ id: r.id, seq: result.value.streamSeq ?? null }] : [];
      });
      const failed = rows
        .map((r, i) => ({ id: r.id, result: results[i] }))
        .filter((x): x is { id: string; result: PromiseRejectedResult } => x.result.status === 'rejected');
      if (published.length) {
        // clock_timestamp(): when the ack was in hand (the reconciler compares it with when it read the stream).
        await runner.query(
          `UPDATE outbox o SET published_at = clock_timestamp(), attempts = attempts + 1, stream_seq = p.seq, stream_created = $3
             FROM unnest($1::uuid[], $2::bigint[]) AS p(id, seq) WHERE o.id = p.id`,
          [published.map((p) => p.id), published.map((p) => p.seq), published[0].seq === null ? null : (this.streamCreated ?? null)],
        );
      }
      for (const f of failed) {
        await runner.query('UPDATE outbox SET attempts = attempts + 1, last_error = $2 WHERE id = $1', [f.id, String(f.result.reason?.message ?? f.result.reason)]);
      }
      await runner.commitTransaction();
      if (failed.length) {
        this.reconcileNeeded = true;
        // The pass ends here (back off until the next tick); the rows stay pending.
        throw new Error(`publishing ${failed.length} of ${rows.length} outbox rows failed: ${String(failed[0].result.reason?.message ?? failed[0].result.reason)}`);
      }
      return rows.length;
    } catch (err) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      throw err;
    } finally {
      await runner.release();
    }
  }

  private async reconcileIfDue(): Promise<void> {
    if (!this.transport.streamPosition) return;
    if (!this.reconcileNeeded && Date.now() - this.lastReconcile < this.opts.reconcileIntervalMs) return;
    await this.reconcile();
  }

  /**
   * Makes pending again every published row the stream no longer holds; returns how many. Rows
   * of the retention period only (older ones are pruned, and the stream's max_age matches).
   */
  async reconcile(): Promise<number> {
    if (!this.transport.streamPosition) return 0;
    // Only rows marked before the stream was looked at: a row another instance publishes meanwhile
    // may lie beyond the end we read, without being lost.
    const [{ asOf }]: { asOf: Date }[] = await this.ds.query('SELECT now() AS "asOf"');
    const position = await this.transport.streamPosition(this.stream);
    const [{ n }]: { n: number }[] = await this.ds.query(
      `WITH lost AS (
         UPDATE outbox SET published_at = NULL, stream_seq = NULL, stream_created = NULL
          WHERE published_at < $3 AND stream_created IS NOT NULL AND (stream_created <> $1 OR stream_seq > $2)
          RETURNING id)
       SELECT count(*)::int AS n FROM lost`,
      [position.created, position.lastSeq, asOf],
    );
    this.streamCreated = position.created;
    this.reconcileNeeded = false;
    this.lastReconcile = Date.now();
    if (n > 0) {
      this.logger.warn({ events: n, streamCreated: position.created, lastSeq: position.lastSeq }, 'the stream lost published events; republishing them');
    }
    return n;
  }

  private async pruneIfDue(): Promise<void> {
    if (Date.now() - this.lastPrune < 600_000) return;
    this.lastPrune = Date.now();
    await this.ds.query(`DELETE FROM outbox WHERE published_at < now() - make_interval(hours => $1)`, [this.opts.retentionHours]);
  }
}
