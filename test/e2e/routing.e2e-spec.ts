import { describeEachBus, waitFor } from '@app/testing';
import pg from 'pg';
import request from 'supertest';
import { itemFixture } from '../support/catalogue-fixtures.js';
import { createMatrixPrincipals, login, PRINCIPALS, UNITS, type MatrixPrincipals, routingReady } from '../support/principals.js';
import { startTestNetwork, TEST_ADMIN_PASSWORD, type TestNetwork } from '../support/test-network.js';

const VILLAGE_T2 = '500117100200';
const D = UNITS.district;

describeEachBus('routing', (kind) => {
  let net: TestNetwork;
  let admin: string;
  let p: MatrixPrincipals;
  const http = () => request(net.gateway.getHttpServer());
  const plan = (itemCode: string, originUnitCode: string) => http().get('/api/v1/routing/plan').query({ itemCode, originUnitCode });

  beforeAll(async () => {
    net = await startTestNetwork(kind);
    admin = `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`;
    const items = [
      itemFixture('R-V', { tier: 'village', category: 'convenience', promisedDays: 0, legalDays: 0, steps: [], specialProcedures: [] }),
      itemFixture('R-T', { tier: 'town' }),
      itemFixture('R-D', { tier: 'district' }),
      itemFixture('R-DEL', { tier: 'district' }),
    ];
    for (const item of items) {
      await http().post('/api/v1/catalogue/items').set('authorization', admin).send(item).expect(201);
      await http().post(`/api/v1/catalogue/items/${item.code}/publish`).set('authorization', admin).expect(200);
    }
    // Routing learns units and items from events: wait until its copies have caught up.
    await routingReady(net, 'R-DEL');
    p = await createMatrixPrincipals(net);
  });
  afterAll(async () => {
    await net?.close();
  });

  it.each([
    ['a village item filed at a village is handled there', 'R-V', UNITS.villageA, UNITS.villageA, [UNITS.villageA]],
    ['a town item goes to the village’s town', 'R-T', UNITS.villageA, UNITS.t1, [UNITS.villageA, UNITS.t1]],
    ['a district item goes village → town → district', 'R-D', UNITS.villageA, D, [UNITS.villageA, UNITS.t1, D]],
    ['a town item filed at a town is handled there', 'R-T', UNITS.t2, UNITS.t2, [UNITS.t2]],
  ])('%s', async (_label, item, origin, handling, route) => {
    const res = await plan(item, origin).expect(200);
    expect(res.body).toMatchObject({ itemCode: item, itemVersion: 1, originUnitCode: origin, handlingUnitCode: handling, route, delegated: false, skipped: [] });
    expect(res.body.routePaths).toHaveLength(route.length);
    res.body.routePaths.forEach((path: string, i: number) => expect(path.endsWith(route[i])).toBe(true));
  });

  it('handles a delegated item at the delegated town, and at the district for the others', async () => {
    await http().put('/api/v1/routing/delegations/R-DEL').set('authorization', admin).send({ towns: [UNITS.t1] }).expect(200);
    expect((await plan('R-DEL', UNITS.villageA).expect(200)).body).toMatchObject({ handlingUnitCode: UNITS.t1, route: [UNITS.villageA, UNITS.t1], delegated: true });
    expect((await plan('R-DEL', VILLAGE_T2).expect(200)).body).toMatchObject({ handlingUnitCode: D, route: [VILLAGE_T2, UNITS.t2, D], delegated: false });
    const rule = await http().get('/api/v1/routing/delegations/R-DEL').expect(200);
    expect(rule.body).toMatchObject({ itemCode: 'R-DEL', towns: [UNITS.t1], updatedBy: 'user:admin' });
    const bad = await http().put('/api/v1/routing/delegations/R-DEL').set('authorization', admin).send({ towns: [UNITS.villageA] }).expect(400);
    expect(bad.body.fields).toEqual([{ field: 'towns[0]', message: `${UNITS.villageA} is not a town or street` }]);
    await http().put('/api/v1/routing/delegations/R-T').set('authorization', admin).send({ towns: [UNITS.t1] }).expect(422);
    const db = new pg.Client({ connectionString: net.databaseUrl });
    await db.connect();
    try {
      expect((await db.query(`SELECT actor, action, details FROM routing.audit_log WHERE target_id = 'R-DEL'`)).rows).toEqual([
        { actor: 'user:admin', action: 'delegation.set', details: { before: [], after: [UNITS.t1] } },
      ]);
    } finally {
      await db.end();
    }
  });

  it('skips a town out of service upward', async () => {
    await http().patch(`/api/v1/org-units/${UNITS.t2}`).set('authorization', admin).send({ active: false }).expect(200);
    try {
      await waitFor('routing to see the town closed', async () => (await plan('R-T', VILLAGE_T2)).body.handlingUnitCode === D);
      expect((await plan('R-T', VILLAGE_T2).expect(200)).body).toMatchObject({ handlingUnitCode: D, route: [VILLAGE_T2, D], skipped: [UNITS.t2] });
      const closed = await http().get('/api/v1/routing/forward-check').query({ itemCode: 'R-T', toUnitCode: UNITS.t2 }).expect(422);
      expect(closed.body.detail).toContain('out of service');
    } finally {
      await http().patch(`/api/v1/org-units/${UNITS.t2}`).set('authorization', admin).send({ active: true }).expect(200);
    }
  });

  it('checks forwards: the target must exist, be in service and have authority', async () => {
    await http().get('/api/v1/routing/forward-check').query({ itemCode: 'R-T', toUnitCode: UNITS.t1 }).expect(200);
    await http().get('/api/v1/routing/forward-check').query({ itemCode: 'R-T', toUnitCode: '500117199000' }).expect(404);
    const wrongTier = await http().get('/api/v1/routing/forward-check').query({ itemCode: 'R-T', toUnitCode: UNITS.villageA }).expect(422);
    expect(wrongTier.body.detail).toContain('no authority');
    await http().get('/api/v1/routing/forward-check').query({ itemCode: 'R-DEL', toUnitCode: UNITS.t1 }).expect(200); // delegated
    await http().get('/api/v1/routing/forward-check').query({ itemCode: 'R-DEL', toUnitCode: UNITS.t2 }).expect(422);
  });

  it('refuses retired and unknown items, and unknown origins', async () => {
    await http().post('/api/v1/catalogue/items/R-D/retire').set('authorization', admin).expect(200);
    await waitFor('routing to see the item retired', async () => (await plan('R-D', UNITS.villageA)).status === 422);
    await http().get('/api/v1/routing/plan').query({ itemCode: 'R-D', originUnitCode: UNITS.villageA, itemVersion: 1 }).expect(200); // a pinned case still routes
    await plan('NOPE', UNITS.villageA).expect(404);
    await plan('R-T', '500117199999').expect(404);
    await http().get('/api/v1/routing/plan').query({ itemCode: 'R-T' }).expect(400);
  });

  it.each(PRINCIPALS.map((who) => [who, who === 'anonymous' ? 401 : 403] as const))('lets only district admins set delegations: %s → %i', async (who, status) => {
    const req = http().put('/api/v1/routing/delegations/R-DEL').send({ towns: [] });
    const auth = p.auth[who];
    await (auth ? req.set('authorization', auth) : req).expect(status);
  });
});
