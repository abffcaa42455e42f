#!/usr/bin/env node
// Derives each app's NATS permissions from the code, for the Helm chart's per-service users.
//
//   npm run build && node deploy/tools/nats-permissions.mjs           # print them (YAML)
//   npm run build && node deploy/tools/nats-permissions.mjs --write   # update deploy/helm/service-network/values.yaml
//
// test/deploy/nats-permissions.spec.ts fails when values.yaml differs from what this derives.
// What it reads (sources, not a running network):
//   - handlers: `@MessagePattern(XSubjects.key)` in apps/<app> -> the app subscribes to its own
//     request subjects (allowed as `v1.<app>.*`, answered through allow_responses);
//   - requests: every other `XSubjects.key` / `requestSubject(...)` reference in apps/<app>, and in
//     the lib files the app uses (the service bootstrap for every bus service; other lib files when
//     the app names one of their exports) -> publish allowed on exactly those subjects;
//   - events: a bus service publishes on its own stream's subjects only (streamFor);
//   - its stream: a bus service creates and updates its own stream (its outbox relay does);
//   - durable consumers: `consumers.register({ name, from })` -> `<app>-<name>` on from's stream,
//     with the JetStream API subjects that durable needs; of the producer's stream only INFO (a
//     consumer waits for a missing stream: libs/messaging/src/nats/jetstream.transport.ts).
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const repoRoot = resolve(here, '../..');
export const valuesPath = join(repoRoot, 'deploy/helm/service-network/values.yaml');

function walk(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = join(dir, d.name);
    if (d.isDirectory()) return d.name === 'migrations' ? [] : walk(p);
    return /\.ts$/.test(d.name) && !/\.(spec|int-spec|e2e-spec)\.ts$/.test(d.name) ? [p] : [];
  });
}

const SUBJECT_REF = /\b([A-Z][A-Za-z]*Subjects)\.([A-Za-z]+)(?:\(\s*([^)]*?)\s*\))?/g;
const REQUEST_SUBJECT = /\brequestSubject\(\s*([^,]+?)\s*,\s*COMMON_VERBS\.(\w+)\s*\)/g;

/** Subject references of one source file, split into handled and requested. */
function references(text, contracts, handledByFn) {
  const handled = new Set();
  const requested = new Set();
  const lines = text.split('\n');
  for (const line of lines) {
    const isHandler = /@MessagePattern\(/.test(line);
    for (const m of line.matchAll(SUBJECT_REF)) {
      const group = contracts[m[1]];
      if (!group || !(m[2] in group)) throw new Error(`unknown subject ${m[1]}.${m[2]} in: ${line.trim()}`);
      const entry = group[m[2]];
      let subjects;
      if (typeof entry === 'string') subjects = [entry];
      else if (typeof entry === 'function') {
        const literal = /^'([^']+)'$/.exec(m[3] ?? '');
        // A computed argument: every subject this function gives that some handler serves.
        subjects = literal ? [entry(literal[1])] : [...(handledByFn.get(`${m[1]}.${m[2]}`) ?? [])];
        if (!literal && isHandler) throw new Error(`handler with a computed subject: ${line.trim()}`);
        if (literal && isHandler) {
          const key = `${m[1]}.${m[2]}`;
          if (!handledByFn.has(key)) handledByFn.set(key, new Set());
          handledByFn.get(key).add(entry(literal[1]));
        }
      } else continue;
      for (const s of subjects) (isHandler ? handled : requested).add(s);
    }
    for (const m of line.matchAll(REQUEST_SUBJECT)) {
      const literal = /^'([a-z]+)'$/.exec(m[1]);
      const verb = contracts.COMMON_VERBS[m[2]];
      const services = literal ? [literal[1]] : contracts.SERVICES; // a variable: any service
      for (const s of services) (isHandler ? handled : requested).add(contracts.requestSubject(s, verb));
    }
  }
  return { handled, requested };
}

/** Relative-import closure of a file (the bootstrap every bus service runs). */
function closure(file, seen = new Set()) {
  if (seen.has(file) || !existsSync(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)) closure(resolve(dirname(file), `${m[1]}.ts`), seen);
  return seen;
}

const exportsOf = (text) => [...text.matchAll(/export\s+(?:async\s+)?(?:function|const|class)\s+(\w+)/g)].map((m) => m[1]);

/**
 * @param {object} contracts the compiled @app/contracts module (dist/libs/contracts/src/index.js) or its source
 * @returns {Record<string, {publish: string[], subscribe: string[], allowResponses: boolean, consumers: string[]}>}
 */
export function derivePermissions(contracts, root = repoRoot) {
  const consumersTs = readFileSync(join(root, 'libs/messaging/src/events/event-consumers.ts'), 'utf8');
  if (!consumersTs.includes('const durable = `${this.service}-${sub.name}`')) {
    throw new Error('libs/messaging names durable consumers differently now: update deploy/tools/nats-permissions.mjs');
  }
  const apps = readdirSync(join(root, 'apps'), { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== 'standalone' && existsSync(join(root, 'apps', d.name, 'main.ts')))
    .map((d) => d.name)
    .sort();
  const handledByFn = new Map();
  // First pass over every handler, so computed subjects (CasesSubjects.action(x)) can be expanded.
  for (const app of apps) for (const f of walk(join(root, 'apps', app))) references(readFileSync(f, 'utf8'), contracts, handledByFn);

  const bootstrap = closure(join(root, 'libs/runtime/src/start-service.ts'));
  const libFiles = readdirSync(join(root, 'libs')).flatMap((l) => walk(join(root, 'libs', l, 'src')));
  const libRequests = libFiles
    .map((f) => ({ f, text: readFileSync(f, 'utf8') }))
    .map(({ f, text }) => ({ f, exports: exportsOf(text), requested: references(text, contracts, handledByFn).requested }))
    .filter((l) => l.requested.size > 0);

  const result = {};
  for (const app of apps) {
    const files = walk(join(root, 'apps', app));
    const texts = files.map((f) => readFileSync(f, 'utf8'));
    const isBusService = readFileSync(join(root, 'apps', app, 'main.ts'), 'utf8').includes('runServiceMain');
    const handled = new Set();
    const requested = new Set();
    for (const t of texts) {
      const r = references(t, contracts, handledByFn);
      r.handled.forEach((s) => handled.add(s));
      r.requested.forEach((s) => requested.add(s));
    }
    for (const lib of libRequests) {
      const used = (isBusService && bootstrap.has(lib.f)) || lib.exports.some((name) => texts.some((t) => new RegExp(`\\b${name}\\b`).test(t)));
      if (used) lib.requested.forEach((s) => requested.add(s));
    }
    for (const s of handled) {
      if (s.split('.')[1] !== app) throw new Error(`${app} handles ${s}, a subject of another service`);
    }
    const consumers = [];
    for (const t of texts) {
      for (const m of t.matchAll(/\.register\(\{\s*name:\s*'([^']+)',\s*from:\s*'([^']+)'/g)) consumers.push({ durable: `${app}-${m[1]}`, stream: contracts.streamFor(m[2]).name });
    }
    const publish = new Set([...requested].sort());
    const subscribe = new Set(['_INBOX.>']);
    if (isBusService) {
      subscribe.add(`v1.${app}.*`);
      const own = contracts.streamFor(app);
      own.subjects.forEach((s) => publish.add(s));
      publish.add('$JS.API.INFO');
      // Its own stream: created and kept at the configured settings by its relay. The streams it
      // consumes from: looked at only (their producers create them; a consumer waits).
      for (const op of ['INFO', 'CREATE', 'UPDATE']) publish.add(`$JS.API.STREAM.${op}.${own.name}`);
      for (const st of new Set(consumers.map((c) => c.stream))) publish.add(`$JS.API.STREAM.INFO.${st}`);
      for (const c of consumers.sort((a, b) => a.durable.localeCompare(b.durable))) {
        publish.add(`$JS.API.CONSUMER.INFO.${c.stream}.${c.durable}`);
        publish.add(`$JS.API.CONSUMER.CREATE.${c.stream}.${c.durable}`);
        publish.add(`$JS.API.CONSUMER.CREATE.${c.stream}.${c.durable}.>`);
        publish.add(`$JS.API.CONSUMER.DURABLE.CREATE.${c.stream}.${c.durable}`);
        publish.add(`$JS.API.CONSUMER.MSG.NEXT.${c.stream}.${c.durable}`);
        publish.add(`$JS.ACK.${c.stream}.${c.durable}.>`);
      }
    } else if (handled.size > 0) {
      throw new Error(`${app} is not a bus service but handles ${[...handled].join(', ')}`);
    }
    result[app] = {
      publish: [...publish],
      subscribe: [...subscribe].sort(),
      allowResponses: isBusService,
      consumers: consumers.map((c) => c.durable).sort(),
    };
  }
  return result;
}

/** The NATS server's `authorization.users` entries (nats chart 1.x `config.merge`), passwords from env. */
export function natsUsers(perms) {
  return Object.entries(perms).map(([app, p]) => ({
    user: app,
    password: `<< $${app.toUpperCase()}_NATS_PASSWORD >>`,
    permissions: {
      publish: { allow: p.publish },
      subscribe: { allow: p.subscribe },
      ...(p.allowResponses ? { allow_responses: true } : {}),
    },
  }));
}

async function main() {
  const dist = join(repoRoot, 'dist/libs/contracts/src/index.js');
  if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first');
  const contracts = await import(pathToFileURL(dist).href);
  const users = natsUsers(derivePermissions(contracts));
  const { parseDocument, stringify } = await import('yaml');
  if (process.argv.includes('--write')) {
    const doc = parseDocument(readFileSync(valuesPath, 'utf8'));
    doc.setIn(['nats', 'config', 'merge', 'authorization', 'users'], doc.createNode(users));
    writeFileSync(valuesPath, doc.toString({ lineWidth: 0 }));
    process.stdout.write(`updated ${relative(process.cwd(), valuesPath)}\n`);
  } else {
    process.stdout.write(stringify({ users }, { lineWidth: 0 }));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
