// Runs once before all test files (plain ESM: jest loads it without transforms or path aliases,
// so it uses the build that `pretest` makes). Without DATABASE_URL the tests get an embedded
// PostgreSQL kept under ./data/test-postgres between runs; the NATS situation is said out loud.
import { randomBytes } from 'node:crypto';
import { startEmbeddedPostgres } from '../../dist/libs/persistence/src/index.js';

export default async function globalSetup() {
  process.env.TEST_RUN_ID = randomBytes(3).toString('hex');
  if (!process.env.DATABASE_URL) {
    const handle = await startEmbeddedPostgres({
      dir: process.env.TEST_PG_DIR ?? './data/test-postgres',
      port: Number(process.env.TEST_PG_PORT ?? 54339),
    });
    globalThis.__EMBEDDED_PG__ = handle;
    process.env.DATABASE_URL = handle.url;
    process.stdout.write(`\n[tests] DATABASE_URL unset: embedded PostgreSQL (${handle.created ? 'initialised' : 'reused'} ./data/test-postgres)\n`);
  } else {
    process.stdout.write('\n[tests] PostgreSQL from DATABASE_URL\n');
  }
  if (process.env.NATS_URL) process.stdout.write(`[tests] NATS at ${process.env.NATS_URL}: the NATS variants run\n`);
  else if (process.env.REQUIRE_NATS === '1') process.stdout.write('[tests] REQUIRE_NATS=1 but NATS_URL is unset: the NATS variants will FAIL\n');
  else process.stdout.write('[tests] NATS_URL unset: the NATS variants are SKIPPED (set NATS_URL to run them; REQUIRE_NATS=1 fails instead)\n');
}
