import { describeNats, waitFor } from '@app/testing';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import request from 'supertest';
import { itemFixture } from '../support/catalogue-fixtures.js';
import { withCheckDigit } from '../support/id-numbers.js';
import { createMatrixPrincipals, login, routingReady, type MatrixPrincipals } from '../support/principals.js';
import { startTestNetwork, TEST_ADMIN_PASSWORD, type TestNetwork } from '../support/test-network.js';

const ID = withCheckDigit('50011719800808123');

/**
 * The agents service as its own process (the build), SIGKILLed while 200 cases are being filed,
 * then started again: its workbench must match the cases service exactly (NATS: JetStream keeps
 * what the killed process had not acked; its inbox drops what it had).
 */
describeNats('agents service SIGKILLed mid-stream [NATS]', () => {
  let net: TestNetwork;
  let db: pg.Client;
  let p: MatrixPrincipals;
  const children: ChildProcess[] = [];
  const http = () => request(net.gateway.getHttpServer());
  let n = 0;

  function startAgentsProcess(): ChildProcess {
    const child = spawn(process.execPath, ['dist/apps/agents/main.js'], { env: { ...process.env, ...net.env } as NodeJS.ProcessEnv, stdio: ['ignore', 'ignore', 'inherit'] });
    children.push(child);
    return child;
  }
  const health = async () => (await http().get('/health/agents')).status === 200;

  beforeAll(async () => {
    // What the killed process held unacked comes back after the ack wait: keep it short.
    net = await startTestNetwork('nats', { EVENTS_ACK_WAIT_MS: '2000' });
    db = new pg.Client({ connectionString: net.databaseUrl });
    await db.connect();
    const admin = `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`;
    await http().post('/api/v1/catalogue/items').set('authorization', admin).send(itemFixture('K-V', { tier: 'village', category: 'convenience', promisedDays: 0, legalDays: 0, steps: [], specialProcedures: [] })).expect(201);
    await http().post('/api/v1/catalogue/items/K-V/publish').set('authorization', admin).expect(200);
    await routingReady(net, 'K-V');
    p = await createMatrixPrincipals(net);
    await net.stopService('agents');
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await db?.end();
    await net?.close();
  });

  it('loses and duplicates nothing', async () => {
    const first = startAgentsProcess();
    await waitFor('the agents process to answer', health);
    let submitted = 0;
    for (let batch = 0; batch < 10; batch++) {
      const res = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          http()
            .post('/api/v1/cases')
            .set('authorization', i % 2 ? p.auth.agentA! : p.auth.agentB!)
            .set('idempotency-key', `k-${++n}`)
            .send({ itemCode: 'K-V', applicant: { name: '钱七', idNumber: ID, phone: '13600136000' }, materials: [], proxy: { consent: true } }),
        ),
      );
      expect(res.every((r) => r.status === 201)).toBe(true);
      submitted += res.length;
      if (batch === 3) {
        first.kill('SIGKILL');
        await new Promise((r) => first.once('exit', r));
      }
    }
    startAgentsProcess();
    await waitFor('the agents process to answer again', health);
    const truth = async (userId: string) =>
      Object.fromEntries((await db.query(`SELECT status, count(*)::int AS n FROM cases.case_file WHERE submitted_by = $1 GROUP BY status`, [`user:${userId}`])).rows.map((r) => [r.status, r.n]));
    for (const who of ['agentA', 'agentB'] as const) {
      const expected = await truth(p.userIds[who]);
      await waitFor(`${who}'s workbench`, async () => JSON.stringify((await http().get('/api/v1/agents/me/workbench').set('authorization', p.auth[who]!)).body.byStatus) === JSON.stringify(expected), 60_000, 200);
    }
    const { rows } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT case_id)::int AS d FROM agents.agent_case`);
    const deadLetters = (await db.query('SELECT count(*)::int AS n FROM agents.dead_letter')).rows[0].n;
    process.stdout.write(`[agents crash] submitted ${submitted} / acknowledged ${submitted} / stored ${rows[0].n} / duplicates ${rows[0].n - rows[0].d} / lost ${submitted - rows[0].d} / dead letters ${deadLetters}\n`);
    expect(rows[0]).toEqual({ n: submitted, d: submitted });
    expect(deadLetters).toBe(0);
  }, 180_000);

  it('a SIGTERM while it starts: it finishes starting, stops cleanly and exits 0', async () => {
    const child = spawn(process.execPath, ['dist/apps/agents/main.js'], { env: { ...process.env, ...net.env, LOG_LEVEL: 'info' } as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    // Its schema check is the first thing it logs, well before it listens on the bus.
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('schema up to date')) resolve();
      });
      void exited.then(() => reject(new Error(`exited before its schema check: ${out}`)));
    });
    expect(out).not.toContain('is listening');
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null }); // not killed by the signal half-started
    expect(out).toContain('SIGTERM received: shutting down');
  }, 60_000);
});
