import { loadConfig } from '@app/config';
import { request } from 'node:http';
import { serviceReadiness, startHealthListener, type HealthListener } from './health-listener.js';

function get(port: number, path: string, method = 'GET'): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('HTTP health listener of a bus service (HEALTH_PORT)', () => {
  let dbUp = true;
  let busUp = true;
  let listener: HealthListener;
  const readiness = serviceReadiness(
    'cases',
    {
      query: async (sql) => {
        expect(sql).toBe('SELECT 1');
        if (dbUp === false) throw new Error('connection refused');
        return [{ '?column?': 1 }];
      },
      busConnected: () => busUp,
    },
    200,
  );

  beforeAll(async () => {
    listener = await startHealthListener(0, readiness, '127.0.0.1');
  });
  afterAll(() => listener.close());
  beforeEach(() => {
    dbUp = true;
    busUp = true;
  });

  it('GET /health is 200 with the checks when the database answers and the bus is connected', async () => {
    const res = await get(listener.port, '/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', ok: true, service: 'cases', database: { ok: true }, bus: { connected: true } });
  });

  it('GET /health is 503 when the database fails', async () => {
    dbUp = false;
    const res = await get(listener.port, '/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'unavailable', database: { ok: false, error: 'connection refused' } });
  });

  it('GET /health is 503 when the database hangs past the timeout', async () => {
    const hung = await startHealthListener(0, serviceReadiness('cases', { query: () => new Promise(() => undefined), busConnected: () => true }, 50), '127.0.0.1');
    try {
      const res = await get(hung.port, '/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ database: { ok: false, error: 'no answer within 50 ms' } });
    } finally {
      await hung.close();
    }
  });

  it('GET /health is 503 when the bus is disconnected', async () => {
    busUp = false;
    const res = await get(listener.port, '/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ bus: { connected: false } });
  });

  it('GET /health/live is 200 even when the database is down (liveness never restarts pods for a database outage)', async () => {
    dbUp = false;
    busUp = false;
    const res = await get(listener.port, '/health/live');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('other paths are 404 and other methods 405', async () => {
    expect((await get(listener.port, '/metrics')).status).toBe(404);
    expect((await get(listener.port, '/health', 'POST')).status).toBe(405);
  });

  it('close() stops listening', async () => {
    const l = await startHealthListener(0, readiness, '127.0.0.1');
    await l.close();
    await expect(get(l.port, '/health/live')).rejects.toThrow(/ECONNREFUSED/);
  });
});

describe('HEALTH_PORT', () => {
  it('is unset by default (no listener) and read as a port when set', () => {
    expect(loadConfig({}).healthPort).toBeUndefined();
    expect(loadConfig({ HEALTH_PORT: '8081' }).healthPort).toBe(8081);
    expect(() => loadConfig({ HEALTH_PORT: '70000' })).toThrow(/HEALTH_PORT/);
  });
});
