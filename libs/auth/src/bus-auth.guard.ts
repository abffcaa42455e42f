import { Injectable, SetMetadata, createParamDecorator, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Principal } from './principal.js';
import { TokenVerifier } from './token-verifier.js';

const PUBLIC = 'bus:public';
/** A bus handler anyone may call without a token (health, public reads, login). */
export const PublicHandler = () => SetMetadata(PUBLIC, true);

const principals = new WeakMap<object, Principal>();

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
    principals.set(rpc, await this.verifier.verify(authorization));
    return true;
  }
}

/** The verified caller of a (non-public) bus handler. */
export const Caller = createParamDecorator((_: unknown, context: ExecutionContext): Principal | undefined => principals.get(context.switchToRpc().getContext()));
