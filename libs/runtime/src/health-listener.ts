import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the readiness check found; `ok: false` answers 503. */
export interface HealthReport {
  ok: boolean;
  [detail: string]: unknown;
}

export interface HealthListener {
  /** The bound port (useful with port 0 in tests). */
  port: number;
  close(): Promise<void>;
}

/**
 * The HTTP health listener of a bus service (HEALTH_PORT), for orchestrator probes only:
 * `GET /health` runs `check` (readiness: 200 or 503 with its JSON), `GET /health/live` answers 200
 * while the process runs (liveness: never touches the database, so a database outage does not
 * restart every pod). Anything else is 404. No framework: it must answer while Nest is busy.
 */
export async function startHealthListener(port: number, check: () => Promise<HealthReport>, host?: string): Promise<HealthListener> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, { error: 'method not allowed' });
    if (path === '/health/live') return send(200, { status: 'ok' });
    if (path !== '/health') return send(404, { error: 'not found' });
    check().then(
      (report) => send(report.ok ? 200 : 503, { status: report.ok ? 'ok' : 'unavailable', ...report }),
      (err: unknown) => send(503, { status: 'unavailable', ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  // Probes are short requests: do not let an idle keep-alive connection delay shutdown.
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Readiness of a service: its database answers `SELECT 1` within `timeoutMs` and its bus is connected. */
export function serviceReadiness(
  service: string,
  deps: { query: (sql: string) => Promise<unknown>; busConnected: () => boolean },
  timeoutMs = 2000,
): () => Promise<HealthReport> {
  return async () => {
    const started = Date.now();
    let database: { ok: boolean; latencyMs?: number; error?: string };
    try {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      await Promise.race([deps.query('SELECT 1'), timeout]).finally(() => clearTimeout(timer));
      database = { ok: true, latencyMs: Date.now() - started };
    } catch (err) {
      database = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    const bus = { connected: deps.busConnected() };
    return { ok: database.ok && bus.connected, service, database, bus };
  };
}
