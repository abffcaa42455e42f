import type { CatalogueStats, ItemStatus, SearchItemsQuery, ServiceItemInput, ServiceItemView } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface ItemHead {
  code: string;
  currentVersion: number | null;
  latestVersion: number;
  status: ItemStatus;
  latestStatus: 'draft' | 'published' | 'superseded' | 'retired';
  latestFingerprint: string;
}

const VIEW = `v.body || jsonb_build_object('version', v.version, 'status', CASE WHEN v.status = 'superseded' THEN 'published' ELSE v.status END,
  'instant', v.promised_days = 0, 'publishedAt', v.published_at) AS view`;

/** Queries only. The catalogue is public: reads need no scope; writes are admin-only (checked by the service). */
@Injectable()
export class ItemsRepository {
  constructor(private readonly ds: DataSource) {}

  async head(m: EntityManager, code: string, lock = false): Promise<ItemHead | undefined> {
    const [row] = await m.query(
      `SELECT i.code, i.current_version AS "currentVersion", i.latest_version AS "latestVersion", i.status,
              v.status AS "latestStatus", v.fingerprint AS "latestFingerprint"
         FROM service_item i JOIN service_item_version v ON v.code = i.code AND v.version = i.latest_version
        WHERE i.code = $1 ${lock ? 'FOR UPDATE OF i' : ''}`,
      [code],
    );
    return row;
  }

  async insertItem(m: EntityManager, code: string): Promise<boolean> {
    const rows = await m.query(`INSERT INTO service_item (code, latest_version, status) VALUES ($1, 1, 'draft') ON CONFLICT (code) DO NOTHING RETURNING code`, [code]);
    return rows.length === 1;
  }

  async insertVersion(m: EntityManager, item: ServiceItemInput, version: number, fingerprint: string): Promise<void> {
    await m.query(
      `INSERT INTO service_item_version (code, version, status, name, category, department, tier, legal_days, promised_days, has_steps, body, fingerprint)
       VALUES ($1, $2, 'draft', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [item.code, version, item.name, item.category, item.department, item.tier, item.legalDays, item.promisedDays, item.steps.length > 0, JSON.stringify(item), fingerprint],
    );
  }

  async replaceDraft(m: EntityManager, item: ServiceItemInput, version: number, fingerprint: string): Promise<void> {
    await m.query(
      `UPDATE service_item_version SET name = $3, category = $4, department = $5, tier = $6, legal_days = $7, promised_days = $8, has_steps = $9,
              body = $10, fingerprint = $11, created_at = now()
        WHERE code = $1 AND version = $2 AND status = 'draft'`,
      [item.code, version, item.name, item.category, item.department, item.tier, item.legalDays, item.promisedDays, item.steps.length > 0, JSON.stringify(item), fingerprint],
    );
  }

  async setLatest(m: EntityManager, code: string, version: number): Promise<void> {
    await m.query('UPDATE service_item SET latest_version = $2, updated_at = now() WHERE code = $1', [code, version]);
  }

  /** Publishes the latest draft; the version it replaces becomes superseded (still readable by the cases pinned to it). */
  async publishLatest(m: EntityManager, head: ItemHead): Promise<void> {
    if (head.currentVersion !== null) {
      await m.query(`UPDATE service_item_version SET status = 'superseded' WHERE code = $1 AND version = $2`, [head.code, head.currentVersion]);
    }
    await m.query(`UPDATE service_item_version SET status = 'published', published_at = now() WHERE code = $1 AND version = $2`, [head.code, head.latestVersion]);
    await m.query(`UPDATE service_item SET current_version = $2, status = 'published', updated_at = now() WHERE code = $1`, [head.code, head.latestVersion]);
  }

  async retire(m: EntityManager, head: ItemHead): Promise<void> {
    await m.query(`UPDATE service_item_version SET status = 'retired' WHERE code = $1 AND version = $2`, [head.code, head.currentVersion]);
    await m.query(`UPDATE service_item SET status = 'retired', updated_at = now() WHERE code = $1`, [head.code]);
  }

  /** The current published version, or a given non-draft version. */
  async view(code: string, version?: number, m: EntityManager = this.ds.manager): Promise<ServiceItemView | undefined> {
    const [row] = version
      ? await m.query(`SELECT ${VIEW} FROM service_item_version v WHERE v.code = $1 AND v.version = $2 AND v.status <> 'draft'`, [code, version])
      : await m.query(`SELECT ${VIEW} FROM service_item i JOIN service_item_version v ON v.code = i.code AND v.version = i.current_version WHERE i.code = $1 AND i.status = 'published'`, [code]);
    return row?.view;
  }

  versions(code: string): Promise<{ version: number; status: string; createdAt: string; publishedAt: string | null }[]> {
    return this.ds.query(
      `SELECT version, status, created_at AS "createdAt", published_at AS "publishedAt" FROM service_item_version WHERE code = $1 ORDER BY version`,
      [code],
    );
  }

  /** Current published items matching the filters, ordered by code, after `after`. */
  async search(q: SearchItemsQuery, after: string | undefined, limit: number): Promise<ServiceItemView[]> {
    const like = q.q ? `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const rows = await this.ds.query(
      `SELECT ${VIEW} FROM service_item_version v
        WHERE v.status = 'published'
          AND ($1::text IS NULL OR v.name ILIKE $1 OR v.code ILIKE $1 OR v.department ILIKE $1)
          AND ($2::text IS NULL OR v.tier = $2) AND ($3::text IS NULL OR v.category = $3) AND ($4::text IS NULL OR v.department = $4)
          AND ($5::boolean IS NULL OR (v.promised_days = 0) = $5) AND ($6::text IS NULL OR v.code > $6)
        ORDER BY v.code LIMIT $7`,
      [like, q.tier ?? null, q.category ?? null, q.department ?? null, q.instant === undefined ? null : q.instant === 'true', after ?? null, limit],
    );
    return rows.map((r: { view: ServiceItemView }) => r.view);
  }

  async stats(): Promise<Omit<CatalogueStats, 'instantRate' | 'compression'>> {
    const [totals] = await this.ds.query(
      `SELECT count(*)::int AS items, count(*) FILTER (WHERE promised_days = 0)::int AS "instantItems",
              coalesce(avg(promised_days), 0)::float AS "avgPromisedDays", coalesce(avg(legal_days), 0)::float AS "avgLegalDays",
              count(*) FILTER (WHERE has_steps)::int AS "approvalItemsWithFlow"
         FROM service_item_version WHERE status = 'published'`,
    );
    const groups = async (column: 'category' | 'tier') =>
      Object.fromEntries(
        (await this.ds.query(`SELECT ${column} AS k, count(*)::int AS n FROM service_item_version WHERE status = 'published' GROUP BY ${column} ORDER BY ${column}`)).map(
          (r: { k: string; n: number }) => [r.k, r.n],
        ),
      );
    return { ...totals, byCategory: await groups('category'), byTier: await groups('tier') };
  }

  /** Every current item (latest version, any status but retired) for export. */
  async exportable(): Promise<ServiceItemInput[]> {
    const rows = await this.ds.query(
      `SELECT v.body FROM service_item i JOIN service_item_version v ON v.code = i.code AND v.version = i.latest_version WHERE i.status <> 'retired' ORDER BY i.code`,
    );
    return rows.map((r: { body: ServiceItemInput }) => r.body);
  }
}
