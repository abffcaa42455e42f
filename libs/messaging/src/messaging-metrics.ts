import { Counter, Gauge, type Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { ProcessorMetrics } from './events/event-processor.js';

/** The bus metrics of one service: outbox backlog read from its table at scrape time, delivery counters. */
export function registerMessagingMetrics(registry: Registry, ds: DataSource): ProcessorMetrics {
  new Gauge({
    name: 'outbox_backlog',
    help: 'Outbox events committed but not yet published',
    registers: [registry],
    async collect() {
      const [row] = await ds.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
      this.set(row.n);
    },
  });
  new Gauge({
    name: 'outbox_oldest_pending_age_seconds',
    help: 'Age of the oldest unpublished outbox event (0 when none)',
    registers: [registry],
    async collect() {
      const [row] = await ds.query('SELECT coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age FROM outbox WHERE published_at IS NULL');
      this.set(row.age);
    },
  });
  new Gauge({
    name: 'events_dead_letters',
    help: 'Events in the dead-letter table',
    registers: [registry],
    async collect() {
      const [row] = await ds.query('SELECT count(*)::int AS n FROM dead_letter');
      this.set(row.n);
    },
  });
  return {
    redeliveries: new Counter({ name: 'events_redeliveries_total', help: 'Event deliveries after the first', labelNames: ['consumer'], registers: [registry] }),
    deadLetters: new Counter({ name: 'events_dead_lettered_total', help: 'Events dead-lettered since start', labelNames: ['consumer'], registers: [registry] }),
  };
}
