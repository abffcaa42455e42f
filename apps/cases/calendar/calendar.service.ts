import { authorize, type Caller } from '@app/auth';
import { DomainError, ErrorCode, type YearCalendarInput } from '@app/contracts';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OFFICIAL_CALENDARS, type YearCalendar } from './calendar-data.js';
import { WorkingCalendar } from './working-calendar.js';

/** Other instances pick up a newly loaded year within this time. */
const RELOAD_MS = 60_000;
const OPEN_CLOCKS = ['accepted', 'suspended'];

/**
 * The working-day calendar the clocks run on: the official years shipped as data, and the years an
 * admin loads (`PUT /api/v1/calendar/{year}`) when the State Council publishes them. A year not
 * loaded counts weekends and the fixed holidays only, and deadlines in it are provisional until it is.
 */
@Injectable()
export class CalendarService implements OnModuleInit {
  private calendar = new WorkingCalendar(OFFICIAL_CALENDARS);
  /** Years loaded by admins (they take precedence over the shipped ones). */
  private extra: YearCalendar[] = [];
  private loadedAt = 0;

  constructor(private readonly ds: DataSource) {}

  async onModuleInit(): Promise<void> {
    await this.reload();
  }

  deadline(from: string, days: number): { deadline: string; provisional: boolean } {
    this.reloadIfStale();
    return guard(() => this.calendar.deadline(from, days));
  }

  workingDaysBetween(from: string, to: string): number {
    return this.calendar.workingDaysBetween(from, to);
  }

  year(year: number): YearCalendar & { provisional: boolean } {
    const loaded = this.loaded().get(year);
    if (!loaded) throw new DomainError(ErrorCode.NotFound, `The ${year} calendar is not loaded yet: deadlines in ${year} are provisional`);
    return { ...loaded, provisional: false };
  }

  /** Loads (or corrects) a year, then recomputes the provisional deadlines of open cases. */
  async load(caller: Caller, input: YearCalendarInput): Promise<YearCalendar & { recomputed: number }> {
    authorize(caller);
    if (caller.unitPath.includes('.')) throw new DomainError(ErrorCode.Forbidden, 'The calendar is loaded by the district’s admins');
    const year: YearCalendar = { year: input.year, holidays: [...input.holidays].sort(), workdays: [...input.workdays].sort(), source: input.source };
    year.workdays.forEach((d, i) => {
      const weekday = new Date(`${d}T00:00:00Z`).getUTCDay();
      if (weekday !== 0 && weekday !== 6) throw new DomainError(ErrorCode.ValidationFailed, 'A make-up workday falls on a weekend', { fields: [{ field: `workdays[${i}]`, message: `${d} is not a Saturday or Sunday` }] });
    });
    const next = guard(() => this.calendar.withYear(year));
    const recomputed = await this.ds.transaction(async (m) => {
      await m.query(
        `INSERT INTO calendar_year (year, body, loaded_by) VALUES ($1, $2, $3) ON CONFLICT (year) DO UPDATE SET body = EXCLUDED.body, loaded_by = EXCLUDED.loaded_by, loaded_at = now()`,
        [year.year, JSON.stringify(year), caller.username ?? caller.subject],
      );
      const open: { id: string; accepted: string; promised_days: number; legal_days: number; paused_days: number }[] = await m.query(
        `SELECT id, to_char(accepted_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS accepted, promised_days, legal_days, paused_days
           FROM case_file WHERE deadline_provisional AND status = ANY($1)`,
        [OPEN_CLOCKS],
      );
      for (const c of open) {
        const promised = next.deadline(c.accepted, c.promised_days + c.paused_days);
        const legal = next.deadline(c.accepted, c.legal_days + c.paused_days);
        await m.query('UPDATE case_file SET promised_deadline = $2, legal_deadline = $3, deadline_provisional = $4, updated_at = now() WHERE id = $1', [
          c.id,
          promised.deadline,
          legal.deadline,
          promised.provisional || legal.provisional,
        ]);
      }
      return open.length;
    });
    this.calendar = next;
    this.extra = [...this.extra.filter((y) => y.year !== year.year), year];
    return { ...year, recomputed };
  }

  private loaded(): Map<number, YearCalendar> {
    return new Map([...OFFICIAL_CALENDARS, ...this.extra].map((y) => [y.year, y]));
  }

  private reloadIfStale(): void {
    if (Date.now() - this.loadedAt > RELOAD_MS) void this.reload().catch(() => undefined);
  }

  private async reload(): Promise<void> {
    this.loadedAt = Date.now();
    const rows: { body: YearCalendar }[] = await this.ds.query('SELECT body FROM calendar_year ORDER BY year');
    let calendar = new WorkingCalendar(OFFICIAL_CALENDARS);
    for (const r of rows) calendar = calendar.withYear(r.body);
    this.calendar = calendar;
    this.extra = rows.map((r) => r.body);
  }
}

function guard<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof RangeError) throw new DomainError(ErrorCode.ValidationFailed, err.message, { fields: [{ field: 'calendar', message: err.message }] });
    throw err;
  }
}
