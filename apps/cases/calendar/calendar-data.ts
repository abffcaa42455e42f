// Official PRC working-day calendar data (Asia/Shanghai), one entry per year, with provenance.
//
// Each year transcribes the State Council General Office notice on the holiday arrangement
// (国务院办公厅关于<year>年部分节假日安排的通知):
//  - `holidays`: every day off of every official holiday period, weekend days inside a period included
//    (e.g. Spring Festival 2026 = 02-15 .. 02-23, nine consecutive dates);
//  - `workdays`: the make-up working days (调休上班), which always fall on a Saturday or Sunday.
// Any other date is a working day from Monday to Friday and a rest day on Saturday and Sunday.
// Dates are YYYY-MM-DD, sorted, unique (checked by working-calendar.spec.ts).
//
// Transcribed offline (no access to gov.cn when written): check against the published notice
// before relying on a new year, and prefer admin-loaded years (WorkingCalendar.withYear) once available.

export interface YearCalendar {
  year: number;
  /** Every day off of each official holiday period (YYYY-MM-DD), weekend days inside a period included. */
  holidays: string[];
  /** Make-up working days (调休上班) falling on a Saturday or Sunday (YYYY-MM-DD). */
  workdays: string[];
  source: { title: string; issued: string; reference: string };
}

/** Inclusive range of consecutive dates within one month: range('2026-02', 15, 23). */
function range(month: string, first: number, last: number): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d++) out.push(`${month}-${String(d).padStart(2, '0')}`);
  return out;
}

export const OFFICIAL_CALENDARS: YearCalendar[] = [
  {
    year: 2025,
    holidays: [
      '2025-01-01', // 元旦 (Wed)
      ...range('2025-01', 28, 31), // 春节 01-28 (除夕, Tue) .. 02-04 (Tue), 8 days
      ...range('2025-02', 1, 4),
      ...range('2025-04', 4, 6), // 清明节 (Fri .. Sun)
      ...range('2025-05', 1, 5), // 劳动节 (Thu .. Mon)
      '2025-05-31', // 端午节 05-31 (Sat) .. 06-02 (Mon)
      ...range('2025-06', 1, 2),
      ...range('2025-10', 1, 8), // 国庆节、中秋节 (Wed .. Wed), 8 days
    ],
    workdays: [
      '2025-01-26', // Sun, 春节
      '2025-02-08', // Sat, 春节
      '2025-04-27', // Sun, 劳动节
      '2025-09-28', // Sun, 国庆节、中秋节
      '2025-10-11', // Sat, 国庆节、中秋节
    ],
    source: {
      title: '国务院办公厅关于2025年部分节假日安排的通知',
      issued: '2024-11-12',
      reference: '国办发明电〔2024〕12号',
    },
  },
  {
    year: 2026,
    holidays: [
      ...range('2026-01', 1, 3), // 元旦 (Thu .. Sat)
      ...range('2026-02', 15, 23), // 春节 (Sun, 腊月二十八 .. Mon, 正月初七), 9 days
      ...range('2026-04', 4, 6), // 清明节 (Sat .. Mon)
      ...range('2026-05', 1, 5), // 劳动节 (Fri .. Tue)
      ...range('2026-06', 19, 21), // 端午节 (Fri .. Sun)
      ...range('2026-09', 25, 27), // 中秋节 (Fri .. Sun)
      ...range('2026-10', 1, 7), // 国庆节 (Thu .. Wed)
    ],
    workdays: [
      '2026-01-04', // Sun, 元旦
      '2026-02-14', // Sat, 春节
      '2026-02-28', // Sat, 春节
      '2026-05-09', // Sat, 劳动节
      '2026-09-20', // Sun, 国庆节
      '2026-10-10', // Sat, 国庆节
    ],
    source: {
      title: '国务院办公厅关于2026年部分节假日安排的通知',
      // Issue date and document number recalled offline (published November 2025); verify against gov.cn.
      issued: '2025-11-04',
      reference: '国办发明电〔2025〕7号',
    },
  },
];

/**
 * Provisional fallback for a year whose notice is not loaded: the statutory holidays on fixed
 * Gregorian dates (全国年节及纪念日放假办法, as amended with effect from 2025-01-01), as MM-DD:
 * 元旦 01-01; 劳动节 05-01 and 05-02; 国庆节 10-01, 10-02, 10-03.
 *
 * This is an APPROXIMATION: the lunar holidays (除夕/春节, 清明节, 端午节, 中秋节) and all 调休
 * (days off bridged to weekends, make-up working days) are only known once the year's notice is
 * published, so a deadline computed with this fallback must be flagged as provisional.
 */
export const FIXED_STATUTORY_HOLIDAYS: readonly string[] = ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'];
