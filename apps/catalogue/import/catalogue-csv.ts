/**
 * The catalogue's CSV format for bulk import/export: one service item per record, what an admin
 * fills in a spreadsheet. Pure functions: parsing and conversion only. Whether an item is
 * acceptable (class-validator constraints, cross-field rules) is the catalogue service's call,
 * which reports each failing row by the `line` given here.
 *
 * The file
 * - UTF-8; a leading byte order mark is allowed (and ignored).
 * - Comma separated, quoted as in RFC 4180: a field containing a comma, a double quote, CR or LF
 *   is enclosed in double quotes, and a double quote inside it is written twice (`""`). A quoted
 *   field may span lines; a record is reported at the line where it starts.
 * - Lines end with CRLF or LF (a lone CR is taken as a line end too); a trailing newline is fine.
 * - Blank lines (and lines of nothing but commas) are skipped, but they count for line numbers.
 *   Lines are numbered from 1, as a text editor does; line 1 is the header.
 * - A quote inside an unquoted field is kept as it is (`5"` reads as 5"); text after a closing
 *   quote (`"a"b`) and a quote left open to the end of the file are problems of their record.
 *
 * The header (line 1) names the columns, in any order (names are trimmed and matched without
 * regard to case). An unknown or repeated column, or a missing required one, is a problem on
 * line 1, and then no record is read. Every record must have as many fields as the header.
 *
 * The columns (the order `toCatalogueCsv` writes them in)
 *   code, name, category, department, tier, legalBasis  text, as is (not trimmed)
 *   legalDays, promisedDays         whole numbers of working days, e.g. 20
 *   proxyEligible, feesFree         true/false, 1/0, yes/no or 是/否 (any case)
 *   feesBasis, feesStandard         text; with feesFree they make `fees: { free, basis, standard }`,
 *                                   an empty cell leaves basis/standard out             (optional column)
 *   materials, steps,               a JSON array, e.g. [{"code":"ID","name":"身份证",...}];
 *   specialProcedures               an empty cell is []
 *   parallel                        a JSON object, e.g. {"leadDepartment":"...","coDepartments":["..."]};
 *                                   an empty cell means no parallel approval              (optional column)
 *   guide, location                 text
 *   window                          text; an empty cell leaves it out                     (optional column)
 *   complaintChannel                text
 * A column marked optional may be left out of the header (as if all its cells were empty); the
 * others are required.
 *
 * A record that cannot be converted (a bad number, yes/no or JSON cell, a wrong number of fields,
 * bad quoting) is reported in `problems` (line, field or `*` for the record, message) and is not
 * among the `rows`. `toCatalogueCsv` writes CRLF line ends and quotes only where needed, and what it
 * writes reads back to the same items.
 */
import type { ServiceItemInput } from '@app/contracts';

const COLUMNS = [
  'code',
  'name',
  'category',
  'department',
  'tier',
  'legalBasis',
  'legalDays',
  'promisedDays',
  'proxyEligible',
  'feesFree',
  'feesBasis',
  'feesStandard',
  'materials',
  'steps',
  'specialProcedures',
  'parallel',
  'guide',
  'location',
  'window',
  'complaintChannel',
] as const;
type Column = (typeof COLUMNS)[number];

/** The columns, in the order `toCatalogueCsv` writes them. */
export const CSV_COLUMNS: readonly string[] = COLUMNS;

/** Columns that may be left out of the header (read as empty cells). */
const OPTIONAL_COLUMNS: ReadonlySet<Column> = new Set<Column>(['feesBasis', 'feesStandard', 'parallel', 'window']);

export interface CsvRowProblem {
  /** 1-based line where the record starts (1: the header, or the file as a whole). */
  line: number;
  /** The column, or `*` for the record as a whole. */
  field: string;
  message: string;
}

export interface ParsedRow {
  /** 1-based line where the record starts. */
  line: number;
  /** The item as read, not yet validated. */
  item: Record<string, unknown>;
}

export interface CsvParseResult {
  rows: ParsedRow[];
  problems: CsvRowProblem[];
}

const TRUE_WORDS = new Set(['true', '1', 'yes', '是']);
const FALSE_WORDS = new Set(['false', '0', 'no', '否']);
const BOOLEAN_HINT = 'true, false, 1, 0, yes, no, 是 or 否';

export function parseCatalogueCsv(text: string): CsvParseResult {
  const records = splitRecords(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = records[0];
  if (!header || isBlank(header)) {
    return { rows: [], problems: [{ line: 1, field: '*', message: `the first line must be the header: ${COLUMNS.join(',')}` }] };
  }
  if (header.error) return { rows: [], problems: [{ line: 1, field: '*', message: `the header: ${header.error}` }] };

  const problems: CsvRowProblem[] = [];
  const index = new Map<Column, number>();
  const byLowerName = new Map<string, Column>(COLUMNS.map((c) => [c.toLowerCase(), c]));
  header.fields.forEach((raw, i) => {
    const name = raw.trim();
    const column = byLowerName.get(name.toLowerCase());
    if (!column) problems.push({ line: 1, field: name, message: name ? `unknown column ${name}; the columns are ${COLUMNS.join(', ')}` : `column ${i + 1} has no name` });
    else if (index.has(column)) problems.push({ line: 1, field: column, message: `column ${column} appears more than once` });
    else index.set(column, i);
  });
  for (const column of COLUMNS) {
    if (!index.has(column) && !OPTIONAL_COLUMNS.has(column)) problems.push({ line: 1, field: column, message: `the required column ${column} is missing` });
  }
  if (problems.length) return { rows: [], problems };

  const rows: ParsedRow[] = [];
  for (const record of records.slice(1)) {
    if (isBlank(record)) continue;
    const { line } = record;
    if (record.error) {
      problems.push({ line, field: '*', message: record.error });
    } else if (record.fields.length !== header.fields.length) {
      problems.push({ line, field: '*', message: `the record has ${record.fields.length} field${record.fields.length === 1 ? '' : 's'}, the header has ${header.fields.length}` });
    } else {
      const converted = toItem(record.fields, index);
      if (converted.problems.length) problems.push(...converted.problems.map((p) => ({ line, ...p })));
      else rows.push({ line, item: converted.item });
    }
  }
  return { rows, problems };
}

export function toCatalogueCsv(items: ServiceItemInput[], options: { /** Start with a byte order mark (Excel then reads UTF-8 Chinese right). */ bom?: boolean } = {}): string {
  const lines = [COLUMNS.join(',')];
  for (const item of items) lines.push(COLUMNS.map((column) => quote(cellOf(item, column))).join(','));
  return `${options.bom ? '\uFEFF' : ''}${lines.join('\r\n')}\r\n`;
}

// ---- writing ----

function cellOf(item: ServiceItemInput, column: Column): string {
  switch (column) {
    case 'feesFree':
      return text(item.fees?.free);
    case 'feesBasis':
      return text(item.fees?.basis);
    case 'feesStandard':
      return text(item.fees?.standard);
    case 'materials':
    case 'steps':
    case 'specialProcedures':
      return JSON.stringify(item[column] ?? []);
    case 'parallel':
      return item.parallel ? JSON.stringify(item.parallel) : '';
    default:
      return text(item[column]);
  }
}

function text(value: string | number | boolean | undefined | null): string {
  return value === undefined || value === null ? '' : String(value);
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

// ---- reading: records ----

interface RawRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  /** Bad quoting: the record is not to be trusted. */
  error?: string;
}

function isBlank(record: RawRecord): boolean {
  return !record.error && record.fields.every((f) => f === '');
}

/** RFC 4180 records, each with the line it starts on (quoted line breaks are counted). */
function splitRecords(text: string): RawRecord[] {
  const records: RawRecord[] = [];
  const n = text.length;
  let line = 1;
  let record: RawRecord = { line, fields: [] };
  let field = '';
  let fieldStarted = false;
  let i = 0;
  const fail = (message: string) => {
    record.error ??= message;
  };
  while (i < n) {
    const c = text[i];
    if (c === '"' && !fieldStarted) {
      fieldStarted = true;
      i++;
      let closed = false;
      while (i < n) {
        const d = text[i];
        if (d === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (d === '\r' && text[i + 1] === '\n') {
          field += '\r\n';
          i += 2;
          line++;
          continue;
        }
        if (d === '\r' || d === '\n') line++;
        field += d;
        i++;
      }
      if (!closed) fail('a quoted field is not closed: a stray " takes in the rest of the file');
      while (i < n && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        fail('text after a closing quote: a field with a quote in it must be wholly quoted, with its quotes doubled');
        field += text[i];
        i++;
      }
    } else if (c === ',') {
      record.fields.push(field);
      field = '';
      fieldStarted = false;
      i++;
    } else if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      record.fields.push(field);
      records.push(record);
      line++;
      record = { line, fields: [] };
      field = '';
      fieldStarted = false;
    } else {
      field += c;
      fieldStarted = true;
      i++;
    }
  }
  // The last record, unless the text ended with a line end.
  if (fieldStarted || record.fields.length) {
    record.fields.push(field);
    records.push(record);
  }
  return records;
}

// ---- reading: conversion ----

function toItem(fields: string[], index: ReadonlyMap<Column, number>): { item: Record<string, unknown>; problems: { field: string; message: string }[] } {
  const problems: { field: string; message: string }[] = [];
  const cell = (column: Column): string => {
    const i = index.get(column);
    return i === undefined ? '' : fields[i];
  };
  const whole = (column: Column): number | undefined => {
    const raw = cell(column).trim();
    const value = Number(raw);
    if (/^[+-]?\d+$/.test(raw) && Number.isSafeInteger(value)) return value;
    problems.push({ field: column, message: `${column} must be a whole number` });
    return undefined;
  };
  const yesNo = (column: Column): boolean | undefined => {
    const raw = cell(column).trim().toLowerCase();
    if (TRUE_WORDS.has(raw)) return true;
    if (FALSE_WORDS.has(raw)) return false;
    problems.push({ field: column, message: `${column} must be ${BOOLEAN_HINT}` });
    return undefined;
  };
  const json = (column: Column, kind: 'array' | 'object'): unknown => {
    const raw = cell(column).trim();
    if (raw === '') return kind === 'array' ? [] : undefined;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (err) {
      problems.push({ field: column, message: `${column} is not valid JSON: ${err instanceof Error ? err.message : String(err)}` });
      return undefined;
    }
    const isArray = Array.isArray(value);
    const ok = kind === 'array' ? isArray : typeof value === 'object' && value !== null && !isArray;
    if (!ok) problems.push({ field: column, message: `${column} must be a JSON ${kind} (or an empty cell)` });
    return ok ? value : undefined;
  };
  const optional = (value: string): string | undefined => (value === '' ? undefined : value);

  const legalDays = whole('legalDays');
  const promisedDays = whole('promisedDays');
  const proxyEligible = yesNo('proxyEligible');
  const materials = json('materials', 'array');
  const feesFree = yesNo('feesFree');
  const feesBasis = optional(cell('feesBasis'));
  const feesStandard = optional(cell('feesStandard'));
  const steps = json('steps', 'array');
  const specialProcedures = json('specialProcedures', 'array');
  const parallel = json('parallel', 'object');
  const windowNo = optional(cell('window'));

  const item: Record<string, unknown> = {
    code: cell('code'),
    name: cell('name'),
    category: cell('category'),
    department: cell('department'),
    tier: cell('tier'),
    legalBasis: cell('legalBasis'),
    legalDays,
    promisedDays,
    proxyEligible,
    materials,
    fees: { free: feesFree, ...(feesBasis !== undefined && { basis: feesBasis }), ...(feesStandard !== undefined && { standard: feesStandard }) },
    steps,
    specialProcedures,
    ...(parallel !== undefined && { parallel }),
    guide: cell('guide'),
    location: cell('location'),
    ...(windowNo !== undefined && { window: windowNo }),
    complaintChannel: cell('complaintChannel'),
  };
  return { item, problems };
}
