import type { Caller } from '@app/auth';
import { DomainError, ErrorCode, type ImportJob, type ImportRowProblem, type ServiceItemInput, type StartImportRequest } from '@app/contracts';
import { LOGGER } from '@app/runtime';
import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { DataSource } from 'typeorm';
import { assertCatalogueAdmin, checkItem, ItemsService, type WriteOutcome } from '../items/items.service.js';
import { ItemsRepository } from '../items/items.repository.js';
import { parseCatalogueCsv, toCatalogueCsv } from './catalogue-csv.js';

const PROGRESS_EVERY = 25;

interface Row {
  row: number;
  line?: number;
  raw: unknown;
}

/**
 * Bulk import as a job: everything is validated first and every bad row reported (line, field);
 * all-or-nothing writes nothing unless every row passes, in one transaction; partial writes the
 * good rows. Writing an item that is already so is a no-op, so re-importing a file changes nothing.
 * Progress is on the job (GET /catalogue/imports/{id}).
 */
@Injectable()
export class ImportService {
  constructor(
    private readonly ds: DataSource,
    private readonly items: ItemsService,
    private readonly repo: ItemsRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async start(caller: Caller, req: StartImportRequest): Promise<ImportJob> {
    assertCatalogueAdmin(caller);
    const id = randomUUID();
    const mode = req.mode ?? 'all-or-nothing';
    await this.ds.query(`INSERT INTO import_job (id, status, format, mode, actor) VALUES ($1, 'running', $2, $3, $4)`, [id, req.format, mode, caller.username ?? caller.subject]);
    void this.run(id, req, mode).catch(async (err: unknown) => {
      this.logger.error({ err, importId: id }, 'import failed');
      await this.finish(id, 'failed', { problems: [{ row: 0, field: '*', message: `the import stopped: ${err instanceof Error ? err.message : String(err)}` }] }).catch(() => undefined);
    });
    return this.get(caller, id);
  }

  async get(caller: Caller, id: string): Promise<ImportJob> {
    assertCatalogueAdmin(caller);
    const [job] = await this.ds.query(
      `SELECT id, status, format, mode, total, processed, created, updated, unchanged, failed, problems, started_at AS "startedAt", finished_at AS "finishedAt" FROM import_job WHERE id = $1`,
      [id],
    );
    if (!job) throw new DomainError(ErrorCode.NotFound, `Import ${id} was not found`);
    return { ...job, startedAt: new Date(job.startedAt).toISOString(), finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null };
  }

  async export(caller: Caller, format: 'json' | 'csv'): Promise<{ contentType: string; content: string }> {
    assertCatalogueAdmin(caller);
    const items = await this.repo.exportable();
    return format === 'csv'
      ? { contentType: 'text/csv; charset=utf-8', content: toCatalogueCsv(items, { bom: true }) }
      : { contentType: 'application/json; charset=utf-8', content: JSON.stringify(items, null, 2) };
  }

  /** Jobs that were running when the service stopped did not finish: say so. */
  async failInterrupted(): Promise<void> {
    await this.ds.query(
      `UPDATE import_job SET status = 'failed', finished_at = now(), problems = problems || '[{"row":0,"field":"*","message":"interrupted by a restart; all-or-nothing imports wrote nothing, partial ones can be run again"}]'::jsonb WHERE status = 'running'`,
    );
  }

  private async run(id: string, req: StartImportRequest, mode: string): Promise<void> {
    const { rows, problems, total } = this.parse(req);
    const items: { row: Row; item: ServiceItemInput }[] = [];
    const firstRowOfCode = new Map<string, number>();
    for (const row of rows) {
      const checked = checkItem(row.raw);
      const code = typeof (row.raw as { code?: unknown })?.code === 'string' ? (row.raw as { code: string }).code : undefined;
      for (const p of checked.problems) problems.push({ row: row.row, ...(row.line ? { line: row.line } : {}), ...(code ? { code } : {}), field: p.field, message: p.message });
      if (!checked.item) continue;
      const seen = firstRowOfCode.get(checked.item.code);
      if (seen !== undefined) {
        problems.push({ row: row.row, ...(row.line ? { line: row.line } : {}), code: checked.item.code, field: 'code', message: `code ${checked.item.code} is already in row ${seen}` });
        continue;
      }
      firstRowOfCode.set(checked.item.code, row.row);
      items.push({ row, item: checked.item });
    }
    const failedRows = new Set(problems.map((p) => p.row)).size;
    await this.ds.query('UPDATE import_job SET total = $2, failed = $3, problems = $4 WHERE id = $1', [id, total, failedRows, JSON.stringify(problems)]);
    // Row 0 is the file itself (not JSON, bad header): nothing can be trusted, whatever the mode.
    if (problems.some((p) => p.row === 0) || (problems.length && mode === 'all-or-nothing')) {
      await this.finish(id, 'rejected', { processed: total });
      return;
    }
    const counts: Record<WriteOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
    const publish = req.publish ?? true;
    const progress = async (done: number) => {
      if (done % PROGRESS_EVERY === 0) await this.ds.query('UPDATE import_job SET processed = $2, created = $3, updated = $4, unchanged = $5 WHERE id = $1', [id, done + failedRows, counts.created, counts.updated, counts.unchanged]);
    };
    if (mode === 'all-or-nothing') {
      await this.ds.transaction(async (m) => {
        for (const [i, { item }] of items.entries()) {
          counts[await this.items.write(m, item, publish)]++;
          await progress(i + 1);
        }
      });
    } else {
      for (const [i, { item }] of items.entries()) {
        counts[await this.ds.transaction((m) => this.items.write(m, item, publish))]++;
        await progress(i + 1);
      }
    }
    await this.finish(id, 'succeeded', { processed: total, ...counts });
  }

  private parse(req: StartImportRequest): { rows: Row[]; problems: ImportRowProblem[]; total: number } {
    if (req.format === 'csv') {
      const parsed = parseCatalogueCsv(req.content);
      // Rows are counted among records (a record may span lines; line 1 is the header).
      const recordLines = [...new Set([...parsed.rows.map((r) => r.line), ...parsed.problems.map((p) => p.line).filter((l) => l > 1)])].sort((a, b) => a - b);
      const rowOf = new Map(recordLines.map((line, i) => [line, i + 1]));
      return {
        rows: parsed.rows.map((r) => ({ row: rowOf.get(r.line)!, line: r.line, raw: r.item })),
        problems: parsed.problems.map((p) => ({ row: rowOf.get(p.line) ?? 0, line: p.line, field: p.field, message: p.message })),
        total: recordLines.length,
      };
    }
    let data: unknown;
    try {
      data = JSON.parse(req.content);
    } catch (err) {
      return { rows: [], total: 0, problems: [{ row: 0, field: '*', message: `the file is not JSON: ${err instanceof Error ? err.message : String(err)}` }] };
    }
    if (!Array.isArray(data)) return { rows: [], total: 0, problems: [{ row: 0, field: '*', message: 'the file must be a JSON array of service items' }] };
    return { rows: data.map((raw, i) => ({ row: i + 1, raw })), problems: [], total: data.length };
  }

  private async finish(id: string, status: ImportJob['status'], fields: Partial<Record<'processed' | 'created' | 'updated' | 'unchanged', number>> & { problems?: ImportRowProblem[] }): Promise<void> {
    await this.ds.query(
      `UPDATE import_job SET status = $2, finished_at = now(), processed = coalesce($3, processed), created = coalesce($4, created), updated = coalesce($5, updated),
              unchanged = coalesce($6, unchanged), problems = CASE WHEN $7::jsonb IS NULL THEN problems ELSE problems || $7::jsonb END WHERE id = $1`,
      [id, status, fields.processed ?? null, fields.created ?? null, fields.updated ?? null, fields.unchanged ?? null, fields.problems ? JSON.stringify(fields.problems) : null],
    );
  }
}
