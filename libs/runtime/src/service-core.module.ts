import { ConfigModule, type AppConfig } from '@app/config';
import {
  EventConsumers,
  OutboxRelay,
  OutboxWriter,
  registerMessagingMetrics,
  type BusRuntime,
} from '@app/messaging';
import { BusAuthGuard, JwksTokenVerifier, RolesCheckedInterceptor, TokenVerifier, type TokenState } from '@app/auth';
import { IdentitySubjects, streamFor, type ServiceName } from '@app/contracts';
import { createServiceRegistry } from '@app/observability';
import { CursorCodec } from '@app/persistence';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { Global, Inject, Injectable, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { BusClient } from '@app/messaging';
import type { ServiceDefinition } from './service-definition.js';
import { serviceHealthController } from './service-health.controller.js';
import { BUS_RUNTIME, LOGGER, METRICS_REGISTRY, SERVICE_NAME } from './tokens.js';

export interface ServiceDeps {
  config: AppConfig;
  dataSource: DataSource;
  databaseUrl: string;
  bus: BusRuntime;
  logger: Logger;
}

/** Starts the relay and the consumers once the service is up, and stops them first on shutdown. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(EventConsumers) private readonly consumers: EventConsumers,
    @Inject(BUS_RUNTIME) private readonly bus: BusRuntime,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
  ) {}

  async onApplicationBootstrap() {
    // The service's own stream must exist before its relay publishes, whoever consumes it.
    await this.bus.events.ensureStream(streamFor(this.service));
    await this.consumers.start();
    await this.relay.start();
  }

  async onApplicationShutdown() {
    await this.relay.stop();
    await this.consumers.stop();
  }
}

/**
 * The infrastructure every service gets: config, its DataSource, the bus client, the outbox
 * writer and relay, its event consumers, metrics and the health handler.
 */
@Global()
@Module({})
export class ServiceCoreModule {
  static forService(def: ServiceDefinition, deps: ServiceDeps): DynamicModule {
    const { config, dataSource, bus, logger } = deps;
    const registry = createServiceRegistry(def.name);
    const metrics = registerMessagingMetrics(registry, dataSource);
    const relay = new OutboxRelay(
      dataSource,
      bus.events,
      {
        databaseUrl: deps.databaseUrl,
        schema: def.name,
        pollIntervalMs: config.events.outboxPollIntervalMs,
        batchSize: config.events.outboxBatchSize,
        retentionHours: config.events.outboxRetentionHours,
        reconcileIntervalMs: config.events.outboxReconcileIntervalMs,
      },
      logger.child({ component: 'outbox-relay' }),
    );
    const consumers = new EventConsumers(
      def.name,
      dataSource,
      bus.events,
      { maxDeliver: config.events.maxDeliver, backoffMs: config.events.backoffMs, ackWaitMs: config.events.ackWaitMs },
      metrics,
      logger.child({ component: 'event-consumer' }),
    );
    const verifier = new JwksTokenVerifier(() => bus.client.request<TokenState>(IdentitySubjects.tokenState, {}), {
      refreshMs: config.auth.tokenStateRefreshMs,
    });
    const providers = [
      { provide: SERVICE_NAME, useValue: def.name },
      { provide: LOGGER, useValue: logger },
      { provide: DataSource, useValue: dataSource },
      { provide: BUS_RUNTIME, useValue: bus },
      { provide: BusClient, useValue: bus.client },
      { provide: OutboxWriter, useValue: new OutboxWriter(def.name) },
      { provide: OutboxRelay, useValue: relay },
      { provide: EventConsumers, useValue: consumers },
      { provide: METRICS_REGISTRY, useValue: registry },
      { provide: TokenVerifier, useValue: verifier },
      { provide: CursorCodec, useValue: new CursorCodec(config.cursorSecret) },
      MessagingLifecycle,
    ];
    return {
      module: ServiceCoreModule,
      imports: [ConfigModule.forRoot(config)],
      controllers: [serviceHealthController(def.name)],
      providers: [...providers, { provide: APP_GUARD, useClass: BusAuthGuard }, { provide: APP_INTERCEPTOR, useClass: RolesCheckedInterceptor }],
      exports: providers.map((p) => ('provide' in p ? p.provide : p)),
    };
  }
}
