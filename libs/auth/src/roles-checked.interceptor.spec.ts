import { DomainError } from '@app/contracts';
import type { ExecutionContext } from '@nestjs/common';
import { firstValueFrom, of } from 'rxjs';
import { authorize } from './access.js';
import { BusAuthGuard, type Caller } from './bus-auth.guard.js';
import { RolesCheckedInterceptor } from './roles-checked.interceptor.js';
import type { TokenVerifier } from './token-verifier.js';

class Handlers {
  handle() {}
}

/** A bus call through the real guard (which records the caller with its declared roles), then the interceptor. */
async function run(roles: string[] | undefined, service: (caller: Caller) => void): Promise<unknown> {
  const rpc = { getHeaders: () => ({ get: () => 'Bearer t' }) };
  const context = { switchToRpc: () => ({ getContext: () => rpc }), getHandler: () => Handlers.prototype.handle, getClass: () => Handlers } as unknown as ExecutionContext;
  const principal = { kind: 'user', subject: 'u1', unitCode: '500117000000', unitPath: '500117000000', roles: ['clerk'], scopes: [] };
  const verifier = { verify: async () => principal } as unknown as TokenVerifier;
  const reflector = { getAllAndOverride: (key: string) => (key === 'bus:roles' ? roles : undefined) };
  await new BusAuthGuard(verifier, reflector as never).canActivate(context);
  const { callerOf } = await import('./bus-auth.guard.js');
  return firstValueFrom(new RolesCheckedInterceptor().intercept(context, { handle: () => (service(callerOf(context)!), of('answer')) }));
}

describe('RolesCheckedInterceptor', () => {
  it('lets an answer through when the service checked the declared roles', async () => {
    await expect(run(['clerk'], (caller) => authorize(caller))).resolves.toBe('answer');
  });

  it('withholds the answer of a handler whose service forgot to check its declared roles', async () => {
    await expect(run(['clerk'], () => undefined)).rejects.toBeInstanceOf(DomainError);
  });

  it('has nothing to check on handlers without roles', async () => {
    await expect(run(undefined, () => undefined)).resolves.toBe('answer');
  });
});
