import type { UnitScope } from '@app/auth';
import type { UserView } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface UserRecord extends UserView {
  unitPath: string;
  passwordHash: string;
  failedLogins: number;
  disabledAt: string | null;
}

const SELECT = `
  SELECT u.id, u.username, u.display_name AS "displayName", u.roles, u.disabled_at IS NOT NULL AS disabled,
         u.disabled_at AS "disabledAt", u.locked_until AS "lockedUntil", u.created_at AS "createdAt",
         u.password_hash AS "passwordHash", u.failed_logins AS "failedLogins",
         json_build_object('code', o.code, 'name', o.name, 'tier', o.tier) AS unit, o.path AS "unitPath"
    FROM user_account u JOIN org_unit o ON o.code = u.unit_code`;

/** Queries only. Reads on behalf of a caller take its UnitScope: what is outside does not exist. */
@Injectable()
export class UsersRepository {
  constructor(private readonly ds: DataSource) {}

  async findForLogin(username: string, manager: EntityManager = this.ds.manager): Promise<UserRecord | undefined> {
    const [row] = await manager.query(`${SELECT} WHERE u.username = $1 FOR UPDATE OF u`, [username]);
    return row;
  }

  async findById(id: string): Promise<UserRecord | undefined> {
    const [row] = await this.ds.query(`${SELECT} WHERE u.id = $1`, [id]);
    return row;
  }

  async findInScope(scope: UnitScope, id: string): Promise<UserRecord | undefined> {
    const [row] = await this.ds.query(`${SELECT} WHERE u.id = $1 AND ${scope.sql('o.path', 2)}`, [id, scope.path]);
    return row;
  }

  listInScope(scope: UnitScope, unitPath: string | undefined, after: string | undefined, limit: number): Promise<UserRecord[]> {
    return this.ds.query(
      `${SELECT} WHERE ${scope.sql('o.path', 1)} AND ($2::text IS NULL OR o.path = $2) AND ($3::uuid IS NULL OR u.id > $3) ORDER BY u.id LIMIT $4`,
      [scope.path, unitPath ?? null, after ?? null, limit],
    );
  }

  async insert(
    manager: EntityManager,
    u: { id: string; username: string; displayName: string; unitCode: string; roles: string[]; passwordHash: string; demo: boolean },
  ): Promise<boolean> {
    const rows = await manager.query(
      `INSERT INTO user_account (id, username, display_name, unit_code, roles, password_hash, demo) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [u.id, u.username, u.displayName, u.unitCode, u.roles, u.passwordHash, u.demo],
    );
    return rows.length === 1;
  }

  async recordFailure(manager: EntityManager, id: string, lockUntil: Date | null): Promise<void> {
    await manager.query(
      `UPDATE user_account SET failed_logins = CASE WHEN $2::timestamptz IS NULL THEN failed_logins + 1 ELSE 0 END,
              locked_until = coalesce($2, locked_until), updated_at = now() WHERE id = $1`,
      [id, lockUntil],
    );
  }

  async recordSuccess(manager: EntityManager, id: string): Promise<void> {
    await manager.query('UPDATE user_account SET failed_logins = 0, locked_until = NULL WHERE id = $1 AND (failed_logins > 0 OR locked_until IS NOT NULL)', [id]);
  }

  async setDisabled(manager: EntityManager, id: string, disabled: boolean): Promise<void> {
    await manager.query(
      `UPDATE user_account SET disabled_at = CASE WHEN $2 THEN coalesce(disabled_at, now()) ELSE NULL END, updated_at = now() WHERE id = $1`,
      [id, disabled],
    );
  }

  /** Disabled users, for verifiers: their tokens stop working. */
  disabled(): Promise<{ subject: string; since: string }[]> {
    return this.ds.query(`SELECT id AS subject, disabled_at AS since FROM user_account WHERE disabled_at IS NOT NULL`);
  }
}
