// PRC working-day calendar for case deadlines: pure date arithmetic on YYYY-MM-DD calendar dates
// (Asia/Shanghai), no dependency. A date is identified by its day number (days since 1970-01-01,
// computed with Date.UTC), so stepping a day is an integer increment with no time-zone effect.
//
// A loaded year follows its official notice (holidays and make-up workdays); a year not loaded
// falls back to Saturday/Sunday weekends plus FIXED_STATUTORY_HOLIDAYS and is "provisional".

import { FIXED_STATUTORY_HOLIDAYS, type YearCalendar } from './calendar-data.js';

const MS_PER_DAY = 86_400_000;
/** Asia/Shanghai is UTC+8 all year (no daylight saving time since 1991). */
const SHANGHAI_OFFSET_MS = 8 * 3_600_000;
const MAX_DAYS = 3650;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface ParsedDate {
  year: number;
  /** Days since 1970-01-01. */
  day: number;
}

function parseDate(date: unknown, what = 'date'): ParsedDate {
  if (typeof date !== 'string') throw new RangeError(`Invalid ${what}: expected a YYYY-MM-DD string, got ${typeof date}`);
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`Invalid ${what} "${date}": expected YYYY-MM-DD`);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const dom = Number(m[3]);
  if (year < 1000) throw new RangeError(`Invalid ${what} "${date}": year out of range`);
  const ms = Date.UTC(year, month - 1, dom);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== dom) {
    throw new RangeError(`Invalid ${what} "${date}": no such calendar date`);
  }
  return { year, day: ms / MS_PER_DAY };
}

function formatUtc(d: Date): string {
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${dd}`;
}

function formatDay(day: number): string {
  return formatUtc(new Date(day * MS_PER_DAY));
}

function isWeekend(day: number): boolean {
  const dow = new Date(day * MS_PER_DAY).getUTCDay();
  return dow === 0 || dow === 6;
}

interface LoadedYear {
  calendar: YearCalendar;
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

function loadYear(y: YearCalendar): LoadedYear {
  if (!Number.isInteger(y.year) || y.year < 1000 || y.year > 9999) {
    throw new RangeError(`Invalid calendar year ${String(y.year)}`);
  }
  const collect = (dates: string[], kind: string): Set<string> => {
    const set = new Set<string>();
    for (const d of dates) {
      const p = parseDate(d, `${y.year} ${kind} date`);
      if (p.year !== y.year) throw new RangeError(`Calendar ${y.year}: ${kind} date ${d} is not in ${y.year}`);
      set.add(d);
    }
    return set;
  };
  const holidays = collect(y.holidays, 'holiday');
  const workdays = collect(y.workdays, 'workday');
  for (const d of workdays) {
    if (holidays.has(d)) throw new RangeError(`Calendar ${y.year}: ${d} is listed both as a holiday and as a workday`);
  }
  // A defensive copy: later mutation of the caller's object does not change this calendar.
  const calendar: YearCalendar = {
    year: y.year,
    holidays: [...y.holidays],
    workdays: [...y.workdays],
    source: { ...y.source },
  };
  return { calendar, holidays, workdays };
}

export class WorkingCalendar {
  private readonly years = new Map<number, LoadedYear>();
  private readonly fixedHolidays = new Set(FIXED_STATUTORY_HOLIDAYS);

  /** @param years the loaded years (each must appear once); throws RangeError on invalid data. */
  constructor(years: YearCalendar[]) {
    for (const y of years) {
      if (this.years.has(y.year)) throw new RangeError(`Calendar year ${y.year} given more than once`);
      this.years.set(y.year, loadYear(y));
    }
  }

  /** The loaded years, ascending. */
  get loadedYears(): number[] {
    return [...this.years.keys()].sort((a, b) => a - b);
  }

  /** Whether `date` (YYYY-MM-DD, Asia/Shanghai) is a working day. */
  isWorkingDay(date: string): boolean {
    return this.isWorking(date, parseDate(date));
  }

  /** True when the date's year is not loaded (the answer uses the weekend + fixed-holiday fallback). */
  isProvisional(date: string): boolean {
    return !this.years.has(parseDate(date).year);
  }

  /**
   * Due date of a limit of `days` working days counted from `from` (the day of `from` itself not
   * counted): the `days`-th working day after `from`. days = 0 → `from` itself if it is a working
   * day, else the next working day. provisional = true if any year touched by the computation
   * (from the year of `from` to the year of the deadline) is not loaded.
   */
  deadline(from: string, days: number): { deadline: string; provisional: boolean } {
    const start = parseDate(from, 'from date');
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > MAX_DAYS) {
      throw new RangeError(`Invalid number of working days ${String(days)}: expected an integer from 0 to ${MAX_DAYS}`);
    }
    let day = start.day;
    if (days === 0) {
      while (!this.workingAt(day)) day++;
    } else {
      let counted = 0;
      while (counted < days) {
        day++;
        if (this.workingAt(day)) counted++;
      }
    }
    const deadline = formatDay(day);
    const endYear = Number(deadline.slice(0, -6));
    if (endYear > 9999) throw new RangeError(`Deadline from ${from} + ${days} working days is beyond year 9999`);
    let provisional = false;
    for (let y = start.year; y <= endYear; y++) {
      if (!this.years.has(y)) provisional = true;
    }
    return { deadline, provisional };
  }

  /** Working days strictly after `from` up to and including `to` (0 if to <= from). */
  workingDaysBetween(from: string, to: string): number {
    const a = parseDate(from, 'from date');
    const b = parseDate(to, 'to date');
    let count = 0;
    for (let day = a.day + 1; day <= b.day; day++) {
      if (this.workingAt(day)) count++;
    }
    return count;
  }

  /** A new calendar with `year` added, or replacing the loaded entry for the same year. */
  withYear(year: YearCalendar): WorkingCalendar {
    const others = [...this.years.values()].map((l) => l.calendar).filter((c) => c.year !== year.year);
    return new WorkingCalendar([...others, year]);
  }

  /** Working-day test by day number (skips re-validating dates the calendar produced itself). */
  private workingAt(day: number): boolean {
    const date = formatDay(day);
    return this.isWorking(date, { year: Number(date.slice(0, -6)), day });
  }

  private isWorking(date: string, p: ParsedDate): boolean {
    const loaded = this.years.get(p.year);
    if (loaded) {
      if (loaded.workdays.has(date)) return true;
      if (loaded.holidays.has(date)) return false;
      return !isWeekend(p.day);
    }
    if (this.fixedHolidays.has(date.slice(-5))) return false;
    return !isWeekend(p.day);
  }
}

/** The calendar date (YYYY-MM-DD) in Asia/Shanghai (UTC+8, no DST) of an instant. */
export function toShanghaiDate(instant: Date): string {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) {
    throw new RangeError('Invalid instant: expected a valid Date');
  }
  return formatUtc(new Date(instant.getTime() + SHANGHAI_OFFSET_MS));
}
