import { COMMON_VERBS, requestSubject, type ServiceHealth, type ServiceName } from '@app/contracts';
import type { MetricsJson } from '@app/observability';
import { Controller, Inject, type Type } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { hostname } from 'node:os';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { BUS_RUNTIME, METRICS_REGISTRY } from './tokens.js';
import { EventConsumers, type BusRuntime } from '@app/messaging';
import { PublicHandler } from '@app/auth';

/** Builds the health and metrics handlers of one service (subjects are per service, so per class). */
export function serviceHealthController(service: ServiceName): Type {
  @Controller()
  @PublicHandler()
  class ServiceHealthController {
    constructor(
      private readonly ds: DataSource,
      @Inject(METRICS_REGISTRY) private readonly registry: Registry,
      @Inject(BUS_RUNTIME) private readonly bus: BusRuntime,
      @Inject(EventConsumers) private readonly consumers: EventConsumers,
    ) {}

    @MessagePattern(requestSubject(service, COMMON_VERBS.health))
    async health(): Promise<ServiceHealth> {
      const started = Date.now();
      let database: ServiceHealth['database'];
      let outbox = { backlog: 0, oldestPendingAgeSeconds: 0 };
      let deadLetters = 0;
      try {
        const [row] = await this.ds.query(
          `SELECT (SELECT count(*) FROM outbox WHERE published_at IS NULL)::int AS backlog,
                  (SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox WHERE published_at IS NULL)::float AS age,
                  (SELECT count(*) FROM dead_letter)::int AS dead`,
        );
        database = { ok: true, latencyMs: Date.now() - started };
        outbox = { backlog: row.backlog, oldestPendingAgeSeconds: Math.round(row.age) };
        deadLetters = row.dead;
      } catch (err) {
        database = { ok: false, error: err instanceof Error ? err.message : String(err) };
      }
      const consumers = this.consumers.state;
      const ok = database.ok && consumers.bound === consumers.total;
      return { service, instance: `${hostname()}:${process.pid}`, status: ok ? 'ok' : 'degraded', database, outbox, deadLetters, bus: this.bus.kind, consumers };
    }

    @MessagePattern(requestSubject(service, COMMON_VERBS.metrics))
    metrics(): Promise<MetricsJson> {
      return this.registry.getMetricsAsJSON();
    }
  }
  return ServiceHealthController;
}
