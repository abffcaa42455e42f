#!/usr/bin/env node
// `npm run start:cluster`: every app as its own process on this machine, against NATS and
// PostgreSQL (DATABASE_URL and NATS_URL; defaults: the local servers; ADMIN_PASSWORD is needed
// for the first start, PERSONAL_DATA_KEY always). Output lines are prefixed with the app's name. Ctrl-C (or any app dying)
// stops them all; nothing is left behind.
import { spawn } from 'node:child_process';

const APPS = ['identity', 'catalogue', 'routing', 'cases', 'agents', 'gateway'];
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
};
const say = (line) => process.stdout.write(`[cluster] ${line}\n`);
say(`database ${env.DATABASE_URL.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')}, NATS ${env.NATS_URL}`);

const children = new Map();
let stopping = false;

function pipe(name, stream, out) {
  let buf = '';
  stream.on('data', (chunk) => {
    buf += chunk;
    const lines = buf.split('\n');
    buf = lines.pop();
    for (const l of lines) out.write(`${name.padEnd(9)} | ${l}\n`);
  });
}

function start(name, args = []) {
  const child = spawn(process.execPath, [`dist/apps/${name}/main.js`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  pipe(name, child.stdout, process.stdout);
  pipe(name, child.stderr, process.stderr);
  return child;
}

function stopAll(code) {
  if (stopping) return;
  stopping = true;
  say('stopping every app');
  for (const c of children.values()) c.kill('SIGTERM');
  const force = setTimeout(() => {
    for (const c of children.values()) c.kill('SIGKILL');
  }, 15_000);
  const wait = setInterval(() => {
    if (children.size === 0) {
      clearInterval(wait);
      clearTimeout(force);
      say('stopped');
      process.exit(code);
    }
  }, 100);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

// Migrate every schema first, one after the other, so the apps start on an up-to-date database.
for (const name of APPS.filter((a) => a !== 'gateway')) {
  const code = await new Promise((resolve) => start(name, ['migrate']).on('exit', resolve));
  if (code !== 0) {
    say(`migrating ${name} failed (exit ${code})`);
    process.exit(1);
  }
}
for (const name of APPS) {
  const child = start(name);
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping the others`);
      stopAll(1);
    }
  });
}
say(`started ${APPS.length} processes; gateway on http://localhost:${env.PORT ?? 3000}; Ctrl-C stops them all`);
