import { streamFor, type EventEnvelope } from '@app/contracts';
import { createServiceDataSource, migrateSchema } from '@app/persistence';
import { createTestDatabase, deleteNamespaceStreams, describeEachBus, describeNats, testNatsUrl, uniqueNamespace, waitFor, type BusKind, type TestDatabase } from '@app/testing';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import type { DataSource, EntityManager } from 'typeorm';
import { registerMessagingMetrics } from './messaging-metrics.js';
import { MESSAGING_MIGRATIONS } from './messaging-tables.migration.js';
import { EventConsumers } from './events/event-consumers.js';
import { EventProcessor } from './events/event-processor.js';
import type { EventTransport } from './events/event-transport.js';
import { OutboxRelay } from './events/outbox-relay.js';
import { OutboxWriter } from './events/outbox-writer.js';
import { InProcessHub } from './in-process/in-process-hub.js';
import { InProcessEventTransport } from './in-process/in-process.transport.js';
import { JetStreamTransport } from './nats/jetstream.transport.js';

const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const MAX_DELIVER = 3;

/**
 * The producer is `cases`, the consumer `agents`, each in its own schema of a fresh database.
 * The consumer's handler records each event it processes in `agents.received`, in the
 * consumer's transaction, so the row count is the number of times an event took effect.
 */
interface Rig {
  db: TestDatabase;
  producerDs: DataSource;
  consumerDs: DataSource;
  writer: OutboxWriter;
  relay: OutboxRelay;
  consumers: EventConsumers;
  metrics: Registry;
  transport: EventTransport;
  namespace: string;
  /** Per event id: how many times the handler should still fail before succeeding (Infinity: poison). */
  failures: Map<string, number>;
  calls: Map<string, number>;
  close(): Promise<void>;
}

async function dataSource(url: string, schema: string): Promise<DataSource> {
  const ds = await createServiceDataSource({ url, schema, poolSize: 4, migrations: MESSAGING_MIGRATIONS, applicationName: `test-${schema}` }).initialize();
  await migrateSchema(ds, { log: () => undefined });
  return ds;
}

async function transportFor(kind: BusKind, namespace: string, hub: InProcessHub, conns: NatsConnection[]): Promise<EventTransport> {
  if (kind === 'in-process') return new InProcessEventTransport(hub);
  const nc = await connect({ servers: testNatsUrl!.split(',') });
  conns.push(nc);
  return new JetStreamTransport(nc, { replicas: 1, duplicateWindowS: 120, maxAgeDays: 1, concurrency: 4, namespace }, logger);
}

async function makeRig(kind: BusKind): Promise<Rig> {
  const db = await createTestDatabase();
  const producerDs = await dataSource(db.url, 'cases');
  const consumerDs = await dataSource(db.url, 'agents');
  await consumerDs.query('CREATE TABLE received (event_id uuid NOT NULL, subject text NOT NULL, received_at timestamptz NOT NULL DEFAULT now())');
  const namespace = uniqueNamespace();
  const hub = new InProcessHub();
  const conns: NatsConnection[] = [];
  const transport = await transportFor(kind, namespace, hub, conns);
  await transport.ensureStream(streamFor('cases'));
  const metrics = new Registry();
  const failures = new Map<string, number>();
  const calls = new Map<string, number>();
  const consumers = new EventConsumers(
    'agents',
    consumerDs,
    transport,
    { maxDeliver: MAX_DELIVER, backoffMs: 20, ackWaitMs: 5000 },
    registerMessagingMetrics(metrics, consumerDs),
    logger,
  );
  consumers.register({
    name: 'test-cases',
    from: 'cases',
    filter: 'v1.cases.case.*',
    handle: async (e: EventEnvelope, manager: EntityManager) => {
      calls.set(e.id, (calls.get(e.id) ?? 0) + 1);
      await manager.query('INSERT INTO received (event_id, subject) VALUES ($1, $2)', [e.id, e.subject]);
      const left = failures.get(e.id) ?? 0;
      if (left > 0) {
        failures.set(e.id, left - 1);
        throw new Error(`planned failure of ${e.id}`);
      }
    },
  });
  await consumers.start();
  const relay = new OutboxRelay(producerDs, transport, { databaseUrl: db.url, schema: 'cases', pollIntervalMs: 100, batchSize: 50, retentionHours: 1, reconcileIntervalMs: 60_000 }, logger);
  return {
    db,
    producerDs,
    consumerDs,
    writer: new OutboxWriter('cases'),
    relay,
    consumers,
    metrics,
    transport,
    namespace,
    failures,
    calls,
    close: async () => {
      await relay.stop();
      await consumers.stop();
      hub.close();
      for (const nc of conns) await nc.close();
      if (kind === 'nats') await deleteNamespaceStreams(namespace);
      await producerDs.destroy();
      await consumerDs.destroy();
      await db.drop();
    },
  };
}

async function emit(rig: Rig, n = 1): Promise<string[]> {
  return rig.producerDs.transaction(async (m) => {
    const ids: string[] = [];
    for (let i = 0; i < n; i++) ids.push((await rig.writer.append(m, 'v1.cases.case.submitted', { i })).id);
    return ids;
  });
}

async function receivedCount(rig: Rig, id: string): Promise<number> {
  const [row] = await rig.consumerDs.query('SELECT count(*)::int AS n FROM received WHERE event_id = $1', [id]);
  return row.n;
}

async function allReceivedOnce(rig: Rig, ids: string[]): Promise<boolean> {
  const rows: { event_id: string; n: number }[] = await rig.consumerDs.query('SELECT event_id, count(*)::int AS n FROM received WHERE event_id = ANY($1::uuid[]) GROUP BY event_id', [ids]);
  return rows.length === ids.length && rows.every((r) => r.n === 1);
}

describeEachBus('durable events', (kind) => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await makeRig(kind);
  });
  afterEach(async () => {
    await rig.close();
  });

  it('never delivers an event written in a rolled-back transaction', async () => {
    let rolledBack = '';
    await expect(
      rig.producerDs.transaction(async (m) => {
        rolledBack = (await rig.writer.append(m, 'v1.cases.case.submitted', { doomed: true })).id;
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');
    const [marker] = await emit(rig);
    await rig.relay.start();
    await waitFor('the marker event', async () => (await receivedCount(rig, marker)) === 1);
    expect(await receivedCount(rig, rolledBack)).toBe(0);
    expect(rig.calls.has(rolledBack)).toBe(false);
    const [outbox] = await rig.producerDs.query('SELECT count(*)::int AS n FROM outbox WHERE id = $1', [rolledBack]);
    expect(outbox.n).toBe(0);
  });

  it('processes an event exactly once when the consumer fails twice, then succeeds', async () => {
    const [id] = await emit(rig);
    rig.failures.set(id, 2);
    await rig.relay.start();
    await waitFor('the event to be processed', async () => (await receivedCount(rig, id)) === 1);
    expect(rig.calls.get(id)).toBe(3);
    const [inbox] = await rig.consumerDs.query('SELECT count(*)::int AS n FROM inbox WHERE event_id = $1', [id]);
    expect(inbox.n).toBe(1);
    expect(await rig.metrics.getSingleMetricAsString('events_redeliveries_total')).toMatch(/events_redeliveries_total\{consumer="agents-test-cases"\} 2/);
  });

  it('processes an event published twice once', async () => {
    const [id] = await emit(rig);
    await rig.relay.start();
    await waitFor('the first delivery', async () => (await receivedCount(rig, id)) === 1);
    // As if the relay had crashed after publishing but before marking: the row goes out again.
    await rig.producerDs.query('UPDATE outbox SET published_at = NULL WHERE id = $1', [id]);
    const [again] = await emit(rig); // wakes the relay; also proves the stream still flows
    await waitFor('the second event', async () => (await receivedCount(rig, again)) === 1);
    await waitFor('the row republished', async () => {
      const [r] = await rig.producerDs.query('SELECT published_at FROM outbox WHERE id = $1', [id]);
      return r.published_at !== null;
    });
    expect(await receivedCount(rig, id)).toBe(1);
    expect(rig.calls.get(id)).toBe(1);
  });

  it('dead-letters a poison event after max_deliver while the events behind it flow', async () => {
    const [poison] = await emit(rig);
    rig.failures.set(poison, Number.POSITIVE_INFINITY);
    const behind = await emit(rig, 5);
    await rig.relay.start();
    await waitFor('the events behind the poison', () => allReceivedOnce(rig, behind));
    const dead = await waitFor('the dead letter', async () => {
      const rows = await rig.consumerDs.query('SELECT consumer, subject, deliveries, error FROM dead_letter WHERE event_id = $1', [poison]);
      return rows[0];
    });
    expect(dead).toMatchObject({ consumer: 'agents-test-cases', subject: 'v1.cases.case.submitted', deliveries: MAX_DELIVER });
    expect(dead.error).toContain('planned failure');
    expect(rig.calls.get(poison)).toBe(MAX_DELIVER);
    expect(await receivedCount(rig, poison)).toBe(0);
    expect((await rig.consumerDs.query('SELECT count(*)::int AS n FROM event_failure WHERE event_id = $1', [poison]))[0].n).toBe(0);
    expect(await rig.metrics.getSingleMetricAsString('events_dead_letters')).toMatch(/events_dead_letters 1$/m);
  });

  it('delivers what was published before a consumer existed, once it starts (streams keep events)', async () => {
    const ids = await emit(rig, 3);
    await rig.relay.start();
    await waitFor('the first consumer', () => allReceivedOnce(rig, ids));
    await rig.consumerDs.query('CREATE TABLE received_late (event_id uuid NOT NULL)');
    const late = new EventConsumers('agents', rig.consumerDs, rig.transport, { maxDeliver: MAX_DELIVER, backoffMs: 20, ackWaitMs: 5000 }, registerMessagingMetrics(new Registry(), rig.consumerDs), logger);
    late.register({
      name: 'late',
      from: 'cases',
      filter: 'v1.cases.case.*',
      handle: async (e, m) => {
        await m.query('INSERT INTO received_late (event_id) VALUES ($1)', [e.id]);
      },
    });
    await late.start();
    try {
      await waitFor('the late consumer', async () => {
        const rows = await rig.consumerDs.query('SELECT event_id FROM received_late');
        return rows.length === ids.length;
      });
      expect((await rig.consumerDs.query('SELECT event_id FROM received_late ORDER BY event_id')).map((r: { event_id: string }) => r.event_id)).toEqual([...ids].sort());
    } finally {
      await late.stop();
    }
  });

  it('delivers once after the relay is SIGKILLed between claiming committed rows and publishing them', async () => {
    const ids = await emit(rig, 3);
    const child = await startRelayChild(rig, 'before-publish');
    await child.waitFor('CLAIMED', ids.length);
    child.process.kill('SIGKILL');
    await child.exited;
    await rig.relay.start();
    await waitFor('every event after the restart', () => allReceivedOnce(rig, ids));
    for (const id of ids) expect(rig.calls.get(id)).toBe(1);
  });

  it('never dead-letters an event for a database outage, however many deliveries it took', async () => {
    let outage = true;
    const processor = new EventProcessor(
      rig.consumerDs,
      async (e, m) => {
        if (outage) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
        await m.query('INSERT INTO received (event_id, subject) VALUES ($1, $2)', [e.id, e.subject]);
      },
      { consumer: 'agents-outage', maxDeliver: MAX_DELIVER, backoffMs: 10 },
      registerMessagingMetrics(new Registry(), rig.consumerDs),
      logger,
    );
    const envelope: EventEnvelope = { id: randomUUID(), subject: 'v1.cases.case.submitted', producer: 'cases', occurredAt: new Date().toISOString(), data: {} };
    const during = await processor.process({ envelope, headers: {}, deliveryCount: MAX_DELIVER + 3 });
    expect(during.kind).toBe('nak');
    expect((await rig.consumerDs.query('SELECT count(*)::int AS n FROM dead_letter WHERE event_id = $1', [envelope.id]))[0].n).toBe(0);
    outage = false;
    expect((await processor.process({ envelope, headers: {}, deliveryCount: MAX_DELIVER + 4 })).kind).toBe('ack');
    expect(await receivedCount(rig, envelope.id)).toBe(1);
  });

  it('counts handler failures, not deliveries: an event that waited out an outage still gets its retries', async () => {
    let failuresLeft = MAX_DELIVER - 1;
    const processor = new EventProcessor(
      rig.consumerDs,
      async (e, m) => {
        if (failuresLeft-- > 0) throw new Error('the referenced case is not there yet');
        await m.query('INSERT INTO received (event_id, subject) VALUES ($1, $2)', [e.id, e.subject]);
      },
      { consumer: 'agents-after-outage', maxDeliver: MAX_DELIVER, backoffMs: 10 },
      registerMessagingMetrics(new Registry(), rig.consumerDs),
      logger,
    );
    const envelope: EventEnvelope = { id: randomUUID(), subject: 'v1.cases.case.submitted', producer: 'cases', occurredAt: new Date().toISOString(), data: {} };
    // The transport has delivered it many times already (naks during a database outage).
    const outcomes = [];
    for (let delivery = MAX_DELIVER + 10; outcomes.at(-1) !== 'ack' && outcomes.length <= MAX_DELIVER; delivery++) {
      outcomes.push((await processor.process({ envelope, headers: {}, deliveryCount: delivery })).kind);
    }
    expect(outcomes).toEqual([...Array(MAX_DELIVER - 1).fill('nak'), 'ack']);
    expect(await receivedCount(rig, envelope.id)).toBe(1);
    const left = await rig.consumerDs.query('SELECT count(*)::int AS n FROM event_failure WHERE event_id = $1', [envelope.id]);
    expect(left[0].n).toBe(0); // forgotten with the success
    expect((await rig.consumerDs.query('SELECT count(*)::int AS n FROM dead_letter WHERE event_id = $1', [envelope.id]))[0].n).toBe(0);
  });

  it('redelivers to an idempotent inbox: the same delivery processed twice takes effect once', async () => {
    const processor = new EventProcessor(
      rig.consumerDs,
      async (e, m) => {
        await m.query('INSERT INTO received (event_id, subject) VALUES ($1, $2)', [e.id, e.subject]);
      },
      { consumer: 'agents-direct', maxDeliver: MAX_DELIVER, backoffMs: 10 },
      registerMessagingMetrics(new Registry(), rig.consumerDs),
      logger,
    );
    const envelope: EventEnvelope = { id: randomUUID(), subject: 'v1.cases.case.submitted', producer: 'cases', occurredAt: new Date().toISOString(), data: {} };
    const outcomes = await Promise.all([1, 1, 2].map((deliveryCount) => processor.process({ envelope, headers: {}, deliveryCount })));
    expect(outcomes.map((o) => o.kind)).toEqual(['ack', 'ack', 'ack']);
    expect(await receivedCount(rig, envelope.id)).toBe(1);
  });
});

describeNats('outbox relay crash after publishing [NATS]', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await makeRig('nats');
  });
  afterEach(async () => {
    await rig.close();
  });

  it('delivers once when the relay is SIGKILLed after JetStream acked but before the rows were marked', async () => {
    const ids = await emit(rig, 3);
    const child = await startRelayChild(rig, 'after-publish');
    await child.waitFor('PUBLISHED', ids.length);
    child.process.kill('SIGKILL');
    await child.exited;
    const [pending] = await rig.producerDs.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
    expect(pending.n).toBe(3); // the kill left them unmarked: they will be published again
    await rig.relay.start();
    await waitFor('every event', () => allReceivedOnce(rig, ids));
    await waitFor('the rows marked', async () => (await rig.producerDs.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))[0].n === 0);
    for (const id of ids) expect(rig.calls.get(id)).toBe(1);
  });
});

describeNats('outbox reconciler: a stream that lost acknowledged events [NATS]', () => {
  let rig: Rig;
  beforeEach(async () => {
    rig = await makeRig('nats');
  });
  afterEach(async () => {
    await rig.close();
  });

  const streamName = () => `${rig.namespace.toUpperCase()}_${streamFor('cases').name}`;
  async function deleteStream(): Promise<void> {
    const nc = await connect({ servers: testNatsUrl!.split(',') });
    try {
      await (await jetstreamManager(nc)).streams.delete(streamName());
    } finally {
      await nc.close();
    }
  }
  const pending = async () => (await rig.producerDs.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))[0].n;

  it('labels every published row with its stream position', async () => {
    const ids = await emit(rig, 3);
    await rig.relay.start();
    await waitFor('every event', () => allReceivedOnce(rig, ids));
    await waitFor('the rows marked', async () => (await pending()) === 0);
    const rows: { stream_seq: string; stream_created: string }[] = await rig.producerDs.query('SELECT stream_seq, stream_created FROM outbox ORDER BY seq');
    expect(rows.map((r) => Number(r.stream_seq))).toEqual([1, 2, 3]);
    expect(new Set(rows.map((r) => r.stream_created)).size).toBe(1);
    expect(await rig.relay.reconcile()).toBe(0); // nothing lost: nothing republished
  });

  it('republishes what a wiped stream held, and every consumer gets each event once', async () => {
    // Delivered before the wipe: the consumer has them in its inbox.
    const before = await emit(rig, 3);
    await rig.relay.start();
    await waitFor('the events before the wipe', () => allReceivedOnce(rig, before));
    await waitFor('the rows marked', async () => (await pending()) === 0);
    // Published but not yet consumed when the store went: the consumer is stopped.
    await rig.consumers.stop();
    const unseen = await emit(rig, 4);
    await waitFor('the unseen events published', async () => (await pending()) === 0);
    await deleteStream();
    // The consumers come back to a store without their stream or durable: they wait until the
    // producer's reconciler has recreated the stream, then recreate their durable.
    await rig.consumers.start();
    const republished = await rig.relay.reconcile();
    expect(republished).toBe(before.length + unseen.length);
    const after = await emit(rig, 2); // wakes the relay; new events flow too
    await waitFor('every event, once', () => allReceivedOnce(rig, [...before, ...unseen, ...after]), 30_000);
    for (const id of [...before, ...unseen, ...after]) expect(rig.calls.get(id)).toBe(1);
    await waitFor('the rows marked again', async () => (await pending()) === 0);
    expect(await rig.relay.reconcile()).toBe(0);
  });

  it('republishes rows whose sequence lies beyond the end of the stream', async () => {
    const ids = await emit(rig, 3);
    await rig.relay.start();
    await waitFor('every event', () => allReceivedOnce(rig, ids));
    await waitFor('the rows marked', async () => (await pending()) === 0);
    // As if the node had lost its last write: the row claims a position the stream never reached.
    await rig.producerDs.query('UPDATE outbox SET stream_seq = stream_seq + 100 WHERE id = $1', [ids[2]]);
    expect(await rig.relay.reconcile()).toBe(1);
    await emit(rig); // wakes the relay
    await waitFor('the row republished', async () => (await pending()) === 0);
    expect(rig.calls.get(ids[2])).toBe(1); // JetStream's duplicate window and the inbox drop the copy
  });
});

interface RelayChild {
  process: ChildProcess;
  exited: Promise<void>;
  waitFor(word: string, count: number): Promise<void>;
}

async function startRelayChild(rig: Rig, mode: 'before-publish' | 'after-publish'): Promise<RelayChild> {
  const child = spawn(process.execPath, ['test/fixtures/relay-child.mjs', rig.db.url, 'cases', mode, testNatsUrl ?? '', rig.namespace], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return {
    process: child,
    exited,
    waitFor: async (word, count) => {
      await waitFor(`${count} × ${word} from the relay child`, async () => out.split('\n').filter((l) => l.startsWith(word)).length >= count);
    },
  };
}
