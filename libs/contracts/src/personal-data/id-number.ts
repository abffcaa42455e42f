import { registerDecorator, type ValidationArguments, type ValidationOptions } from 'class-validator';
/**
 * 居民身份证号码 (GB 11643-1999): 6-digit region code, 8-digit birth date, 3-digit sequence and
 * an ISO 7064 MOD 11-2 check character. Pure functions: checking, normalizing and masking.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'] as const;

/** First two digits: provinces, autonomous regions, municipalities, Taiwan, Hong Kong, Macao, and 91 (residents abroad). */
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 91,
]);

const EARLIEST_BIRTH = '19000101';

/** Trimmed, with a lower-case check character x made upper-case. */
export function normalizeIdNumber(id: string): string {
  return id.trim().toUpperCase();
}

/** The check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('the check character is computed over 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/**
 * Why an ID number is not valid, or undefined when it is. The number is normalized first
 * (surrounding spaces, lower-case x). Birth dates run from 1900-01-01 to today in China (UTC+8).
 */
export function idNumberProblem(id: string, now: Date = new Date()): string | undefined {
  const s = normalizeIdNumber(id);
  if (s.length !== 18) return 'must be 18 characters';
  if (!/^\d{17}[\dX]$/.test(s)) return 'must be 17 digits followed by a digit or X';
  if (s[0] === '0') return 'region code must not start with 0';
  if (!PROVINCES.has(Number(s.slice(0, 2)))) return 'region code has an unknown province';
  const birth = s.slice(6, 14);
  if (!isCalendarDate(Number(birth.slice(0, 4)), Number(birth.slice(4, 6)), Number(birth.slice(6, 8)))) return 'birth date is not a real date';
  if (birth < EARLIEST_BIRTH || birth > chinaDay(now)) return 'birth date must be between 1900-01-01 and today';
  if (idNumberCheckChar(s.slice(0, 17)) !== s[17]) return 'check character does not match';
  return undefined;
}

/** The first 3 and last 4 characters, the rest `*`: `500***********123X`. Never reveals the birth date. */
export function maskIdNumber(id: string): string {
  const s = normalizeIdNumber(id);
  if (s.length < 8) return '*'.repeat(s.length);
  return `${s.slice(0, 3)}${'*'.repeat(s.length - 7)}${s.slice(-4)}`;
}

function isCalendarDate(y: number, m: number, d: number): boolean {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // unlike Date.UTC, keeps years 0–99 as they are
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** Today in China (UTC+8, no daylight saving) as YYYYMMDD. */
function chinaDay(now: Date): string {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/** class-validator: a valid resident ID number (GB 11643), the reason named in the message. */
export function IsResidentIdNumber(options?: ValidationOptions) {
  return (object: object, propertyName: string) =>
    registerDecorator({
      name: 'isResidentIdNumber',
      target: object.constructor,
      propertyName,
      options,
      validator: {
        validate: (value: unknown) => typeof value === 'string' && idNumberProblem(value) === undefined,
        defaultMessage: (args: ValidationArguments) => `${args.property} ${typeof args.value === 'string' ? idNumberProblem(args.value) : 'must be a string'}`,
      },
    });
}
