import { ROLES, SCOPES, type Principal, type Role, type Scope } from './principal.js';

export const TOKEN_ISSUER = 'service-network/identity';
export const TOKEN_AUDIENCE = 'service-network';
export const TOKEN_ALG = 'ES256';

/** The claims of an access token; everything a service needs to authorize without a lookup. */
export interface AccessClaims {
  sub: string;
  typ: 'user' | 'client';
  /** Username (users) or client name (clients). */
  name?: string;
  unit: string;
  upath: string;
  roles: Role[];
  scope: string;
}

export function claimsOf(p: Principal): AccessClaims {
  return { sub: p.subject, typ: p.kind, name: p.username, unit: p.unitCode, upath: p.unitPath, roles: p.roles, scope: p.scopes.join(' ') };
}

export function principalOf(claims: Record<string, unknown>): Principal | undefined {
  const { sub, typ, name, unit, upath, roles, scope } = claims;
  if (typeof sub !== 'string' || (typ !== 'user' && typ !== 'client') || typeof unit !== 'string' || typeof upath !== 'string') return undefined;
  if (!Array.isArray(roles) || !roles.every((r) => (ROLES as readonly string[]).includes(r))) return undefined;
  const scopes = typeof scope === 'string' && scope ? scope.split(' ') : [];
  if (!scopes.every((s) => (SCOPES as readonly string[]).includes(s))) return undefined;
  return { kind: typ, subject: sub, username: typeof name === 'string' ? name : undefined, unitCode: unit, unitPath: upath, roles: roles as Role[], scopes: scopes as Scope[] };
}
