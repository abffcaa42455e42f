import type { BusRuntime } from '@app/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { HealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { GATEWAY_BUS, GATEWAY_LOGGER, GATEWAY_REGISTRY } from './tokens.js';

/** The HTTP edge: authentication, validation, OpenAPI and problem+json; no database, no business rules. */
@Module({})
export class GatewayModule {
  static forRoot(deps: { bus: BusRuntime; registry: Registry; logger: Logger }): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: GATEWAY_BUS, useValue: deps.bus },
        { provide: GATEWAY_REGISTRY, useValue: deps.registry },
        { provide: GATEWAY_LOGGER, useValue: deps.logger },
      ],
    };
  }
}
