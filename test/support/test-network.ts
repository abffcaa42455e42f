import { loadConfig } from '@app/config';
import { createRootLogger } from '@app/observability';
import { createTestDatabase, deleteNamespaceStreams, testNatsUrl, uniqueNamespace, type BusKind } from '@app/testing';
import { startNetwork, type Network } from '../../apps/standalone/network.js';

/** The first admin's password in tests (set through ADMIN_PASSWORD). */
export const TEST_ADMIN_PASSWORD = 'Test-Root-Password-2026';

export interface TestNetwork extends Network {
  databaseUrl: string;
  /** The environment the network runs with: what a service started as its own process needs to join it. */
  env: Record<string, string | undefined>;
  close(): Promise<void>;
}

/**
 * The whole network in the test process, on a fresh database and (for NATS) a namespace of its
 * own. `env` overrides configuration variables, e.g. `{ BUS_REQUEST_TIMEOUT_MS: '500' }`.
 */
export async function startTestNetwork(kind: BusKind, env: Record<string, string> = {}): Promise<TestNetwork> {
  const db = await createTestDatabase();
  const namespace = uniqueNamespace();
  const networkEnv = {
    ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    PERSONAL_DATA_KEY: 'a'.repeat(64),
    ...env,
    DATABASE_URL: db.url,
    NATS_URL: kind === 'nats' ? testNatsUrl : undefined,
    BUS_NAMESPACE: namespace,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
  };
  const config = loadConfig(networkEnv);
  const logger = createRootLogger(config.log);
  const network = await startNetwork(config, db.url, logger).catch(async (err: unknown) => {
    await db.drop();
    throw err;
  });
  return {
    ...network,
    databaseUrl: db.url,
    env: networkEnv,
    close: async () => {
      await network.stop();
      if (kind === 'nats') await deleteNamespaceStreams(namespace);
      await db.drop();
    },
  };
}
