import type { UnitScope } from '@app/auth';
import type { ClientView } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface ClientRecord extends ClientView {
  secretHash: string;
  unitPath: string;
}

const SELECT = `
  SELECT c.client_id AS "clientId", c.name, c.unit_code AS "unitCode", c.scopes, c.revoked_at AS "revokedAt",
         c.created_at AS "createdAt", c.secret_hash AS "secretHash", o.path AS "unitPath"
    FROM partner_client c JOIN org_unit o ON o.code = c.unit_code`;

@Injectable()
export class ClientsRepository {
  constructor(private readonly ds: DataSource) {}

  async findForToken(clientId: string): Promise<ClientRecord | undefined> {
    const [row] = await this.ds.query(`${SELECT} WHERE c.client_id = $1`, [clientId]);
    return row;
  }

  async findInScope(scope: UnitScope, clientId: string): Promise<ClientRecord | undefined> {
    const [row] = await this.ds.query(`${SELECT} WHERE c.client_id = $1 AND ${scope.sql('o.path', 2)}`, [clientId, scope.path]);
    return row;
  }

  listInScope(scope: UnitScope, unitPath: string | undefined, after: string | undefined, limit: number): Promise<ClientRecord[]> {
    return this.ds.query(
      `${SELECT} WHERE ${scope.sql('o.path', 1)} AND ($2::text IS NULL OR o.path = $2) AND ($3::text IS NULL OR c.client_id > $3) ORDER BY c.client_id LIMIT $4`,
      [scope.path, unitPath ?? null, after ?? null, limit],
    );
  }

  async insert(m: EntityManager, c: { clientId: string; name: string; unitCode: string; scopes: string[]; secretHash: string }): Promise<void> {
    await m.query('INSERT INTO partner_client (client_id, name, unit_code, scopes, secret_hash) VALUES ($1, $2, $3, $4, $5)', [
      c.clientId,
      c.name,
      c.unitCode,
      c.scopes,
      c.secretHash,
    ]);
  }

  async revoke(m: EntityManager, clientId: string): Promise<void> {
    await m.query('UPDATE partner_client SET revoked_at = coalesce(revoked_at, now()) WHERE client_id = $1', [clientId]);
  }

  revoked(): Promise<{ subject: string; since: string }[]> {
    return this.ds.query('SELECT client_id AS subject, revoked_at AS since FROM partner_client WHERE revoked_at IS NOT NULL');
  }
}
