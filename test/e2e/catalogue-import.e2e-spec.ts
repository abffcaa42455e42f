import type { ImportJob, ServiceItemInput } from '@app/contracts';
import { describeEachBus, waitFor } from '@app/testing';
import request from 'supertest';
import { toCatalogueCsv } from '../../apps/catalogue/import/catalogue-csv.js';
import { itemFixture } from '../support/catalogue-fixtures.js';
import { login } from '../support/principals.js';
import { startTestNetwork, TEST_ADMIN_PASSWORD, type TestNetwork } from '../support/test-network.js';

/** 500 items; rows 17, 250 and 498 are broken, each in its own way. */
function fileItems(fixed = false): ServiceItemInput[] {
  return Array.from({ length: 500 }, (_, i) => {
    const row = i + 1;
    const item = itemFixture(`IMP-${String(row).padStart(4, '0')}`, { name: `导入事项${row}`, legalDays: 10 + (row % 7), promisedDays: row % 10 === 0 ? 0 : 4 + (row % 5) });
    if (item.promisedDays === 0) Object.assign(item, { steps: [], specialProcedures: [] });
    if (fixed) return item;
    if (row === 17) return { ...item, promisedDays: 30 };
    if (row === 250) return { ...item, category: 'bogus' as never };
    if (row === 498) return { ...item, materials: [item.materials[0], { ...item.materials[1], code: 'M1' }] };
    return item;
  });
}
const BAD = [
  { row: 17, field: 'promisedDays' },
  { row: 250, field: 'category' },
  { row: 498, field: 'materials[1].code' },
];

describeEachBus('catalogue import and figures', (kind) => {
  let net: TestNetwork;
  let admin: string;
  const http = () => request(net.gateway.getHttpServer());
  const stats = async () => (await http().get('/api/v1/catalogue/stats').expect(200)).body;

  async function runImport(req: request.Test): Promise<ImportJob> {
    const started = await req.set('authorization', admin).expect(202);
    expect(started.headers.location).toBe(`/api/v1/catalogue/imports/${started.body.id}`);
    return waitFor(
      'the import to finish',
      async () => {
        const job = (await http().get(started.headers.location).set('authorization', admin).expect(200)).body as ImportJob;
        return job.status === 'running' ? undefined : job;
      },
      60_000,
      100,
    );
  }
  const importJson = (items: unknown, mode?: string) => runImport(http().post(`/api/v1/catalogue/import${mode ? `?mode=${mode}` : ''}`).send(items as object));
  const importCsv = (csv: string, mode?: string) => runImport(http().post(`/api/v1/catalogue/import${mode ? `?mode=${mode}` : ''}`).set('content-type', 'text/csv').send(csv));
  const reported = (job: ImportJob) => job.problems.map((p) => ({ row: p.row, field: p.field }));

  beforeAll(async () => {
    net = await startTestNetwork(kind);
    admin = `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`;
  });
  afterAll(async () => {
    await net?.close();
  });

  it('computes the power-list figures of a constructed catalogue (published current versions only)', async () => {
    const publish = async (item: ServiceItemInput) => {
      await http().post('/api/v1/catalogue/items').set('authorization', admin).send(item).expect(201);
      await http().post(`/api/v1/catalogue/items/${item.code}/publish`).set('authorization', admin).expect(200);
    };
    await publish(itemFixture('ST-1', { category: 'licensing', tier: 'district', legalDays: 20, promisedDays: 10 }));
    await publish(itemFixture('ST-2', { category: 'licensing', tier: 'town', legalDays: 10, promisedDays: 5 }));
    await publish(itemFixture('ST-3', { category: 'convenience', tier: 'village', legalDays: 5, promisedDays: 0, steps: [], specialProcedures: [] }));
    await publish(itemFixture('ST-4', { category: 'public-service', tier: 'town', legalDays: 1, promisedDays: 0, specialProcedures: [], steps: [{ code: 'S1', name: '受理办结', role: 'clerk', limitDays: 0 }] }));
    await http().post('/api/v1/catalogue/items').set('authorization', admin).send(itemFixture('ST-5')).expect(201); // a draft: not counted
    await publish(itemFixture('ST-6'));
    await http().post('/api/v1/catalogue/items/ST-6/retire').set('authorization', admin).expect(200); // retired: not counted
    // By hand: promised 10+5+0+0 = 15 → 3.75; legal 20+10+5+1 = 36 → 9; 1 − 3.75/9 = 0.58333…
    expect(await stats()).toEqual({
      items: 4,
      instantItems: 2,
      instantRate: 0.5,
      avgPromisedDays: 3.75,
      avgLegalDays: 9,
      compression: 0.5833,
      approvalItemsWithFlow: 3,
      byCategory: { convenience: 1, licensing: 2, 'public-service': 1 },
      byTier: { district: 1, town: 2, village: 1 },
    });
  });

  it('writes nothing from a file with 3 bad rows among 500, and reports each with its row and field (JSON)', async () => {
    const job = await importJson(fileItems());
    expect(job).toMatchObject({ status: 'rejected', total: 500, failed: 3, created: 0, updated: 0 });
    expect(reported(job)).toEqual(BAD);
    expect(job.problems.map((p) => p.code)).toEqual(['IMP-0017', 'IMP-0250', 'IMP-0498']);
    expect((await stats()).items).toBe(4);
  });

  it('gives the same result for the same file as CSV, with line numbers', async () => {
    const job = await importCsv(toCatalogueCsv(fileItems()));
    expect(job).toMatchObject({ status: 'rejected', total: 500, failed: 3, created: 0 });
    expect(reported(job)).toEqual(BAD);
    expect(job.problems.map((p) => p.line)).toEqual([18, 251, 499]); // line 1 is the header
    expect((await stats()).items).toBe(4);
  });

  it('writes the 497 good rows in partial mode, and re-importing (JSON or CSV) changes nothing', async () => {
    const partial = await importJson(fileItems(), 'partial');
    expect(partial).toMatchObject({ status: 'succeeded', total: 500, processed: 500, created: 497, updated: 0, unchanged: 0, failed: 3 });
    expect(reported(partial)).toEqual(BAD);
    expect((await stats()).items).toBe(4 + 497);
    const again = await importJson(fileItems(), 'partial');
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 497, failed: 3 });
    const asCsv = await importCsv(toCatalogueCsv(fileItems()), 'partial');
    expect(asCsv).toMatchObject({ created: 0, updated: 0, unchanged: 497, failed: 3 });
    expect(reported(asCsv)).toEqual(reported(again));
  });

  it('imports the corrected file whole, touching only what changed', async () => {
    const job = await importCsv(toCatalogueCsv(fileItems(true)));
    expect(job).toMatchObject({ status: 'succeeded', created: 3, updated: 0, unchanged: 497, failed: 0, problems: [] });
    expect((await stats()).items).toBe(4 + 500);
    const edited = fileItems(true).map((i) => (i.code === 'IMP-0001' ? { ...i, name: '导入事项1（修订）' } : i));
    expect(await importJson(edited)).toMatchObject({ created: 0, updated: 1, unchanged: 499 });
    expect((await http().get('/api/v1/catalogue/items/IMP-0001').expect(200)).body).toMatchObject({ version: 2, name: '导入事项1（修订）' });
  });

  it('refuses a file that is not what it says', async () => {
    const notJson = await runImport(http().post('/api/v1/catalogue/import').send({ format: 'json', content: '{"not": "an array"}' }));
    expect(notJson).toMatchObject({ status: 'rejected', problems: [{ row: 0, field: '*', message: 'the file must be a JSON array of service items' }] });
    const badHeader = await importCsv('code,name,colour\r\nX-1,x,red\r\n', 'partial');
    expect(badHeader.status).toBe('rejected');
    expect(badHeader.problems.some((p) => p.line === 1)).toBe(true);
  });
});
