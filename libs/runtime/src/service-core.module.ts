import { ConfigModule, type AppConfig } from '@app/config';
import {
  EventConsumers,
  OutboxRelay,
  OutboxWriter,
  registerMessagingMetrics,
  type BusRuntime,
} from '@app/messaging';
import { BusAuthGuard, JwksTokenVerifier, RolesCheckedInterceptor, TokenVerifier, type TokenState } from '@app/auth';
import { IdentitySubjects } from '@app/contracts';
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
  ) {}

  async onApplicationBootstrap() {
    // Neither waits for JetStream: the relay keeps committed events pending until it can publish
    // (it creates the service's stream at start, or on a later pass, before the first publish), and the
    // consumers bind in the background when JetStream is away. A service starts with PostgreSQL
    // and NATS alone; its health says `degraded` until every consumer is bound.
    await this.relay.start();
    await this.consumers.start();
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
