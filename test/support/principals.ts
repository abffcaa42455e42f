import { waitFor } from '@app/testing';
import request from 'supertest';
import type { TestNetwork } from './test-network.js';
import { TEST_ADMIN_PASSWORD } from './test-network.js';

/** Units of the authorization matrix: two sibling villages of 古楼镇 (T1), and 钱塘镇 (T2). */
export const UNITS = {
  district: '500117000000',
  t1: '500117106000',
  villageA: '500117106200',
  villageB: '500117106201',
  t2: '500117100000',
} as const;

export const PRINCIPALS = ['agentA', 'agentB', 'clerkT1', 'clerkT2', 'supervisor', 'partnerT1', 'partnerT2', 'anonymous'] as const;
export type PrincipalName = (typeof PRINCIPALS)[number];

export interface MatrixPrincipals {
  /** Authorization header per principal (none for anonymous). */
  auth: Record<PrincipalName, string | undefined>;
  adminAuth: string;
  userIds: Record<'agentA' | 'agentB' | 'clerkT1' | 'clerkT2' | 'supervisor', string>;
  clients: Record<'partnerT1' | 'partnerT2', { clientId: string; clientSecret: string }>;
}

export const USER_PASSWORD = 'Matrix-Password-2026';

export async function login(net: TestNetwork, username: string, password: string): Promise<{ accessToken: string; refreshToken: string }> {
  const res = await request(net.gateway.getHttpServer()).post('/api/v1/auth/login').send({ username, password });
  if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function clientToken(net: TestNetwork, clientId: string, clientSecret: string, scope?: string): Promise<string> {
  const res = await request(net.gateway.getHttpServer())
    .post('/api/v1/oauth/token')
    .type('form')
    .send({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, ...(scope ? { scope } : {}) });
  if (res.status !== 200) throw new Error(`token of ${clientId}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token;
}

/** Creates (through the admin API) the users and partner clients of the matrix, and logs them in. */
export async function createMatrixPrincipals(net: TestNetwork): Promise<MatrixPrincipals> {
  const http = () => request(net.gateway.getHttpServer());
  const adminAuth = `Bearer ${(await login(net, 'admin', TEST_ADMIN_PASSWORD)).accessToken}`;
  const users = {
    agentA: { unitCode: UNITS.villageA, roles: ['agent'] },
    agentB: { unitCode: UNITS.villageB, roles: ['agent'] },
    clerkT1: { unitCode: UNITS.t1, roles: ['clerk'] },
    clerkT2: { unitCode: UNITS.t2, roles: ['clerk'] },
    supervisor: { unitCode: UNITS.district, roles: ['supervisor'] },
  } as const;
  const userIds = {} as MatrixPrincipals['userIds'];
  const auth = { anonymous: undefined } as MatrixPrincipals['auth'];
  for (const [name, u] of Object.entries(users) as [keyof typeof users, (typeof users)[keyof typeof users]][]) {
    const username = `m-${name.toLowerCase()}`;
    const res = await http()
      .post('/api/v1/users')
      .set('authorization', adminAuth)
      .send({ username, password: USER_PASSWORD, displayName: name, unitCode: u.unitCode, roles: u.roles });
    if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    userIds[name] = res.body.id;
    auth[name] = `Bearer ${(await login(net, username, USER_PASSWORD)).accessToken}`;
  }
  const clients = {} as MatrixPrincipals['clients'];
  for (const [name, unitCode] of [
    ['partnerT1', UNITS.t1],
    ['partnerT2', UNITS.t2],
  ] as const) {
    const res = await http().post('/api/v1/partner-clients').set('authorization', adminAuth).send({ name, unitCode, scopes: ['cases:read', 'cases:write'] });
    if (res.status !== 201) throw new Error(`create ${name}: ${res.status} ${JSON.stringify(res.body)}`);
    clients[name] = { clientId: res.body.clientId, clientSecret: res.body.clientSecret };
    auth[name] = `Bearer ${await clientToken(net, res.body.clientId, res.body.clientSecret)}`;
  }
  return { auth, adminAuth, userIds, clients };
}

/** Every unit the tests file cases from. */
export const TEST_ORIGINS = [UNITS.villageA, UNITS.villageB, UNITS.t1, UNITS.t2, UNITS.district, '500117100200'] as const;

/**
 * Routing learns units and items from events, so right after a start it may not know them yet:
 * wait until it can plan `itemCode` from every test origin.
 */
export async function routingReady(net: TestNetwork, itemCode: string): Promise<void> {
  await waitFor(`routing to know ${itemCode} and the test units`, async () => {
    const plans = await Promise.all(TEST_ORIGINS.map((o) => request(net.gateway.getHttpServer()).get('/api/v1/routing/plan').query({ itemCode, originUnitCode: o })));
    return plans.every((r) => r.status === 200);
  });
}
