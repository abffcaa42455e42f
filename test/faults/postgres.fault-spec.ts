import { waitFor } from '@app/testing';
import { APPLICANT_ID, expectClean, FaultRig, report } from './fault-rig.js';

/**
 * PostgreSQL restarted under load: the clients see retryable answers (503 problem+json with
 * Retry-After), never a half-written case, and lose no acknowledged one.
 */
describe('PostgreSQL faults', () => {
  let rig: FaultRig;
  beforeAll(async () => {
    rig = await FaultRig.start('postgres', 13300);
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('a restart under load', async () => {
    const seen: { status: number; type?: string; retryAfter?: string | null }[] = [];
    // A probe that records what a client sees while the database is away.
    let probing = true;
    const probe = (async () => {
      const auth = await rig.token('gulou-v1.agent');
      let n = 0;
      while (probing) {
        try {
          const res = await fetch(rig.url('/api/v1/cases'), {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: auth, 'idempotency-key': `probe-${n++}` },
            body: JSON.stringify({ itemCode: 'F-V', applicant: { name: '钱七', idNumber: APPLICANT_ID, phone: '13600136000' }, materials: [], proxy: { consent: true } }),
            signal: AbortSignal.timeout(10_000),
          });
          seen.push({ status: res.status, type: res.headers.get('content-type') ?? undefined, retryAfter: res.headers.get('retry-after') });
        } catch {
          seen.push({ status: 0 });
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let restarted = false;
    let restart: Promise<void> | undefined;
    const load = rig.load('pg', 500, 8, {
      retryForMs: 60_000,
      onProgress: (done) => {
        if (done === 150 && !restart) {
          restart = (async () => {
            await rig.cluster.stopPostgres();
            await new Promise((r) => setTimeout(r, 3000));
            await rig.cluster.startPostgresAgain();
            restarted = true;
          })();
        }
      },
    });
    await load;
    await restart;
    probing = false;
    await probe;
    await rig.reconnect();
    await rig.cluster.waitHealthy();
    const t = await rig.tally('pg');
    const d = await rig.downstream('pg');
    // No half-written case: every case has its first timeline entry, its idempotency record and its
    // submitted event (all written in the one transaction).
    const { rows } = await rig.db.query(`
      SELECT count(*)::int AS n FROM cases.case_file c
       WHERE NOT EXISTS (SELECT 1 FROM cases.case_timeline t WHERE t.case_id = c.id AND t.action = 'submit')
          OR NOT EXISTS (SELECT 1 FROM cases.outbox o WHERE o.subject LIKE 'v1.cases.case.submitted%' AND o.payload->'data'->>'id' = c.id::text)
          OR (c.channel = 'agent' AND NOT EXISTS (SELECT 1 FROM cases.idempotency_key k WHERE k.case_id = c.id))`);
    const unavailable = seen.filter((s) => s.status === 503);
    const other = seen.filter((s) => ![201, 200, 503, 0].includes(s.status));
    report('PostgreSQL restarted under load', t, {
      '503 answers seen by a probe': unavailable.length,
      'cut connections': seen.filter((s) => s.status === 0).length,
      'other errors': other.length,
      'half-written cases': rows[0].n,
      'arrived at handling unit': d.arrived,
      'on the agents workbench': d.workbench,
    });
    expect(restarted).toBe(true);
    expect(unavailable.length).toBeGreaterThan(0);
    for (const s of unavailable) {
      expect(s.type).toMatch(/^application\/problem\+json/);
      expect(s.retryAfter).toBe('1');
    }
    expect(other).toEqual([]); // no 500: a database outage is retryable, not an internal error
    expect(rows[0].n).toBe(0);
    expectClean(t, d);
    await waitFor('the outbox backlog to drain', async () => (await rig.backlog()) === 0, 60_000, 500);
  });
});
