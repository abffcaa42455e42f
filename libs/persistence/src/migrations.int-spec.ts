import { createTestDatabase, type TestDatabase } from '@app/testing';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createServiceDataSource, migrateSchema } from './data-source.js';

class CreateThings1700000000000 implements MigrationInterface {
  name = 'CreateThings1700000000000';
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE things (id int CONSTRAINT things_pk PRIMARY KEY)');
    // Slow enough that concurrent starters really overlap.
    await q.query('SELECT pg_sleep(0.3)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE things');
  }
}

describe('migrateSchema', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  const ds = () => createServiceDataSource({ url: db.url, schema: 'svc', poolSize: 2, migrations: [CreateThings1700000000000], applicationName: 'test' }).initialize();

  it('migrates once when several instances start together, in the service schema only', async () => {
    const sources = await Promise.all([ds(), ds(), ds()]);
    try {
      const applied = await Promise.all(sources.map((s) => migrateSchema(s, { log: () => undefined })));
      expect(applied.map((a) => a.length).sort()).toEqual([0, 0, 1]);
      const [row] = await sources[0].query(`SELECT table_schema FROM information_schema.tables WHERE table_name = 'things'`);
      expect(row.table_schema).toBe('svc');
      const runs = await sources[0].query('SELECT name FROM svc.migrations');
      expect(runs).toEqual([{ name: 'CreateThings1700000000000' }]);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
