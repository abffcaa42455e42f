import { JwksTokenVerifier, TokenVerifier, type TokenState } from '@app/auth';
import { ConfigModule, type AppConfig } from '@app/config';
import { IdentitySubjects } from '@app/contracts';
import { BusClient, type BusRuntime } from '@app/messaging';
import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { BearerStrategy } from './auth/bearer.strategy.js';
import { GatewayAuthGuard } from './auth/gateway-auth.guard.js';
import { RateLimitGuard } from './auth/rate-limit.guard.js';
import { AgentsController } from './cases/agents.controller.js';
import { CasesController } from './cases/cases.controller.js';
import { CatalogueController } from './catalogue/catalogue.controllers.js';
import { HealthController } from './health/health.controller.js';
import { RoutingController } from './routing/routing.controller.js';
import { AuditController, AuthController, OrgUnitsController, PartnerClientsController, UsersController } from './identity/identity.controllers.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { GATEWAY_BUS, GATEWAY_LOGGER, GATEWAY_REGISTRY } from './tokens.js';

export const GATEWAY_CONTROLLERS = [
  HealthController,
  MetricsController,
  AuthController,
  OrgUnitsController,
  UsersController,
  PartnerClientsController,
  AuditController,
  CatalogueController,
  RoutingController,
  CasesController,
  AgentsController,
];

/** The HTTP edge: authentication, validation, OpenAPI and problem+json; no database, no business rules. */
@Module({})
export class GatewayModule {
  static forRoot(deps: { config: AppConfig; bus: BusRuntime; registry: Registry; logger: Logger }): DynamicModule {
    const verifier = new JwksTokenVerifier(() => deps.bus.client.request<TokenState>(IdentitySubjects.tokenState, {}), {
      refreshMs: deps.config.auth.tokenStateRefreshMs,
    });
    return {
      module: GatewayModule,
      imports: [ConfigModule.forRoot(deps.config), PassportModule],
      controllers: GATEWAY_CONTROLLERS,
      providers: [
        { provide: TokenVerifier, useValue: verifier },
        BearerStrategy,
        { provide: APP_GUARD, useClass: GatewayAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: BusClient, useValue: deps.bus.client },
        { provide: GATEWAY_BUS, useValue: deps.bus },
        { provide: GATEWAY_REGISTRY, useValue: deps.registry },
        { provide: GATEWAY_LOGGER, useValue: deps.logger },
      ],
    };
  }
}
