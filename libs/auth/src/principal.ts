/** Roles of DESIGN §4. */
export const ROLES = ['admin', 'clerk', 'approver', 'supervisor', 'agent'] as const;
export type Role = (typeof ROLES)[number];

/** Scopes a partner client can be granted. */
export const SCOPES = ['catalogue:read', 'cases:read', 'cases:write', 'requests:write', 'supervision:read'] as const;
export type Scope = (typeof SCOPES)[number];

/** The verified caller, as every service sees it. */
export interface Principal {
  kind: 'user' | 'client';
  /** User id or client id. */
  subject: string;
  username?: string;
  /** The org unit the principal is bound to, and its materialized path. */
  unitCode: string;
  unitPath: string;
  roles: Role[];
  scopes: Scope[];
}

/**
 * Scope rule (DESIGN §4): a principal bound to unit U sees an object when U's path is a prefix
 * (on token boundaries) of one of the object's unit paths.
 */
export function inScope(principalPath: string, ...objectPaths: string[]): boolean {
  return objectPaths.some((p) => p === principalPath || p.startsWith(`${principalPath}.`));
}
