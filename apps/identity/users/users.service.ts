import { notFound, authorize, UnitScope, type Caller, type Principal } from '@app/auth';
import { DomainError, ErrorCode, type CreateUserRequest, type ListUsersQuery, type Page, type UserView } from '@app/contracts';
import { CursorCodec } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { RefreshTokensRepository } from '../tokens/refresh-tokens.repository.js';
import { UnitsRepository } from '../units/units.repository.js';
import { assertPasswordAcceptable, PasswordHasher } from './password.js';
import { UsersRepository, type UserRecord } from './users.repository.js';

/** Staff and agents. Order of checks everywhere: out of scope → 404, then wrong role → 403. */
@Injectable()
export class UsersService {
  constructor(
    private readonly ds: DataSource,
    private readonly users: UsersRepository,
    private readonly units: UnitsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly audit: AuditRepository,
    private readonly hasher: PasswordHasher,
    private readonly cursors: CursorCodec,
  ) {}

  async create(caller: Caller, req: CreateUserRequest): Promise<UserView> {
    const scope = UnitScope.of(caller);
    const unit = await this.unitInScope(scope, req.unitCode);
    authorize(caller);
    assertPasswordAcceptable(req.password, req.username);
    const id = randomUUID();
    const passwordHash = await this.hasher.hash(req.password);
    await this.ds.transaction(async (m) => {
      const created = await this.users.insert(m, { id, username: req.username, displayName: req.displayName, unitCode: req.unitCode, roles: req.roles, passwordHash, demo: false });
      if (!created) throw new DomainError(ErrorCode.Conflict, `The username ${req.username} is taken`, { fields: [{ field: 'username', message: 'username is taken' }] });
      await this.audit.append(m, { actor: actorOf(caller), action: 'user.created', targetType: 'user', targetId: id, scopePath: unit.path, details: { username: req.username, unitCode: req.unitCode, roles: req.roles } });
    });
    return view((await this.users.findById(id))!);
  }

  async get(caller: Caller, id: string): Promise<UserView> {
    const user = await this.users.findInScope(UnitScope.of(caller), id);
    if (!user) throw notFound(`User ${id}`);
    authorize(caller);
    return view(user);
  }

  async list(caller: Caller, q: ListUsersQuery): Promise<Page<UserView>> {
    const scope = UnitScope.of(caller);
    const unitPath = q.unitCode ? (await this.unitInScope(scope, q.unitCode)).path : undefined;
    authorize(caller);
    const limit = q.limit ?? 50;
    const binding = `users|${caller.subject}|${q.unitCode ?? ''}`;
    const rows = await this.users.listInScope(scope, unitPath, this.cursors.after<string>(q.cursor, binding), limit + 1);
    const page = this.cursors.page(rows, limit, binding, (r) => r.id);
    return { ...page, items: page.items.map(view) };
  }

  async setDisabled(caller: Caller, id: string, disabled: boolean): Promise<UserView> {
    const user = await this.users.findInScope(UnitScope.of(caller), id);
    if (!user) throw notFound(`User ${id}`);
    authorize(caller);
    if (user.id === caller.subject) throw new DomainError(ErrorCode.Unprocessable, 'You cannot disable or enable your own account');
    await this.ds.transaction(async (m) => {
      await this.users.setDisabled(m, id, disabled);
      if (disabled) await this.refreshTokens.revokeUser(m, id);
      await this.audit.append(m, { actor: actorOf(caller), action: disabled ? 'user.disabled' : 'user.enabled', targetType: 'user', targetId: id, scopePath: user.unitPath });
    });
    return view((await this.users.findById(id))!);
  }

  private async unitInScope(scope: UnitScope, code: string) {
    const unit = await this.units.findInScope(scope, code);
    if (!unit) throw notFound(`Org unit ${code}`);
    return unit;
  }
}

export function view(u: UserRecord): UserView {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    unit: u.unit,
    roles: u.roles,
    disabled: u.disabled,
    lockedUntil: u.lockedUntil ? new Date(u.lockedUntil).toISOString() : null,
    createdAt: new Date(u.createdAt).toISOString(),
  };
}

export function actorOf(p: Principal): string {
  return p.kind === 'user' ? `user:${p.username ?? p.subject}` : `client:${p.subject}`;
}
