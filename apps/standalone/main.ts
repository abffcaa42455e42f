import 'reflect-metadata';
import { createRootLogger } from '@app/observability';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@app/persistence';
import { loadConfigOrExit, migrateService, onShutdownSignal } from '@app/runtime';
import { listenGateway } from '../gateway/gateway.app.js';
import { SERVICE_DEFINITIONS, startNetwork, type Network } from './network.js';

/**
 * The single-process network (`npm start`): every service and the gateway in one Node process.
 * Without DATABASE_URL it runs an embedded PostgreSQL under ./data; without NATS_URL the
 * in-process bus. With the argument `migrate` (`npm run migrate`) it only migrates every schema.
 */
const config = loadConfigOrExit();
const logger = createRootLogger(config.log);
const say = (line: string) => logger.info(line);

let pg: EmbeddedPostgresHandle | undefined;
let network: Network | undefined;

async function shutdown(): Promise<void> {
  await network?.stop();
  if (pg) {
    say('stopping the embedded PostgreSQL');
    await pg.stop();
  }
  say('stopped');
}
onShutdownSignal(logger, shutdown);

try {
  let databaseUrl = config.database.url;
  if (databaseUrl) {
    say(`database: ${databaseUrl.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} (DATABASE_URL)`);
  } else {
    const { dir, port } = config.database.embedded;
    say(`database: DATABASE_URL unset, starting the embedded PostgreSQL in ${dir} on port ${port}`);
    pg = await startEmbeddedPostgres({ dir, port, log: (l) => logger.debug({ component: 'postgres' }, l) });
    databaseUrl = pg.url;
    // The embedded start is the demo: demo users and data, and a generated admin password if none is set.
    config.demoData = true;
    say(`database: embedded PostgreSQL ${pg.created ? 'initialised' : 'reusing the data'} in ${dir}`);
  }

  if (process.argv.includes('migrate')) {
    for (const def of SERVICE_DEFINITIONS) await migrateService(def, config, databaseUrl, logger);
    await shutdown();
    process.exit(0);
  }

  say(config.bus.natsUrl ? `bus: NATS at ${config.bus.natsUrl} (NATS_URL)` : 'bus: NATS_URL unset, using the in-process bus');
  network = await startNetwork(config, databaseUrl, logger);
  const url = await listenGateway(network.gateway, config);
  say(`ready: gateway ${url} | API docs ${url}/api/docs | health ${url}/health | metrics ${url}/metrics | Ctrl-C stops everything`);
} catch (err) {
  logger.fatal({ err }, 'start failed');
  await shutdown().catch(() => undefined);
  process.exit(1);
}
