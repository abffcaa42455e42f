import type { AppConfig } from '@app/config';
import { SERVICES, type ServiceName } from '@app/contracts';
import { connectNatsBus, InProcessHub, inProcessBus, type BusRuntime } from '@app/messaging';
import { startService, type RunningService, type ServiceDefinition } from '@app/runtime';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Logger } from 'pino';
import { agentsService } from '../agents/agents.service-def.js';
import { casesService } from '../cases/cases.service-def.js';
import { catalogueService } from '../catalogue/catalogue.service-def.js';
import { createGatewayApp } from '../gateway/gateway.app.js';
import { identityService } from '../identity/identity.service-def.js';
import { routingService } from '../routing/routing.service-def.js';

/** Every service, in start order. This module is the composition root: the one place that imports every app. */
export const SERVICE_DEFINITIONS: readonly ServiceDefinition[] = [identityService, catalogueService, routingService, casesService, agentsService];
if (SERVICE_DEFINITIONS.map((d) => d.name).join() !== SERVICES.join()) throw new Error('the network must include every service of the contracts');

export interface Network {
  bus: BusRuntime['kind'];
  /** Initialised, not listening: `listenGateway` or supertest on `getHttpServer()`. */
  gateway: NestFastifyApplication;
  /** The gateway's bus connection (tests send messages straight onto the bus with it). */
  gatewayBus: BusRuntime;
  services: Map<ServiceName, RunningService>;
  /** Stops one service (as if its process died cleanly); the rest keeps running. */
  stopService(name: ServiceName): Promise<void>;
  /** Starts a stopped service again (a restart: same database, fresh bus connection). */
  startService(name: ServiceName): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts every service and the gateway in this process: on NATS (one connection per service, as
 * if they were processes) when NATS_URL is set, else on one shared in-process bus.
 */
export async function startNetwork(config: AppConfig, databaseUrl: string, logger: Logger): Promise<Network> {
  const hub = config.bus.natsUrl ? undefined : new InProcessHub(config.events.duplicateWindowS * 1000, undefined, false);
  const buses: BusRuntime[] = [];
  const services = new Map<ServiceName, RunningService>();
  let gateway: NestFastifyApplication | undefined;
  let gatewayBus: BusRuntime | undefined;
  const busFor = async (name: string): Promise<BusRuntime> => {
    const bus = hub ? inProcessBus(hub, config) : await connectNatsBus(config, name, logger);
    buses.push(bus);
    return bus;
  };
  const stop = async () => {
    await gateway?.close();
    for (const s of [...services.values()].reverse()) await s.stop().catch((err: unknown) => logger.error({ err, service: s.name }, 'stop failed'));
    services.clear();
    for (const b of buses) await b.close();
    hub?.close();
  };
  try {
    for (const def of SERVICE_DEFINITIONS) services.set(def.name, await startService(def, { config, databaseUrl, bus: await busFor(def.name), logger }));
    hub?.openForEvents(); // every consumer is registered now
    gatewayBus = await busFor('gateway');
    gateway = await createGatewayApp(config, gatewayBus, logger);
    await gateway.init();
    await gateway.getHttpAdapter().getInstance().ready();
  } catch (err) {
    await stop().catch(() => undefined);
    throw err;
  }
  return {
    bus: hub ? 'in-process' : 'nats',
    gateway,
    gatewayBus: gatewayBus!,
    services,
    stopService: async (name) => {
      await services.get(name)?.stop();
      services.delete(name);
    },
    startService: async (name) => {
      if (services.has(name)) throw new Error(`${name} is running`);
      const def = SERVICE_DEFINITIONS.find((d) => d.name === name)!;
      services.set(name, await startService(def, { config, databaseUrl, bus: await busFor(name), logger }));
    },
    stop,
  };
}
