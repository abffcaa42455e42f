import { describeEachBus, waitFor } from '@app/testing';
import pg from 'pg';
import request from 'supertest';
import { itemFixture } from '../support/catalogue-fixtures.js';
import { withCheckDigit } from '../support/id-numbers.js';
import { createMatrixPrincipals, login, UNITS, USER_PASSWORD, type MatrixPrincipals, routingReady } from '../support/principals.js';
import { startTestNetwork, TEST_ADMIN_PASSWORD, type TestNetwork } from '../support/test-network.js';

const ID = withCheckDigit('50011719850505123');

describeEachBus('agents', (kind) => {
  let net: TestNetwork;
  let db: pg.Client;
  let p: MatrixPrincipals;
  const http = () => request(net.gateway.getHttpServer());
  let n = 0;
  const submit = (auth: string) =>
    http()
      .post('/api/v1/cases')
      .set('authorization', auth)
      .set('idempotency-key', `a-${++n}`)
      .send({ itemCode: 'A-V', applicant: { name: '李四', idNumber: ID, phone: '13900139000' }, materials: [{ code: 'M1', provided: true }], proxy: { consent: true } });
  const workbench = async (auth: string) => (await http().get('/api/v1/agents/me/workbench').set('authorization', auth).expect(200)).body;
  /** The cases service's own counts for an agent, by status: what the workbench must match. */
  const truth = async (userId: string) =>
    Object.fromEntries(
      (await db.query(`SELECT status, count(*)::int AS n FROM cases.case_file WHERE submitted_by = $1 GROUP BY status`, [`user:${userId}`])).rows.map((r) => [r.status, r.n]),
    );

  beforeAll(async () => {
    net = await startTestNetwork(kind);
    db = new pg.Client({ connectionString: net.databaseUrl });
    await db.connect();
    const admin = `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`;
    const item = itemFixture('A-V', { tier: 'village', category: 'convenience', promisedDays: 0, legalDays: 0, steps: [], specialProcedures: [] });
    await http().post('/api/v1/catalogue/items').set('authorization', admin).send(item).expect(201);
    await http().post('/api/v1/catalogue/items/A-V/publish').set('authorization', admin).expect(200);
    await routingReady(net, 'A-V');
    p = await createMatrixPrincipals(net);
  });
  afterAll(async () => {
    await db?.end();
    await net?.close();
  });

  it('shows an agent their cases by state, and what is ready to hand over', async () => {
    const created = await Promise.all([submit(p.auth.agentA!), submit(p.auth.agentA!), submit(p.auth.agentA!)]);
    expect(created.map((r) => r.status)).toEqual([201, 201, 201]);
    await waitFor('the workbench to catch up', async () => (await workbench(p.auth.agentA!)).total === 3);
    expect((await workbench(p.auth.agentA!)).byStatus).toEqual({ arrived: 3 });
    // Finish one at the village: it becomes a result ready to hand over.
    await http().post('/api/v1/users').set('authorization', `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`).send({ username: 'ag-clerk', password: USER_PASSWORD, displayName: 'c', unitCode: UNITS.villageA, roles: ['clerk', 'approver'] }).expect(201);
    const clerk = `Bearer ${(await login(net, 'ag-clerk', USER_PASSWORD)).accessToken}`;
    const id = created[0].body.id;
    for (const [action, body] of [['receive', {}], ['accept', {}], ['decide', { decision: 'approve' }]] as const) {
      const v = (await http().get(`/api/v1/cases/${id}`).set('authorization', clerk).expect(200)).body.version;
      await http().post(`/api/v1/cases/${id}/${action}`).set('authorization', clerk).set('if-match', `"${v}"`).send(body).expect(200);
    }
    await waitFor('the result to show as ready', async () => (await workbench(p.auth.agentA!)).resultsReady.some((c: { caseId: string }) => c.caseId === id));
    const desk = await workbench(p.auth.agentA!);
    expect(desk.byStatus).toEqual({ arrived: 2, completed: 1 });
    expect(desk.resultsReady[0]).toMatchObject({ caseId: id, itemCode: 'A-V', status: 'completed' });
    await http().get('/api/v1/agents/me/workbench').set('authorization', p.auth.clerkT1!).expect(403);
  });

  it('after the agents service went down while 200 cases were being filed, its counts match the cases service exactly', async () => {
    let stopped: Promise<void> | undefined;
    for (let batch = 0; batch < 10; batch++) {
      const res = await Promise.all(Array.from({ length: 20 }, (_, i) => submit(i % 2 ? p.auth.agentA! : p.auth.agentB!)));
      expect(res.every((r) => r.status === 201)).toBe(true);
      if (batch === 2) stopped = net.stopService('agents'); // while the relay is still delivering the first batches
    }
    await stopped;
    await http().get('/api/v1/agents/me/workbench').set('authorization', p.auth.agentB!).expect(503);
    await net.startService('agents');
    for (const who of ['agentA', 'agentB'] as const) {
      const expected = await truth(p.userIds[who]);
      await waitFor(`${who}'s workbench to catch up`, async () => JSON.stringify((await workbench(p.auth[who]!)).byStatus) === JSON.stringify(expected), 60_000, 200);
      const desk = await workbench(p.auth[who]!);
      expect(desk.byStatus).toEqual(expected);
    }
    const { rows } = await db.query(`SELECT count(*)::int AS n, count(DISTINCT case_id)::int AS d FROM agents.agent_case`);
    expect(rows[0].n).toBe(rows[0].d);
    expect(rows[0].n).toBe(203);
    expect((await db.query('SELECT count(*)::int AS n FROM agents.dead_letter')).rows[0].n).toBe(0);
  }, 120_000);

  it('gives supervisors per-agent figures within their scope', async () => {
    const figures = (await http().get('/api/v1/agents/figures').set('authorization', p.auth.supervisor!).expect(200)).body;
    expect(figures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ agent: `user:${p.userIds.agentA}`, originUnitCode: UNITS.villageA, filed: 103, completed: 1 }),
        expect.objectContaining({ agent: `user:${p.userIds.agentB}`, originUnitCode: UNITS.villageB, filed: 100, completed: 0, averageDays: null }),
      ]),
    );
    await http().get('/api/v1/agents/figures').query({ unitCode: UNITS.t1 }).set('authorization', p.auth.clerkT2!).expect(404);
    await http().get('/api/v1/agents/figures').set('authorization', p.auth.agentA!).expect(403);
    const t2 = (await http().get('/api/v1/agents/figures').set('authorization', p.auth.clerkT2!).expect(200)).body;
    expect(t2).toEqual([]);
  });

  it('records a resident’s consent (委托), keeping the ID number masked', async () => {
    const body = { residentName: '王五', residentIdNumber: ID, itemCode: 'A-V', consentAt: new Date(Date.now() - 60_000).toISOString(), documentRef: 'scan/001.pdf' };
    const created = await http().post('/api/v1/agents/authorizations').set('authorization', p.auth.agentA!).send(body).expect(201);
    expect(created.body).toMatchObject({ residentName: '王五', residentIdNumber: `500***********${ID.slice(-4)}`, itemCode: 'A-V', documentRef: 'scan/001.pdf' });
    expect(created.body.authorizationNo).toMatch(/^WT-\d{8}-[0-9A-F]{8}$/);
    const bad = await http().post('/api/v1/agents/authorizations').set('authorization', p.auth.agentA!).send({ ...body, residentIdNumber: ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0') }).expect(400);
    expect(bad.body.fields[0]).toMatchObject({ field: 'residentIdNumber', message: 'residentIdNumber check character does not match' });
    await http().post('/api/v1/agents/authorizations').set('authorization', p.auth.clerkT1!).send(body).expect(403);
    const mine = await http().get('/api/v1/agents/authorizations').set('authorization', p.auth.agentA!).expect(200);
    expect(mine.body.map((a: { authorizationNo: string }) => a.authorizationNo)).toEqual([created.body.authorizationNo]);
    expect((await http().get('/api/v1/agents/authorizations').set('authorization', p.auth.agentB!).expect(200)).body).toEqual([]);
    expect((await http().get('/api/v1/agents/authorizations').set('authorization', p.auth.clerkT1!).expect(200)).body).toHaveLength(1);
    expect((await http().get('/api/v1/agents/authorizations').set('authorization', p.auth.clerkT2!).expect(200)).body).toEqual([]);
  });

  it('ships several cases’ materials to the town in one trip; the town records what did not arrive', async () => {
    const ids = (await Promise.all([submit(p.auth.agentA!), submit(p.auth.agentA!), submit(p.auth.agentA!)])).map((r) => r.body.id as string);
    await waitFor('the cases to reach the workbench', async () => {
      const { rows } = await db.query('SELECT count(*)::int AS n FROM agents.agent_case WHERE case_id = ANY($1::uuid[])', [ids]);
      return rows[0].n === 3;
    });
    const notMine = await http().post('/api/v1/agents/shipments').set('authorization', p.auth.agentB!).send({ caseIds: ids }).expect(400);
    expect(notMine.body.fields).toHaveLength(3);
    const shipped = await http().post('/api/v1/agents/shipments').set('authorization', p.auth.agentA!).send({ caseIds: ids }).expect(201);
    expect(shipped.body).toMatchObject({ fromUnitCode: UNITS.villageA, toUnitCode: UNITS.t1, status: 'sent' });
    expect(shipped.body.manifest.map((c: { caseId: string }) => c.caseId).sort()).toEqual([...ids].sort());
    await http().get(`/api/v1/agents/shipments/${shipped.body.id}`).set('authorization', p.auth.clerkT2!).expect(404);
    await http().post(`/api/v1/agents/shipments/${shipped.body.id}/receive`).set('authorization', p.auth.supervisor!).send({ received: ids }).expect(403);
    const received = await http()
      .post(`/api/v1/agents/shipments/${shipped.body.id}/receive`)
      .set('authorization', p.auth.clerkT1!)
      .send({ received: ids.slice(0, 2), discrepancies: [{ caseId: ids[0], note: '申请表缺签字' }] })
      .expect(200);
    expect(received.body).toMatchObject({ status: 'received', receivedBy: 'm-clerkt1' });
    expect(received.body.discrepancies).toEqual([
      { caseId: ids[2], note: 'on the manifest, not received' },
      { caseId: ids[0], note: '申请表缺签字' },
    ]);
    await http().post(`/api/v1/agents/shipments/${shipped.body.id}/receive`).set('authorization', p.auth.clerkT1!).send({ received: ids }).expect(409);
  });
});
