import { IdentitySubjects } from '@app/contracts';
import { requestContext } from '@app/observability';
import { describeEachBus, sleep, waitFor } from '@app/testing';
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, jwtVerify, SignJWT, type JWK } from 'jose';
import pg from 'pg';
import request from 'supertest';
import { clientToken, createMatrixPrincipals, login, PRINCIPALS, UNITS, USER_PASSWORD, type MatrixPrincipals, type PrincipalName } from '../support/principals.js';
import { startTestNetwork, type TestNetwork } from '../support/test-network.js';

const MAX_FAILURES = 3;
const PER_ACCOUNT_PER_MINUTE = 8;

describeEachBus('identity', (kind) => {
  let net: TestNetwork;
  let db: pg.Client;
  let p: MatrixPrincipals;
  const http = () => request(net.gateway.getHttpServer());
  const sql = async (text: string, values: unknown[] = []) => (await db.query(text, values)).rows;

  beforeAll(async () => {
    net = await startTestNetwork(kind, {
      LOGIN_MAX_FAILURES: String(MAX_FAILURES),
      TOKEN_STATE_REFRESH_S: '1',
      RATE_LIMIT_PER_ACCOUNT: String(PER_ACCOUNT_PER_MINUTE),
      RATE_LIMIT_PER_IP: '100000',
    });
    db = new pg.Client({ connectionString: net.databaseUrl });
    await db.connect();
    p = await createMatrixPrincipals(net);
  });
  afterAll(async () => {
    await db?.end();
    await net?.close();
  });

  describe('org units', () => {
    it('are seeded: 1 district, 30 town-level units and 391 villages and communities, every path consistent with its parent', async () => {
      expect(await sql('SELECT tier, count(*)::int AS n FROM identity.org_unit GROUP BY tier ORDER BY tier')).toEqual([
        { tier: 'district', n: 1 },
        { tier: 'town', n: 30 },
        { tier: 'village', n: 391 },
      ]);
      expect(await sql(`SELECT count(*)::int AS n FROM identity.org_unit c JOIN identity.org_unit p ON p.code = c.parent_code WHERE c.path <> p.path || '.' || c.code`)).toEqual([{ n: 0 }]);
      expect(await sql(`SELECT count(*)::int AS n FROM identity.org_unit WHERE parent_code IS NULL AND path <> code`)).toEqual([{ n: 0 }]);
    });

    it('stay the same across restarts, announcing each unit once', async () => {
      const before = await sql('SELECT code, name, path, updated_at FROM identity.org_unit ORDER BY code');
      await net.stopService('identity');
      await net.startService('identity');
      expect(await sql('SELECT code, name, path, updated_at FROM identity.org_unit ORDER BY code')).toEqual(before);
      expect(await sql(`SELECT count(*)::int AS n FROM identity.outbox WHERE subject LIKE 'v1.identity.unit.created.%'`)).toEqual([{ n: 422 }]);
    });

    it('can be walked from the district down through the public endpoints, page by page', async () => {
      const towns = await http().get('/api/v1/org-units').query({ parent: UNITS.district, limit: 200 }).expect(200);
      expect(towns.body.items).toHaveLength(30);
      expect(towns.body.nextCursor).toBeNull();
      let seen = 0;
      for (const town of towns.body.items) {
        let cursor: string | null = null;
        do {
          const page: request.Response = await http().get('/api/v1/org-units').query({ parent: town.code, limit: 7, ...(cursor ? { cursor } : {}) }).expect(200);
          for (const v of page.body.items) expect(v).toMatchObject({ parentCode: town.code, tier: 'village', path: `${town.path}.${v.code}` });
          seen += page.body.items.length;
          cursor = page.body.nextCursor;
        } while (cursor);
      }
      expect(seen).toBe(391);
      const one = await http().get(`/api/v1/org-units/${UNITS.villageA}`).expect(200);
      expect(one.body).toMatchObject({ code: UNITS.villageA, parentCode: UNITS.t1, tier: 'village', demo: true });
      await http().get('/api/v1/org-units/500117999999').expect(404);
      const bad = await http().get('/api/v1/org-units').query({ tier: 'province' }).expect(400);
      expect(bad.body.fields.map((f: { field: string }) => f.field)).toEqual(['tier']);
      const tampered = await http().get('/api/v1/org-units').query({ parent: UNITS.t1, limit: 2 }).expect(200);
      await http().get('/api/v1/org-units').query({ parent: UNITS.t2, limit: 2, cursor: tampered.body.nextCursor }).expect(400);
    });
  });

  describe('login and tokens', () => {
    it('logs in and says who the token belongs to', async () => {
      const { accessToken } = await login(net, 'm-clerkt1', USER_PASSWORD);
      const me = await http().get('/api/v1/me').set('authorization', `Bearer ${accessToken}`).expect(200);
      expect(me.body).toMatchObject({ username: 'm-clerkt1', roles: ['clerk'], unit: { code: UNITS.t1, name: '古楼镇', tier: 'town' } });
    });

    it('issues tokens the published JWKS verifies', async () => {
      const { accessToken } = await login(net, 'm-agenta', USER_PASSWORD);
      const jwks = await http().get('/.well-known/jwks.json').expect(200);
      const { payload, protectedHeader } = await jwtVerify(accessToken, createLocalJWKSet(jwks.body), { issuer: 'service-network/identity', audience: 'service-network' });
      expect(protectedHeader.alg).toBe('ES256');
      expect(jwks.body.keys.map((k: JWK) => k.kid)).toContain(protectedHeader.kid);
      expect(payload).toMatchObject({ typ: 'user', unit: UNITS.villageA, roles: ['agent'] });
      expect(jwks.body.keys[0].d).toBeUndefined(); // never the private part
    });

    it('refuses a wrong password without saying which part was wrong, and locks the account after repeated failures', async () => {
      await http().post('/api/v1/users').set('authorization', p.adminAuth).send({ username: 'm-locked', password: USER_PASSWORD, displayName: 'x', unitCode: UNITS.t1, roles: ['clerk'] }).expect(201);
      const unknown = await http().post('/api/v1/auth/login').send({ username: 'm-nobody', password: 'whatever' }).expect(401);
      for (let i = 1; i < MAX_FAILURES; i++) {
        const r = await http().post('/api/v1/auth/login').send({ username: 'm-locked', password: 'Wrong-Password-1' }).expect(401);
        expect(r.body.detail).toBe(unknown.body.detail);
      }
      const locked = await http().post('/api/v1/auth/login').send({ username: 'm-locked', password: 'Wrong-Password-1' }).expect(423);
      expect(locked.headers['content-type']).toContain('application/problem+json');
      expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED', status: 423 });
      expect(Date.parse(locked.body.lockedUntil)).toBeGreaterThan(Date.now());
      await http().post('/api/v1/auth/login').send({ username: 'm-locked', password: USER_PASSWORD }).expect(423);
    });

    it('rotates refresh tokens, and a reused one ends the whole session', async () => {
      const first = await login(net, 'm-supervisor', USER_PASSWORD);
      const second = await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200);
      expect(second.body.refreshToken).not.toBe(first.refreshToken);
      await http().get('/api/v1/me').set('authorization', `Bearer ${second.body.accessToken}`).expect(200);
      const reused = await http().post('/api/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
      expect(reused.body.detail).toContain('already used');
      await http().post('/api/v1/auth/refresh').send({ refreshToken: second.body.refreshToken }).expect(401);
    });

    it('refuses expired tokens and tokens signed by another key', async () => {
      const [{ private_jwk }] = await sql('SELECT private_jwk FROM identity.signing_key WHERE retired_at IS NULL');
      const claims = { typ: 'user', unit: UNITS.t1, upath: `${UNITS.district}.${UNITS.t1}`, roles: ['admin'], scope: '' };
      const sign = (key: Parameters<SignJWT['sign']>[0], kid: string, exp: number) =>
        new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid }).setIssuer('service-network/identity').setAudience('service-network').setSubject(p.userIds.clerkT1).setIssuedAt(exp - 600).setExpirationTime(exp).sign(key);
      const expired = await sign(await importJWK(private_jwk, 'ES256'), private_jwk.kid, Math.floor(Date.now() / 1000) - 60);
      const r1 = await http().get('/api/v1/me').set('authorization', `Bearer ${expired}`).expect(401);
      expect(r1.body.detail).toBe('The token has expired');
      const other = await generateKeyPair('ES256');
      const forged = await sign(other.privateKey, private_jwk.kid, Math.floor(Date.now() / 1000) + 600);
      const r2 = await http().get('/api/v1/me').set('authorization', `Bearer ${forged}`).expect(401);
      expect(r2.body.code).toBe('UNAUTHENTICATED');
      await http().get('/api/v1/me').set('authorization', 'Bearer not-a-token').expect(401);
      await http().get('/api/v1/me').expect(401);
    });

    it('disabling a user stops its logins and, within the refresh interval, its tokens', async () => {
      await http().post('/api/v1/users').set('authorization', p.adminAuth).send({ username: 'm-leaver', password: USER_PASSWORD, displayName: 'x', unitCode: UNITS.t2, roles: ['clerk'] }).expect(201);
      const { accessToken } = await login(net, 'm-leaver', USER_PASSWORD);
      const users = await http().get('/api/v1/users').query({ unitCode: UNITS.t2, limit: 200 }).set('authorization', p.adminAuth).expect(200);
      const leaver = users.body.items.find((u: { username: string }) => u.username === 'm-leaver');
      const disabled = await http().post(`/api/v1/users/${leaver.id}/disable`).set('authorization', p.adminAuth).expect(200);
      expect(disabled.body.disabled).toBe(true);
      const r = await http().post('/api/v1/auth/login').send({ username: 'm-leaver', password: USER_PASSWORD }).expect(401);
      expect(r.body.detail).toBe('The account is disabled');
      await sleep(1100); // TOKEN_STATE_REFRESH_S=1: verifiers refetch the revocations
      await waitFor('the token to stop working', async () => (await http().get('/api/v1/me').set('authorization', `Bearer ${accessToken}`)).status === 401);
    });
  });

  describe('partner clients', () => {
    it('get a token by client credentials, as form or JSON, limited to the granted scopes', async () => {
      const { clientId, clientSecret } = p.clients.partnerT1;
      const list = await http().get('/api/v1/partner-clients').query({ unitCode: UNITS.t1 }).set('authorization', p.adminAuth).expect(200);
      expect(list.body.items.find((c: { clientId: string }) => c.clientId === clientId)).toMatchObject({ scopes: ['cases:read', 'cases:write'] });
      expect(JSON.stringify(list.body)).not.toContain(clientSecret);
      const json = await http().post('/api/v1/oauth/token').send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'cases:read' }).expect(200);
      expect(json.headers['cache-control']).toBe('no-store');
      expect(json.body).toMatchObject({ token_type: 'Bearer', scope: 'cases:read', expires_in: 3600 });
      const me = await http().get('/api/v1/me').set('authorization', `Bearer ${json.body.access_token}`).expect(200);
      expect(me.body).toMatchObject({ id: clientId, roles: [], unit: { code: UNITS.t1 } });
      const form = await http().post('/api/v1/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).expect(200);
      expect(form.body.scope).toBe('cases:read cases:write');
      const tooMuch = await http().post('/api/v1/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'supervision:read' }).expect(400);
      expect(tooMuch.body.error).toBe('invalid_scope');
      const wrong = await http().post('/api/v1/oauth/token').type('form').send({ grant_type: 'client_credentials', client_id: clientId, client_secret: 'pcs_wrong' }).expect(401);
      expect(wrong.body.error).toBe('invalid_client');
      const grant = await http().post('/api/v1/oauth/token').send({ grant_type: 'password', client_id: clientId, client_secret: clientSecret }).expect(400);
      expect(grant.body.fields.map((f: { field: string }) => f.field)).toEqual(['grant_type']);
    });

    it('revoked: new tokens are refused and existing ones stop working within the refresh interval', async () => {
      const created = await http().post('/api/v1/partner-clients').set('authorization', p.adminAuth).send({ name: 'short-lived', unitCode: UNITS.t2, scopes: ['cases:read'] }).expect(201);
      const token = await clientToken(net, created.body.clientId, created.body.clientSecret);
      await http().get('/api/v1/me').set('authorization', `Bearer ${token}`).expect(200);
      await http().post(`/api/v1/partner-clients/${created.body.clientId}/revoke`).set('authorization', p.adminAuth).expect(200);
      await http().post('/api/v1/oauth/token').send({ grant_type: 'client_credentials', client_id: created.body.clientId, client_secret: created.body.clientSecret }).expect(401);
      await sleep(1100);
      await waitFor('the revoked token to stop working', async () => (await http().get('/api/v1/me').set('authorization', `Bearer ${token}`)).status === 401);
    });
  });

  it('lets an admin take a unit out of service, announced as an event and audited', async () => {
    const res = await http().patch(`/api/v1/org-units/${UNITS.villageB}`).set('authorization', p.adminAuth).send({ active: false }).expect(200);
    expect(res.body).toMatchObject({ code: UNITS.villageB, active: false });
    expect((await http().get(`/api/v1/org-units/${UNITS.villageB}`).expect(200)).body.active).toBe(false);
    expect(await sql(`SELECT count(*)::int AS n FROM identity.outbox WHERE subject = $1`, [`v1.identity.unit.updated.${UNITS.villageB}`])).toEqual([{ n: 1 }]);
    await http().patch(`/api/v1/org-units/${UNITS.villageB}`).set('authorization', p.adminAuth).send({ active: true }).expect(200);
    await http().patch(`/api/v1/org-units/${UNITS.villageB}`).set('authorization', p.adminAuth).send({ active: 'no' }).expect(400);
  });

  it('records who created, disabled and revoked what, for admins', async () => {
    const res = await http().get('/api/v1/audit').query({ limit: 200 }).set('authorization', p.adminAuth).expect(200);
    const actions = res.body.items.map((e: { action: string; actor: string }) => `${e.actor} ${e.action}`);
    expect(actions).toEqual(expect.arrayContaining(['user:admin user.created', 'user:admin client.created', 'user:admin client.revoked', 'user:admin user.disabled', 'system user.locked', 'user:admin unit.updated']));
    const clients = await http().get('/api/v1/audit').query({ targetType: 'client' }).set('authorization', p.adminAuth).expect(200);
    expect(clients.body.items.every((e: { targetType: string }) => e.targetType === 'client')).toBe(true);
    await http().get('/api/v1/audit').set('authorization', p.auth.supervisor!).expect(403);
  });

  it('rate-limits login attempts per account with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let i = 0; i <= PER_ACCOUNT_PER_MINUTE; i++) statuses.push((await http().post('/api/v1/auth/login').send({ username: 'm-ratelimited', password: 'x' })).status);
    expect(statuses).toEqual([...Array(PER_ACCOUNT_PER_MINUTE).fill(401), 429]);
    const r = await http().post('/api/v1/auth/login').send({ username: 'm-ratelimited', password: 'x' }).expect(429);
    expect(r.body.code).toBe('RATE_LIMITED');
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses bus requests without a token or with a forged one, bypassing the gateway', async () => {
    const bus = net.gatewayBus.client;
    const ctx = (authorization?: string) => ({ requestId: 'bus-test', traceId: '0'.repeat(31) + '1', spanId: '0'.repeat(15) + '1', authorization });
    await expect(requestContext.run(ctx(), () => bus.request(IdentitySubjects.listUsers, {}))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const other = await generateKeyPair('ES256');
    const forged = await new SignJWT({ typ: 'user', unit: UNITS.district, upath: UNITS.district, roles: ['admin'], scope: '' })
      .setProtectedHeader({ alg: 'ES256', kid: (await exportJWK(other.publicKey)).kid ?? 'x' })
      .setIssuer('service-network/identity')
      .setAudience('service-network')
      .setSubject(p.userIds.supervisor)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(other.privateKey);
    await expect(requestContext.run(ctx(`Bearer ${forged}`), () => bus.request(IdentitySubjects.listUsers, {}))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const ok = await requestContext.run(ctx(p.auth.supervisor), () => bus.request<{ items: unknown[] }>(IdentitySubjects.listUsers, {}));
    expect(ok.items.length).toBeGreaterThan(0);
  });

  describe('authorization matrix', () => {
    type Expect = Record<PrincipalName, number>;
    const all = (status: number, anonymous = 401): Expect => ({ ...Object.fromEntries(PRINCIPALS.map((n) => [n, status])), anonymous }) as Expect;
    // 404 out of scope, 403 visible but wrong role, 200 allowed; anonymous needs a token except on public routes.
    const userOfA = { agentA: 403, agentB: 404, clerkT1: 403, clerkT2: 404, supervisor: 200, partnerT1: 403, partnerT2: 404, anonymous: 401 };
    const adminOnlyOnA = { ...userOfA, supervisor: 403 };
    const t1Objects = { agentA: 404, agentB: 404, clerkT1: 403, clerkT2: 404, supervisor: 200, partnerT1: 403, partnerT2: 404, anonymous: 401 };
    const rows: { name: string; call: (http: () => request.Agent) => request.Test; expect: Expect }[] = [
      { name: 'GET /org-units?parent=T1', call: (h) => h().get(`/api/v1/org-units?parent=${UNITS.t1}`), expect: all(200, 200) },
      { name: 'GET /org-units/{A}', call: (h) => h().get(`/api/v1/org-units/${UNITS.villageA}`), expect: all(200, 200) },
      { name: 'GET /me', call: (h) => h().get('/api/v1/me'), expect: all(200) },
      { name: 'GET /users?unitCode=A', call: (h) => h().get(`/api/v1/users?unitCode=${UNITS.villageA}`), expect: userOfA },
      { name: 'GET /users/{agent of A}', call: (h) => h().get(`/api/v1/users/${p.userIds.agentA}`), expect: userOfA },
      { name: 'POST /users/{agent of A}/disable', call: (h) => h().post(`/api/v1/users/${p.userIds.agentA}/disable`), expect: adminOnlyOnA },
      {
        name: 'POST /users in A',
        call: (h) => h().post('/api/v1/users').send({ username: `m-new-${Math.random().toString(36).slice(2, 8)}`, password: USER_PASSWORD, displayName: 'n', unitCode: UNITS.villageA, roles: ['agent'] }),
        expect: { ...adminOnlyOnA },
      },
      { name: 'GET /partner-clients?unitCode=T1', call: (h) => h().get(`/api/v1/partner-clients?unitCode=${UNITS.t1}`), expect: t1Objects },
      { name: 'POST /partner-clients/{of T1}/revoke', call: (h) => h().post(`/api/v1/partner-clients/${p.clients.partnerT1.clientId}/revoke`), expect: { ...t1Objects, supervisor: 403 } },
      { name: 'GET /audit', call: (h) => h().get('/api/v1/audit'), expect: all(403) },
      { name: 'PATCH /org-units/{A}', call: (h) => h().patch(`/api/v1/org-units/${UNITS.villageA}`).send({ active: true }), expect: adminOnlyOnA },
    ];
    const cells = rows.flatMap((row) => PRINCIPALS.map((who) => ({ row: row.name, who, status: row.expect[who], call: row.call })));

    it.each(cells)('$row as $who → $status', async ({ who, status, call }) => {
      const req = call(http as () => request.Agent);
      const auth = p.auth[who];
      const res = await (auth ? req.set('authorization', auth) : req);
      expect({ status: res.status, code: res.body.code }).toMatchObject({ status });
      if (status >= 400) expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });
});

