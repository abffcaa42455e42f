import { describeEachBus, waitFor } from '@app/testing';
import request from 'supertest';
import { startTestNetwork, type TestNetwork } from '../support/test-network.js';

const TIMEOUT_MS = 700;

describeEachBus('gateway', (kind) => {
  let net: TestNetwork;
  const http = () => request(net.gateway.getHttpServer());

  beforeAll(async () => {
    net = await startTestNetwork(kind, { BUS_REQUEST_TIMEOUT_MS: String(TIMEOUT_MS) });
    // identity announces its 422 seeded units at start: let the relays drain them first.
    await waitFor('the outboxes to drain', async () => {
      const res = await http().get('/health');
      return Object.values(res.body.services as Record<string, { outbox?: { backlog: number } }>).every((s) => s.outbox?.backlog === 0);
    });
  });
  afterAll(async () => {
    await net?.close();
  });

  it('reports every service, the bus and the database as healthy', async () => {
    const res = await http().get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.bus).toEqual({ kind, connected: true });
    expect(res.body.database).toEqual({ ok: true });
    for (const service of ['identity', 'catalogue', 'routing', 'cases', 'agents']) {
      expect(res.body.services[service]).toMatchObject({ service, status: 'ok', database: { ok: true }, outbox: { backlog: 0 }, deadLetters: 0, bus: kind });
      const { bound, total } = res.body.services[service].consumers;
      expect(bound).toBe(total);
    }
    expect(res.body.services.agents.consumers.total).toBeGreaterThan(0);
  });

  it('echoes the caller’s request id', async () => {
    const res = await http().get('/health/cases').set('x-request-id', 'req-e2e-1').expect(200);
    expect(res.headers['x-request-id']).toBe('req-e2e-1');
    expect(res.body).toMatchObject({ service: 'cases', status: 'ok' });
  });

  it('serves the OpenAPI 3.1 document and its docs page', async () => {
    const doc = await http().get('/api/openapi.json').expect(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/health', '/health/{service}', '/metrics', '/api/v1/cases', '/api/v1/cases/{id}/{action}', '/api/v1/track/{trackingNo}']));
    // Request schemas come from the contracts' validation rules.
    expect(doc.body.components.schemas.SubmitCaseRequest).toMatchObject({ type: 'object', required: expect.arrayContaining(['itemCode', 'applicant', 'materials']) });
    expect(doc.body.paths['/api/v1/cases'].post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/SubmitCaseRequest' });
    // Query and path parameters come from the DTOs too.
    const list = doc.body.paths['/api/v1/cases'].get.parameters.map((p: { name: string; in: string }) => `${p.in}:${p.name}`);
    expect(list).toEqual(expect.arrayContaining(['query:status', 'query:unitCode', 'query:itemCode', 'query:limit', 'query:cursor']));
    const unit = doc.body.paths['/api/v1/org-units/{code}'].get.parameters;
    expect(unit).toEqual([expect.objectContaining({ name: 'code', in: 'path', required: true })]);
    // Every operation documents an example answer and its problem+json errors.
    for (const [path, item] of Object.entries(doc.body.paths as Record<string, Record<string, { operationId: string; responses: Record<string, { content?: Record<string, { example?: unknown }> }> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        const ok = Object.entries(op.responses).find(([status]) => /^2\d\d$/.test(status));
        expect({ op: `${method} ${path}`, example: ok && Object.values(ok[1].content ?? {})[0]?.example !== undefined }).toEqual({ op: `${method} ${path}`, example: true });
        expect(op.responses.default.content?.['application/problem+json']).toBeDefined();
      }
    }
    const page = await http().get('/api/docs').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('exposes Prometheus metrics of the gateway and every service', async () => {
    await http().get('/health').expect(200);
    const res = await http().get('/metrics').expect(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health",status="200",service="gateway"\} \d+/);
    for (const service of ['identity', 'catalogue', 'routing', 'cases', 'agents']) {
      expect(res.text).toContain(`outbox_backlog{service="${service}"} 0`);
      expect(res.text).toContain(`outbox_oldest_pending_age_seconds{service="${service}"} 0`);
      expect(res.text).toContain(`events_dead_letters{service="${service}"} 0`);
    }
    expect(res.text).toContain('# TYPE events_redeliveries_total counter');
  });

  it('answers unknown routes and services with problem+json 404', async () => {
    const route = await http().get('/api/v1/nothing-here').expect(404);
    expect(route.headers['content-type']).toContain('application/problem+json');
    expect(route.body).toMatchObject({ type: '/problems/not-found', title: 'Not found', status: 404, code: 'NOT_FOUND', instance: '/api/v1/nothing-here' });
    const service = await http().get('/health/billing').expect(404);
    expect(service.body).toMatchObject({ code: 'NOT_FOUND', detail: 'There is no service called billing' });
  });

  it('turns a stopped service into 503 problem+json at once, never a hang', async () => {
    await net.stopService('agents');
    const res = await http().get('/health/agents').expect(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', type: '/problems/service-unavailable' });
    expect(res.body.detail).toBe('The agents service is not available: nothing is listening on the bus');
    const health = await http().get('/health').expect(503);
    expect(health.body.status).toBe('degraded');
    expect(health.body.services.agents).toMatchObject({ status: 'down' });
    expect(health.body.services.cases).toMatchObject({ status: 'ok' });
    // The gateway's own probes do not depend on the services: it stays live and ready.
    await http().get('/health/live').expect(200, { status: 'ok' });
    expect((await http().get('/health/ready').expect(200)).body).toEqual({ status: 'ok', bus: { kind, connected: true } });
  }, 15_000);
});
