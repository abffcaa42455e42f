import { COMMON_VERBS, requestSubject, SERVICES } from '@app/contracts';
import type { BusRuntime } from '@app/messaging';
import { mergeMetrics, type MetricsJson } from '@app/observability';
import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { Public } from '../auth/public.decorator.js';
import { GATEWAY_BUS, GATEWAY_LOGGER, GATEWAY_REGISTRY } from '../tokens.js';

@ApiTags('operations')
@Public()
@Controller()
export class MetricsController {
  constructor(
    @Inject(GATEWAY_BUS) private readonly bus: BusRuntime,
    @Inject(GATEWAY_REGISTRY) private readonly registry: Registry,
    @Inject(GATEWAY_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiOperation({ summary: 'Prometheus metrics of the gateway and every reachable service' })
  async metrics(): Promise<string> {
    const parts = await Promise.all(
      SERVICES.map((s) =>
        this.bus.client.request<MetricsJson>(requestSubject(s, COMMON_VERBS.metrics), {}, { timeoutMs: 2000 }).catch((err: unknown) => {
          // A missing service shows in /health; its metrics are simply absent here.
          this.logger.warn({ service: s, err }, 'metrics unavailable');
          return [] as MetricsJson;
        }),
      ),
    );
    return mergeMetrics([await this.registry.getMetricsAsJSON(), ...parts]).metrics();
  }
}
