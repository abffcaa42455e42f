import type { ServiceName } from './subjects.js';

export interface ServiceHealth {
  service: ServiceName;
  instance: string;
  status: 'ok' | 'degraded';
  database: { ok: boolean; latencyMs?: number; error?: string };
  outbox: { backlog: number; oldestPendingAgeSeconds: number };
  deadLetters: number;
  bus: 'nats' | 'in-process';
}
