import type { ServiceName } from './subjects.js';

export interface ServiceHealth {
  service: ServiceName;
  instance: string;
  status: 'ok' | 'degraded';
  database: { ok: boolean; latencyMs?: number; error?: string };
  outbox: { backlog: number; oldestPendingAgeSeconds: number };
  deadLetters: number;
  bus: 'nats' | 'in-process';
  /** Durable event consumers bound of those the service has (fewer while JetStream is away: `degraded`). */
  consumers: { bound: number; total: number };
}
