import type { ServiceItemInput } from '@app/contracts';
import { describeEachBus } from '@app/testing';
import pg from 'pg';
import request from 'supertest';
import { itemFixture } from '../support/catalogue-fixtures.js';
import { createMatrixPrincipals, login, PRINCIPALS, type MatrixPrincipals, type PrincipalName } from '../support/principals.js';
import { startTestNetwork, TEST_ADMIN_PASSWORD, type TestNetwork } from '../support/test-network.js';

type Mutation = (i: ServiceItemInput) => unknown;

describeEachBus('catalogue', (kind) => {
  let net: TestNetwork;
  let db: pg.Client;
  let admin: string;
  const http = () => request(net.gateway.getHttpServer());
  const publishNew = async (item: ServiceItemInput) => {
    await http().post('/api/v1/catalogue/items').set('authorization', admin).send(item).expect(201);
    return (await http().post(`/api/v1/catalogue/items/${item.code}/publish`).set('authorization', admin).expect(200)).body;
  };

  beforeAll(async () => {
    net = await startTestNetwork(kind);
    db = new pg.Client({ connectionString: net.databaseUrl });
    await db.connect();
    admin = `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`;
  });
  afterAll(async () => {
    await db?.end();
    await net?.close();
  });

  describe('validation', () => {
    const rules: [string, Mutation, string][] = [
      ['promised above legal', (i) => ({ ...i, promisedDays: 30 }), 'promisedDays'],
      ['a repeated material code', (i) => ({ ...i, materials: [i.materials[0], { ...i.materials[1], code: 'M1' }] }), 'materials[1].code'],
      ['a deferrable material that is not required', (i) => ({ ...i, materials: [{ ...i.materials[0], required: false, deferrable: true }] }), 'materials[0].deferrable'],
      ['a repeated step code', (i) => ({ ...i, steps: [i.steps[0], { ...i.steps[1], code: 'S1' }] }), 'steps[1].code'],
      ['steps longer than the promise', (i) => ({ ...i, steps: [{ ...i.steps[0], limitDays: 9 }] }), 'steps'],
      ['an instant item with a step that takes days', (i) => ({ ...i, promisedDays: 0, specialProcedures: [], steps: [{ ...i.steps[0], limitDays: 1 }] }), 'steps[0].limitDays'],
      ['a repeated special procedure', (i) => ({ ...i, specialProcedures: [i.specialProcedures[0], i.specialProcedures[0]] }), 'specialProcedures[1].code'],
      ['an instant item with special procedures', (i) => ({ ...i, promisedDays: 0, steps: [] }), 'specialProcedures'],
      ['a fee without its legal basis', (i) => ({ ...i, fees: { free: false, standard: '10元' } }), 'fees.basis'],
      ['a fee without its standard', (i) => ({ ...i, fees: { free: false, basis: '渝价〔2020〕1号' } }), 'fees.standard'],
      ['the lead department among the co-departments', (i) => ({ ...i, parallel: { leadDepartment: '区税务局', coDepartments: ['区税务局'] } }), 'parallel.coDepartments'],
      ['parallel approval without co-departments', (i) => ({ ...i, parallel: { leadDepartment: '区税务局', coDepartments: [] } }), 'parallel.coDepartments'],
      ['parallel approval on an instant item', (i) => ({ ...i, promisedDays: 0, steps: [], specialProcedures: [], parallel: { leadDepartment: 'A', coDepartments: ['B'] } }), 'parallel'],
      ['a promise beyond the joint cap', (i) => ({ ...i, legalDays: 60, promisedDays: 50, parallel: { leadDepartment: 'A', coDepartments: ['B'] } }), 'promisedDays'],
      ['an unknown category', (i) => ({ ...i, category: '行政处罚' }), 'category'],
      ['negative legal days', (i) => ({ ...i, legalDays: -1 }), 'legalDays'],
      ['a material form that does not exist', (i) => ({ ...i, materials: [{ ...i.materials[0], form: 'scan' }] }), 'materials[0].form'],
      ['an unknown property', (i) => ({ ...i, priority: 'high' }), 'priority'],
      ['a malformed code', (i) => ({ ...i, code: 'lower case' }), 'code'],
      ['a missing name', (i) => ({ ...i, name: undefined }), 'name'],
    ];
    it.each(rules)('refuses %s, naming %s', async (_label, mutate, field) => {
      const res = await http().post('/api/v1/catalogue/items').set('authorization', admin).send(mutate(itemFixture('VAL-1')) as object).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.fields.map((f: { field: string }) => f.field)).toContain(field);
    });
  });

  describe('versions', () => {
    it('publishes a draft as an immutable version; edits make a new draft; retiring keeps pinned versions readable', async () => {
      const v1 = itemFixture('VER-1', { name: '食品经营许可证（新办）' });
      const created = await http().post('/api/v1/catalogue/items').set('authorization', admin).send(v1).expect(201);
      expect(created.body).toMatchObject({ version: 1, status: 'draft' });
      await http().get('/api/v1/catalogue/items/VER-1').expect(404); // drafts are not public
      await http().post('/api/v1/catalogue/items').set('authorization', admin).send(v1).expect(409);
      const published = await http().post('/api/v1/catalogue/items/VER-1/publish').set('authorization', admin).expect(200);
      expect(published.body).toMatchObject({ version: 1, status: 'published', name: '食品经营许可证（新办）' });
      await http().post('/api/v1/catalogue/items/VER-1/publish').set('authorization', admin).expect(409); // nothing to publish

      const edited = await http().put('/api/v1/catalogue/items/VER-1').set('authorization', admin).send({ ...v1, name: '食品经营许可证（延续）', promisedDays: 4 }).expect(200);
      expect(edited.body).toMatchObject({ version: 2, status: 'draft' });
      expect((await http().get('/api/v1/catalogue/items/VER-1').expect(200)).body).toMatchObject({ version: 1, name: '食品经营许可证（新办）' });
      await http().post('/api/v1/catalogue/items/VER-1/publish').set('authorization', admin).expect(200);
      expect((await http().get('/api/v1/catalogue/items/VER-1').expect(200)).body).toMatchObject({ version: 2, name: '食品经营许可证（延续）', promisedDays: 4 });
      // A case filed under version 1 still reads version 1, unchanged.
      expect((await http().get('/api/v1/catalogue/items/VER-1?version=1').expect(200)).body).toMatchObject({ version: 1, name: '食品经营许可证（新办）', promisedDays: 5 });
      await expect(db.query(`UPDATE catalogue.service_item_version SET body = body || '{"name":"x"}' WHERE code = 'VER-1' AND version = 1`)).rejects.toThrow(/cannot change/);
      await expect(db.query(`DELETE FROM catalogue.service_item_version WHERE code = 'VER-1' AND version = 1`)).rejects.toThrow(/cannot be deleted/);

      await http().post('/api/v1/catalogue/items/VER-1/retire').set('authorization', admin).expect(200);
      await http().get('/api/v1/catalogue/items/VER-1').expect(404);
      await http().get('/api/v1/catalogue/items/VER-1?version=2').expect(200);
      const events = (await db.query(`SELECT subject, payload->'data'->>'version' AS v FROM catalogue.outbox WHERE payload->'data'->>'code' = 'VER-1' ORDER BY seq`)).rows;
      expect(events).toEqual([
        { subject: 'v1.catalogue.item.published', v: '1' },
        { subject: 'v1.catalogue.item.published', v: '2' },
        { subject: 'v1.catalogue.item.retired', v: '2' },
      ]);
      const versions = await http().get('/api/v1/catalogue/items/VER-1/versions').set('authorization', admin).expect(200);
      expect(versions.body.map((v: { status: string }) => v.status)).toEqual(['superseded', 'retired']);
    });
  });

  describe('search', () => {
    beforeAll(async () => {
      await publishNew(itemFixture('SRC-1', { name: '个体工商户营业执照（新办）', department: '区市场监管局', tier: 'town' }));
      await publishNew(itemFixture('SRC-2', { name: '个体工商户营业执照（注销）', department: '区市场监管局', tier: 'town', promisedDays: 0, steps: [], specialProcedures: [] }));
      await publishNew(itemFixture('SRC-3', { name: '居住证明', category: 'convenience', department: '村(社区)便民服务中心', tier: 'village', promisedDays: 0, legalDays: 0, steps: [], specialProcedures: [] }));
      await publishNew(itemFixture('SRC-4', { name: '城乡居民养老保险参保登记', category: 'public-service', department: '区人力社保局', tier: 'district' }));
    });
    const codes = (res: request.Response) => res.body.items.map((i: { code: string }) => i.code);

    it('matches Chinese substrings of names and departments, and codes', async () => {
      expect(codes(await http().get('/api/v1/catalogue/items').query({ q: '营业' }).expect(200))).toEqual(['SRC-1', 'SRC-2']);
      expect(codes(await http().get('/api/v1/catalogue/items').query({ q: '居住' }).expect(200))).toEqual(['SRC-3']);
      expect(codes(await http().get('/api/v1/catalogue/items').query({ q: '人力社保' }).expect(200))).toEqual(['SRC-4']);
      expect(codes(await http().get('/api/v1/catalogue/items').query({ q: 'src-4' }).expect(200))).toEqual(['SRC-4']);
      expect(codes(await http().get('/api/v1/catalogue/items').query({ q: '100%' }).expect(200))).toEqual([]);
    });

    it('filters by tier, category, department and instant', async () => {
      expect(codes(await http().get('/api/v1/catalogue/items').query({ q: '营业', instant: 'true' }).expect(200))).toEqual(['SRC-2']);
      expect(codes(await http().get('/api/v1/catalogue/items').query({ tier: 'village' }).expect(200))).toEqual(['SRC-3']);
      expect(codes(await http().get('/api/v1/catalogue/items').query({ category: 'public-service' }).expect(200))).toEqual(['SRC-4']);
      expect(codes(await http().get('/api/v1/catalogue/items').query({ department: '区市场监管局', q: '个体' }).expect(200))).toEqual(['SRC-1', 'SRC-2']);
      await http().get('/api/v1/catalogue/items').query({ tier: 'county' }).expect(400);
    });

    it('pages with cursors bound to the query', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await http().get('/api/v1/catalogue/items').query({ q: 'SRC', limit: 1, ...(cursor ? { cursor } : {}) }).expect(200);
        seen.push(...codes(res));
        cursor = res.body.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['SRC-1', 'SRC-2', 'SRC-3', 'SRC-4']);
      const first = await http().get('/api/v1/catalogue/items').query({ q: 'SRC', limit: 1 }).expect(200);
      await http().get('/api/v1/catalogue/items').query({ q: '营业', limit: 1, cursor: first.body.nextCursor }).expect(400);
    });

    it('shows the applicant’s guide', async () => {
      const res = await http().get('/api/v1/catalogue/items/SRC-1').expect(200);
      expect(res.body).toMatchObject({ name: '个体工商户营业执照（新办）', materials: [{ code: 'M1', name: '居民身份证' }, { code: 'M2', deferrable: true }], fees: { free: true }, location: '镇街公共服务中心', guide: expect.any(String), instant: false });
    });
  });

  describe('authorization', () => {
    let p: MatrixPrincipals;
    beforeAll(async () => {
      p = await createMatrixPrincipals(net);
      await publishNew(itemFixture('AUTH-1'));
    });
    const writes: { name: string; call: () => request.Test }[] = [
      { name: 'POST /catalogue/items', call: () => http().post('/api/v1/catalogue/items').send(itemFixture('AUTH-2')) },
      { name: 'PUT /catalogue/items/{code}', call: () => http().put('/api/v1/catalogue/items/AUTH-1').send(itemFixture('AUTH-1')) },
      { name: 'POST /catalogue/items/{code}/publish', call: () => http().post('/api/v1/catalogue/items/AUTH-1/publish') },
      { name: 'POST /catalogue/items/{code}/retire', call: () => http().post('/api/v1/catalogue/items/AUTH-1/retire') },
      { name: 'GET /catalogue/items/{code}/versions', call: () => http().get('/api/v1/catalogue/items/AUTH-1/versions') },
      { name: 'POST /catalogue/import', call: () => http().post('/api/v1/catalogue/import').send([itemFixture('AUTH-3')]) },
      { name: 'GET /catalogue/export', call: () => http().get('/api/v1/catalogue/export?format=json') },
    ];
    const reads: { name: string; call: () => request.Test }[] = [
      { name: 'GET /catalogue/items', call: () => http().get('/api/v1/catalogue/items?q=AUTH') },
      { name: 'GET /catalogue/items/{code}', call: () => http().get('/api/v1/catalogue/items/AUTH-1') },
      { name: 'GET /catalogue/stats', call: () => http().get('/api/v1/catalogue/stats') },
    ];
    const cells = [
      ...writes.flatMap((w) => PRINCIPALS.map((who) => ({ row: w.name, who, status: who === 'anonymous' ? 401 : 403, call: w.call }))),
      ...reads.flatMap((r) => PRINCIPALS.map((who) => ({ row: r.name, who, status: 200, call: r.call }))),
    ];
    it.each(cells)('$row as $who → $status', async ({ who, status, call }) => {
      const auth = p.auth[who as PrincipalName];
      const res = await (auth ? call().set('authorization', auth) : call());
      expect(res.status).toBe(status);
    });

    it('lets only admins bound to the district write', async () => {
      const res = await http().post('/api/v1/users').set('authorization', admin).send({ username: 'm-town-admin', password: 'Matrix-Password-2026', displayName: 't', unitCode: '500117106000', roles: ['admin'] }).expect(201);
      expect(res.body.roles).toEqual(['admin']);
      const townAdmin = `Bearer ${(await login(net, 'm-town-admin', 'Matrix-Password-2026')).accessToken}`;
      const refused = await http().post('/api/v1/catalogue/items').set('authorization', townAdmin).send(itemFixture('AUTH-4')).expect(403);
      expect(refused.body.detail).toContain('district');
    });
  });

  it('answers the export in the import format', async () => {
    const json = await http().get('/api/v1/catalogue/export?format=json').set('authorization', admin).expect(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(JSON.parse(json.text).map((i: { code: string }) => i.code)).toEqual(expect.arrayContaining(['SRC-1', 'AUTH-1']));
    const csv = await http().get('/api/v1/catalogue/export?format=csv').set('authorization', admin).expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.text.split('\r\n')[0]).toContain('code,name,category');
  });
});
