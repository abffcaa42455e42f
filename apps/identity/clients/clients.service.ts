import { notFound, authorize, UnitScope, type Caller } from '@app/auth';
import type { ClientView, CreateClientRequest, CreatedClient, ListClientsQuery, Page } from '@app/contracts';
import { CursorCodec } from '@app/persistence';
import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditRepository } from '../audit/audit.repository.js';
import { UnitsRepository } from '../units/units.repository.js';
import { PasswordHasher } from '../users/password.js';
import { actorOf } from '../users/users.service.js';
import { ClientsRepository, type ClientRecord } from './clients.repository.js';

/** Partner systems (OAuth2 client credentials), bound to one org unit with granted scopes. */
@Injectable()
export class ClientsService {
  constructor(
    private readonly ds: DataSource,
    private readonly clients: ClientsRepository,
    private readonly units: UnitsRepository,
    private readonly audit: AuditRepository,
    private readonly hasher: PasswordHasher,
    private readonly cursors: CursorCodec,
  ) {}

  async create(caller: Caller, req: CreateClientRequest): Promise<CreatedClient> {
    const unit = await this.unitInScope(UnitScope.of(caller), req.unitCode);
    authorize(caller);
    const clientId = `pc_${randomBytes(10).toString('hex')}`;
    const clientSecret = `pcs_${randomBytes(32).toString('base64url')}`;
    const secretHash = await this.hasher.hash(clientSecret);
    await this.ds.transaction(async (m) => {
      await this.clients.insert(m, { clientId, name: req.name, unitCode: req.unitCode, scopes: req.scopes, secretHash });
      await this.audit.append(m, { actor: actorOf(caller), action: 'client.created', targetType: 'client', targetId: clientId, scopePath: unit.path, details: { name: req.name, scopes: req.scopes } });
    });
    return { ...view((await this.clients.findForToken(clientId))!), clientSecret };
  }

  async list(caller: Caller, q: ListClientsQuery): Promise<Page<ClientView>> {
    const scope = UnitScope.of(caller);
    const unitPath = q.unitCode ? (await this.unitInScope(scope, q.unitCode)).path : undefined;
    authorize(caller);
    const limit = q.limit ?? 50;
    const binding = `clients|${caller.subject}|${q.unitCode ?? ''}`;
    const rows = await this.clients.listInScope(scope, unitPath, this.cursors.after<string>(q.cursor, binding), limit + 1);
    const page = this.cursors.page(rows, limit, binding, (r) => r.clientId);
    return { ...page, items: page.items.map(view) };
  }

  async revoke(caller: Caller, clientId: string): Promise<ClientView> {
    const client = await this.clients.findInScope(UnitScope.of(caller), clientId);
    if (!client) throw notFound(`Partner client ${clientId}`);
    authorize(caller);
    await this.ds.transaction(async (m) => {
      await this.clients.revoke(m, clientId);
      await this.audit.append(m, { actor: actorOf(caller), action: 'client.revoked', targetType: 'client', targetId: clientId, scopePath: client.unitPath });
    });
    return view((await this.clients.findForToken(clientId))!);
  }

  private async unitInScope(scope: UnitScope, code: string) {
    const unit = await this.units.findInScope(scope, code);
    if (!unit) throw notFound(`Org unit ${code}`);
    return unit;
  }
}

function view(c: ClientRecord): ClientView {
  return {
    clientId: c.clientId,
    name: c.name,
    unitCode: c.unitCode,
    scopes: c.scopes,
    revokedAt: c.revokedAt ? new Date(c.revokedAt).toISOString() : null,
    createdAt: new Date(c.createdAt).toISOString(),
  };
}
