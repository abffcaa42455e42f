import { loadConfig, type AppConfig } from '@app/config';
import { BusContextInterceptor, BusExceptionFilter, connectNatsBus, type BusRuntime } from '@app/messaging';
import { createRootLogger, PinoNestLogger } from '@app/observability';
import { createServiceDataSource, migrateSchema } from '@app/persistence';
import { Module, type DynamicModule, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { serviceReadiness, startHealthListener, type HealthListener } from './health-listener.js';
import { ServiceCoreModule } from './service-core.module.js';
import type { ServiceDefinition } from './service-definition.js';
import { strictValidationPipe } from './validation.js';

export interface RunningService {
  name: string;
  app: INestMicroservice;
  dataSource: DataSource;
  stop(): Promise<void>;
}

export interface StartOptions {
  config: AppConfig;
  databaseUrl: string;
  bus: BusRuntime;
  logger: Logger;
}

@Module({})
class ServiceRootModule {
  static of(def: ServiceDefinition, core: DynamicModule): DynamicModule {
    return { module: ServiceRootModule, imports: [core, def.module] };
  }
}

function dataSourceFor(def: ServiceDefinition, config: AppConfig, databaseUrl: string): DataSource {
  return createServiceDataSource({
    url: databaseUrl,
    schema: def.name,
    poolSize: config.database.poolSize,
    entities: def.entities,
    migrations: def.migrations,
    applicationName: def.name,
  });
}

/** Runs the service's pending migrations (under the advisory lock) and closes the connection. */
export async function migrateService(def: ServiceDefinition, config: AppConfig, databaseUrl: string, logger: Logger): Promise<void> {
  const ds = await dataSourceFor(def, config, databaseUrl).initialize();
  try {
    await migrateSchema(ds, { log: (m) => logger.info({ service: def.name }, m) });
  } finally {
    await ds.destroy();
  }
}

/** Migrates, then starts the service's handlers on the bus with its relay and consumers. */
export async function startService(def: ServiceDefinition, opts: StartOptions): Promise<RunningService> {
  const logger = opts.logger.child({ service: def.name });
  const dataSource = await dataSourceFor(def, opts.config, opts.databaseUrl).initialize();
  let app: INestMicroservice | undefined;
  try {
    await migrateSchema(dataSource, { log: (m) => logger.info(m) });
    const core = ServiceCoreModule.forService(def, { config: opts.config, dataSource, databaseUrl: opts.databaseUrl, bus: opts.bus, logger });
    app = await NestFactory.createMicroservice(ServiceRootModule.of(def, core), {
      ...opts.bus.serverOptions(def.name),
      logger: new PinoNestLogger(logger),
    });
    app.useGlobalInterceptors(new BusContextInterceptor());
    app.useGlobalFilters(new BusExceptionFilter(logger));
    app.useGlobalPipes(strictValidationPipe());
    await app.listen();
    logger.info(`${def.name} is listening on the ${opts.bus.kind} bus`);
    const started = app;
    return {
      name: def.name,
      app: started,
      dataSource,
      stop: async () => {
        await started.close();
        await dataSource.destroy();
      },
    };
  } catch (err) {
    // A failure in a bootstrap hook leaves a half-started app (relay, consumers): close it too.
    await app?.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    throw err;
  }
}

/**
 * Entry point of a service running as its own process: `node dist/apps/<app>/main.js`
 * (or `... main.js migrate` to only migrate its schema, e.g. as a Kubernetes pre-upgrade job).
 */
export async function runServiceMain(def: ServiceDefinition): Promise<void> {
  const config = loadConfigOrExit();
  const logger = createRootLogger(config.log);
  const { url: databaseUrl } = config.database;
  if (!databaseUrl) return exitWith(logger, `DATABASE_URL is required to run ${def.name} on its own (npm start runs every service with an embedded PostgreSQL).`);
  if (process.argv.includes('migrate')) {
    await migrateService(def, config, databaseUrl, logger);
    return;
  }
  if (!config.bus.natsUrl) return exitWith(logger, `NATS_URL is required to run ${def.name} on its own (npm start runs every service with an in-process bus).`);
  await runUntilSignal(logger, async () => {
    const bus = await connectNatsBus(config, def.name, logger);
    const running = await startService(def, { config, databaseUrl, bus, logger });
    let health: HealthListener | undefined;
    if (config.healthPort) {
      const ds = running.dataSource;
      health = await startHealthListener(config.healthPort, serviceReadiness(def.name, { query: (sql) => ds.query(sql), busConnected: () => bus.isConnected() }));
      logger.info(`health listener on port ${health.port} (GET /health, /health/live)`);
    }
    return async () => {
      await health?.close();
      await running.stop();
      await bus.close();
    };
  });
}

/**
 * Starts a process's work and stops it on SIGINT/SIGTERM. The handlers are in place before the
 * start: a signal while it boots (a pod terminated during start-up, a rollout that moves on) lets
 * the start finish, then stops what it started and exits 0, instead of the signal's default
 * action killing the process half-started.
 */
export async function runUntilSignal(logger: Logger, start: () => Promise<() => Promise<void>>): Promise<void> {
  const started = start();
  onShutdownSignal(logger, async () => {
    const stop = await started;
    await stop();
  });
  await started;
}

export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}

function exitWith(logger: Logger, message: string): void {
  logger.fatal(message);
  process.exitCode = 1;
}

/** SIGINT/SIGTERM: run the shutdown once, then exit; a second signal exits at once. */
export function onShutdownSignal(logger: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    logger.info(`${signal} received: shutting down`);
    shutdown().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
