import { CasesSubjects } from '@app/contracts';
import { requestContext } from '@app/observability';
import { describeEachBus, waitFor } from '@app/testing';
import { generateKeyPair, SignJWT } from 'jose';
import request from 'supertest';
import { itemFixture } from '../support/catalogue-fixtures.js';
import { withCheckDigit } from '../support/id-numbers.js';
import { createMatrixPrincipals, login, PRINCIPALS, UNITS, type MatrixPrincipals, type PrincipalName, routingReady } from '../support/principals.js';
import { startTestNetwork, TEST_ADMIN_PASSWORD, type TestNetwork } from '../support/test-network.js';

const ID = withCheckDigit('50011719700707123');
type Expect = Record<PrincipalName, number>;

/** The authorization matrix of the identity issue, extended to cases, agents, routing and tracking. */
describeEachBus('cases authorization matrix', (kind) => {
  let net: TestNetwork;
  let p: MatrixPrincipals;
  let caseOfA: { id: string; trackingNo: string; queryCode: string };
  let shipmentOfA: string;
  const http = () => request(net.gateway.getHttpServer());
  let n = 0;
  const body = { itemCode: 'M-T', applicant: { name: '赵六', idNumber: ID, phone: '13700137000' }, materials: [], proxy: { consent: true } };
  const as = (req: request.Test, who: PrincipalName) => (p.auth[who] ? req.set('authorization', p.auth[who]!) : req);

  beforeAll(async () => {
    net = await startTestNetwork(kind);
    const admin = `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`;
    await http().post('/api/v1/catalogue/items').set('authorization', admin).send(itemFixture('M-T', { tier: 'town' })).expect(201);
    await http().post('/api/v1/catalogue/items/M-T/publish').set('authorization', admin).expect(200);
    await routingReady(net, 'M-T');
    p = await createMatrixPrincipals(net);
    caseOfA = (await http().post('/api/v1/cases').set('authorization', p.auth.agentA!).set('idempotency-key', 'matrix-a').send(body).expect(201)).body;
    await waitFor('arrival', async () => (await http().get(`/api/v1/cases/${caseOfA.id}`).set('authorization', p.auth.clerkT1!)).body.status === 'arrived');
    await waitFor('the agents service to know the case', async () => {
      const res = await http().post('/api/v1/agents/shipments').set('authorization', p.auth.agentA!).send({ caseIds: [caseOfA.id] });
      if (res.status === 201) shipmentOfA = res.body.id;
      return res.status === 201;
    });
  });
  afterAll(async () => {
    await net?.close();
  });

  const all = (status: number): Expect => Object.fromEntries(PRINCIPALS.map((w) => [w, status])) as Expect;
  const visible: Expect = { agentA: 200, agentB: 404, clerkT1: 200, clerkT2: 404, supervisor: 200, partnerT1: 200, partnerT2: 404, anonymous: 401 };
  const rows: { name: string; call: () => request.Test; expect: Expect }[] = [
    { name: 'GET /cases/{case of A}', call: () => http().get(`/api/v1/cases/${caseOfA.id}`), expect: visible },
    { name: 'GET /cases?unitCode=A', call: () => http().get('/api/v1/cases').query({ unitCode: UNITS.villageA }), expect: visible },
    { name: 'GET /cases?unitCode=T2', call: () => http().get('/api/v1/cases').query({ unitCode: UNITS.t2 }), expect: { ...visible, agentA: 404, clerkT1: 404, partnerT1: 404, clerkT2: 200, partnerT2: 200, agentB: 404 } },
    // Wrong version on purpose: a visible case with the right role answers 412, so no cell changes the case.
    { name: 'POST /cases/{case of A}/receive', call: () => http().post(`/api/v1/cases/${caseOfA.id}/receive`).set('if-match', '"999"').send({}), expect: { agentA: 403, agentB: 404, clerkT1: 412, clerkT2: 404, supervisor: 403, partnerT1: 403, partnerT2: 404, anonymous: 401 } },
    { name: 'POST /cases/{case of A}/decide', call: () => http().post(`/api/v1/cases/${caseOfA.id}/decide`).set('if-match', '"999"').send({ decision: 'approve' }), expect: { agentA: 403, agentB: 404, clerkT1: 403, clerkT2: 404, supervisor: 403, partnerT1: 403, partnerT2: 404, anonymous: 401 } },
    { name: 'POST /cases (at the caller’s unit)', call: () => http().post('/api/v1/cases').set('idempotency-key', `m-${++n}`).send(body), expect: { agentA: 201, agentB: 201, clerkT1: 201, clerkT2: 201, supervisor: 403, partnerT1: 201, partnerT2: 201, anonymous: 401 } },
    { name: 'POST /cases (origin A, partners)', call: () => http().post('/api/v1/cases').set('idempotency-key', `m-${++n}`).send({ ...body, originUnitCode: UNITS.villageA }), expect: { agentA: 201, agentB: 404, clerkT1: 400, clerkT2: 404, supervisor: 403, partnerT1: 201, partnerT2: 404, anonymous: 401 } },
    ...(['accept', 'reject', 'request-supplement', 'suspend', 'resume'] as const).map((action) => ({
      name: `POST /cases/{case of A}/${action}`,
      call: () => http().post(`/api/v1/cases/${caseOfA.id}/${action}`).set('if-match', '"999"').send({}),
      expect: { agentA: 403, agentB: 404, clerkT1: 412, clerkT2: 404, supervisor: 403, partnerT1: 403, partnerT2: 404, anonymous: 401 } as Expect,
    })),
    ...(['deliver', 'withdraw'] as const).map((action) => ({
      name: `POST /cases/{case of A}/${action}`,
      call: () => http().post(`/api/v1/cases/${caseOfA.id}/${action}`).set('if-match', '"999"').send({}),
      expect: { agentA: 412, agentB: 404, clerkT1: action === 'withdraw' ? 412 : 403, clerkT2: 404, supervisor: 403, partnerT1: 403, partnerT2: 404, anonymous: 401 } as Expect,
    })),
    {
      name: 'POST /agents/shipments',
      call: () => http().post('/api/v1/agents/shipments').send({ caseIds: ['00000000-0000-4000-8000-000000000000'] }),
      expect: { agentA: 400, agentB: 400, clerkT1: 403, clerkT2: 403, supervisor: 403, partnerT1: 403, partnerT2: 403, anonymous: 401 },
    },
    { name: 'GET /routing/forward-check', call: () => http().get('/api/v1/routing/forward-check').query({ itemCode: 'M-T', toUnitCode: UNITS.t2 }), expect: all(200) },
    { name: 'GET /routing/delegations', call: () => http().get('/api/v1/routing/delegations'), expect: all(200) },
    { name: 'GET /calendar/deadline', call: () => http().get('/api/v1/calendar/deadline').query({ from: '2026-02-12', days: 3 }), expect: all(200) },
    { name: 'POST /track/{no}/rating (case not completed)', call: () => http().post(`/api/v1/track/${caseOfA.trackingNo}/rating`).send({ code: caseOfA.queryCode, level: 5 }), expect: all(409) },
    {
      name: 'POST /cases/{case of A}/supplement',
      call: () => http().post(`/api/v1/cases/${caseOfA.id}/supplement`).set('if-match', '"999"').send({ materials: [] }),
      expect: { agentA: 412, agentB: 404, clerkT1: 403, clerkT2: 404, supervisor: 403, partnerT1: 403, partnerT2: 404, anonymous: 401 },
    },
    {
      name: 'POST /cases/{case of A}/forward',
      call: () => http().post(`/api/v1/cases/${caseOfA.id}/forward`).set('if-match', '"999"').send({ toUnitCode: UNITS.t2, reason: 'x' }),
      expect: { agentA: 403, agentB: 404, clerkT1: 412, clerkT2: 404, supervisor: 403, partnerT1: 403, partnerT2: 404, anonymous: 401 },
    },
    {
      name: 'POST /agents/authorizations',
      call: () => http().post('/api/v1/agents/authorizations').send({ residentName: '赵六', residentIdNumber: ID, itemCode: 'M-T', consentAt: new Date(Date.now() - 60_000).toISOString() }),
      expect: { agentA: 201, agentB: 201, clerkT1: 403, clerkT2: 403, supervisor: 403, partnerT1: 403, partnerT2: 403, anonymous: 401 },
    },
    { name: 'GET /agents/authorizations', call: () => http().get('/api/v1/agents/authorizations'), expect: { agentA: 200, agentB: 200, clerkT1: 200, clerkT2: 200, supervisor: 200, partnerT1: 403, partnerT2: 403, anonymous: 401 } },
    { name: 'GET /agents/shipments/{shipment of A}', call: () => http().get(`/api/v1/agents/shipments/${shipmentOfA}`), expect: visible },
    {
      name: 'POST /agents/shipments/{shipment of A}/receive',
      call: () => http().post(`/api/v1/agents/shipments/${shipmentOfA}/receive`).send({ received: [] , discrepancies: [] }),
      expect: { agentA: 403, agentB: 404, clerkT1: 200, clerkT2: 404, supervisor: 403, partnerT1: 403, partnerT2: 404, anonymous: 401 },
    },
    { name: 'PUT /calendar/2030', call: () => http().put('/api/v1/calendar/2030').send({ holidays: [], workdays: [], source: { title: 't', issued: '2029-11-01', reference: 'r' } }), expect: { ...visible, agentA: 403, clerkT1: 403, supervisor: 403, partnerT1: 403, agentB: 403, clerkT2: 403, partnerT2: 403 } },
    { name: 'GET /agents/me/workbench', call: () => http().get('/api/v1/agents/me/workbench'), expect: { agentA: 200, agentB: 200, clerkT1: 403, clerkT2: 403, supervisor: 403, partnerT1: 403, partnerT2: 403, anonymous: 401 } },
    { name: 'GET /agents/figures?unitCode=T1', call: () => http().get('/api/v1/agents/figures').query({ unitCode: UNITS.t1 }), expect: { agentA: 404, agentB: 404, clerkT1: 200, clerkT2: 404, supervisor: 200, partnerT1: 403, partnerT2: 404, anonymous: 401 } },
    { name: 'GET /routing/plan', call: () => http().get('/api/v1/routing/plan').query({ itemCode: 'M-T', originUnitCode: UNITS.villageA }), expect: { ...visible, agentB: 200, clerkT2: 200, partnerT2: 200, anonymous: 200 } },
    { name: 'GET /track/{no}', call: () => http().get(`/api/v1/track/${caseOfA.trackingNo}`).query({ code: caseOfA.queryCode }), expect: { agentA: 200, agentB: 200, clerkT1: 200, clerkT2: 200, supervisor: 200, partnerT1: 200, partnerT2: 200, anonymous: 200 } },
  ];
  const cells = rows.flatMap((row) => PRINCIPALS.map((who) => ({ row: row.name, who, status: row.expect[who], call: row.call })));
  it.each(cells)('$row as $who → $status', async ({ who, status, call }) => {
    const res = await as(call(), who);
    expect(res.status).toBe(status);
  });

  it('refuses a list cursor made for another principal', async () => {
    await http().post('/api/v1/cases').set('authorization', p.auth.agentA!).set('idempotency-key', 'matrix-a2').send(body).expect(201);
    const first = await http().get('/api/v1/cases').query({ unitCode: UNITS.villageA, limit: 1 }).set('authorization', p.auth.agentA!).expect(200);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    await http().get('/api/v1/cases').query({ unitCode: UNITS.villageA, limit: 1, cursor: first.body.nextCursor }).set('authorization', p.auth.agentA!).expect(200);
    const stolen = await http().get('/api/v1/cases').query({ unitCode: UNITS.villageA, limit: 1, cursor: first.body.nextCursor }).set('authorization', p.auth.supervisor!).expect(400);
    expect(stolen.body.fields[0].field).toBe('cursor');
  });

  it('refuses bus requests to the cases service without a token or with a forged one', async () => {
    const bus = net.gatewayBus.client;
    const ctx = (authorization?: string) => ({ requestId: 'bus-matrix', traceId: '1'.repeat(32), spanId: '2'.repeat(16), authorization });
    await expect(requestContext.run(ctx(), () => bus.request(CasesSubjects.get, { id: caseOfA.id }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ typ: 'user', unit: UNITS.district, upath: UNITS.district, roles: ['supervisor'], scope: '' })
      .setProtectedHeader({ alg: 'ES256', kid: 'forged' })
      .setIssuer('service-network/identity')
      .setAudience('service-network')
      .setSubject(p.userIds.supervisor)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(other.privateKey);
    await expect(requestContext.run(ctx(`Bearer ${forged}`), () => bus.request(CasesSubjects.get, { id: caseOfA.id }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(requestContext.run(ctx(p.auth.supervisor), () => bus.request(CasesSubjects.get, { id: caseOfA.id }))).resolves.toMatchObject({ id: caseOfA.id });
  });
});
