#!/usr/bin/env node
// Loads N realistic cases straight into the cases schema with COPY (pg-copy-streams): spread over
// the 422 units identity seeded and the catalogue's published items, every status, two years of
// filing dates, with their scope paths, hops and timelines and the day sequences of their
// tracking numbers. It first empties the cases tables (a reset: run it on a bench database only).
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench PERSONAL_DATA_KEY=<64 hex> node bench/load-cases.mjs [count]
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { caseFileLine, caseHopLines, caseTimelineLines, caseUnitLines, CASE_FILE_COLUMNS, loadReferenceData, makeApplicants, makeCase, makeRouter } from './lib/case-data.mjs';

const CHUNK = 5000;
const YEARS_MS = 2 * 365 * 86_400_000;

function progress(done, total, t0, label) {
  const width = 30;
  const f = total ? done / total : 1;
  const rate = done / ((performance.now() - t0) / 1000 || 1);
  const eta = rate ? Math.max(0, (total - done) / rate) : 0;
  const bar = '#'.repeat(Math.round(f * width)).padEnd(width, '.');
  process.stderr.write(`\r  ${label} [${bar}] ${(f * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en')}/${total.toLocaleString('en')} ${Math.round(rate).toLocaleString('en')}/s ETA ${eta.toFixed(0)}s   `);
}

async function copyInto(client, table, columns, text) {
  if (!text) return;
  await pipeline(Readable.from([text]), client.query(copyStreams.from(`COPY ${table} (${columns}) FROM STDIN`)));
}

/**
 * @returns {Promise<{cases:number, rows:Record<string,number>, seconds:number, casesPerSecond:number, rowsPerSecond:number, analyzeSeconds:number}>}
 */
export async function loadCases({ databaseUrl, count, personalDataKey, quiet = false }) {
  const { IdNumberProtector } = await import(pathToFileURL(`${process.cwd()}/dist/apps/cases/personal-data/protect.js`).href);
  const protector = new IdNumberProtector(Buffer.from(personalDataKey, 'hex'));
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const { units, items } = await loadReferenceData(admin);
  const router = makeRouter(units);
  const villages = units.filter((u) => u.tier === 'village');
  const towns = units.filter((u) => u.tier === 'town');
  const district = units.filter((u) => u.tier === 'district');
  const pickOrigin = () => {
    const r = Math.random();
    const pool = r < 0.85 ? villages : r < 0.97 ? towns : district;
    return pool[Math.floor(Math.random() * pool.length)];
  };
  const applicants = makeApplicants(protector);
  await admin.query('TRUNCATE cases.case_timeline, cases.case_hop, cases.case_unit, cases.case_material_request, cases.idempotency_key, cases.case_file, cases.tracking_sequence');

  const workers = await Promise.all([0, 1].map(async () => {
    const c = new pg.Client({ connectionString: databaseUrl, options: '-c search_path=cases -c synchronous_commit=off' });
    await c.connect();
    return c;
  }));
  const rows = { case_file: 0, case_unit: 0, case_hop: 0, case_timeline: 0, tracking_sequence: 0 };
  const seqByDay = new Map();
  const now = Date.now();
  const t0 = performance.now();
  let done = 0;
  let next = 0;
  const makeChunk = () => {
    const from = next;
    const to = Math.min(count, from + CHUNK);
    next = to;
    let cf = '', cu = '', ch = '', ct = '';
    for (let i = from; i < to; i++) {
      const createdMs = now - YEARS_MS + ((i + Math.random()) / count) * (YEARS_MS - 60_000);
      const day = new Date(createdMs + 8 * 3600_000).toISOString().slice(0, 10);
      const seq = (seqByDay.get(day) ?? 0) + 1;
      seqByDay.set(day, seq);
      const origin = pickOrigin();
      const item = items[Math.floor(Math.random() * items.length)];
      const c = makeCase({
        origin, item, route: router(origin, item.tier), applicant: applicants[i % applicants.length], createdMs,
        trackingNo: `500117-${day.replaceAll('-', '')}-${String(seq).padStart(6, '0')}`, agentCount: i,
      });
      cf += caseFileLine(c);
      cu += caseUnitLines(c);
      ch += caseHopLines(c);
      ct += caseTimelineLines(c);
      rows.case_file++;
      rows.case_unit += new Set(c.routePaths).size;
      rows.case_hop += c.hops.length;
      rows.case_timeline += c.timeline.length;
    }
    return { n: to - from, cf, cu, ch, ct };
  };
  const work = async (client) => {
    while (next < count) {
      const k = makeChunk();
      await copyInto(client, 'case_file', CASE_FILE_COLUMNS.join(', '), k.cf);
      await copyInto(client, 'case_unit', 'case_id, unit_path', k.cu);
      await copyInto(client, 'case_hop', 'case_id, seq, from_unit_code, to_unit_code, direction, sent_at, arrived_at', k.ch);
      await copyInto(client, 'case_timeline', 'case_id, seq, at, action, from_status, to_status, unit_code, actor_username, actor_unit_code, note', k.ct);
      done += k.n;
      if (!quiet) progress(done, count, t0, 'cases');
    }
  };
  await Promise.all(workers.map(work));
  const seqRows = [...seqByDay].map(([day, last]) => `500117\t${day}\t${last}\n`).join('');
  await copyInto(workers[0], 'tracking_sequence', 'county_code, day, last', seqRows);
  rows.tracking_sequence = seqByDay.size;
  const seconds = (performance.now() - t0) / 1000;
  if (!quiet) process.stderr.write('\n');
  const a0 = performance.now();
  // VACUUM as autovacuum would have by now (index-only scans need the visibility map), and ANALYZE.
  await admin.query('VACUUM (ANALYZE) cases.case_file, cases.case_unit, cases.case_hop, cases.case_timeline, cases.tracking_sequence');
  await admin.query('CHECKPOINT');
  const analyzeSeconds = (performance.now() - a0) / 1000;
  await Promise.all([admin, ...workers].map((c) => c.end()));
  const total = Object.values(rows).reduce((s, n) => s + n, 0);
  return { cases: count, rows, seconds: round(seconds), casesPerSecond: Math.round(count / seconds), rowsPerSecond: Math.round(total / seconds), vacuumAnalyzeSeconds: round(analyzeSeconds) };
}

const round = (x) => Math.round(x * 10) / 10;

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const count = Number(process.argv[2] ?? 1_000_000);
  const databaseUrl = process.env.DATABASE_URL;
  const key = process.env.PERSONAL_DATA_KEY;
  if (!databaseUrl || !key) {
    process.stderr.write('DATABASE_URL and PERSONAL_DATA_KEY are required\n');
    process.exit(2);
  }
  const r = await loadCases({ databaseUrl, count, personalDataKey: key });
  process.stdout.write(`${JSON.stringify(r, null, 2)}\n`);
}
