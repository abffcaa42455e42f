import type { UnitScope } from '@app/auth';
import type { CaseStatus, CaseView, Hop, TimelineEntry } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface CaseRow {
  id: string;
  trackingNo: string;
  queryCode: string;
  status: CaseStatus;
  itemCode: string;
  itemVersion: number;
  itemName: string;
  promisedDays: number;
  legalDays: number;
  originUnitCode: string;
  handlingUnitCode: string;
  currentUnitCode: string;
  route: string[];
  channel: CaseView['channel'];
  applicantName: string;
  applicantIdMasked: string;
  applicantPhoneMasked: string;
  result: CaseView['result'];
  acceptedAt: string | null;
  promisedDeadline: string | null;
  legalDeadline: string | null;
  deadlineProvisional: boolean;
  version: number;
  createdAt: string;
  itemMaterials: { code: string; required: boolean; deferrable: boolean }[];
  itemProcedures: { code: string; name: string; maxDays: number }[];
  owedMaterials: { code: string; due: string }[];
  supplement: { round: number; missing: { code: string; reason: string }[] } | null;
  forwardCount: number;
  suspension: { procedureCode: string; maxDays: number; since: string } | null;
  pausedDays: number;
  itemParallel: { leadDepartment: string; coDepartments: string[]; capDays?: number } | null;
  decisions: CaseView['decisions'];
  rating: CaseView['rating'];
  receivedAt: string | null;
  submittedBy: string;
  originPath: string;
  itemSteps: { code: string; name: string; role: string; limitDays: number }[];
  stepDeadlines: string[];
}

const SELECT = `SELECT c.id, c.tracking_no AS "trackingNo", c.query_code AS "queryCode", c.status, c.item_code AS "itemCode", c.item_version AS "itemVersion",
  c.item_name AS "itemName", c.promised_days AS "promisedDays", c.legal_days AS "legalDays", c.origin_unit_code AS "originUnitCode",
  c.handling_unit_code AS "handlingUnitCode", c.current_unit_code AS "currentUnitCode", c.route, c.channel, c.applicant_name AS "applicantName",
  c.applicant_id_masked AS "applicantIdMasked", c.applicant_phone_masked AS "applicantPhoneMasked", c.result, c.accepted_at AS "acceptedAt",
  to_char(c.promised_deadline, 'YYYY-MM-DD') AS "promisedDeadline", to_char(c.legal_deadline, 'YYYY-MM-DD') AS "legalDeadline",
  c.deadline_provisional AS "deadlineProvisional", c.version, c.created_at AS "createdAt", c.item_materials AS "itemMaterials",
  c.item_procedures AS "itemProcedures", c.owed_materials AS "owedMaterials", c.supplement, c.forward_count AS "forwardCount", c.suspension,
  c.paused_days AS "pausedDays", c.item_parallel AS "itemParallel", c.decisions, c.rating, c.received_at AS "receivedAt",
  c.submitted_by AS "submittedBy", c.origin_path AS "originPath", c.item_steps AS "itemSteps", c.step_deadlines AS "stepDeadlines" FROM case_file c`;

/** A new case: its first state, and what only the repository sees (sealed personal data, the item's rules). */
export type NewCase = Pick<
  CaseRow,
  'id' | 'trackingNo' | 'queryCode' | 'status' | 'itemCode' | 'itemVersion' | 'itemName' | 'promisedDays' | 'legalDays' | 'originUnitCode' | 'handlingUnitCode' | 'currentUnitCode' | 'route' | 'channel' | 'applicantName' | 'applicantIdMasked' | 'applicantPhoneMasked' | 'originPath' | 'itemMaterials' | 'itemProcedures' | 'itemParallel' | 'itemSteps' | 'submittedBy'
> & {
  applicantIdSealed: string;
  applicantIdLookup: string;
  applicantPhoneSealed: string;
  materials: unknown;
  proxy: unknown;
  formData: unknown;
};

const COLUMNS = {
  status: 'status', currentUnitCode: 'current_unit_code', handlingUnitCode: 'handling_unit_code', route: 'route', result: 'result',
  acceptedAt: 'accepted_at', promisedDeadline: 'promised_deadline', legalDeadline: 'legal_deadline', deadlineProvisional: 'deadline_provisional',
  owedMaterials: 'owed_materials', supplement: 'supplement', forwardCount: 'forward_count', suspension: 'suspension', pausedDays: 'paused_days',
  decisions: 'decisions', rating: 'rating', receivedAt: 'received_at', stepDeadlines: 'step_deadlines',
} as const;
const JSON_COLUMNS = new Set(['result', 'owedMaterials', 'supplement', 'suspension', 'decisions', 'rating', 'stepDeadlines']);

/** The columns a transition may change. */
export type CaseChange = Partial<Record<keyof typeof COLUMNS, unknown>>;

/** Queries only. What a caller reads goes through a UnitScope (the scope rule is in the SQL). */
@Injectable()
export class CasesRepository {
  constructor(private readonly ds: DataSource) {}

  /** The next number of the day's sequence; the row lock serializes submissions of one day across instances. */
  async nextSequence(m: EntityManager, countyCode: string, day: string): Promise<number> {
    const [row] = await m.query(
      `INSERT INTO tracking_sequence (county_code, day, last) VALUES ($1, $2, 1)
       ON CONFLICT (county_code, day) DO UPDATE SET last = tracking_sequence.last + 1 RETURNING last`,
      [countyCode, day],
    );
    return row.last;
  }

  async insert(m: EntityManager, c: NewCase, unitPaths: string[]): Promise<void> {
    await m.query(
      // One round trip: the case and its scope paths (the foreign key is checked at the statement's end).
      `WITH c AS (INSERT INTO case_file (id, tracking_no, query_code, status, item_code, item_version, item_name, promised_days, legal_days, origin_unit_code,
         handling_unit_code, current_unit_code, route, channel, submitted_by, applicant_name, applicant_id_sealed, applicant_id_masked,
         applicant_id_lookup, applicant_phone_sealed, applicant_phone_masked, materials, proxy, form_data, item_materials, item_procedures, item_parallel, origin_path, item_steps)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)
       RETURNING id)
       INSERT INTO case_unit (case_id, unit_path) SELECT DISTINCT c.id, p FROM c, unnest($30::text[]) AS p ON CONFLICT DO NOTHING`,
      [
        c.id, c.trackingNo, c.queryCode, c.status, c.itemCode, c.itemVersion, c.itemName, c.promisedDays, c.legalDays, c.originUnitCode,
        c.handlingUnitCode, c.currentUnitCode, c.route, c.channel, c.submittedBy, c.applicantName, c.applicantIdSealed, c.applicantIdMasked,
        c.applicantIdLookup, c.applicantPhoneSealed, c.applicantPhoneMasked, JSON.stringify(c.materials), c.proxy ? JSON.stringify(c.proxy) : null,
        c.formData ? JSON.stringify(c.formData) : null, JSON.stringify(c.itemMaterials), JSON.stringify(c.itemProcedures),
        c.itemParallel ? JSON.stringify(c.itemParallel) : null, c.originPath, JSON.stringify(c.itemSteps), unitPaths,
      ],
    );
  }

  /** The first entries of a new case's timeline (seq 1…n) and its first hop, if any, in one round trip. */
  async begin(m: EntityManager, caseId: string, entries: Omit<TimelineEntry, 'at'>[], hop: { from: string; to: string; direction: 'up' | 'down' } | null): Promise<void> {
    const rows = entries.map((e, i) => ({
      seq: i + 1, action: e.action, from_status: e.fromStatus, to_status: e.toStatus, unit_code: e.unitCode,
      actor_username: e.actor?.username ?? null, actor_unit_code: e.actor?.unitCode ?? null, note: e.note,
    }));
    await m.query(
      `WITH t AS (INSERT INTO case_timeline (case_id, seq, action, from_status, to_status, unit_code, actor_username, actor_unit_code, note)
         SELECT $1, x.seq, x.action, x.from_status, x.to_status, x.unit_code, x.actor_username, x.actor_unit_code, x.note
           FROM jsonb_to_recordset($2::jsonb) AS x(seq integer, action text, from_status text, to_status text, unit_code text, actor_username text, actor_unit_code text, note text))
       INSERT INTO case_hop (case_id, seq, from_unit_code, to_unit_code, direction, sent_at) SELECT $1, 1, $3::text, $4::text, $5::text, now() WHERE $3::text IS NOT NULL`,
      [caseId, JSON.stringify(rows), hop?.from ?? null, hop?.to ?? null, hop?.direction ?? null],
    );
  }

  /** Optimistic concurrency (DESIGN §7): the update happens only at the version the caller saw. */
  async update(m: EntityManager, id: string, expectedVersion: number, set: CaseChange): Promise<boolean> {
    const entries = Object.entries(set);
    const assignments = entries.map(([k], i) => `${COLUMNS[k as keyof CaseChange]} = $${i + 3}`);
    const values = entries.map(([k, v]) => (JSON_COLUMNS.has(k) && v !== null ? JSON.stringify(v) : v));
    const [, affected] = await m.query(
      `UPDATE case_file SET ${[...assignments, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 AND version = $2`,
      [id, expectedVersion, ...values],
    );
    return affected === 1;
  }

  async appendTimeline(m: EntityManager, caseId: string, e: Omit<TimelineEntry, 'at'>): Promise<void> {
    await m.query(
      `INSERT INTO case_timeline (case_id, seq, action, from_status, to_status, unit_code, actor_username, actor_unit_code, note)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5, $6, $7, $8 FROM case_timeline WHERE case_id = $1`,
      [caseId, e.action, e.fromStatus, e.toStatus, e.unitCode, e.actor?.username ?? null, e.actor?.unitCode ?? null, e.note],
    );
  }

  async addHop(m: EntityManager, caseId: string, hop: { from: string; to: string; direction: 'up' | 'down' }): Promise<void> {
    await m.query(
      `INSERT INTO case_hop (case_id, seq, from_unit_code, to_unit_code, direction, sent_at)
       SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, now() FROM case_hop WHERE case_id = $1`,
      [caseId, hop.from, hop.to, hop.direction],
    );
  }

  /**
   * Marks the open hop arrived; returns it with its position among the hops of its direction (the
   * n-th hop up reaches route[n], the n-th hop down reversed(route)[n], even when a unit appears
   * twice after a reroute), or nothing when no hop is open (a redelivered event).
   */
  async arriveOpenHop(m: EntityManager, caseId: string): Promise<{ toUnitCode: string; direction: 'up' | 'down'; position: number } | undefined> {
    const [rows] = await m.query(
      `UPDATE case_hop h SET arrived_at = now() WHERE h.case_id = $1 AND h.arrived_at IS NULL
       RETURNING h.to_unit_code AS "toUnitCode", h.direction,
         (SELECT count(*)::int FROM case_hop o WHERE o.case_id = h.case_id AND o.direction = h.direction AND o.seq <= h.seq) AS position`,
      [caseId],
    );
    return rows[0];
  }

  /** Every earlier request of the case's materials: code, round, and whether it was supplied since. */
  materialRequests(m: EntityManager, caseId: string): Promise<{ code: string; round: number; supplied: boolean }[]> {
    return m.query('SELECT code, round, supplied_at IS NOT NULL AS supplied FROM case_material_request WHERE case_id = $1', [caseId]);
  }

  async requestMaterials(m: EntityManager, caseId: string, round: number, missing: { code: string; reason: string }[]): Promise<void> {
    await m.query('INSERT INTO case_material_request (case_id, round, code, reason) SELECT $1, $2, x.code, x.reason FROM jsonb_to_recordset($3::jsonb) AS x(code text, reason text)', [
      caseId,
      round,
      JSON.stringify(missing),
    ]);
  }

  async markSupplied(m: EntityManager, caseId: string, round: number): Promise<void> {
    await m.query('UPDATE case_material_request SET supplied_at = now() WHERE case_id = $1 AND round = $2', [caseId, round]);
  }

  async addUnitPath(m: EntityManager, caseId: string, path: string): Promise<void> {
    await m.query('INSERT INTO case_unit (case_id, unit_path) VALUES ($1, $2) ON CONFLICT DO NOTHING', [caseId, path]);
  }

  async byId(m: EntityManager, id: string): Promise<CaseRow | undefined> {
    const [row] = await m.query(`${SELECT} WHERE c.id = $1`, [id]);
    return row;
  }

  async inScope(scope: UnitScope, id: string): Promise<CaseRow | undefined> {
    const [row] = await this.ds.query(`${SELECT} WHERE c.id = $1 AND EXISTS (SELECT 1 FROM case_unit u WHERE u.case_id = c.id AND ${scope.sql('u.unit_path', 2)})`, [id, scope.path]);
    return row;
  }

  list(scope: UnitScope, f: { status?: string; unitPath?: string; itemCode?: string }, after: string | undefined, limit: number): Promise<CaseRow[]> {
    if (!f.status && !f.itemCode) return this.listByPaths(scope, f.unitPath ?? scope.path, after, limit);
    return this.ds.query(
      `${SELECT} WHERE EXISTS (SELECT 1 FROM case_unit u WHERE u.case_id = c.id AND ${scope.sql('u.unit_path', 1)}
          AND ($2::text IS NULL OR u.unit_path = $2 OR u.unit_path LIKE $2 || '.%'))
        AND ($3::text IS NULL OR c.status = $3) AND ($4::text IS NULL OR c.item_code = $4) AND ($5::uuid IS NULL OR c.id > $5)
        ORDER BY c.id LIMIT $6`,
      [scope.path, f.unitPath ?? null, f.status ?? null, f.itemCode ?? null, after ?? null, limit],
    );
  }

  /**
   * A page of the cases under a unit (a worklist) without reading every case in the subtree: the
   * distinct unit paths under `prefix` are walked on case_unit_path_idx (a loose index scan, one
   * probe per path), each path gives its first case ids in order from the same index, and only the
   * page's cases are read. Sorting every case of a town (tens of thousands) took ~0.5 s at 1,000,000
   * cases; this takes a few milliseconds. `prefix` is the scope's path or a path inside it; the
   * scope condition is applied as well.
   */
  private listByPaths(scope: UnitScope, prefix: string, after: string | undefined, limit: number): Promise<CaseRow[]> {
    // The range gives the index scan its bounds ('/' follows '.'); the LIKE conditions decide.
    const under = (col: string) => `${col} ~<~ ($2 || '/') AND ${scope.sql(col, 1)} AND (${col} = $2 OR ${col} LIKE $2 || '.%')`;
    return this.ds.query(
      `WITH RECURSIVE paths AS (
         (SELECT u.unit_path AS p FROM case_unit u WHERE u.unit_path ~>=~ $2 AND ${under('u.unit_path')} ORDER BY u.unit_path USING ~<~ LIMIT 1)
         UNION ALL
         SELECT (SELECT u.unit_path FROM case_unit u WHERE u.unit_path ~>~ paths.p AND ${under('u.unit_path')} ORDER BY u.unit_path USING ~<~ LIMIT 1)
           FROM paths WHERE paths.p IS NOT NULL
       ), page AS (
         SELECT DISTINCT x.case_id FROM paths,
           LATERAL (SELECT u.case_id FROM case_unit u WHERE u.unit_path = paths.p AND ($3::uuid IS NULL OR u.case_id > $3) ORDER BY u.case_id LIMIT $4) x
         ORDER BY x.case_id LIMIT $4
       )
       ${SELECT} JOIN page ON page.case_id = c.id ORDER BY c.id`,
      [scope.path, prefix, after ?? null, limit],
    );
  }

  async byTrackingNo(trackingNo: string): Promise<CaseRow | undefined> {
    const [row] = await this.ds.query(`${SELECT} WHERE c.tracking_no = $1`, [trackingNo]);
    return row;
  }

  timeline(caseId: string): Promise<TimelineEntry[]> {
    return this.ds
      .query(
        `SELECT at, action, from_status AS "fromStatus", to_status AS "toStatus", unit_code AS "unitCode", actor_username AS username, actor_unit_code AS "actorUnit", note
           FROM case_timeline WHERE case_id = $1 ORDER BY seq`,
        [caseId],
      )
      .then((rows: (TimelineEntry & { username: string | null; actorUnit: string | null })[]) =>
        rows.map(({ username, actorUnit, ...e }) => ({ ...e, at: new Date(e.at).toISOString(), actor: username ? { username, unitCode: actorUnit! } : null })),
      );
  }

  hops(caseId: string): Promise<Hop[]> {
    return this.ds
      .query(`SELECT from_unit_code AS "fromUnitCode", to_unit_code AS "toUnitCode", direction, sent_at AS "sentAt", arrived_at AS "arrivedAt" FROM case_hop WHERE case_id = $1 ORDER BY seq`, [caseId])
      .then((rows: Hop[]) => rows.map((h) => ({ ...h, sentAt: new Date(h.sentAt).toISOString(), arrivedAt: h.arrivedAt ? new Date(h.arrivedAt).toISOString() : null })));
  }

  async idempotent(m: EntityManager, caller: string, key: string): Promise<{ fingerprint: string; response: CaseView } | undefined> {
    const [row] = await m.query('SELECT fingerprint, response FROM idempotency_key WHERE caller = $1 AND key = $2', [caller, key]);
    return row;
  }

  async remember(m: EntityManager, caller: string, key: string, fingerprint: string, caseId: string, response: CaseView): Promise<void> {
    await m.query('INSERT INTO idempotency_key (caller, key, fingerprint, case_id, response) VALUES ($1, $2, $3, $4, $5)', [caller, key, fingerprint, caseId, JSON.stringify(response)]);
  }
}
