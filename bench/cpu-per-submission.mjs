#!/usr/bin/env node
// `npm run bench:cpu` (build, then this): how much CPU one filing costs, and where. Starts the
// network on the cluster harness (libs/cluster: 3-node NATS, embedded PostgreSQL, two instances
// of cases and routing, demo data) in a folder of its own, files N cases one after the other as
// an agent, waits until the downstream work is done, and reads the CPU time of every process from
// /proc (apps, nats-servers, PostgreSQL's backends) before and after. Linux only.
//   node bench/cpu-per-submission.mjs [--n 300] [--dir $TMPDIR/bench-cpu]
// Where `npm run bench` says how fast, this says what a filing costs the machine in CPU: at
// concurrency 1 nothing is batched, so it is the upper bound of the per-filing work.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalCluster } from '../dist/libs/cluster/src/index.js';
import * as contracts from '../dist/libs/contracts/src/index.js';
import { derivePermissions, natsUsers } from '../deploy/tools/nats-permissions.mjs';

const argv = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const N = Number(opt('n', 300));
const WORK_DIR = opt('dir', join(tmpdir(), 'bench-cpu'));
const DEMO_PASSWORD = 'Demo-Password-2026';
const say = (line) => process.stderr.write(`[bench:cpu] ${line}\n`);
if (process.platform !== 'linux') throw new Error('reads /proc: Linux only');

const TICK_MS = 10; // USER_HZ is 100 on Linux
function cpuTicks(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return { ppid: 0, ticks: 0 };
  }
}

/** CPU ticks per group: each app process, each nats-server, and all of PostgreSQL's backends together. */
function sample(pids) {
  const out = {};
  const postgres = pids.find((p) => p.what === 'postgres')?.pid;
  for (const p of pids) if (p.what !== 'postgres') out[p.what] = cpuTicks(p.pid).ticks;
  out['postgres (all backends)'] = 0;
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    const s = cpuTicks(d);
    if (Number(d) === postgres || s.ppid === postgres) out['postgres (all backends)'] += s.ticks;
  }
  return out;
}

const cluster = await LocalCluster.start({
  workDir: WORK_DIR,
  gatewayPort: Number(opt('port', 33900)),
  pgPort: 33901,
  natsBasePort: 33910,
  output: 'files',
  fresh: true,
  env: { DEMO_DATA: '1', CURSOR_SECRET: 'bench-cpu-local-cursor-secret-000000000000', LOG_LEVEL: 'warn' },
  natsPermissions: natsUsers(derivePermissions(contracts)).map(({ user, permissions }) => ({ user, permissions })),
  say,
});
try {
  const base = cluster.gatewayUrl;
  const json = async (res) => {
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
    return res.json();
  };
  const { accessToken } = await json(await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'gulou-v1.agent', password: DEMO_PASSWORD }) }));
  const auth = { authorization: `Bearer ${accessToken}` };
  const { items } = await json(await fetch(`${base}/api/v1/catalogue/items?tier=town&limit=100`, { headers: auth }));
  const item = items.find((i) => i.proxyEligible);
  if (!item) throw new Error('no proxy-eligible town item in the demo catalogue');
  const body = JSON.stringify({
    itemCode: item.code,
    applicant: { name: '张三', idNumber: '500117199001010019', phone: '13800138000' },
    materials: item.materials.map((m) => ({ code: m.code, provided: true })),
    proxy: { consent: true },
  });
  const file = async (key) => {
    const started = performance.now();
    await json(await fetch(`${base}/api/v1/cases`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': key }, body }));
    return performance.now() - started;
  };
  const backlog = async () => {
    const { default: pg } = await import('pg');
    const db = new pg.Client({ connectionString: cluster.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT (SELECT count(*) FROM cases.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM agents.outbox WHERE published_at IS NULL) AS n`);
      return Number(rows[0].n);
    } finally {
      await db.end();
    }
  };
  const settle = async () => {
    await new Promise((r) => setTimeout(r, 2000));
    while ((await backlog()) > 0) await new Promise((r) => setTimeout(r, 500));
    await new Promise((r) => setTimeout(r, 1000));
  };

  // A fresh network: routing's copy of the catalogue is still filling from the events (503).
  for (let deadline = Date.now() + 60_000; ; ) {
    const res = await fetch(`${base}/api/v1/cases`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json', 'idempotency-key': `first-${Date.now()}` }, body });
    if (res.ok) break;
    if (res.status !== 503 || Date.now() > deadline) throw new Error(`${res.status} ${await res.text()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  say(`warming up (50 filings of ${item.code})`);
  for (let i = 0; i < 50; i++) await file(`warm-${i}`);
  await settle();
  const pids = JSON.parse(readFileSync(join(WORK_DIR, 'pids.json'), 'utf8'));
  const idleStart = sample(pids);
  await new Promise((r) => setTimeout(r, 5000));
  const idleEnd = sample(pids);
  const before = sample(pids);
  say(`filing ${N} cases one after the other`);
  const started = performance.now();
  const latencies = [];
  for (let i = 0; i < N; i++) latencies.push(await file(`cpu-${i}-${Date.now()}`));
  const wallMs = performance.now() - started;
  await settle(); // the relay and the consumers finish what the filings started
  const settledMs = performance.now() - started;
  const after = sample(pids);

  latencies.sort((a, b) => a - b);
  const rows = Object.keys(after).map((k) => {
    const idlePerMs = (idleEnd[k] - idleStart[k]) / 5000;
    const ms = Math.max(0, (after[k] - before[k] - idlePerMs * settledMs) * TICK_MS) / N;
    return [k, ms];
  });
  const total = rows.reduce((s, [, ms]) => s + ms, 0);
  const lines = [
    `CPU per filing, concurrency 1, ${N} filings of ${item.code} (village → town), idle CPU subtracted:`,
    '',
    '| process | ms CPU per filing | share |',
    '|---|---:|---:|',
    ...rows.sort((a, b) => b[1] - a[1]).map(([k, ms]) => `| ${k} | ${ms.toFixed(2)} | ${((100 * ms) / total).toFixed(0)}% |`),
    `| **total** | **${total.toFixed(2)}** | |`,
    '',
    `${(N / (wallMs / 1000)).toFixed(1)} filings/s; p50 ${latencies[Math.floor(N / 2)].toFixed(1)} ms, p99 ${latencies[Math.floor(N * 0.99)].toFixed(1)} ms.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await cluster.stop();
}
