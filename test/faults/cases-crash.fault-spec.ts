import { waitFor } from '@app/testing';
import pg from 'pg';
import { APPLICANT_ID, expectClean, FaultRig, report } from './fault-rig.js';

/**
 * Process crashes and stops under load, on a 3-node NATS cluster with two instances of cases and
 * routing: nothing acknowledged is lost, nothing is stored or delivered twice.
 */
describe('process faults under load', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await FaultRig.start('processes', 13100);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('SIGKILL of one cases instance while 1,000 submissions are in flight', async () => {
    const [cases1] = rig.cluster.instances('cases');
    let killedAt = 0;
    const load = rig.load('kill', 1000, 16, {
      onProgress: (done) => {
        if (done === 300 && !killedAt) {
          killedAt = done;
          void cases1.kill('SIGKILL');
        }
      },
    });
    await load;
    expect(killedAt).toBe(300);
    cases1.start();
    await cases1.waitReady(); // the next test signals it: it must have started by then
    const t = await rig.tally('kill');
    const d = await rig.downstream('kill');
    report('SIGKILL one cases instance during 1,000 submissions', t, { 'arrived at handling unit': d.arrived, 'on the agents workbench': d.workbench, 'hops taken twice': d.hopsTwice, 'dead letters': d.deadLetters });
    expectClean(t, d);
  });

  it('SIGTERM of each service under load: in-flight work finishes or is retried', async () => {
    const order = ['cases', 'routing', 'agents', 'identity', 'catalogue', 'gateway'] as const;
    let step = 0;
    const exits: string[] = [];
    const load = rig.load('term', 600, 8, { retryForMs: 120_000 });
    for (const app of order) {
      await new Promise((r) => setTimeout(r, 1500));
      const [first] = rig.cluster.instances(app);
      await first.stop(); // SIGTERM; the process drains and exits on its own
      exits.push(`${first.id}:${first.lastExit?.signal ?? first.lastExit?.code}`);
      first.start();
      await first.waitReady();
      step++;
    }
    await load;
    await rig.cluster.waitHealthy();
    expect(step).toBe(order.length);
    // Each exited by itself with 0 after draining, none had to be SIGKILLed after the grace period.
    expect(exits).toEqual(order.map((app) => `${app}-1:0`));
    const t = await rig.tally('term');
    const d = await rig.downstream('term');
    report('SIGTERM of every service in turn during 600 submissions', t, { 'arrived at handling unit': d.arrived, 'on the agents workbench': d.workbench, 'hops taken twice': d.hopsTwice, 'dead letters': d.deadLetters });
    expectClean(t, d);
  });

  it('a lost HTTP response: the gateway dies after the commit, the client retries with the same Idempotency-Key and gets the original case', async () => {
    const [gateway] = rig.cluster.instances('gateway');
    const auth = await rig.token('gulou-v1.agent');
    const body = JSON.stringify({
      itemCode: 'F-V',
      applicant: { name: '钱七', idNumber: APPLICANT_ID, phone: '13600136000' },
      materials: [],
      proxy: { consent: true },
    });
    // Deterministically post-commit: the case's transaction is held on a lock while the request is in
    // flight; the gateway is frozen (SIGSTOP), the lock released, the commit seen by SQL, and only
    // then the gateway SIGKILLed: the answer sat unread in its socket and is gone.
    const key = 'lost-response-1';
    const blocker = new pg.Client({ connectionString: rig.cluster.databaseUrl });
    await blocker.connect();
    await blocker.query('BEGIN');
    await blocker.query('LOCK TABLE cases.tracking_sequence IN EXCLUSIVE MODE');
    const sent = fetch(rig.url('/api/v1/cases'), { method: 'POST', headers: { 'content-type': 'application/json', authorization: auth, 'idempotency-key': key }, body }).then(
      (r) => r.status,
      () => 0,
    );
    await waitFor('the submission to wait on the lock', async () => {
      const { rows } = await rig.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'cases'`);
      return rows[0].n > 0;
    }, 10_000, 20);
    process.kill(gateway.pid!, 'SIGSTOP');
    await blocker.query('COMMIT');
    await blocker.end();
    const committed = await waitForRow(rig, key);
    await gateway.kill('SIGKILL');
    const first = await sent;
    gateway.start();
    await rig.cluster.waitHealthy();
    const retry = await rig.submit(key, { itemCode: 'F-V' });
    const t = await rig.tally('lost-response');
    report('gateway SIGKILLed after the commit, client retries the same key', t, { 'first answer': first || 'none (connection cut)', 'retry answer': `${retry.statuses.at(-1)}${retry.replayed ? ' (replayed)' : ''}` });
    expect(first).toBe(0); // the client never got an answer
    expect(retry.caseId).toBe(committed);
    expect(retry.replayed).toBe(true); // the original answer, replayed
    expect(t.stored).toBe(1);
    expect(t.duplicates).toBe(0);
  });
});

async function waitForRow(rig: FaultRig, key: string): Promise<string> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const { rows } = await rig.db.query('SELECT case_id FROM cases.idempotency_key WHERE key = $1', [key]);
    if (rows[0]) return rows[0].case_id;
    if (Date.now() > deadline) throw new Error(`no case committed for ${key}`);
    await new Promise((r) => setImmediate(r));
  }
}
