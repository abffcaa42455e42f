import type { Delegation } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

@Injectable()
export class DelegationRepository {
  constructor(private readonly ds: DataSource) {}

  async towns(itemCode: string): Promise<string[]> {
    const rows: { town_code: string }[] = await this.ds.query('SELECT town_code FROM delegation_rule WHERE item_code = $1 ORDER BY town_code', [itemCode]);
    return rows.map((r) => r.town_code);
  }

  async get(itemCode: string): Promise<Delegation> {
    const [row] = await this.ds.query(
      `SELECT coalesce(array_agg(town_code::text ORDER BY town_code) FILTER (WHERE town_code IS NOT NULL), '{}') AS towns, max(created_at) AS "updatedAt",
              (SELECT actor FROM audit_log WHERE target_id = $1 ORDER BY id DESC LIMIT 1) AS "updatedBy"
         FROM delegation_rule WHERE item_code = $1`,
      [itemCode],
    );
    return { itemCode, towns: row.towns, updatedAt: row.updatedAt ? new Date(row.updatedAt).toISOString() : null, updatedBy: row.updatedBy ?? null };
  }

  async list(): Promise<Delegation[]> {
    const rows = await this.ds.query(
      `SELECT item_code AS "itemCode", array_agg(town_code::text ORDER BY town_code) AS towns, max(created_at) AS "updatedAt" FROM delegation_rule GROUP BY item_code ORDER BY item_code`,
    );
    return rows.map((r: Delegation & { updatedAt: string }) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString(), updatedBy: null }));
  }

  /** Replaces the item's towns and records who did it, in one transaction. */
  async replace(m: EntityManager, itemCode: string, towns: string[], actor: string): Promise<void> {
    // TypeORM answers a DELETE … RETURNING with [rows, affected].
    const [before]: [{ town_code: string }[], number] = await m.query('DELETE FROM delegation_rule WHERE item_code = $1 RETURNING town_code', [itemCode]);
    await m.query('INSERT INTO delegation_rule (item_code, town_code, created_by) SELECT $1, unnest($2::text[]), $3', [itemCode, towns, actor]);
    await m.query('INSERT INTO audit_log (actor, action, target_id, details) VALUES ($1, $2, $3, $4)', [
      actor,
      'delegation.set',
      itemCode,
      JSON.stringify({ before: before.map((r) => r.town_code).sort(), after: [...towns].sort() }),
    ]);
  }
}
