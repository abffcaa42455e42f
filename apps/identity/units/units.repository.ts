import type { UnitScope } from '@app/auth';
import type { OrgUnitView, Tier } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SeedUnit } from './hechuan-seed.js';

const COLUMNS = `code, name, tier, kind, parent_code AS "parentCode", path, active, demo`;

/** Org units are public to read; `findInScope` is for the caller-scoped checks of the other services. */
@Injectable()
export class UnitsRepository {
  constructor(private readonly ds: DataSource) {}

  async get(code: string): Promise<OrgUnitView | undefined> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM org_unit WHERE code = $1`, [code]);
    return row;
  }

  /** The unit when it is in the scope (out of scope reads as missing). */
  async findInScope(scope: UnitScope, code: string): Promise<OrgUnitView | undefined> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM org_unit WHERE code = $1 AND ${scope.sql('path', 2)}`, [code, scope.path]);
    return row;
  }

  /** Ordered by code; `after` is the last code of the previous page. */
  list(filter: { parent?: string; tier?: Tier }, after: string | undefined, limit: number): Promise<OrgUnitView[]> {
    return this.ds.query(
      `SELECT ${COLUMNS} FROM org_unit
        WHERE ($1::text IS NULL OR parent_code = $1) AND ($2::text IS NULL OR tier = $2) AND ($3::text IS NULL OR code > $3)
        ORDER BY code LIMIT $4`,
      [filter.parent ?? null, filter.tier ?? null, after ?? null, limit],
    );
  }

  async update(manager: EntityManager, code: string, change: { name?: string; active?: boolean }): Promise<OrgUnitView> {
    const [rows] = await manager.query(
      `UPDATE org_unit SET name = coalesce($2, name), active = coalesce($3, active), updated_at = now() WHERE code = $1 RETURNING ${COLUMNS}`,
      [code, change.name ?? null, change.active ?? null],
    );
    return rows[0];
  }

  /** Inserts new units and updates changed ones; returns only what changed. */
  upsert(manager: EntityManager, units: SeedUnit[]): Promise<(OrgUnitView & { inserted: boolean })[]> {
    return manager.query(
      `INSERT INTO org_unit (code, name, tier, kind, parent_code, path, demo)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::boolean[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, tier = EXCLUDED.tier, kind = EXCLUDED.kind,
         parent_code = EXCLUDED.parent_code, path = EXCLUDED.path, demo = EXCLUDED.demo, updated_at = now()
       WHERE (org_unit.name, org_unit.tier, org_unit.kind, org_unit.parent_code, org_unit.path, org_unit.demo)
         IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.tier, EXCLUDED.kind, EXCLUDED.parent_code, EXCLUDED.path, EXCLUDED.demo)
       RETURNING ${COLUMNS}, (xmax = 0) AS inserted`,
      [
        units.map((u) => u.code),
        units.map((u) => u.name),
        units.map((u) => u.tier),
        units.map((u) => u.kind),
        units.map((u) => u.parentCode),
        units.map((u) => u.path),
        units.map((u) => u.demo),
      ],
    );
  }
}
