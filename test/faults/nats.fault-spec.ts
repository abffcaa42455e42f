import { waitFor } from '@app/testing';
import { connect } from '@nats-io/transport-node';
import { randomUUID } from 'node:crypto';
import { expectClean, FaultRig, report } from './fault-rig.js';

const DUPLICATE_WINDOW_S = 5;

/**
 * NATS faults on the 3-node cluster (streams at 3 replicas): PostgreSQL is the source of truth,
 * the outbox holds what the bus could not take, the reconciler republishes what the bus lost.
 */
describe('NATS faults', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await FaultRig.start('nats', 13200, { env: { STREAM_DUPLICATE_WINDOW_S: String(DUPLICATE_WINDOW_S), EVENTS_MAX_DELIVER: '4' } });
  });
  afterAll(async () => {
    await rig?.stop();
  });

  /** Samples the outbox backlog while `work` runs; returns the largest seen. */
  async function maxBacklogDuring(work: Promise<unknown>): Promise<number> {
    let max = 0;
    let done = false;
    void work.finally(() => (done = true));
    while (!done) {
      max = Math.max(max, await rig.backlog().catch(() => 0));
      await new Promise((r) => setTimeout(r, 200));
    }
    return max;
  }

  it('one node killed mid-stream, then all three killed and restarted: the backlog drains, nothing lost or doubled', async () => {
    const nats = rig.cluster.nats!;
    const steps: string[] = [];
    const load = rig.load('nodes', 600, 8, {
      retryForMs: 180_000,
      onProgress: (done) => {
        if (done === 150) void nats.nodes[0].kill('SIGKILL').then(() => steps.push('n1 killed'));
        if (done === 250) {
          nats.nodes[0].start();
          steps.push('n1 restarted');
        }
        if (done === 350)
          void Promise.all(nats.nodes.map((n) => n.kill('SIGKILL'))).then(async () => {
            steps.push('all killed');
            await new Promise((r) => setTimeout(r, 3000));
            for (const n of nats.nodes) n.start();
            steps.push('all restarted');
          });
      },
    });
    const maxBacklog = await maxBacklogDuring(load);
    await waitFor('the outbox backlog to drain', async () => (await rig.backlog()) === 0, 120_000, 500);
    const t = await rig.tally('nodes');
    const d = await rig.downstream('nodes');
    report('one NATS node SIGKILLed mid-stream, then all three, restarted', t, { 'largest outbox backlog': maxBacklog, 'backlog after': 0, 'arrived at handling unit': d.arrived, 'on the agents workbench': d.workbench, 'hops taken twice': d.hopsTwice, 'dead letters': d.deadLetters });
    expect(steps).toEqual(['n1 killed', 'n1 restarted', 'all killed', 'all restarted']);
    expectClean(t, d);
  });

  it('JetStream without quorum: submissions are still accepted; the relays SIGKILLed between commit and publish deliver once after restart', async () => {
    const nats = rig.cluster.nats!;
    // Two of three nodes down: no JetStream quorum, but the third still carries requests.
    await nats.nodes[1].kill('SIGKILL');
    await nats.nodes[2].kill('SIGKILL');
    // A service restarted now starts without JetStream: it answers requests at once and reports
    // its consumers unbound (degraded) until JetStream is back.
    const [agents] = rig.cluster.instances('agents');
    await agents.stop();
    agents.start();
    const restarted = await waitFor(
      'the restarted agents service to answer while JetStream has no quorum',
      async () => {
        const res = await fetch(rig.url('/health/agents'), { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
        const body = res?.status === 200 ? ((await res.json()) as { instance: string; status: string; consumers: { bound: number; total: number } }) : undefined;
        return body && body.instance.endsWith(`:${agents.pid}`) ? body : undefined;
      },
      45_000,
      300,
    );
    expect(restarted).toMatchObject({ status: 'degraded', consumers: { bound: 0 } });
    expect(restarted.consumers.total).toBeGreaterThan(0);
    const outcomes = await rig.load('quorum', 100, 8, { retryForMs: 60_000 });
    expect(outcomes.every((o) => o.caseId)).toBe(true);
    const pending = await rig.backlog();
    expect(pending).toBeGreaterThan(0); // committed, not published: the outbox holds them
    // Both cases instances (their relays hold committed, unpublished rows) die.
    for (const p of rig.cluster.instances('cases')) await p.kill('SIGKILL');
    nats.nodes[1].start();
    nats.nodes[2].start();
    await nats.waitReady(60_000);
    for (const p of rig.cluster.instances('cases')) p.start();
    await rig.cluster.waitHealthy();
    await waitFor('the outbox backlog to drain', async () => (await rig.backlog()) === 0, 120_000, 500);
    const t = await rig.tally('quorum');
    const d = await rig.downstream('quorum');
    report('JetStream without quorum, both cases relays SIGKILLed between commit and publish', t, { 'agents restarted without JetStream, consumers bound': `${restarted.consumers.bound}/${restarted.consumers.total}`, 'pending in the outbox': pending, 'arrived at handling unit': d.arrived, 'on the agents workbench': d.workbench, 'hops taken twice': d.hopsTwice, 'dead letters': d.deadLetters });
    expectClean(t, d);
  });

  it('NATS away longer than the duplicate window while submissions continue, then the JetStream store wiped: the reconciler republishes, still exactly once', async () => {
    const nats = rig.cluster.nats!;
    await rig.load('wipe', 150, 8); // delivered before the outage
    await rig.downstream('wipe');
    const before = await streamLabels();
    // JetStream goes (quorum lost); submissions go on being accepted for longer than the window.
    await nats.nodes[1].kill('SIGKILL');
    await nats.nodes[2].kill('SIGKILL');
    const started = Date.now();
    let i = 150;
    while (Date.now() - started < (DUPLICATE_WINDOW_S + 3) * 1000) {
      const batch = await Promise.all(Array.from({ length: 8 }, () => rig.submit(`wipe-${i++}`, { itemCode: i % 3 === 0 ? 'F-D' : 'F-V', retryForMs: 60_000 })));
      expect(batch.every((o) => o.caseId)).toBe(true);
    }
    const pending = await rig.backlog();
    // Then the whole cluster goes, and its store with it.
    await nats.nodes[0].kill('SIGKILL');
    for (const n of nats.nodes) n.wipe();
    for (const n of nats.nodes) n.start();
    await nats.waitReady(60_000);
    await rig.cluster.waitHealthy();
    await waitFor('the outbox backlog to drain', async () => (await rig.backlog()) === 0, 180_000, 500);
    const t = await rig.tally('wipe');
    const d = await rig.downstream('wipe', 240_000);
    // Rows published before the outage that now point into the new stream: the reconciler's work.
    const after = await streamLabels();
    const republished = [...before].filter(([id, created]) => after.get(id) !== created).length;
    report('NATS away > duplicate window with submissions going on, JetStream store wiped', t, { 'pending in the outbox': pending, 'republished after the wipe': republished, 'arrived at handling unit': d.arrived, 'on the agents workbench': d.workbench, 'hops taken twice': d.hopsTwice, 'dead letters': d.deadLetters });
    expect(republished).toBeGreaterThan(0); // the reconciler did put the lost events back
    expectClean(t, d);
  });

  it('an app may publish only its own subjects (per-app NATS users)', async () => {
    const agents = rig.cluster.natsUsers!.find((u) => u.user === 'agents')!;
    const nc = await connect({ servers: rig.cluster.natsUrl.split(','), user: agents.user, pass: agents.password });
    const errors: string[] = [];
    void (async () => {
      for await (const s of nc.status()) if (s.type === 'error') errors.push(String(s.error));
    })();
    nc.publish('v1.agents.probe.sent', '{}'); // its own subject: allowed
    await nc.flush();
    expect(errors).toEqual([]);
    nc.publish('v1.cases.case.submitted', '{}'); // another service's event: refused
    await nc.flush().catch(() => undefined);
    await waitFor('the permission violation', async () => errors.some((e) => /permissions violation/i.test(e)), 5000, 50);
    // It consumes the cases stream, but may not change it (only cases, its producer, may).
    errors.length = 0;
    nc.publish('$JS.API.STREAM.UPDATE.EVENTS_CASES', '{}');
    await nc.flush().catch(() => undefined);
    await waitFor('the permission violation on the JetStream API', async () => errors.some((e) => /permissions violation.*STREAM\.UPDATE\.EVENTS_CASES/i.test(e)), 5000, 50);
    await nc.close();
    await expect(connect({ servers: rig.cluster.natsUrl.split(','), user: 'agents', pass: 'wrong', maxReconnectAttempts: 0, reconnect: false })).rejects.toThrow(/auth/i);
  });

  it('a poison event dead-letters after max_deliver while the rest flows, and the metric shows 1', async () => {
    const [sample] = (await rig.db.query(`SELECT subject, payload, headers FROM cases.outbox WHERE subject LIKE 'v1.cases.case.submitted%' LIMIT 1`)).rows;
    const id = randomUUID();
    // A submitted event the agents' workbench cannot take (its case id is not a uuid), every time.
    const payload = { ...sample.payload, id, data: { ...sample.payload.data, id: 'not-a-uuid' } };
    await rig.db.query('INSERT INTO cases.outbox (id, subject, payload, headers) VALUES ($1, $2, $3, $4)', [id, sample.subject, payload, sample.headers]);
    await rig.load('poison', 60, 8);
    const d = await waitFor('the dead letter', async () => {
      const { rows } = await rig.db.query('SELECT deliveries FROM agents.dead_letter WHERE event_id = $1', [id]);
      return rows[0];
    }, 60_000);
    const t = await rig.tally('poison');
    const flow = await rig.downstream('poison').catch(() => undefined);
    const metrics = await (await fetch(rig.url('/metrics'))).text();
    const metric = /events_dead_letters\{service="agents"\} (\d+)/.exec(metrics)?.[1];
    report('a poison event among 60 submissions', t, { 'dead letters': 1, deliveries: d.deliveries, 'events_dead_letters{service="agents"}': metric ?? 'missing' });
    expect(d.deliveries).toBe(4);
    expect(metric).toBe('1');
    expect(flow).toMatchObject({ cases: 60, arrived: 60, workbench: 60, hopsTwice: 0, deadLetters: 1 });
    expect(t).toMatchObject({ acknowledged: 60, stored: 60, duplicates: 0, lost: 0 });
  });

  /** Every published outbox row of every service: event id → the stream (creation time) it went to. */
  async function streamLabels(): Promise<Map<string, string>> {
    const parts = ['identity', 'catalogue', 'routing', 'cases', 'agents'].map((schema) => `SELECT id::text, stream_created FROM ${schema}.outbox WHERE published_at IS NOT NULL`);
    const { rows } = await rig.db.query(parts.join(' UNION ALL '));
    return new Map(rows.map((r: { id: string; stream_created: string }) => [r.id, r.stream_created]));
  }
});
