import { describeEachBus, waitFor } from '@app/testing';
import pg from 'pg';
import request from 'supertest';
import { itemFixture } from '../support/catalogue-fixtures.js';
import { withCheckDigit } from '../support/id-numbers.js';
import { createMatrixPrincipals, login, PRINCIPALS, UNITS, USER_PASSWORD, type MatrixPrincipals, routingReady } from '../support/principals.js';
import { startTestNetwork, TEST_ADMIN_PASSWORD, type TestNetwork } from '../support/test-network.js';

const ID = withCheckDigit('50011719900101123');
const D = UNITS.district;

describeEachBus('cases', (kind) => {
  let net: TestNetwork;
  let db: pg.Client;
  let admin: string;
  let p: MatrixPrincipals;
  const staff: Record<string, string> = {};
  const http = () => request(net.gateway.getHttpServer());
  let n = 0;
  const submit = (auth: string, itemCode: string, key = `k-${++n}`, extra: object = {}) =>
    http()
      .post('/api/v1/cases')
      .set('authorization', auth)
      .set('idempotency-key', key)
      .send({ itemCode, applicant: { name: '张三', idNumber: ID, phone: '13800138000' }, materials: [{ code: 'M1', provided: true }], proxy: { consent: true }, ...extra });
  const read = async (auth: string, id: string) => (await http().get(`/api/v1/cases/${id}`).set('authorization', auth).expect(200)).body;
  const act = async (auth: string, id: string, action: string, body: object = {}) => {
    const current = await read(auth, id);
    const res = await http().post(`/api/v1/cases/${id}/${action}`).set('authorization', auth).set('if-match', `"${current.version}"`).send(body);
    if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    net = await startTestNetwork(kind);
    db = new pg.Client({ connectionString: net.databaseUrl });
    await db.connect();
    admin = `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`;
    for (const item of [
      itemFixture('C-V', { tier: 'village', category: 'convenience', promisedDays: 0, legalDays: 0, steps: [], specialProcedures: [] }),
      itemFixture('C-T', { tier: 'town' }),
      itemFixture('C-D', { tier: 'district' }),
      itemFixture('C-NOPROXY', { tier: 'town', proxyEligible: false }),
      itemFixture('C-PAR', { tier: 'town', parallel: { leadDepartment: '区市场监管局', coDepartments: ['区税务局', '区人力社保局'] } }),
      itemFixture('C-DEL', { tier: 'district' }),
    ]) {
      await http().post('/api/v1/catalogue/items').set('authorization', admin).send(item).expect(201);
      await http().post(`/api/v1/catalogue/items/${item.code}/publish`).set('authorization', admin).expect(200);
    }
    await routingReady(net, 'C-DEL');
    await http().put('/api/v1/routing/delegations/C-DEL').set('authorization', admin).send({ towns: [UNITS.t1] }).expect(200);
    p = await createMatrixPrincipals(net);
    for (const [name, unitCode, role] of [
      ['clerk-a', UNITS.villageA, 'clerk'],
      ['approver-a', UNITS.villageA, 'approver'],
      ['clerk-t1b', UNITS.t1, 'clerk'],
      ['approver-t1', UNITS.t1, 'approver'],
      ['clerk-d', D, 'clerk'],
      ['approver-d', D, 'approver'],
      ['agent-t2v', '500117100200', 'agent'],
    ] as const) {
      await http().post('/api/v1/users').set('authorization', admin).send({ username: `c-${name}`, password: USER_PASSWORD, displayName: name, unitCode, roles: [role] }).expect(201);
      staff[name] = `Bearer ${(await login(net, `c-${name}`, USER_PASSWORD)).accessToken}`;
    }
  });
  afterAll(async () => {
    await db?.end();
    await net?.close();
  });

  async function journey(itemCode: string, clerk: string, approver: string, route: string[]) {
    const agent = p.auth.agentA!;
    const created = await submit(agent, itemCode).expect(201);
    expect(created.headers.etag).toBe(`"${created.body.version}"`);
    expect(created.body).toMatchObject({ itemCode, itemVersion: 1, originUnitCode: UNITS.villageA, handlingUnitCode: route[route.length - 1], route, channel: 'agent' });
    expect(created.body.trackingNo).toMatch(/^500117-\d{8}-\d{6}$/);
    expect(created.body.applicant.idNumber).toBe(`500***********${ID.slice(-4)}`);
    const id = created.body.id;
    await waitFor('the case to arrive', async () => (await read(clerk, id)).status === 'arrived');
    await act(clerk, id, 'receive');
    const accepted = await act(clerk, id, 'accept');
    expect(accepted.deadlines.promised).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Per-step limits: each step is due when the limits up to it have run (working days from acceptance).
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    let elapsed = 0;
    for (const step of accepted.steps) {
      elapsed += step.limitDays;
      expect(step.due).toBe((await http().get('/api/v1/calendar/deadline').query({ from: today, days: elapsed }).expect(200)).body.deadline);
    }
    const done = await act(approver, id, 'decide', { decision: 'approve' });
    expect(done).toMatchObject({ status: 'completed', result: { decision: 'approved' } });
    await waitFor('the result to come back', async () => (await read(agent, id)).currentUnitCode === UNITS.villageA);
    const delivered = await act(agent, id, 'deliver', { channel: 'door' });
    expect(delivered.status).toBe('delivered');
    const full = await read(agent, id);
    const hopsUp = route.length - 1;
    expect(full.hops).toHaveLength(hopsUp * 2);
    for (const h of full.hops) expect(Date.parse(h.arrivedAt)).toBeGreaterThanOrEqual(Date.parse(h.sentAt));
    expect(full.hops.map((h: { fromUnitCode: string; toUnitCode: string }) => `${h.fromUnitCode}>${h.toUnitCode}`)).toEqual([
      ...route.slice(1).map((to, i) => `${route[i]}>${to}`),
      ...[...route].reverse().slice(1).map((to, i) => `${[...route].reverse()[i]}>${to}`),
    ]);
    const track = await http().get(`/api/v1/track/${full.trackingNo}`).query({ code: full.queryCode }).expect(200);
    expect(track.body).toMatchObject({ trackingNo: full.trackingNo, status: 'delivered', currentUnit: { code: UNITS.villageA }, result: { decision: 'approved' } });
    expect(track.body.hops).toEqual(full.hops);
    expect(JSON.stringify(track.body)).not.toMatch(/张三|13800138000|applicant|idNumber/);
    await http().get(`/api/v1/track/${full.trackingNo}`).query({ code: 'ZZZZZZ' }).expect(404);
    return full;
  }

  it('(a) a village item filed by an agent is accepted and completed at the village', async () => {
    const c = await journey('C-V', staff['clerk-a'], staff['approver-a'], [UNITS.villageA]);
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'arrive', 'receive', 'accept', 'decide', 'deliver']);
  });

  it('(b) a town item goes to the town, is decided there, travels back and is delivered', async () => {
    const c = await journey('C-T', p.auth.clerkT1!, staff['approver-t1'], [UNITS.villageA, UNITS.t1]);
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'send', 'arrive', 'receive', 'accept', 'decide', 'return-result', 'deliver']);
  });

  it('(c) a district item goes village → town → district and back, every hop timed', async () => {
    const c = await journey('C-D', staff['clerk-d'], staff['approver-d'], [UNITS.villageA, UNITS.t1, D]);
    expect(c.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'send', 'relay', 'arrive', 'receive', 'accept', 'decide', 'relay-result', 'return-result', 'deliver']);
  });

  /** The public tracking view tells the same story as the case, without personal data. */
  async function expectTrackingMatches(id: string) {
    const c = await read(p.auth.supervisor!, id);
    const track = (await http().get(`/api/v1/track/${c.trackingNo}`).query({ code: c.queryCode }).expect(200)).body;
    expect(track).toMatchObject({ status: c.status, currentUnit: { code: c.currentUnitCode }, deadline: c.deadlines.promised, hops: c.hops });
    expect(JSON.stringify(track)).not.toMatch(/张三|13800138000|idNumber|applicant/);
  }

  async function arrivedAt(clerk: string, itemCode: string) {
    const id = (await submit(p.auth.agentA!, itemCode).expect(201)).body.id;
    await waitFor('arrival', async () => (await read(clerk, id)).status === 'arrived');
    await act(clerk, id, 'receive');
    return id;
  }

  it('(e) asks for every missing material at once; a second notice may only ask again for what was supplied since', async () => {
    const id = await arrivedAt(p.auth.clerkT1!, 'C-T');
    const first = await act(p.auth.clerkT1!, id, 'request-supplement', { missing: [{ code: 'M1', reason: '复印件不清晰' }, { code: 'M2', reason: '未提供' }] });
    expect(first).toMatchObject({ status: 'supplement_requested', currentUnitCode: UNITS.villageA, supplement: { round: 1, missing: [{ code: 'M1' }, { code: 'M2' }] } });
    const partly = await http().post(`/api/v1/cases/${id}/supplement`).set('authorization', p.auth.agentA!).set('if-match', `"${first.version}"`).send({ materials: ['M1'] }).expect(422);
    expect(partly.body.detail).toBe('still missing: M2');
    const back = await act(p.auth.agentA!, id, 'supplement', { materials: ['M1', 'M2'] });
    expect(back).toMatchObject({ status: 'received', currentUnitCode: UNITS.t1, supplement: null });
    // M2 was newly supplied and turned out defective: it may be asked for again.
    await act(p.auth.clerkT1!, id, 'request-supplement', { missing: [{ code: 'M2', reason: '盖章缺失' }] });
    await act(p.auth.agentA!, id, 'supplement', { materials: ['M2'] });
    const v = (await read(p.auth.clerkT1!, id)).version;
    const unknown = await http().post(`/api/v1/cases/${id}/request-supplement`).set('authorization', p.auth.clerkT1!).set('if-match', `"${v}"`).send({ missing: [{ code: 'M9', reason: 'x' }] }).expect(400);
    expect(unknown.body.fields[0].field).toBe('missing[0].code');
    await act(p.auth.clerkT1!, id, 'accept');
    await expectTrackingMatches(id);
  });

  it('refuses a second notice for a material that was already there at the first check', async () => {
    const id = await arrivedAt(p.auth.clerkT1!, 'C-T');
    await act(p.auth.clerkT1!, id, 'request-supplement', { missing: [{ code: 'M2', reason: '未提供' }] });
    await act(p.auth.agentA!, id, 'supplement', { materials: ['M2'] });
    const v = (await read(p.auth.clerkT1!, id)).version;
    const res = await http().post(`/api/v1/cases/${id}/request-supplement`).set('authorization', p.auth.clerkT1!).set('if-match', `"${v}"`).send({ missing: [{ code: 'M1', reason: '过期' }] }).expect(422);
    expect(res.body.fields).toEqual([{ field: 'missing[0].code', message: 'M1 was not asked for in the first notice: the applicant gets one complete list' }]);
  });

  it('(f) accepts with a deferrable material owed (容缺受理), recording it and its due date', async () => {
    const id = await arrivedAt(p.auth.clerkT1!, 'C-T');
    const v = (await read(p.auth.clerkT1!, id)).version;
    const notDeferrable = await http().post(`/api/v1/cases/${id}/accept`).set('authorization', p.auth.clerkT1!).set('if-match', `"${v}"`).send({ deferredMaterials: ['M1'] }).expect(422);
    expect(notDeferrable.body.fields[0].field).toBe('deferredMaterials[0]');
    const accepted = await act(p.auth.clerkT1!, id, 'accept', { deferredMaterials: ['M2'] });
    expect(accepted.owedMaterials).toEqual([{ code: 'M2', due: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) }]);
    const full = await read(p.auth.clerkT1!, id);
    expect(full.timeline.at(-1).note).toContain('容缺受理');
    await expectTrackingMatches(id);
  });

  it('(g) reroutes to the right town with its reason visible, and counts it', async () => {
    // A town item that reached the wrong town (T1) goes on to T2, where it has authority.
    const id = await arrivedAt(p.auth.clerkT1!, 'C-T');
    const fwd = await act(p.auth.clerkT1!, id, 'forward', { toUnitCode: UNITS.t2, reason: '属钱塘镇管辖' });
    expect(fwd).toMatchObject({ status: 'in_transit', handlingUnitCode: UNITS.t2, forwardCount: 1, passedAround: false });
    await waitFor('arrival at T2', async () => (await read(p.auth.clerkT2!, id)).status === 'arrived');
    const c = await read(p.auth.clerkT2!, id);
    expect(c.route).toEqual([UNITS.villageA, UNITS.t1, UNITS.t2]);
    expect(c.timeline.find((e: { action: string }) => e.action === 'forward').note).toContain('属钱塘镇管辖');
    const track = await http().get(`/api/v1/track/${c.trackingNo}`).query({ code: c.queryCode }).expect(200);
    expect(track.body.hops.map((h: { toUnitCode: string }) => h.toUnitCode)).toEqual([UNITS.t1, UNITS.t2]);
    // A second move makes it "passed around" (推诿); the target must have authority.
    await act(p.auth.clerkT2!, id, 'receive');
    const v = (await read(p.auth.clerkT2!, id)).version;
    await http().post(`/api/v1/cases/${id}/forward`).set('authorization', p.auth.clerkT2!).set('if-match', `"${v}"`).send({ toUnitCode: D, reason: 'x' }).expect(422);
    const again = await act(p.auth.clerkT2!, id, 'forward', { toUnitCode: UNITS.t1, reason: '退回' });
    expect(again).toMatchObject({ forwardCount: 2, passedAround: true });
    await waitFor('arrival back at T1', async () => (await read(p.auth.clerkT1!, id)).status === 'arrived');
    await expectTrackingMatches(id);
  });

  it('stops the clock for a special procedure and moves the deadlines by the time not counted', async () => {
    const id = await arrivedAt(p.auth.clerkT1!, 'C-T');
    const accepted = await act(p.auth.clerkT1!, id, 'accept');
    const v = accepted.version;
    await http().post(`/api/v1/cases/${id}/suspend`).set('authorization', p.auth.clerkT1!).set('if-match', `"${v}"`).send({ procedureCode: 'NOPE' }).expect(400);
    const suspended = await act(p.auth.clerkT1!, id, 'suspend', { procedureCode: 'EXPERT', reason: '专家评审' });
    expect(suspended.status).toBe('suspended');
    const resumed = await act(p.auth.clerkT1!, id, 'resume');
    expect(resumed.status).toBe('accepted');
    expect(resumed.deadlines.promised).toBe(accepted.deadlines.promised); // resumed the same day: nothing was paused
    expect((await read(p.auth.clerkT1!, id)).timeline.at(-1).note).toBe('EXPERT: 0 working day(s) not counted');
  });

  describe('working-day calendar', () => {
    const deadline = async (from: string, days: number) => (await http().get('/api/v1/calendar/deadline').query({ from, days }).expect(200)).body;
    it.each([
      ['across the 2026 Spring Festival (02-14 is a make-up workday)', '2026-02-12', 3, '2026-02-24'],
      ['across the 2026 National Day', '2026-09-30', 2, '2026-10-09'],
      ['an ordinary week', '2026-03-02', 5, '2026-03-09'],
      ['from the 2025-01-26 make-up Sunday', '2025-01-24', 1, '2025-01-26'],
    ])('%s', async (_label, from, days, due) => {
      expect(await deadline(from, days)).toEqual({ deadline: due, provisional: false });
    });

    it('marks 2027 provisional until an admin loads it, then recomputes', async () => {
      expect(await deadline('2026-12-30', 2)).toEqual({ deadline: '2027-01-04', provisional: true });
      await http().get('/api/v1/calendar/2027').expect(404);
      expect((await http().get('/api/v1/calendar/2026').expect(200)).body.workdays).toEqual(expect.arrayContaining(['2026-02-14', '2026-10-10']));
      const year = { holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'], workdays: [], source: { title: '测试用2027年安排', issued: '2026-11-01', reference: 'test only' } };
      await http().put('/api/v1/calendar/2027').set('authorization', p.auth.supervisor!).send(year).expect(403);
      const loaded = await http().put('/api/v1/calendar/2027').set('authorization', admin).send(year).expect(200);
      expect(loaded.body.year).toBe(2027);
      expect(await deadline('2026-12-30', 2)).toEqual({ deadline: '2027-01-05', provisional: false });
      await http().put('/api/v1/calendar/2027').set('authorization', admin).send({ ...year, workdays: ['2027-01-06'] }).expect(400); // a Wednesday is no make-up workday
    });
  });

  it('(d) completes a parallel item only after the third department decides', async () => {
    const id = await arrivedAt(p.auth.clerkT1!, 'C-PAR');
    const accepted = await act(p.auth.clerkT1!, id, 'accept');
    expect(accepted.decisions.map((d: { department: string; lead: boolean }) => [d.department, d.lead])).toEqual([
      ['区市场监管局', true],
      ['区税务局', false],
      ['区人力社保局', false],
    ]);
    const approver = staff['approver-t1'];
    const v = (await read(approver, id)).version;
    await http().post(`/api/v1/cases/${id}/decide`).set('authorization', approver).set('if-match', `"${v}"`).send({ decision: 'approve' }).expect(400);
    expect((await act(approver, id, 'decide', { decision: 'approve', department: '区市场监管局' })).status).toBe('accepted');
    expect((await act(approver, id, 'decide', { decision: 'approve', department: '区税务局' })).status).toBe('accepted');
    const v2 = (await read(approver, id)).version;
    await http().post(`/api/v1/cases/${id}/decide`).set('authorization', approver).set('if-match', `"${v2}"`).send({ decision: 'deny', department: '区税务局' }).expect(409);
    const done = await act(approver, id, 'decide', { decision: 'deny', department: '区人力社保局', reason: '社保登记信息不符' });
    expect(done).toMatchObject({ status: 'completed', result: { decision: 'denied' } });
    expect(done.decisions.every((d: { decision: string | null }) => d.decision !== null)).toBe(true);
    await waitFor('the result to come back', async () => (await read(p.auth.agentA!, id)).currentUnitCode === UNITS.villageA);
    await expectTrackingMatches(id);
  });

  it('(h) handles a delegated item at the town for one town and at the district for another', async () => {
    const here = (await submit(p.auth.agentA!, 'C-DEL').expect(201)).body;
    expect(here).toMatchObject({ handlingUnitCode: UNITS.t1, route: [UNITS.villageA, UNITS.t1] });
    const there = (await submit(staff['agent-t2v'], 'C-DEL').expect(201)).body;
    expect(there).toMatchObject({ handlingUnitCode: D, route: ['500117100200', UNITS.t2, D] });
    await waitFor('arrival at T1', async () => (await read(p.auth.clerkT1!, here.id)).status === 'arrived');
    await waitFor('arrival at the district', async () => (await read(staff['clerk-d'], there.id)).status === 'arrived');
    await expectTrackingMatches(here.id);
    await expectTrackingMatches(there.id);
  });

  it('takes one rating per completed case from the resident, and flags cases received but undecided for 5 working days', async () => {
    const c = await journey('C-V', staff['clerk-a'], staff['approver-a'], [UNITS.villageA]);
    await http().post(`/api/v1/track/${c.trackingNo}/rating`).send({ code: 'ZZZZZZ', level: 5 }).expect(404);
    await http().post(`/api/v1/track/${c.trackingNo}/rating`).send({ code: c.queryCode, level: 6 }).expect(400);
    const rated = await http().post(`/api/v1/track/${c.trackingNo}/rating`).send({ code: c.queryCode, level: 2, comment: '等待太久' }).expect(201);
    expect(rated.body).toEqual({ trackingNo: c.trackingNo, level: 2 });
    await http().post(`/api/v1/track/${c.trackingNo}/rating`).send({ code: c.queryCode, level: 5 }).expect(409);
    expect((await read(p.auth.agentA!, c.id)).rating).toMatchObject({ level: 2, comment: '等待太久' });
    const { rows } = await db.query(`SELECT count(*)::int AS n FROM cases.outbox WHERE subject LIKE 'v1.cases.case.rated.%' AND payload->'data'->>'id' = $1`, [c.id]);
    expect(rows[0].n).toBe(1);

    const id = await arrivedAt(p.auth.clerkT1!, 'C-T');
    expect((await read(p.auth.clerkT1!, id)).undecidedFlag).toBe(false);
    await db.query(`UPDATE cases.case_file SET received_at = now() - interval '12 days' WHERE id = $1`, [id]);
    expect((await read(p.auth.clerkT1!, id)).undecidedFlag).toBe(true);
  });

  describe('idempotent creation', () => {
    it('needs a key, replays the same request, refuses the same key for another request', async () => {
      await http().post('/api/v1/cases').set('authorization', p.auth.agentA!).send({ itemCode: 'C-T', applicant: { name: 'x', idNumber: ID, phone: '13800138000' }, materials: [] }).expect(400);
      const first = await submit(p.auth.agentA!, 'C-T', 'same-key').expect(201);
      const again = await submit(p.auth.agentA!, 'C-T', 'same-key').expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      await submit(p.auth.agentA!, 'C-V', 'same-key').expect(422);
      // Keys are per caller: another agent's same key is another request.
      const other = await submit(p.auth.agentB!, 'C-T', 'same-key').expect(201);
      expect(other.body.id).not.toBe(first.body.id);
    });

    it('creates one case when the same key arrives twice at once', async () => {
      const results = await Promise.all([submit(p.auth.agentA!, 'C-T', 'race-key'), submit(p.auth.agentA!, 'C-T', 'race-key')]);
      expect(results.map((r) => r.status).sort()).toEqual(expect.arrayContaining([201]));
      for (const r of results) expect([201, 409]).toContain(r.status);
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM cases.idempotency_key WHERE key = 'race-key'`);
      expect(rows[0].n).toBe(1);
    });
  });

  it("answers 503 (retryable), not 404, while routing's copy of the catalogue lags behind", async () => {
    // As right after an item is published, or while JetStream is away: the catalogue has the
    // version, routing has not received it yet.
    const { rows } = await db.query(`DELETE FROM routing.item_version_copy WHERE code = 'C-T' RETURNING *`);
    expect(rows.length).toBeGreaterThan(0);
    try {
      const res = await submit(p.auth.agentA!, 'C-T', 'lag-key').expect(503);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.headers['retry-after']).toBe('1');
      expect(res.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', itemCode: 'C-T', itemVersion: 1 });
      expect(res.body.detail).toContain('Routing has not yet received C-T version 1');
    } finally {
      await db.query('INSERT INTO routing.item_version_copy SELECT * FROM json_populate_recordset(NULL::routing.item_version_copy, $1)', [JSON.stringify(rows)]);
    }
    // The client's retry with the same key files the case once routing has caught up.
    await submit(p.auth.agentA!, 'C-T', 'lag-key').expect(201);
    // An item the catalogue does not know is still 404.
    const unknown = await submit(p.auth.agentA!, 'C-NOSUCH', 'lag-key-2').expect(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
  });

  it('gives 100 concurrent submissions 100 distinct tracking numbers', async () => {
    const res = await Promise.all(Array.from({ length: 100 }, (_, i) => submit(i % 2 ? p.auth.agentA! : p.auth.agentB!, 'C-V', `bulk-${i}`)));
    expect(res.map((r) => r.status)).toEqual(Array(100).fill(201));
    expect(new Set(res.map((r) => r.body.trackingNo)).size).toBe(100);
  });

  it('lets one of two clerks accepting at once succeed; the other gets 412', async () => {
    const created = await submit(p.auth.agentA!, 'C-T').expect(201);
    const id = created.body.id;
    await waitFor('arrival', async () => (await read(p.auth.clerkT1!, id)).status === 'arrived');
    await act(p.auth.clerkT1!, id, 'receive');
    const v = (await read(p.auth.clerkT1!, id)).version;
    const both = await Promise.all(
      [p.auth.clerkT1!, staff['clerk-t1b']].map((auth) => http().post(`/api/v1/cases/${id}/accept`).set('authorization', auth).set('if-match', `"${v}"`).send({})),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);
    await http().post(`/api/v1/cases/${id}/decide`).set('authorization', staff['approver-t1']).send({ decision: 'approve' }).expect(428);
  });

  it('refuses what the rules forbid', async () => {
    await submit(p.auth.agentA!, 'C-NOPROXY').expect(422);
    await submit(p.auth.agentA!, 'C-T', undefined, { proxy: undefined }).expect(400);
    const wrongCheck = ID.slice(0, 17) + (ID.endsWith('0') ? '1' : '0');
    const badId = await submit(p.auth.agentA!, 'C-T', undefined, { applicant: { name: 'x', idNumber: wrongCheck, phone: '13800138000' } });
    expect(badId.status).toBe(400);
    expect(badId.body.fields.map((f: { field: string }) => f.field)).toEqual(['applicant.idNumber']);
    await submit(p.auth.supervisor!, 'C-T').expect(403);
    const created = await submit(p.auth.agentA!, 'C-T').expect(201);
    await waitFor('arrival', async () => (await read(p.auth.clerkT1!, created.body.id)).status === 'arrived');
    const { rows } = await db.query('SELECT applicant_id_sealed, applicant_id_masked FROM cases.case_file WHERE id = $1', [created.body.id]);
    expect(rows[0].applicant_id_sealed).not.toContain(ID);
    const wrongRole = await http().post(`/api/v1/cases/${created.body.id}/receive`).set('authorization', p.auth.agentA!).set('if-match', '"1"').send({});
    expect(wrongRole.status).toBe(403);
    // The district sees every case, but only the handling unit receives it.
    const wrongUnit = await http().post(`/api/v1/cases/${created.body.id}/receive`).set('authorization', staff['clerk-d']).set('if-match', '"9"').send({});
    expect(wrongUnit.status).toBe(403);
    expect(wrongUnit.body.detail).toContain('Only the handling unit');
    const outOfScope = await http().post(`/api/v1/cases/${created.body.id}/receive`).set('authorization', p.auth.clerkT2!).set('if-match', '"9"').send({});
    expect(outOfScope.status).toBe(404);
  });

  describe('authorization matrix', () => {
    let caseId: string;
    beforeAll(async () => {
      caseId = (await submit(p.auth.agentA!, 'C-T').expect(201)).body.id;
    });
    const expected = { agentA: 200, agentB: 404, clerkT1: 200, clerkT2: 404, supervisor: 200, partnerT1: 200, partnerT2: 404, anonymous: 401 } as const;
    it.each(PRINCIPALS.map((who) => [who, expected[who]] as const))('GET /cases/{a case of village A} as %s → %i', async (who, status) => {
      const req = http().get(`/api/v1/cases/${caseId}`);
      const auth = p.auth[who];
      await (auth ? req.set('authorization', auth) : req).expect(status);
    });
    it.each(PRINCIPALS.map((who) => [who, expected[who] === 200 ? 200 : expected[who]] as const))('GET /cases?unitCode=A as %s', async (who, status) => {
      const req = http().get('/api/v1/cases').query({ unitCode: UNITS.villageA, itemCode: 'C-T', limit: 200 });
      const auth = p.auth[who];
      const res = await (auth ? req.set('authorization', auth) : req);
      expect(res.status).toBe(status);
      if (status === 200) expect(res.body.items.map((c: { id: string }) => c.id)).toContain(caseId);
    });
  });
});
