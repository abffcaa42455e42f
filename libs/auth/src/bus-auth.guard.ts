import { Injectable, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal, Role } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

const PUBLIC = 'bus:public';
/** A bus handler anyone may call without a token (health, public reads, login). */
export const PublicHandler = () => SetMetadata(PUBLIC, true);

const ROLES = 'bus:roles';
/**
 * The roles a handler is for. The check is made by the service with `authorize(caller)` once the
 * object is found in the caller's scope, so that out of scope stays 404 and only a visible object
 * answers 403.
 */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The verified caller of a handler, with the roles the handler declared (null: any role). */
export interface Caller extends Principal {
  allowedRoles: readonly Role[] | null;
}

const callers = new WeakMap<object, Caller>();

/**
 * Every bus handler of every service verifies the caller's token itself, whatever the gateway
 * did: a message with no token, or a token not signed by identity, is refused with 401.
 */
@Injectable()
export class BusAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: TokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    // Public handlers ignore any token: among them is the one verifiers fetch their keys from.
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const rpc = context.switchToRpc().getContext<{ getHeaders?: () => { get(k: string): string | undefined | null } | undefined }>();
    const authorization = rpc.getHeaders?.()?.get('authorization') || undefined;
    const principal = await this.verifier.verify(authorization);
    const allowedRoles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]) ?? null;
    callers.set(rpc, { ...principal, allowedRoles });
    return true;
  }
}

/** The caller of the handler being run, for interceptors. */
export function callerOf(context: ExecutionContext): Caller | undefined {
  return callers.get(context.switchToRpc().getContext());
}

/** The verified caller of a (non-public) bus handler. */
export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller | undefined => callers.get(context.switchToRpc().getContext()));
