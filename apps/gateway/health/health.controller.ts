import { COMMON_VERBS, DomainError, ErrorCode, requestSubject, SERVICES, type ServiceHealth, type ServiceName } from '@app/contracts';
import { type BusRuntime } from '@app/messaging';
import { Controller, Get, Inject, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator.js';
import { GATEWAY_BUS } from '../tokens.js';

const HEALTH_TIMEOUT_MS = 2000;

type ServiceReport = ServiceHealth | { service: ServiceName; status: 'down'; error: string };

export interface HealthReport {
  status: 'ok' | 'degraded';
  bus: { kind: BusRuntime['kind']; connected: boolean };
  database: { ok: boolean };
  services: Record<ServiceName, ServiceReport>;
}

@ApiTags('operations')
@Public()
@Controller()
export class HealthController {
  constructor(@Inject(GATEWAY_BUS) private readonly bus: BusRuntime) {}

  @Get('health')
  @ApiOperation({ summary: 'Health of every service, the bus and the database (200 when all are up, else 503)' })
  @ApiOkResponse({ description: 'Everything is up' })
  @ApiServiceUnavailableResponse({ description: 'Something is down; the body says what' })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const reports = await Promise.all(
      SERVICES.map(async (service): Promise<ServiceReport> => {
        try {
          return await this.bus.client.request<ServiceHealth>(requestSubject(service, COMMON_VERBS.health), {}, { timeoutMs: HEALTH_TIMEOUT_MS });
        } catch (err) {
          return { service, status: 'down', error: err instanceof Error ? err.message : String(err) };
        }
      }),
    );
    const services = Object.fromEntries(reports.map((r) => [r.service, r])) as Record<ServiceName, ServiceReport>;
    const database = { ok: reports.every((r) => r.status !== 'down' && r.database.ok) };
    const bus = { kind: this.bus.kind, connected: this.bus.isConnected() };
    const ok = bus.connected && database.ok && reports.every((r) => r.status === 'ok');
    void reply.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'degraded', bus, database, services };
  }

  @Get('health/live')
  @ApiOperation({ summary: 'Liveness of this gateway process (200 while it serves HTTP; asks nothing else)' })
  @ApiOkResponse({ description: 'The process serves HTTP' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('health/ready')
  @ApiOperation({
    summary: "Readiness of this gateway: its NATS connection is up (200), else 503 problem+json. It does not ask the services: one service down must not take every gateway out of the load balancer",
  })
  @ApiOkResponse({ description: 'Connected to the bus' })
  @ApiServiceUnavailableResponse({ description: 'Not connected to the bus (problem+json)' })
  ready(): { status: 'ok'; bus: { kind: BusRuntime['kind']; connected: true } } {
    if (!this.bus.isConnected()) throw new DomainError(ErrorCode.ServiceUnavailable, 'The gateway is not connected to the bus');
    return { status: 'ok', bus: { kind: this.bus.kind, connected: true } };
  }

  @Get('health/:service')
  @ApiOperation({ summary: "One service's health (readiness of that service); 503 problem+json when it does not answer within BUS_REQUEST_TIMEOUT_MS" })
  @ApiParam({ name: 'service', enum: SERVICES })
  @ApiOkResponse({ description: 'The service answered' })
  @ApiNotFoundResponse({ description: 'No such service' })
  @ApiServiceUnavailableResponse({ description: 'The service did not answer (problem+json)' })
  async serviceHealth(@Param('service') service: string): Promise<ServiceHealth> {
    if (!(SERVICES as readonly string[]).includes(service)) throw new DomainError(ErrorCode.NotFound, `There is no service called ${service}`);
    return this.bus.client.request<ServiceHealth>(requestSubject(service as ServiceName, COMMON_VERBS.health), {});
  }
}
