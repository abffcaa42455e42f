#!/usr/bin/env node
// `npm run bench` (build, then this): end-to-end throughput and latency of the network in
// distributed mode (every app its own process, real NATS and PostgreSQL), next to the raw
// ceilings of the same machine measured in the same run, as ratios. See bench/README.md.
//   node bench/run.mjs            full run: concurrency 1, 8, 64; 1,000,000 cases loaded
//   node bench/run.mjs --smoke    seconds: concurrency 1 and 8, 2,000 cases (CI)
// Options: --out DIR (default bench/results), --cases N, --duration S, --warmup S.
// Exits non-zero on errors (a non-2xx answer, a case that never arrived), never on a missed target.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { Pool as HttpPool } from 'undici';
import { connect as natsConnect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { runLoad, summarize } from './lib/loadgen.mjs';
import { loadCases } from './load-cases.mjs';
import { loadReferenceData, makeApplicants, makeCase, makeRouter } from './lib/case-data.mjs';
import { LocalCluster } from '../dist/libs/cluster/src/index.js';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const SMOKE = flag('smoke');
const PG_BASE = (process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432').replace(/\/+$/, '');
const NATS_URL = process.env.NATS_URL ?? 'nats://127.0.0.1:4222';
const NS = SMOKE ? 'benchsmoke' : 'bench';
const DB = NS;
const CEILING_DB = `${NS}_ceiling`;
const CFG = {
  levels: SMOKE ? [1, 8] : [1, 8, 64],
  warmupMs: Number(opt('warmup', SMOKE ? 0.3 : 2)) * 1000,
  durationMs: Number(opt('duration', SMOKE ? 1 : 8)) * 1000,
  cases: Number(opt('cases', SMOKE ? 2000 : 1_000_000)),
};
const OUT = opt('out', 'bench/results');
const PERSONAL_DATA_KEY = 'b3'.repeat(32);
const ADMIN_PASSWORD = 'Bench-Root-Passphrase-2026';
const DEMO_PASSWORD = 'Demo-Password-2026';
const SERVICES = ['identity', 'catalogue', 'routing', 'cases', 'agents'];
const AGENT = { username: 'gulou-v1.agent', unitCode: '500117106200' };
const CLERK = { username: 'gulou.clerk', unitCode: '500117106000' };
const SEARCH_TERMS = ['营业', '证', '登记', '许可', '补贴', '户', '医疗', 'HC-T', '农村', '备案'];

const log = (m) => process.stderr.write(`[bench] ${m}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const t0Run = performance.now();
const children = new Map(); // name -> ChildProcess (ceiling servers and the ceiling database's migration)
const exited = new Map(); // app -> exit code or signal, for apps that died
let cluster; // the network under test (libs/cluster, as npm run start:cluster runs it)
let errorsTotal = 0;
const problems = [];

process.on('exit', () => {
  for (const c of children.values()) c.kill('SIGKILL');
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

// ---------------------------------------------------------------- processes

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function spawnNode(name, args, env, logFile) {
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (logFile) {
    const out = createWriteStream(logFile, { flags: 'a' });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  child.once('exit', () => children.delete(name));
  children.set(name, child);
  return child;
}

function exitOf(child) {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', (code) => resolve(code))));
}

/** A ceiling server child (bench/lib/ceiling-server.mjs); resolves with its ready line. */
function startCeilingServer(name, args) {
  const child = spawnNode(name, ['bench/lib/ceiling-server.mjs', ...args], { ...process.env, NATS_URL });
  return new Promise((resolve, reject) => {
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) resolve({ child, ...JSON.parse(buf.slice(0, nl)) });
    });
    child.stderr.on('data', (d) => process.stderr.write(d));
    child.once('exit', (code) => reject(new Error(`${name} exited (${code}) before it was ready`)));
  });
}

async function stopChild(name) {
  const c = children.get(name);
  if (!c) return;
  c.kill('SIGTERM');
  const timer = setTimeout(() => c.kill('SIGKILL'), 10_000);
  await exitOf(c);
  clearTimeout(timer);
}

// ---------------------------------------------------------------- memory

const rss = new Map(); // name -> { max, last }
let rssTimer;
function sampleRss() {
  for (const p of cluster?.processes ?? []) {
    const name = p.app;
    if (!p.pid) continue;
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p.pid}/status`, 'utf8'));
      if (!m) continue;
      const mb = Number(m[1]) / 1024;
      const r = rss.get(name) ?? { max: 0, last: 0 };
      r.max = Math.max(r.max, mb);
      r.last = mb;
      rss.set(name, r);
    } catch {
      /* gone */
    }
  }
}

// ---------------------------------------------------------------- HTTP

class HttpError extends Error {}

async function http(pool, method, path, { headers = {}, body } = {}) {
  const res = await pool.request({ method, path, headers: body ? { 'content-type': 'application/json', ...headers } : headers, body: body ? JSON.stringify(body) : undefined });
  const text = await res.body.text();
  if (res.statusCode < 200 || res.statusCode >= 300) throw new HttpError(`${method} ${path.split('?')[0]}: ${res.statusCode} ${text.slice(0, 200)}`);
  return { status: res.statusCode, json: () => JSON.parse(text) };
}

async function withPool(origin, connections, fn) {
  const pool = new HttpPool(origin, { connections, pipelining: 1, keepAliveTimeout: 60_000 });
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync('dist/apps/gateway/main.js')) throw new Error('dist/ is missing: run `npm run build` first (npm run bench does)');
  mkdirSync(OUT, { recursive: true });
  const logDir = join(os.tmpdir(), `bench-${NS}-logs`);
  mkdirSync(logDir, { recursive: true });
  log(`${SMOKE ? 'smoke' : 'full'} run: concurrency ${CFG.levels.join(', ')}, ${CFG.warmupMs / 1000}s warm-up + ${CFG.durationMs / 1000}s per measurement, ${CFG.cases.toLocaleString('en')} cases; service logs in ${logDir}`);

  // 1. Fresh databases and streams.
  const admin = new pg.Client({ connectionString: `${PG_BASE}/postgres` });
  await admin.connect();
  for (const db of [DB, CEILING_DB]) {
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${db}`);
  }
  const pgVersion = (await admin.query('SHOW server_version')).rows[0].server_version;
  const pgSettings = Object.fromEntries((await admin.query(`SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers','max_connections','synchronous_commit','work_mem')`)).rows.map((r) => [r.name, r.setting]));
  await admin.end();
  const nc = await natsConnect({ servers: NATS_URL, name: 'bench' });
  const natsVersion = nc.info?.version ?? 'unknown';
  const jsm = await jetstreamManager(nc);
  for await (const s of jsm.streams.list()) if (s.config.name.startsWith(`${NS.toUpperCase()}_`)) await jsm.streams.delete(s.config.name);

  const port = await freePort();
  const appEnv = {
    BUS_NAMESPACE: NS,
    ADMIN_PASSWORD,
    PERSONAL_DATA_KEY,
    DEMO_DATA: '1',
    CURSOR_SECRET: 'bench-cursor-secret-0123456789abcdef0123456789',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
  };
  const env = { ...process.env, DATABASE_URL: `${PG_BASE}/${DB}`, NATS_URL, PORT: String(port), ...appEnv };

  // 2. The real DDL of the cases schema in the ceiling database.
  const migrateLog = join(logDir, 'migrate.log');
  const code = await exitOf(spawnNode('migrate-ceiling', ['dist/apps/cases/main.js', 'migrate'], { ...env, DATABASE_URL: `${PG_BASE}/${CEILING_DB}` }, migrateLog));
  if (code !== 0) throw new Error(`migrating the ceiling database failed (exit ${code}); see ${migrateLog}`);

  // 3. The network: each app its own process (one instance each), migrated first, healthy before going on.
  cluster = await LocalCluster.start({
    workDir: logDir,
    databaseUrl: env.DATABASE_URL,
    natsUrl: NATS_URL,
    gatewayPort: port,
    instances: { cases: 1, routing: 1 },
    env: appEnv,
    output: 'files',
    say: log,
    onUnexpectedExit: (p, code, sig) => {
      exited.set(p.app, sig ?? code);
      problems.push(`${p.id} exited (${sig ?? code}) during the run; see ${cluster?.logPath(p.id)}`);
    },
  });
  rssTimer = setInterval(sampleRss, 250);
  const origin = cluster.gatewayUrl;
  const db = new pg.Pool({ connectionString: `${PG_BASE}/${DB}`, max: 2 });
  await waitFor('seeded units and items', 60_000, async () => {
    const { rows } = await db.query(`SELECT (SELECT count(*) FROM identity.org_unit)::int AS units, (SELECT count(*) FROM catalogue.service_item WHERE status = 'published')::int AS items,
      (SELECT count(*) FROM identity.user_account WHERE username = $1)::int AS demo`, [CLERK.username]);
    return rows[0].units >= 422 && rows[0].items >= 481 && rows[0].demo === 1;
  });
  log(`cluster up in ${((performance.now() - t0Run) / 1000).toFixed(1)}s on ${origin}`);

  // 4. The cases.
  log(`loading ${CFG.cases.toLocaleString('en')} cases`);
  const load = await loadCases({ databaseUrl: `${PG_BASE}/${DB}`, count: CFG.cases, personalDataKey: PERSONAL_DATA_KEY });
  log(`loaded ${load.cases.toLocaleString('en')} cases (${Object.entries(load.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}) in ${load.seconds}s: ${load.casesPerSecond.toLocaleString('en')} cases/s, ${load.rowsPerSecond.toLocaleString('en')} rows/s; VACUUM ANALYZE ${load.vacuumAnalyzeSeconds}s`);
  const dbSize = (await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s;
  const explain = await explainWorklist(db);
  log(`worklist plan: ${explain.summary}`);

  // 5. Ceilings.
  const ref = await loadReferenceData(db);
  const results = { ceilings: {}, paths: {} };
  const levels = CFG.levels;
  const measure = async (group, name, level, op, prepare) => {
    const r = await runLoad({ concurrency: level, warmupMs: CFG.warmupMs, durationMs: CFG.durationMs, op });
    if (r.errors) {
      errorsTotal += r.errors;
      problems.push(`${name} at ${level}: ${r.errors} errors, first: ${r.firstError}`);
    }
    const { window, ...rest } = r;
    ((results[group][name] ??= {})[level] = rest);
    log(`${group === 'ceilings' ? 'ceiling' : 'path'} ${name.padEnd(14)} c=${String(level).padStart(2)}: ${String(r.throughput).padStart(8)}/s  p50 ${r.p50} ms  p99 ${r.p99} ms${r.errors ? `  ERRORS ${r.errors}` : ''}`);
    return r;
  };

  // 5a. pg: a transaction inserting a case row and an outbox row into the real tables.
  {
    const router = makeRouter(ref.units);
    const { IdNumberProtector } = await import(pathToFileURL(`${process.cwd()}/dist/apps/cases/personal-data/protect.js`).href);
    const applicants = makeApplicants(new IdNumberProtector(Buffer.from(PERSONAL_DATA_KEY, 'hex')), 50);
    const village = ref.units.find((u) => u.code === AGENT.unitCode);
    const item = ref.items.find((i) => i.tier === 'town' && i.body.proxyEligible) ?? ref.items[0];
    let n = 0;
    for (const level of levels) {
      const pool = new pg.Pool({ connectionString: `${PG_BASE}/${CEILING_DB}`, max: level, options: '-c search_path=cases' });
      await Promise.all(Array.from({ length: level }, () => pool.query('SELECT 1')));
      await measure('ceilings', 'pg-transaction', level, async () => {
        const c = makeCase({ origin: village, item, route: router(village, item.tier), applicant: applicants[n % 50], createdMs: Date.now(), trackingNo: `500117-BENCH-${++n}`, agentCount: n });
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await client.query(
            `INSERT INTO case_file (id, tracking_no, query_code, status, item_code, item_version, item_name, promised_days, legal_days, origin_unit_code,
               handling_unit_code, current_unit_code, route, channel, submitted_by, applicant_name, applicant_id_sealed, applicant_id_masked,
               applicant_id_lookup, applicant_phone_sealed, applicant_phone_masked, materials, proxy, form_data, item_materials, item_procedures, item_parallel, origin_path, item_steps)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)`,
            [c.id, c.trackingNo, c.queryCode, 'in_transit', c.itemCode, c.itemVersion, c.itemName, c.promisedDays, c.legalDays, c.originUnitCode, c.handlingUnitCode,
              c.originUnitCode, c.route, c.channel, c.submittedBy, c.applicant.name, c.applicant.idSealed, c.applicant.idMasked, c.applicant.idLookup,
              c.applicant.phoneSealed, c.applicant.phoneMasked, JSON.stringify(c.materials), JSON.stringify(c.proxy), null, JSON.stringify(c.itemMaterials),
              JSON.stringify(c.itemProcedures), c.itemParallel ? JSON.stringify(c.itemParallel) : null, c.originPath, JSON.stringify(c.itemSteps)],
          );
          const eventId = randomUUID();
          const { hops: _h, timeline: _t, applicant: _a, ...data } = c;
          await client.query('INSERT INTO outbox (id, subject, payload, headers) VALUES ($1, $2, $3, $4)', [
            eventId, `v1.cases.case.submitted.${c.originUnitCode}`,
            JSON.stringify({ id: eventId, subject: `v1.cases.case.submitted.${c.originUnitCode}`, producer: 'cases', occurredAt: new Date().toISOString(), data }),
            JSON.stringify({ 'x-request-id': randomUUID(), traceparent: `00-${randomUUID().replaceAll('-', '')}-${randomUUID().slice(0, 16).replaceAll('-', '0')}-01` }),
          ]);
          await client.query('COMMIT');
        } catch (err) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw err;
        } finally {
          client.release();
        }
      });
      await pool.end();
    }
  }

  // 5b. NATS request-reply echo (responder in its own process).
  {
    const subject = `${NS}.ceiling.echo`;
    await startCeilingServer('nats-echo', ['nats-echo', subject]);
    const payload = new TextEncoder().encode(JSON.stringify({ trackingNo: '500117-20260101-000001', code: 'ABCDEF', pad: 'x'.repeat(200) }));
    for (const level of levels) await measure('ceilings', 'nats-echo', level, () => nc.request(subject, payload, { timeout: 5000 }));
    await stopChild('nats-echo');
  }

  // 5c. JetStream publish with ack (a file stream like the services', with a message id).
  {
    const name = `${NS.toUpperCase()}_CEILING`;
    await jsm.streams.add({ name, subjects: [`${NS}.ceiling.js.>`], storage: 'file', num_replicas: 1, duplicate_window: 120e9 });
    const js = jetstream(nc);
    const payload = new TextEncoder().encode(JSON.stringify({ id: randomUUID(), subject: 'v1.cases.case.sent.500117106200', producer: 'cases', data: { pad: 'x'.repeat(1200) } }));
    for (const level of levels) await measure('ceilings', 'jetstream-pub', level, () => js.publish(`${NS}.ceiling.js.x`, payload, { msgID: randomUUID() }));
    await jsm.streams.delete(name);
  }

  // 5d. A bare Fastify handler returning a small JSON (its own process).
  {
    const { port: fport } = await startCeilingServer('fastify', ['fastify']);
    for (const level of levels) await withPool(`http://127.0.0.1:${fport}`, level, (pool) => measure('ceilings', 'fastify', level, () => http(pool, 'GET', '/hello')));
    await stopChild('fastify');
  }

  // 6. The system's paths, through the gateway.
  const login = (username) => withPool(origin, 1, async (p) => (await http(p, 'POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } })).json().accessToken);
  const itemRow = (
    await db.query(`SELECT v.code, v.body FROM catalogue.service_item i JOIN catalogue.service_item_version v ON v.code = i.code AND v.version = i.current_version
      WHERE i.status = 'published' AND v.tier = 'town' AND (v.body->>'proxyEligible')::boolean ORDER BY v.code LIMIT 1`)
  ).rows[0];
  const submitBody = {
    itemCode: itemRow.code,
    applicant: { name: '张三', idNumber: '500117199001010019', phone: '13800138000' },
    materials: itemRow.body.materials.map((m) => ({ code: m.code, provided: true })),
    proxy: { consent: true },
  };
  const arrivalLatencies = {};
  {
    // Submit, and submit-to-arrival: the arrived event (published by the outbox relay after the
    // arrival committed) seen on the bus, minus the moment the 201 came back.
    const arrivedAt = new Map();
    const sub = nc.subscribe(`${NS}.v1.cases.case.arrived.>`);
    (async () => {
      for await (const m of sub) {
        try {
          arrivedAt.set(JSON.parse(new TextDecoder().decode(m.data)).data.id, performance.now());
        } catch {
          /* not an envelope */
        }
      }
    })();
    for (const level of levels) {
      const token = await login(AGENT.username);
      const created = [];
      const r = await withPool(origin, level, (pool) =>
        measure('paths', 'submit', level, async () => {
          const res = await http(pool, 'POST', '/api/v1/cases', { headers: { authorization: `Bearer ${token}`, 'idempotency-key': randomUUID() }, body: submitBody });
          created.push({ id: res.json().id, at: performance.now() });
        }),
      );
      const inWindow = created.filter((c) => c.at >= r.window.from && c.at <= r.window.to);
      await waitFor('arrivals', 30_000, async () => inWindow.every((c) => arrivedAt.has(c.id))).catch(() => undefined);
      const missing = inWindow.filter((c) => !arrivedAt.has(c.id)).length;
      const s = summarize(inWindow.filter((c) => arrivedAt.has(c.id)).map((c) => Math.max(0, arrivedAt.get(c.id) - c.at)));
      arrivalLatencies[level] = { ...s, missing };
      ((results.paths['submit-to-arrival'] ??= {})[level] = { concurrency: level, throughput: null, ...s, errors: missing });
      if (missing) {
        errorsTotal += missing;
        problems.push(`submit-to-arrival at ${level}: ${missing} of ${inWindow.length} cases not arrived within 30 s`);
      }
      log(`path submit-to-arrival  c=${String(level).padStart(2)}: p50 ${s.p50} ms  p99 ${s.p99} ms  (${s.count} cases${missing ? `, ${missing} MISSING` : ''})`);
    }
    sub.unsubscribe();
  }
  {
    // Public tracking of loaded cases.
    const sample = (await db.query(`SELECT tracking_no AS t, query_code AS q FROM cases.case_file ${CFG.cases > 100_000 ? 'TABLESAMPLE SYSTEM (1)' : ''} ORDER BY random() LIMIT 5000`)).rows;
    for (const level of levels)
      await withPool(origin, level, (pool) => measure('paths', 'track', level, (_w, i) => {
        const s = sample[(i * 7919) % sample.length];
        // Residents come from many addresses (tracking is rate-limited per client IP); the gateway
        // trusts X-Forwarded-For as it would behind its reverse proxy. 20,000 addresses keep each
        // well under RATE_LIMIT_PER_IP.
        const ip = i % 20_000;
        return http(pool, 'GET', `/api/v1/track/${s.t}?code=${s.q}`, { headers: { 'x-forwarded-for': `10.${ip >> 16}.${(ip >> 8) & 255}.${ip & 255}` } });
      }));
  }
  {
    // A town clerk's worklist (the first page), with the loaded cases in scope.
    for (const level of levels) {
      const token = await login(CLERK.username);
      await withPool(origin, level, (pool) => measure('paths', 'worklist', level, async () => {
        const res = await http(pool, 'GET', `/api/v1/cases?unitCode=${CLERK.unitCode}`, { headers: { authorization: `Bearer ${token}` } });
        if (!res.json().items?.length) throw new Error('the worklist is empty');
      }));
    }
  }
  {
    // Catalogue search (public).
    for (const level of levels)
      await withPool(origin, level, (pool) => measure('paths', 'search', level, (_w, i) => http(pool, 'GET', `/api/v1/catalogue/items?q=${encodeURIComponent(SEARCH_TERMS[i % SEARCH_TERMS.length])}`)));
  }

  // 7. Stop, and report.
  sampleRss();
  clearInterval(rssTimer);
  await cluster.stop();
  await nc.close();
  await db.end();

  const report = {
    date: new Date().toISOString(),
    mode: SMOKE ? 'smoke' : 'full',
    machine: {
      cores: os.cpus().length,
      cpu: os.cpus()[0]?.model ?? 'unknown',
      memoryGb: Math.round(os.totalmem() / 1024 ** 3),
      os: `${os.type()} ${os.release()}`,
      node: process.version,
      postgres: pgVersion,
      postgresSettings: pgSettings,
      nats: natsVersion,
      commit: gitCommit(),
    },
    config: { ...CFG, namespace: NS, databasePoolSize: Number(process.env.DATABASE_POOL_SIZE ?? 5), logLevel: env.LOG_LEVEL },
    load: { ...load, databaseSize: dbSize },
    explain,
    ceilings: results.ceilings,
    paths: results.paths,
    memoryMb: Object.fromEntries([...rss].map(([k, v]) => [k, { max: Math.round(v.max), last: Math.round(v.last) }])),
    errors: errorsTotal,
    problems,
    durationS: Math.round((performance.now() - t0Run) / 1000),
  };
  report.targets = evaluateTargets(report);
  const stamp = report.date.slice(0, 10);
  const base = join(OUT, SMOKE ? `${stamp}-smoke` : stamp);
  writeFileSync(`${base}.json`, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(`${base}.md`, markdown(report));
  log(`report: ${base}.md and ${base}.json (${report.durationS}s)`);
  process.stdout.write(markdown(report));
  if (errorsTotal || problems.length) {
    log(`FAILED: ${problems.join('; ')}`);
    process.exitCode = 1;
  }
}

async function waitFor(what, timeoutMs, check) {
  const until = performance.now() + timeoutMs;
  let last;
  while (performance.now() < until) {
    try {
      if (await check()) return;
    } catch (err) {
      last = err;
      if (/exited/.test(err.message)) throw err;
    }
    await sleep(200);
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
}

function gitCommit() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** EXPLAIN (ANALYZE, BUFFERS) of the worklist query exactly as the cases repository runs it. */
async function explainWorklist(db) {
  const dist = (p) => pathToFileURL(`${process.cwd()}/dist/${p}`).href;
  const { CasesRepository } = await import(dist('apps/cases/cases.repository.js'));
  const { UnitScope } = await import(dist('libs/auth/src/access.js'));
  const client = await db.connect();
  try {
    await client.query('SET search_path = cases');
    const { rows: [unit] } = await client.query('SELECT path FROM identity.org_unit WHERE code = $1', [CLERK.unitCode]);
    let captured;
    const repo = new CasesRepository({ query: async (sql, params) => ((captured = { sql, params }), []) });
    await repo.list(UnitScope.of({ unitPath: unit.path }), { unitPath: unit.path }, undefined, 51);
    const plan = (await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${captured.sql}`, captured.params)).rows.map((r) => r['QUERY PLAN']);
    const inScope = (await client.query(`SELECT count(DISTINCT case_id)::int AS n FROM case_unit WHERE unit_path = $1 OR unit_path LIKE $1 || '.%'`, [unit.path])).rows[0].n;
    const ms = Number(/Execution Time: ([\d.]+)/.exec(plan.join('\n'))?.[1]);
    const indexes = [...new Set(plan.join('\n').match(/Index (?:Only )?Scan (?:Backward )?using \w+/g) ?? [])];
    const seqScans = [...new Set(plan.join('\n').match(/Seq Scan on \w+/g) ?? [])];
    return {
      query: captured.sql.replace(/\s+/g, ' ').replace(/^SELECT .*? FROM case_file c/, 'SELECT … FROM case_file c'),
      params: captured.params,
      casesInScope: inScope,
      executionMs: ms,
      indexes,
      seqScans,
      usesIndex: indexes.length > 0 && seqScans.length === 0,
      summary: `${ms} ms, ${indexes.join(', ') || 'no index'}${seqScans.length ? `; ${seqScans.join(', ')}` : ''} (${inScope.toLocaleString('en')} cases in the town's scope)`,
      plan,
    };
  } finally {
    client.release();
  }
}

function evaluateTargets(r) {
  const p = r.paths, c = r.ceilings;
  const at = (x, lvl) => x?.[lvl];
  const t = [];
  const push = (name, value, goal, met) => t.push({ target: name, value, goal, met: met === undefined ? null : met });
  const s8 = at(p.submit, 8), pg8 = at(c['pg-transaction'], 8);
  push('submit at 8: throughput vs raw pg transaction', s8 && pg8 ? `${pct(s8.throughput / pg8.throughput)} (${s8.throughput}/s vs ${pg8.throughput}/s)` : 'n/a', '≥ 40%', s8 && pg8 ? s8.throughput / pg8.throughput >= 0.4 : undefined);
  push('submit at 8: p99', s8 ? `${s8.p99} ms` : 'n/a', '≤ 50 ms', s8 ? s8.p99 <= 50 : undefined);
  const a8 = at(p['submit-to-arrival'], 8);
  push('submit-to-arrival at 8: p99', a8 ? `${a8.p99} ms` : 'n/a', '≤ 250 ms', a8 ? a8.p99 <= 250 : undefined);
  const tr64 = at(p.track, 64), f64 = at(c.fastify, 64);
  push('tracking at 64: throughput vs bare Fastify', tr64 && f64 ? `${pct(tr64.throughput / f64.throughput)} (${tr64.throughput}/s vs ${f64.throughput}/s)` : 'n/a (smoke runs 1 and 8)', '≥ 50%', tr64 && f64 ? tr64.throughput / f64.throughput >= 0.5 : undefined);
  const w8 = at(p.worklist, 8);
  push(`worklist over ${r.load.cases.toLocaleString('en')} cases at 8: p50 / p99`, w8 ? `${w8.p50} / ${w8.p99} ms` : 'n/a', '≤ 20 / ≤ 100 ms', w8 ? w8.p50 <= 20 && w8.p99 <= 100 : undefined);
  push('worklist: the plan uses indexes (EXPLAIN)', r.explain.summary, 'index scans, no seq scan', r.explain.usesIndex);
  const maxRss = Math.max(...Object.values(r.memoryMb).map((m) => m.max));
  push('memory: max RSS of each service process', Object.entries(r.memoryMb).map(([k, v]) => `${k} ${v.max}`).join(', ') + ' MB', '< 150 MB each', maxRss < 150);
  return t;
}

const pct = (x) => `${(x * 100).toFixed(1)}%`;

const CEILING_OF = { submit: 'pg-transaction', 'submit-to-arrival': 'jetstream-pub', track: 'fastify', worklist: 'fastify', search: 'fastify' };
const LABEL = {
  'pg-transaction': 'pg transaction (case + outbox row)',
  'nats-echo': 'NATS request-reply echo',
  'jetstream-pub': 'JetStream publish + ack',
  fastify: 'bare Fastify JSON handler',
  submit: '`POST /api/v1/cases` (agent)',
  'submit-to-arrival': 'submit → arrived at the town (latency)',
  track: '`GET /api/v1/track/{no}`',
  worklist: '`GET /api/v1/cases?unitCode=<town>`',
  search: '`GET /api/v1/catalogue/items?q=`',
};

function markdown(r) {
  const m = r.machine;
  const lines = [];
  lines.push(`# Benchmark ${r.date.slice(0, 16).replace('T', ' ')} UTC (${r.mode})`, '');
  lines.push(`Machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, ${m.os}; Node ${m.node}, PostgreSQL ${m.postgres}, NATS ${m.nats}; commit ${m.commit}.`);
  lines.push(`Distributed mode: each service and the gateway its own process, pool ${r.config.databasePoolSize} per service, log level ${r.config.logLevel}; ` +
    `loopback; closed loop, ${r.config.warmupMs / 1000} s warm-up discarded, ${r.config.durationMs / 1000} s measured per row; the load generator shares the machine.`);
  lines.push(`Data: ${r.load.cases.toLocaleString('en')} cases loaded in ${r.load.seconds} s (${r.load.casesPerSecond.toLocaleString('en')} cases/s, ${r.load.rowsPerSecond.toLocaleString('en')} rows/s: ` +
    `${Object.entries(r.load.rows).map(([t, n]) => `${t} ${n.toLocaleString('en')}`).join(', ')}); database ${r.load.databaseSize}. Run took ${r.durationS} s.`, '');
  lines.push('| path | conc. | req/s | p50 ms | p99 ms | errors | ceiling req/s (p50) | ratio |', '|---|---:|---:|---:|---:|---:|---|---:|');
  for (const [name, byLevel] of Object.entries(r.paths)) {
    for (const [lvl, x] of Object.entries(byLevel)) {
      const ce = r.ceilings[CEILING_OF[name]]?.[lvl];
      const ratio = name === 'submit-to-arrival' ? (ce && x.p50 ? `p50 ×${(x.p50 / ce.p50).toFixed(1)}` : '') : ce ? pct(x.throughput / ce.throughput) : '';
      lines.push(`| ${LABEL[name]} | ${lvl} | ${x.throughput ?? '–'} | ${x.p50 ?? '–'} | ${x.p99 ?? '–'} | ${x.errors} | ${ce ? `${CEILING_OF[name]}: ${ce.throughput} (${ce.p50})` : ''} | ${ratio} |`);
    }
  }
  lines.push('', 'Ceilings (the bare parts, same run):', '', '| ceiling | conc. | req/s | p50 ms | p99 ms | errors |', '|---|---:|---:|---:|---:|---:|');
  for (const [name, byLevel] of Object.entries(r.ceilings)) for (const [lvl, x] of Object.entries(byLevel)) lines.push(`| ${LABEL[name]} | ${lvl} | ${x.throughput} | ${x.p50} | ${x.p99} | ${x.errors} |`);
  lines.push('', 'Targets (reported, not asserted):', '', '| target | measured | goal | met |', '|---|---|---|---|');
  for (const t of r.targets) lines.push(`| ${t.target} | ${t.value} | ${t.goal} | ${t.met === null ? 'n/a' : t.met ? 'yes' : '**no**'} |`);
  lines.push('', `Memory (max RSS during the run, MB): ${Object.entries(r.memoryMb).map(([k, v]) => `${k} ${v.max}`).join(', ')}.`);
  lines.push('', `Worklist query (the cases repository's own SQL, ${r.explain.casesInScope.toLocaleString('en')} cases in scope): ${r.explain.summary}.`, '', '```', ...r.explain.plan, '```');
  if (r.problems.length) lines.push('', `Problems: ${r.problems.join('; ')}`);
  lines.push('');
  return lines.join('\n');
}

main().catch((err) => {
  log(`failed: ${err.stack ?? err}`);
  process.exitCode = 1;
}).finally(async () => {
  clearInterval(rssTimer);
  await cluster?.stop().catch(() => undefined);
  for (const name of [...children.keys()]) await stopChild(name).catch(() => undefined);
});
