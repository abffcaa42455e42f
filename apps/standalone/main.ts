import 'reflect-metadata';
import { SERVICES } from '@app/contracts';
import { connectNatsBus, InProcessHub, inProcessBus, type BusRuntime } from '@app/messaging';
import { createRootLogger } from '@app/observability';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@app/persistence';
import { loadConfigOrExit, migrateService, onShutdownSignal, startService, type RunningService, type ServiceDefinition } from '@app/runtime';
import { agentsService } from '../agents/agents.service-def.js';
import { casesService } from '../cases/cases.service-def.js';
import { catalogueService } from '../catalogue/catalogue.service-def.js';
import { createGatewayApp, listenGateway } from '../gateway/gateway.app.js';
import { identityService } from '../identity/identity.service-def.js';
import { routingService } from '../routing/routing.service-def.js';

/**
 * The single-process network (`npm start`): every service and the gateway in one Node process.
 * This file is the composition root, the one place that imports every app.
 * Without DATABASE_URL it runs an embedded PostgreSQL under ./data; without NATS_URL the
 * in-process bus. `npm run migrate` (argument `migrate`) only migrates every schema.
 */
const definitions: ServiceDefinition[] = [identityService, catalogueService, routingService, casesService, agentsService];
if (definitions.map((d) => d.name).join() !== SERVICES.join()) throw new Error('standalone must start every service of the contracts');

const config = loadConfigOrExit();
const logger = createRootLogger(config.log);
const say = (line: string) => logger.info(line);

let pg: EmbeddedPostgresHandle | undefined;
const running: RunningService[] = [];
const buses: BusRuntime[] = [];
let stopGateway: (() => Promise<void>) | undefined;

async function shutdown(): Promise<void> {
  await stopGateway?.();
  for (const s of running.reverse()) await s.stop().catch((err: unknown) => logger.error({ err, service: s.name }, 'stop failed'));
  for (const b of buses) await b.close();
  hub?.close();
  if (pg) {
    say('stopping embedded PostgreSQL');
    await pg.stop();
  }
  say('stopped');
}

let hub: InProcessHub | undefined;
onShutdownSignal(logger, shutdown);

try {
  let databaseUrl = config.database.url;
  if (databaseUrl) {
    say(`database: ${redact(databaseUrl)} (DATABASE_URL)`);
  } else {
    say(`database: starting embedded PostgreSQL in ${config.database.embedded.dir} on port ${config.database.embedded.port}`);
    pg = await startEmbeddedPostgres({ dir: config.database.embedded.dir, port: config.database.embedded.port, log: (l) => logger.debug({ component: 'postgres' }, l) });
    databaseUrl = pg.url;
    say(`database: embedded PostgreSQL ${pg.created ? 'initialised' : 'reusing existing data'} in ${config.database.embedded.dir}`);
  }

  if (process.argv.includes('migrate')) {
    for (const def of definitions) await migrateService(def, config, databaseUrl, logger);
    await shutdown();
    process.exit(0);
  }

  const busFor = async (name: string): Promise<BusRuntime> => {
    if (config.bus.natsUrl) {
      const b = await connectNatsBus(config, name, logger);
      buses.push(b);
      return b;
    }
    hub ??= new InProcessHub(config.events.duplicateWindowS * 1000);
    return inProcessBus(hub, config);
  };
  say(config.bus.natsUrl ? `bus: NATS at ${config.bus.natsUrl} (NATS_URL)` : 'bus: in-process (set NATS_URL to use NATS)');

  for (const def of definitions) running.push(await startService(def, { config, databaseUrl, bus: await busFor(def.name), logger }));
  const gateway = await createGatewayApp(config, await busFor('gateway'), logger);
  stopGateway = () => gateway.close();
  const url = await listenGateway(gateway, config);
  say(`ready: gateway ${url}  |  API docs ${url}/api/docs  |  health ${url}/health  |  metrics ${url}/metrics  |  Ctrl-C stops everything`);
} catch (err) {
  logger.fatal({ err }, 'start failed');
  await shutdown().catch(() => undefined);
  process.exit(1);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
