import { FIXED_STATUTORY_HOLIDAYS, OFFICIAL_CALENDARS, type YearCalendar } from './calendar-data.js';
import { WorkingCalendar, toShanghaiDate } from './working-calendar.js';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const dayOfWeek = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekendDate = (date: string): boolean => [0, 6].includes(dayOfWeek(date));

/** FICTITIOUS 2027 arrangement, for tests only (the real notice is not published yet). */
const TEST_2027: YearCalendar = {
  year: 2027,
  holidays: ['2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'],
  workdays: ['2027-01-09'],
  source: { title: 'test fixture (fictitious)', issued: '2026-11-01', reference: 'none' },
};

describe('calendar data', () => {
  it('has 2025 and 2026 with provenance', () => {
    expect(OFFICIAL_CALENDARS.map((c) => c.year)).toEqual([2025, 2026]);
    for (const c of OFFICIAL_CALENDARS) {
      expect(c.source.title).toContain(`${c.year}年部分节假日安排的通知`);
      expect(c.source.issued).toMatch(DATE_RE);
      expect(c.source.reference).toMatch(/^国办发明电〔\d{4}〕\d+号$/);
    }
  });

  describe.each(OFFICIAL_CALENDARS.map((c) => [c.year, c] as const))('%i', (year, c) => {
    it('lists valid dates in its own year, sorted and unique', () => {
      for (const list of [c.holidays, c.workdays]) {
        for (const d of list) {
          expect(d).toMatch(DATE_RE);
          expect(d.startsWith(`${year}-`)).toBe(true);
          const t = new Date(`${d}T00:00:00Z`);
          expect(t.toISOString().slice(0, 10)).toBe(d); // a real calendar date
        }
        expect([...new Set(list)].sort()).toEqual(list);
      }
    });

    it('has make-up workdays only on weekends', () => {
      expect(c.workdays.filter((d) => !isWeekendDate(d))).toEqual([]);
    });

    it('never lists a date both as holiday and workday', () => {
      expect(c.holidays.filter((d) => c.workdays.includes(d))).toEqual([]);
    });

    it('includes the fixed statutory holidays among its days off', () => {
      for (const mmdd of FIXED_STATUTORY_HOLIDAYS) expect(c.holidays).toContain(`${year}-${mmdd}`);
    });
  });

  it('matches the known period lengths', () => {
    const [y2025, y2026] = OFFICIAL_CALENDARS;
    // 2025: 1 + 8 + 3 + 5 + 3 + 8 days off; 2026: 3 + 9 + 3 + 5 + 3 + 3 + 7.
    expect(y2025!.holidays).toHaveLength(28);
    expect(y2025!.workdays).toEqual(['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']);
    expect(y2026!.holidays).toHaveLength(33);
    expect(y2026!.workdays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
  });
});

describe('WorkingCalendar', () => {
  const cal = new WorkingCalendar(OFFICIAL_CALENDARS);

  describe('isWorkingDay', () => {
    it('honours the golden dates', () => {
      expect(cal.isWorkingDay('2026-02-14')).toBe(true); // Saturday, make-up workday
      expect(cal.isWorkingDay('2026-10-10')).toBe(true); // Saturday, make-up workday
      expect(cal.isWorkingDay('2026-02-16')).toBe(false); // Monday, Spring Festival
      expect(cal.isWorkingDay('2026-10-01')).toBe(false); // Thursday, National Day
      expect(cal.isWorkingDay('2025-01-26')).toBe(true); // Sunday, make-up workday
    });

    it('treats ordinary weekends as rest days and ordinary weekdays as working days', () => {
      expect(cal.isWorkingDay('2026-03-07')).toBe(false); // Saturday
      expect(cal.isWorkingDay('2026-03-08')).toBe(false); // Sunday
      for (const d of ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06']) {
        expect(cal.isWorkingDay(d)).toBe(true);
      }
      expect(cal.isWorkingDay('2025-10-08')).toBe(false); // Wednesday inside National Day 2025
      expect(cal.isWorkingDay('2025-10-09')).toBe(true);
      expect(cal.isWorkingDay('2026-02-21')).toBe(false); // Saturday inside Spring Festival 2026
    });

    it('counts 248 working days in 2025 and in 2026 (365 - 104 weekend days - 13 statutory days)', () => {
      expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(248);
      expect(cal.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(248);
    });

    it('falls back to weekends + fixed holidays for a year not loaded', () => {
      expect(cal.isWorkingDay('2027-01-01')).toBe(false); // Friday, New Year
      expect(cal.isWorkingDay('2027-01-04')).toBe(true); // Monday
      expect(cal.isWorkingDay('2027-05-03')).toBe(true); // Monday: bridging days are unknown yet
      expect(cal.isWorkingDay('2027-10-02')).toBe(false); // Saturday
      expect(cal.isWorkingDay('2024-10-03')).toBe(false); // Thursday, National Day
    });
  });

  it('isProvisional is true exactly for years not loaded', () => {
    expect(cal.isProvisional('2025-06-01')).toBe(false);
    expect(cal.isProvisional('2026-12-31')).toBe(false);
    expect(cal.isProvisional('2027-01-01')).toBe(true);
    expect(cal.isProvisional('2024-12-31')).toBe(true);
  });

  describe('deadline', () => {
    it('spans the 2026 Spring Festival', () => {
      // After Thu 02-12: Fri 02-13 (1), Sat 02-14 make-up (2), 02-15..02-23 off, Tue 02-24 (3).
      expect(cal.deadline('2026-02-12', 3)).toEqual({ deadline: '2026-02-24', provisional: false });
      // After 02-24: 02-25, 02-26, 02-27 (3), Sat 02-28 make-up (4).
      expect(cal.deadline('2026-02-24', 4)).toEqual({ deadline: '2026-02-28', provisional: false });
    });

    it('spans the 2026 National Day', () => {
      // After Wed 09-30: 10-01..10-07 off, Thu 10-08 (1), Fri 10-09 (2) — not 10-08.
      expect(cal.deadline('2026-09-30', 2)).toEqual({ deadline: '2026-10-09', provisional: false });
      expect(cal.deadline('2026-09-30', 1)).toEqual({ deadline: '2026-10-08', provisional: false });
      // After Thu 10-08: Fri 10-09 (1), Sat 10-10 make-up (2).
      expect(cal.deadline('2026-10-08', 2)).toEqual({ deadline: '2026-10-10', provisional: false });
      // After Fri 09-18: Sun 09-20 make-up (1), Mon 09-21 (2).
      expect(cal.deadline('2026-09-18', 2)).toEqual({ deadline: '2026-09-21', provisional: false });
    });

    it('spans 2025 holidays and the 2025/2026 year change', () => {
      // After Fri 2025-01-24: Sat 01-25 rest, Sun 01-26 make-up (1).
      expect(cal.deadline('2025-01-24', 1).deadline).toBe('2025-01-26');
      // After Tue 2025-09-30: 10-01..10-08 off, Thu 10-09 (1).
      expect(cal.deadline('2025-09-30', 1).deadline).toBe('2025-10-09');
      // After Wed 2025-12-31: 2026-01-01..03 off, Sun 01-04 make-up (1).
      expect(cal.deadline('2025-12-31', 1)).toEqual({ deadline: '2026-01-04', provisional: false });
    });

    it('counts 5 working days on an ordinary week', () => {
      // Accepted Monday 2026-03-02: Tue..Fri (4), weekend, Monday 03-09 (5).
      expect(cal.deadline('2026-03-02', 5)).toEqual({ deadline: '2026-03-09', provisional: false });
    });

    it('days = 0 is the day itself when working, else the next working day', () => {
      expect(cal.deadline('2026-03-02', 0).deadline).toBe('2026-03-02');
      expect(cal.deadline('2026-02-14', 0).deadline).toBe('2026-02-14'); // make-up Saturday
      expect(cal.deadline('2026-02-15', 0).deadline).toBe('2026-02-24');
      expect(cal.deadline('2026-03-07', 0).deadline).toBe('2026-03-09');
    });

    it('is provisional into 2027, using weekends + fixed holidays', () => {
      // After Wed 2026-12-30: Thu 12-31 (1), Fri 2027-01-01 fixed holiday, weekend, Mon 01-04 (2).
      expect(cal.deadline('2026-12-30', 2)).toEqual({ deadline: '2027-01-04', provisional: true });
      expect(cal.deadline('2026-12-30', 1)).toEqual({ deadline: '2026-12-31', provisional: false });
      expect(cal.deadline('2027-03-01', 0)).toEqual({ deadline: '2027-03-01', provisional: true });
      // A range that starts in a year not loaded is provisional even if it ends in a loaded one.
      expect(cal.deadline('2024-12-30', 2)).toEqual({ deadline: '2025-01-02', provisional: true });
    });

    it('withYear(2027) makes it non-provisional and can move the date', () => {
      const with2027 = cal.withYear(TEST_2027);
      // Fictitious 2027: 01-01..01-04 off, so after Thu 12-31 (1) the next working day is Tue 01-05 (2).
      expect(with2027.deadline('2026-12-30', 2)).toEqual({ deadline: '2027-01-05', provisional: false });
      expect(with2027.isWorkingDay('2027-01-09')).toBe(true);
      expect(with2027.isProvisional('2027-06-01')).toBe(false);
      // The original calendar is unchanged.
      expect(cal.deadline('2026-12-30', 2)).toEqual({ deadline: '2027-01-04', provisional: true });
    });

    it('withYear replaces a loaded year', () => {
      const y2026 = OFFICIAL_CALENDARS.find((c) => c.year === 2026)!;
      const amended = cal.withYear({ ...y2026, holidays: [...y2026.holidays, '2026-02-24'].sort() });
      expect(amended.deadline('2026-02-12', 3).deadline).toBe('2026-02-25');
      expect(amended.isWorkingDay('2025-01-26')).toBe(true); // 2025 kept
      expect(cal.deadline('2026-02-12', 3).deadline).toBe('2026-02-24');
    });

    it('agrees with workingDaysBetween', () => {
      for (const from of ['2025-01-20', '2025-09-25', '2026-02-10', '2026-09-15', '2026-12-20']) {
        for (const n of [1, 2, 3, 5, 10, 15, 30, 60]) {
          const { deadline } = cal.deadline(from, n);
          expect(cal.workingDaysBetween(from, deadline)).toBe(n);
          expect(cal.isWorkingDay(deadline)).toBe(true);
        }
      }
    });

    it('is fast over long limits', () => {
      const started = performance.now();
      for (let i = 0; i < 100; i++) cal.deadline('2025-01-01', 365);
      expect(cal.deadline('2025-01-01', 3650).provisional).toBe(true);
      expect(performance.now() - started).toBeLessThan(2000);
    });
  });

  describe('workingDaysBetween', () => {
    it('counts working days after from up to and including to', () => {
      expect(cal.workingDaysBetween('2026-02-12', '2026-02-24')).toBe(3);
      expect(cal.workingDaysBetween('2026-03-02', '2026-03-09')).toBe(5);
      expect(cal.workingDaysBetween('2026-09-30', '2026-10-07')).toBe(0);
      expect(cal.workingDaysBetween('2026-03-02', '2026-03-02')).toBe(0);
      expect(cal.workingDaysBetween('2026-03-09', '2026-03-02')).toBe(0);
    });
  });

  describe('input validation', () => {
    it.each(['2026-02-30', '2026-13-01', '2026-2-3', '20260203', '', 'tomorrow', '2026-02-03T00:00:00Z', '0999-01-01'])(
      'rejects the date %p',
      (bad) => {
        expect(() => cal.isWorkingDay(bad)).toThrow(RangeError);
        expect(() => cal.isProvisional(bad)).toThrow(RangeError);
        expect(() => cal.deadline(bad, 1)).toThrow(RangeError);
        expect(() => cal.workingDaysBetween(bad, '2026-03-02')).toThrow(RangeError);
        expect(() => cal.workingDaysBetween('2026-03-02', bad)).toThrow(RangeError);
      },
    );

    it.each([-1, 1.5, 3651, Number.NaN, Number.POSITIVE_INFINITY])('rejects days = %p', (days) => {
      expect(() => cal.deadline('2026-03-02', days)).toThrow(RangeError);
    });

    it('accepts the maximum of 3650 days', () => {
      expect(() => cal.deadline('2026-03-02', 3650)).not.toThrow();
    });

    it('rejects invalid year data', () => {
      const base: YearCalendar = { year: 2027, holidays: [], workdays: [], source: { title: 't', issued: '2026-11-01', reference: 'r' } };
      expect(() => new WorkingCalendar([{ ...base, holidays: ['2026-01-01'] }])).toThrow(/not in 2027/);
      expect(() => new WorkingCalendar([{ ...base, workdays: ['2027-02-30'] }])).toThrow(RangeError);
      expect(() => new WorkingCalendar([{ ...base, holidays: ['2027-01-02'], workdays: ['2027-01-02'] }])).toThrow(/both/);
      expect(() => new WorkingCalendar([base, base])).toThrow(/more than once/);
    });
  });
});

describe('toShanghaiDate', () => {
  it('gives the Asia/Shanghai (UTC+8) calendar date around midnight', () => {
    expect(toShanghaiDate(new Date('2026-11-27T16:30:00Z'))).toBe('2026-11-28');
    expect(toShanghaiDate(new Date('2026-11-27T16:00:00Z'))).toBe('2026-11-28');
    expect(toShanghaiDate(new Date('2026-11-27T15:59:59.999Z'))).toBe('2026-11-27');
    expect(toShanghaiDate(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });

  it('agrees with Intl for Asia/Shanghai', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 13 * 60_000) {
      expect(toShanghaiDate(new Date(t))).toBe(fmt.format(new Date(t)));
    }
  });

  it('rejects an invalid Date', () => {
    expect(() => toShanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});
