import { randomInt, timingSafeEqual } from 'node:crypto';

/**
 * Tracking numbers and query codes. A tracking number is `<county>-<yyyymmdd>-<sequence>`
 * (`500117-20261128-000042`): the 6-digit county code of the unit where the case was filed, the
 * filing day and that county's sequence for the day. It is not secret; the 6-character query
 * code that goes with it is, so residents looking up a case need both.
 */

/** No 0/O, 1/I/L: easy to read out and type. 31 characters, so 6 of them are ~2^29.7 codes. */
export const QUERY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const QUERY_CODE_LENGTH = 6;

const COUNTY = /^\d{6}$/;
const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const TRACKING = /^(\d{6})-(\d{4})(\d{2})(\d{2})-(\d{6})$/;
const MAX_SEQ = 999_999;

export function formatTrackingNumber(countyCode: string, day: string /* YYYY-MM-DD */, seq: number): string {
  if (!COUNTY.test(countyCode)) throw new RangeError(`county code must be 6 digits: ${countyCode}`);
  const d = DAY.exec(day);
  if (!d || !isCalendarDate(d[1], d[2], d[3])) throw new RangeError(`day must be a date as YYYY-MM-DD: ${day}`);
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQ) throw new RangeError(`sequence must be an integer from 1 to ${MAX_SEQ}: ${seq}`);
  return `${countyCode}-${d[1]}${d[2]}${d[3]}-${String(seq).padStart(6, '0')}`;
}

/** The parts of a tracking number, or undefined when it is not one. */
export function parseTrackingNumber(s: string): { countyCode: string; day: string; seq: number } | undefined {
  const m = TRACKING.exec(s);
  if (!m || !isCalendarDate(m[2], m[3], m[4])) return undefined;
  const seq = Number(m[5]);
  if (seq < 1) return undefined;
  return { countyCode: m[1], day: `${m[2]}-${m[3]}-${m[4]}`, seq };
}

/** A fresh query code: 6 characters drawn uniformly (crypto.randomInt rejects rather than reduces modulo). */
export function newQueryCode(): string {
  let code = '';
  for (let i = 0; i < QUERY_CODE_LENGTH; i++) code += QUERY_CODE_ALPHABET[randomInt(QUERY_CODE_ALPHABET.length)];
  return code;
}

/** Whether two query codes match, ignoring case, in time that does not depend on where they differ. */
export function sameQueryCode(a: string, b: string): boolean {
  const x = Buffer.from(a.toUpperCase(), 'utf8');
  const y = Buffer.from(b.toUpperCase(), 'utf8');
  if (x.length !== y.length) return false;
  return timingSafeEqual(x, y);
}

function isCalendarDate(year: string, month: string, day: string): boolean {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
