import type { OrgUnitView, ServiceItemView, Tier } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface UnitCopy {
  code: string;
  name: string;
  tier: Tier;
  parentCode: string | null;
  path: string;
  active: boolean;
}

export interface ItemVersionCopy {
  code: string;
  version: number;
  tier: Tier;
  status: 'published' | 'superseded' | 'retired';
}

@Injectable()
export class ReadModelsRepository {
  constructor(private readonly ds: DataSource) {}

  /** Applies a unit event unless a later one was applied already (events may arrive out of order). */
  async upsertUnit(m: EntityManager, u: OrgUnitView, occurredAt: string): Promise<void> {
    await m.query(
      `INSERT INTO unit_copy (code, name, tier, parent_code, path, active, occurred_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, tier = EXCLUDED.tier, parent_code = EXCLUDED.parent_code, path = EXCLUDED.path,
         active = EXCLUDED.active, occurred_at = EXCLUDED.occurred_at
       WHERE unit_copy.occurred_at <= EXCLUDED.occurred_at`,
      [u.code, u.name, u.tier, u.parentCode, u.path, u.active, occurredAt],
    );
  }

  async itemPublished(m: EntityManager, item: ServiceItemView): Promise<void> {
    await m.query(
      `INSERT INTO item_version_copy (code, version, tier, status) VALUES ($1, $2, $3, 'published')
       ON CONFLICT (code, version) DO NOTHING`,
      [item.code, item.version, item.tier],
    );
    // Only the newest published version is current; an older publish arriving late stays superseded.
    await m.query(
      `UPDATE item_version_copy SET status = CASE WHEN version = (SELECT max(version) FROM item_version_copy WHERE code = $1 AND status <> 'retired') THEN 'published' ELSE 'superseded' END
        WHERE code = $1 AND status <> 'retired'`,
      [item.code],
    );
  }

  async itemRetired(m: EntityManager, code: string, version: number): Promise<void> {
    await m.query(`UPDATE item_version_copy SET status = 'retired' WHERE code = $1 AND version = $2`, [code, version]);
  }

  /** The units on a path (root first). */
  async unitsOnPath(path: string): Promise<UnitCopy[]> {
    const codes = path.split('.');
    const rows: UnitCopy[] = await this.ds.query(
      `SELECT code, name, tier, parent_code AS "parentCode", path, active FROM unit_copy WHERE code = ANY($1::bpchar[])`,
      [codes],
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    return codes.map((c) => byCode.get(c)).filter((u): u is UnitCopy => u !== undefined);
  }

  async unit(code: string): Promise<UnitCopy | undefined> {
    const [row] = await this.ds.query(`SELECT code, name, tier, parent_code AS "parentCode", path, active FROM unit_copy WHERE code = $1`, [code]);
    return row;
  }

  /** A given version, or the current published one. */
  async itemVersion(code: string, version?: number): Promise<ItemVersionCopy | undefined> {
    const [row] = version
      ? await this.ds.query(`SELECT code, version, tier, status FROM item_version_copy WHERE code = $1 AND version = $2`, [code, version])
      : await this.ds.query(`SELECT code, version, tier, status FROM item_version_copy WHERE code = $1 ORDER BY (status = 'published') DESC, version DESC LIMIT 1`, [code]);
    return row;
  }
}
