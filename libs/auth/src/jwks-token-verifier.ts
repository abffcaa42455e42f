import { DomainError, ErrorCode } from '@app/contracts';
import { createLocalJWKSet, errors as joseErrors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Principal } from './principal.js';
import { principalOf, TOKEN_ALG, TOKEN_AUDIENCE, TOKEN_ISSUER } from './token-claims.js';
import type { TokenState } from './token-state.js';
import { TokenVerifier } from './token-verifier.js';

export interface VerifierOptions {
  /** How long the keys and the revocations are trusted before being fetched again. */
  refreshMs: number;
  now?: () => number;
}

const unauthenticated = (message: string) => new DomainError(ErrorCode.Unauthenticated, message);

/**
 * Verifies access tokens locally against identity's public keys, refreshed every `refreshMs`
 * (and at once, at most every few seconds, for an unknown key id). A token of a revoked client or
 * a disabled user stops working at the next refresh: within `refreshMs`.
 */
export class JwksTokenVerifier extends TokenVerifier {
  private state?: { jwks: JWTVerifyGetKey; kids: Set<string>; revoked: Map<string, number>; at: number };
  private loading?: Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly fetchState: () => Promise<TokenState>,
    private readonly opts: VerifierOptions,
  ) {
    super();
    this.now = opts.now ?? Date.now;
  }

  async verify(authorization: string | undefined): Promise<Principal> {
    if (!authorization) throw unauthenticated('A bearer token is required');
    const m = /^Bearer ([A-Za-z0-9_\-.]+)$/.exec(authorization);
    if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const token = m[1];
    await this.ensureFresh(token);
    const state = this.state!;
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, state.jwks, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: [TOKEN_ALG], currentDate: new Date(this.now()) }));
    } catch (err) {
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired');
      throw unauthenticated('The token is not valid');
    }
    const principal = principalOf(payload);
    if (!principal) throw unauthenticated('The token is not valid');
    const revokedAt = state.revoked.get(principal.subject);
    if (revokedAt !== undefined && Number(payload.iat ?? 0) * 1000 <= revokedAt) throw unauthenticated('The token has been revoked');
    return principal;
  }

  private async ensureFresh(token: string): Promise<void> {
    const kid = kidOf(token);
    const stale = !this.state || this.now() - this.state.at > this.opts.refreshMs;
    const unknownKid = this.state && kid && !this.state.kids.has(kid) && this.now() - this.state.at > 5000;
    if (stale || unknownKid) await this.reload();
  }

  private reload(): Promise<void> {
    this.loading ??= (async () => {
      try {
        const s = await this.fetchState();
        this.state = {
          jwks: createLocalJWKSet({ keys: s.keys }),
          kids: new Set(s.keys.map((k) => k.kid)),
          revoked: new Map(s.revoked.map((r) => [r.subject, Date.parse(r.since)])),
          at: this.now(),
        };
      } finally {
        this.loading = undefined;
      }
    })();
    return this.loading;
  }
}

function kidOf(token: string): string | undefined {
  try {
    return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).kid;
  } catch {
    return undefined;
  }
}
