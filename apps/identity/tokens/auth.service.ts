import type { Principal, Scope, TokenState } from '@app/auth';
import { APP_CONFIG, type AppConfig } from '@app/config';
import { DomainError, ErrorCode, type ClientTokenRequest, type ClientTokenResponse, type LoginRequest, type MeView, type TokenPair } from '@app/contracts';
import { LOGGER } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { ClientsRepository } from '../clients/clients.repository.js';
import { PasswordHasher } from '../users/password.js';
import { UsersRepository, type UserRecord } from '../users/users.repository.js';
import { RefreshTokensRepository } from './refresh-tokens.repository.js';
import { SigningKeys } from './signing-keys.js';
import { TokenIssuer } from './token-issuer.js';

const badCredentials = () => new DomainError(ErrorCode.Unauthenticated, 'Wrong username or password');
const sha256 = (s: string) => createHash('sha256').update(s).digest('base64url');

/** Login with lockout, refresh-token rotation with reuse detection, client credentials, and the verifiers' token state. */
@Injectable()
export class AuthService {
  /** Verified against when the username does not exist, so both cases take the same time. */
  private readonly dummyHash: Promise<string>;

  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly clients: ClientsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly audit: AuditRepository,
    private readonly hasher: PasswordHasher,
    private readonly issuer: TokenIssuer,
    private readonly keys: SigningKeys,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.dummyHash = hasher.hash(randomBytes(16).toString('hex'));
  }

  async login(req: LoginRequest): Promise<TokenPair> {
    const { maxFailedLogins, lockoutS } = this.config.identity;
    const outcome = await this.ds.transaction(async (m) => {
      const user = await this.users.findForLogin(req.username, m);
      if (!user) {
        await this.hasher.verify(await this.dummyHash, req.password);
        return { error: badCredentials(), reason: 'unknown user' };
      }
      if (user.lockedUntil && new Date(user.lockedUntil) > new Date()) {
        return { error: locked(user.lockedUntil), reason: 'locked', user };
      }
      if (!(await this.hasher.verify(user.passwordHash, req.password))) {
        const lock = user.failedLogins + 1 >= maxFailedLogins ? new Date(Date.now() + lockoutS * 1000) : null;
        await this.users.recordFailure(m, user.id, lock);
        if (lock) {
          await this.audit.append(m, { actor: 'system', action: 'user.locked', targetType: 'user', targetId: user.id, scopePath: user.unitPath, details: { until: lock.toISOString() } });
          return { error: locked(lock.toISOString()), reason: 'wrong password; now locked', user };
        }
        return { error: badCredentials(), reason: 'wrong password', user };
      }
      if (user.disabled) return { error: new DomainError(ErrorCode.Unauthenticated, 'The account is disabled'), reason: 'disabled', user };
      await this.users.recordSuccess(m, user.id);
      return { tokens: await this.issuePair(m, user, randomUUID()) };
    });
    if ('error' in outcome) {
      // Never the password: who, why, and the attempt's request id (in the log context).
      this.logger.warn({ username: req.username, reason: outcome.reason }, 'failed login');
      throw outcome.error;
    }
    return outcome.tokens;
  }

  async refresh(refreshToken: string): Promise<TokenPair> {
    const hash = sha256(refreshToken);
    const outcome = await this.ds.transaction(async (m) => {
      const record = await this.refreshTokens.findForUpdate(m, hash);
      if (!record || record.revokedAt || record.expired) return { error: new DomainError(ErrorCode.Unauthenticated, 'The refresh token is not valid') };
      if (record.usedAt) {
        // A rotated token came back: someone holds a copy. End the whole family.
        await this.refreshTokens.revokeFamily(m, record.familyId);
        const user = await this.users.findById(record.userId);
        await this.audit.append(m, { actor: 'system', action: 'refresh-token.reused', targetType: 'user', targetId: record.userId, scopePath: user?.unitPath ?? '', details: { familyId: record.familyId } });
        return { error: new DomainError(ErrorCode.Unauthenticated, 'The refresh token was already used; its session has been ended'), reused: true };
      }
      const user = await this.users.findById(record.userId);
      if (!user || user.disabled) return { error: new DomainError(ErrorCode.Unauthenticated, 'The account is disabled') };
      await this.refreshTokens.markUsed(m, hash);
      return { tokens: await this.issuePair(m, user, record.familyId) };
    });
    if ('error' in outcome) {
      if (outcome.reused) this.logger.warn('refresh token reuse: session family revoked');
      throw outcome.error;
    }
    return outcome.tokens;
  }

  async clientToken(req: ClientTokenRequest): Promise<ClientTokenResponse> {
    const client = await this.clients.findForToken(req.client_id);
    const ok = client ? await this.hasher.verify(client.secretHash, req.client_secret) : await this.hasher.verify(await this.dummyHash, req.client_secret);
    if (!client || !ok || client.revokedAt) {
      this.logger.warn({ clientId: req.client_id, reason: !client ? 'unknown client' : client.revokedAt ? 'revoked' : 'wrong secret' }, 'failed client authentication');
      throw new DomainError(ErrorCode.Unauthenticated, 'Client authentication failed', { error: 'invalid_client' });
    }
    const requested = req.scope ? req.scope.split(' ').filter(Boolean) : client.scopes;
    const notGranted = requested.filter((s) => !client.scopes.includes(s));
    if (notGranted.length) {
      throw new DomainError(ErrorCode.BadRequest, `The client was not granted: ${notGranted.join(' ')}`, { error: 'invalid_scope', fields: [{ field: 'scope', message: `not granted: ${notGranted.join(' ')}` }] });
    }
    const principal: Principal = { kind: 'client', subject: client.clientId, username: client.name, unitCode: client.unitCode, unitPath: client.unitPath, roles: [], scopes: requested as Scope[] };
    const ttl = this.config.identity.clientTokenTtlS;
    return { access_token: await this.issuer.accessToken(principal, ttl), token_type: 'Bearer', expires_in: ttl, scope: requested.join(' ') };
  }

  async tokenState(): Promise<TokenState> {
    const [keys, clients, users] = await Promise.all([this.keys.publicKeys(), this.clients.revoked(), this.users.disabled()]);
    return { keys, revoked: [...clients, ...users].map((r) => ({ subject: r.subject, since: new Date(r.since).toISOString() })) };
  }

  async me(caller: Principal): Promise<MeView> {
    if (caller.kind === 'client') {
      const c = await this.clients.findForToken(caller.subject);
      return { id: caller.subject, username: caller.subject, displayName: c?.name ?? caller.subject, roles: [], unit: await this.unitOf(caller) };
    }
    const u = await this.users.findById(caller.subject);
    if (!u) throw new DomainError(ErrorCode.Unauthenticated, 'The account no longer exists');
    return { id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, unit: u.unit };
  }

  private async unitOf(p: Principal) {
    const [row] = await this.ds.query('SELECT code, name, tier FROM org_unit WHERE code = $1', [p.unitCode]);
    return row;
  }

  private async issuePair(m: EntityManager, user: UserRecord, familyId: string): Promise<TokenPair> {
    const { accessTokenTtlS, refreshTokenTtlS } = this.config.identity;
    const principal = userPrincipal(user);
    const refreshToken = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert(m, sha256(refreshToken), familyId, user.id, refreshTokenTtlS);
    return { accessToken: await this.issuer.accessToken(principal, accessTokenTtlS), refreshToken, expiresIn: accessTokenTtlS, tokenType: 'Bearer' };
  }
}

export function userPrincipal(u: UserRecord): Principal {
  return { kind: 'user', subject: u.id, username: u.username, unitCode: u.unit.code, unitPath: u.unitPath, roles: u.roles as Principal['roles'], scopes: [] };
}

function locked(until: string): DomainError {
  return new DomainError(ErrorCode.AccountLocked, `Too many failed logins: the account is locked until ${new Date(until).toISOString()}`, { lockedUntil: new Date(until).toISOString() });
}
