import type { UnitScope } from '@app/auth';
import type { AuditEntry } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface AuditRecord {
  actor: string;
  action: string;
  targetType: 'user' | 'client' | 'unit';
  targetId: string;
  /** Path of the unit the target belongs to: who may read the entry. */
  scopePath: string;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditRepository {
  constructor(private readonly ds: DataSource) {}

  async append(manager: EntityManager, r: AuditRecord): Promise<void> {
    await manager.query('INSERT INTO audit_log (actor, action, target_type, target_id, scope_path, details) VALUES ($1, $2, $3, $4, $5, $6)', [
      r.actor,
      r.action,
      r.targetType,
      r.targetId,
      r.scopePath,
      JSON.stringify(r.details ?? {}),
    ]);
  }

  list(scope: UnitScope, targetType: string | undefined, before: string | undefined, limit: number): Promise<AuditEntry[]> {
    return this.ds.query(
      `SELECT id::text, at, actor, action, target_type AS "targetType", target_id AS "targetId", details FROM audit_log
        WHERE ${scope.sql('scope_path', 1)} AND ($2::text IS NULL OR target_type = $2) AND ($3::bigint IS NULL OR id < $3)
        ORDER BY id DESC LIMIT $4`,
      [scope.path, targetType ?? null, before ?? null, limit],
    );
  }
}
