import { DomainError, ErrorCode } from '@app/contracts';
import type { Caller } from './bus-auth.guard.js';
import { inScope, type Principal, type Scope } from './principal.js';

/**
 * The part of the tree a principal sees: its unit's subtree. Repositories take it as a required
 * argument, so a query that forgets the scope does not compile.
 */
export class UnitScope {
  private constructor(readonly path: string) {}

  static of(principal: Principal): UnitScope {
    return new UnitScope(principal.unitPath);
  }

  /** The scope rule in code, for paths that come from elsewhere (another service's answer). */
  covers(path: string): boolean {
    return inScope(this.path, path);
  }

  /** SQL condition on a path column: the column is the scope's unit or below it. */
  sql(column: string, param: number): string {
    return `(${column} = $${param} OR ${column} LIKE $${param} || '.%')`;
  }
}

const authorized = new WeakSet<Caller>();

/** Whether `authorize` ran for this caller (RolesCheckedInterceptor makes a forgotten check fail). */
export function wasAuthorized(caller: Caller): boolean {
  return authorized.has(caller);
}

/** 403 unless the caller has one of the roles its handler declared (@Roles); call it once the object is known to be in scope. */
export function authorize(caller: Caller): void {
  authorized.add(caller);
  const allowed = caller.allowedRoles;
  if (allowed && !caller.roles.some((r) => allowed.includes(r))) {
    throw new DomainError(ErrorCode.Forbidden, `This needs one of the roles: ${allowed.join(', ')}`);
  }
}

/** For handlers partners may call too: users need a declared role, partner clients the scope. */
export function authorizeRoleOrScope(caller: Caller, scope: Scope): void {
  if (caller.kind === 'client') {
    requireScope(caller, scope);
    authorized.add(caller);
  } else {
    authorize(caller);
  }
}

/** 403 unless a partner client holds the scope (users are governed by roles instead). */
export function requireScope(principal: Principal, scope: Scope): void {
  if (principal.kind === 'client' && !principal.scopes.includes(scope)) {
    throw new DomainError(ErrorCode.Forbidden, `This needs the scope ${scope}`);
  }
}

export function notFound(what: string): DomainError {
  return new DomainError(ErrorCode.NotFound, `${what} was not found`);
}
