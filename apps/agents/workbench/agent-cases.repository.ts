import type { UnitScope } from '@app/auth';
import type { AgentCaseLine, AgentFigures, CaseEventData } from '@app/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

const LINE = `case_id AS "caseId", tracking_no AS "trackingNo", item_code AS "itemCode", item_name AS "itemName", status,
  current_unit_code AS "currentUnitCode", to_char(promised_deadline, 'YYYY-MM-DD') AS "promisedDeadline", updated_at AS "updatedAt"`;

@Injectable()
export class AgentCasesRepository {
  constructor(private readonly ds: DataSource) {}

  /** Applies a case event unless a later version was applied already (events may come out of order, or twice). */
  async apply(m: EntityManager, c: CaseEventData, occurredAt: string): Promise<void> {
    const completed = c.status === 'completed' || c.status === 'delivered' ? (c.result?.decidedAt ?? occurredAt) : null;
    await m.query(
      `INSERT INTO agent_case (case_id, agent, origin_unit_code, origin_path, tracking_no, item_code, item_name, status, current_unit_code, promised_deadline,
         version, filed_at, completed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (case_id) DO UPDATE SET status = EXCLUDED.status, current_unit_code = EXCLUDED.current_unit_code,
         promised_deadline = EXCLUDED.promised_deadline, version = EXCLUDED.version, completed_at = coalesce(agent_case.completed_at, EXCLUDED.completed_at),
         updated_at = EXCLUDED.updated_at
       WHERE agent_case.version < EXCLUDED.version`,
      [c.id, c.submittedBy, c.originUnitCode, c.originPath, c.trackingNo, c.itemCode, c.itemName, c.status, c.currentUnitCode, c.deadlines.promised, c.version, c.createdAt, completed, occurredAt],
    );
  }

  async counts(agent: string): Promise<Record<string, number>> {
    const rows: { status: string; n: number }[] = await this.ds.query('SELECT status, count(*)::int AS n FROM agent_case WHERE agent = $1 GROUP BY status', [agent]);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  lines(agent: string, where: string, params: unknown[] = []): Promise<AgentCaseLine[]> {
    return this.ds
      .query(`SELECT ${LINE} FROM agent_case WHERE agent = $1 AND ${where} ORDER BY updated_at LIMIT 200`, [agent, ...params])
      .then((rows: AgentCaseLine[]) => rows.map((r) => ({ ...r, updatedAt: new Date(r.updatedAt).toISOString() })));
  }

  figures(scope: UnitScope, unitPath: string | undefined): Promise<AgentFigures[]> {
    return this.ds.query(
      `SELECT agent, min(origin_unit_code) AS "originUnitCode", count(*)::int AS filed,
              count(*) FILTER (WHERE completed_at IS NOT NULL)::int AS completed,
              round(avg(extract(epoch FROM completed_at - filed_at) / 86400) FILTER (WHERE completed_at IS NOT NULL)::numeric, 2)::float AS "averageDays"
         FROM agent_case WHERE ${scope.sql('origin_path', 1)} AND ($2::text IS NULL OR origin_path = $2 OR origin_path LIKE $2 || '.%')
        GROUP BY agent ORDER BY agent`,
      [scope.path, unitPath ?? null],
    );
  }
}
