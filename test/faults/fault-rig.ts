import { LocalCluster, type LocalClusterOptions } from '@app/cluster';
import * as contracts from '@app/contracts';
import { waitFor } from '@app/testing';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { itemFixture } from '../support/catalogue-fixtures.js';
import { withCheckDigit } from '../support/id-numbers.js';
import { derivePermissions, natsUsers } from '../../deploy/tools/nats-permissions.mjs';

const ADMIN_PASSWORD = 'Fault-Suite-Secret-2026';
const DEMO_PASSWORD = 'Demo-Password-2026';
export const APPLICANT_ID = withCheckDigit('50011719800808123');

/** Items the fault tests file: one handled at the village itself, one travelling village → town → district. */
export const VILLAGE_ITEM = 'F-V';
export const DISTRICT_ITEM = 'F-D';

/** What a client saw for one Idempotency-Key. */
export interface Outcome {
  key: string;
  /** The case id of the first 201/200 (acknowledged), if any. */
  caseId?: string;
  statuses: number[];
  /** The answer was the replay of an earlier one (`idempotent-replayed: true`). */
  replayed?: boolean;
  /** The body (or error) of the last answer that was not an acknowledgement, for the report. */
  lastError?: string;
}

export interface Tally {
  submitted: number;
  acknowledged: number;
  stored: number;
  duplicates: number;
  lost: number;
  /** Retryable answers (503 problem+json, timeouts) the clients saw and retried. */
  retried: number;
  /** The submissions that were never acknowledged, with what their client saw. */
  unacknowledged: Outcome[];
}

/**
 * A fault test's cluster: its own folder, embedded PostgreSQL, 3-node NATS and processes (ports
 * distinct per test file), demo users, and the two test items. Clients file cases over HTTP like
 * a partner would: on a retryable answer (503, a cut connection) they retry with the same
 * Idempotency-Key until `retryForMs` is over.
 */
export class FaultRig {
  db!: pg.Client;
  private tokens = new Map<string, string>();
  readonly outcomes = new Map<string, Outcome>();

  private constructor(readonly cluster: LocalCluster) {}

  static async start(name: string, basePort: number, opts: Partial<LocalClusterOptions> = {}): Promise<FaultRig> {
    const workDir = join(tmpdir(), 'service-network-faults', name);
    const cluster = await LocalCluster.start({
      workDir,
      gatewayPort: basePort,
      pgPort: basePort + 1,
      natsBasePort: basePort + 10,
      output: 'files',
      fresh: true, // what a previous run left is killed (pid file), then its folders go
      // Each app as its own NATS user, with the Helm chart's subject permissions.
      natsPermissions: natsUsers(derivePermissions(contracts)).map(({ user, permissions }) => ({ user, permissions })),
      say: (line) => process.stdout.write(`[${name}] ${line}\n`),
      ...opts,
      env: {
        ADMIN_PASSWORD,
        DEMO_DATA: '1',
        CURSOR_SECRET: 'fault-suite-cursor-secret-000000000000000',
        LOG_LEVEL: 'info',
        // What a killed process held unacked comes back quickly.
        EVENTS_ACK_WAIT_MS: '3000',
        OUTBOX_RECONCILE_INTERVAL_S: '2',
        OUTBOX_POLL_INTERVAL_MS: '200',
        // Login is not what these tests measure.
        RATE_LIMIT_PER_IP: '100000',
        RATE_LIMIT_PER_ACCOUNT: '100000',
        ...opts.env,
      },
    });
    const rig = new FaultRig(cluster);
    try {
      rig.db = new pg.Client({ connectionString: cluster.databaseUrl });
      await rig.db.connect();
      rig.db.on('error', () => undefined); // a PostgreSQL restart cuts this connection; reconnect() replaces it
      await rig.createItems();
      return rig;
    } catch (err) {
      await rig.stop();
      throw err;
    }
  }

  async stop(): Promise<void> {
    await this.db?.end().catch(() => undefined);
    await this.cluster.stop();
  }

  /** A fresh connection for the counts (after PostgreSQL restarted). */
  async reconnect(): Promise<void> {
    await this.db.end().catch(() => undefined);
    this.db = new pg.Client({ connectionString: this.cluster.databaseUrl });
    this.db.on('error', () => undefined);
    await this.db.connect();
  }

  url(path: string): string {
    return `${this.cluster.gatewayUrl}${path}`;
  }

  async token(username: string, password = DEMO_PASSWORD): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const res = await fetch(this.url('/api/v1/auth/login'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
    if (res.status !== 200) throw new Error(`login of ${username}: ${res.status} ${await res.text()}`);
    const token = `Bearer ${((await res.json()) as { accessToken: string }).accessToken}`;
    this.tokens.set(username, token);
    return token;
  }

  private async createItems(): Promise<void> {
    const admin = await this.token('admin', ADMIN_PASSWORD);
    const noSteps = { steps: [], specialProcedures: [], materials: [], promisedDays: 0, legalDays: 0, category: 'convenience' as const };
    for (const [code, tier] of [
      [VILLAGE_ITEM, 'village'],
      [DISTRICT_ITEM, 'district'],
    ] as const) {
      const body = itemFixture(code, tier === 'village' ? { tier, ...noSteps } : { tier });
      const created = await fetch(this.url('/api/v1/catalogue/items'), { method: 'POST', headers: { 'content-type': 'application/json', authorization: admin }, body: JSON.stringify(body) });
      if (created.status !== 201) throw new Error(`creating ${code}: ${created.status} ${await created.text()}`);
      const published = await fetch(this.url(`/api/v1/catalogue/items/${code}/publish`), { method: 'POST', headers: { authorization: admin } });
      if (published.status !== 200) throw new Error(`publishing ${code}: ${published.status} ${await published.text()}`);
    }
    // Routing learns the items from catalogue's events: wait until it plans both.
    const agent = await this.token('gulou-v1.agent');
    const origin = await this.unitOf('gulou-v1.agent');
    await waitFor('routing to plan the test items', async () => {
      for (const code of [VILLAGE_ITEM, DISTRICT_ITEM]) {
        const res = await fetch(this.url(`/api/v1/routing/plan?itemCode=${code}&originUnitCode=${origin}`), { headers: { authorization: agent } });
        if (res.status !== 200) return false;
      }
      return true;
    }, 60_000);
  }

  private async unitOf(username: string): Promise<string> {
    const { rows } = await this.db.query('SELECT unit_code FROM identity.user_account WHERE username = $1', [username]);
    return rows[0].unit_code;
  }

  /**
   * Files one case with a fresh Idempotency-Key, retrying retryable failures with the same key
   * (as a partner system must) for up to `retryForMs`. Resolves with what the client saw.
   */
  async submit(key: string, opts: { agent?: string; itemCode?: string; retryForMs?: number } = {}): Promise<Outcome> {
    const agent = opts.agent ?? 'gulou-v1.agent';
    const outcome: Outcome = { key, statuses: [] };
    this.outcomes.set(key, outcome);
    const auth = await this.token(agent);
    const deadline = Date.now() + (opts.retryForMs ?? 60_000);
    for (;;) {
      let status = 0;
      try {
        const res = await fetch(this.url('/api/v1/cases'), {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: auth, 'idempotency-key': key },
          body: JSON.stringify({
            itemCode: opts.itemCode ?? VILLAGE_ITEM,
            applicant: { name: '钱七', idNumber: APPLICANT_ID, phone: '13600136000' },
            materials: opts.itemCode === DISTRICT_ITEM ? [{ code: 'M1', provided: true }, { code: 'M2', provided: true }] : [],
            proxy: { consent: true },
          }),
          signal: AbortSignal.timeout(15_000),
        });
        status = res.status;
        const text = await res.text();
        const body = (() => {
          try {
            return JSON.parse(text) as { id?: string };
          } catch {
            return {};
          }
        })();
        if ((status === 201 || status === 200) && body.id) {
          outcome.statuses.push(status);
          outcome.caseId = body.id;
          outcome.replayed = res.headers.get('idempotent-replayed') === 'true';
          return outcome;
        }
        outcome.lastError = text.slice(0, 500);
      } catch (err) {
        status = 0; // connection cut or timed out: the answer is unknown, so retry with the same key
        outcome.lastError = String(err);
      }
      outcome.statuses.push(status);
      const retryable = status === 0 || status === 503 || status === 409; // 409: the same key still in flight
      if (!retryable || Date.now() > deadline) return outcome;
      await new Promise((r) => setTimeout(r, 200 + Math.random() * 300));
    }
  }

  /** Files `n` cases with `concurrency` clients; a third of them travel to the district. */
  async load(prefix: string, n: number, concurrency: number, opts: { retryForMs?: number; onProgress?: (done: number) => void } = {}): Promise<Outcome[]> {
    const agents = ['gulou-v1.agent', 'gulou-v2.agent', 'qiantang-v1.agent', 'qiantang-v2.agent'];
    let next = 0;
    let done = 0;
    const results: Outcome[] = [];
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < n) {
          const i = next++;
          results.push(await this.submit(`${prefix}-${i}`, { agent: agents[i % agents.length], itemCode: i % 3 === 0 ? DISTRICT_ITEM : VILLAGE_ITEM, retryForMs: opts.retryForMs }));
          opts.onProgress?.(++done);
        }
      }),
    );
    return results;
  }

  /**
   * Counts by SQL: every acknowledged key must have exactly one case, and no key may have more
   * than one. `stored` counts the cases of these keys; `lost` the acknowledged keys without one.
   */
  async tally(prefix: string): Promise<Tally> {
    const mine = [...this.outcomes.values()].filter((o) => o.key.startsWith(`${prefix}-`));
    const acknowledged = mine.filter((o) => o.caseId);
    const { rows } = await this.db.query(
      `SELECT k.key, count(c.id)::int AS n, min(c.id::text) AS case_id
         FROM cases.idempotency_key k JOIN cases.case_file c ON c.id = k.case_id
        WHERE k.key LIKE $1 GROUP BY k.key`,
      [`${prefix}-%`],
    );
    const byKey = new Map(rows.map((r: { key: string; n: number; case_id: string }) => [r.key, r]));
    const stored = rows.reduce((s: number, r: { n: number }) => s + r.n, 0);
    const lost = acknowledged.filter((o) => byKey.get(o.key)?.case_id !== o.caseId).length;
    const duplicates = rows.reduce((s: number, r: { n: number }) => s + r.n - 1, 0);
    return {
      submitted: mine.length,
      acknowledged: acknowledged.length,
      stored,
      duplicates,
      lost,
      retried: mine.reduce((n, o) => n + o.statuses.length - 1, 0),
      unacknowledged: mine.filter((o) => !o.caseId),
    };
  }

  /**
   * Waits until every case of the prefix is where the bus should have taken it, then checks the
   * downstream copies: each case arrived at its handling unit with one arrival per hop (no hop
   * taken twice), the agents' workbench holds each case once, and no event was dead-lettered.
   */
  async downstream(prefix: string, timeoutMs = 180_000): Promise<{ cases: number; arrived: number; hopsTwice: number; workbench: number; deadLetters: number }> {
    const counts = async () => {
      const [c] = (
        await this.db.query(
          `SELECT count(*)::int AS cases,
                  count(*) FILTER (WHERE c.current_unit_code = c.handling_unit_code
                                     AND NOT EXISTS (SELECT 1 FROM cases.case_hop h WHERE h.case_id = c.id AND h.arrived_at IS NULL))::int AS arrived,
                  (SELECT count(*)::int FROM agents.agent_case a JOIN cases.idempotency_key k2 ON k2.case_id = a.case_id WHERE k2.key LIKE $1) AS workbench
             FROM cases.case_file c JOIN cases.idempotency_key k ON k.case_id = c.id
            WHERE k.key LIKE $1`,
          [`${prefix}-%`],
        )
      ).rows;
      return c as { cases: number; arrived: number; workbench: number };
    };
    try {
      await waitFor(`every ${prefix} case arrived and copied downstream`, async () => {
        const c = await counts();
        return c.arrived === c.cases && c.workbench === c.cases;
      }, timeoutMs, 500);
    } catch (err) {
      // Say what is stuck: the counts, and a few cases that did not arrive, with their hops and backlog.
      const { rows: stuck } = await this.db.query(
        `SELECT c.tracking_no, c.status, c.route, c.current_unit_code, (SELECT json_agg(h ORDER BY h.seq) FROM cases.case_hop h WHERE h.case_id = c.id) AS hops,
                EXISTS (SELECT 1 FROM agents.agent_case a WHERE a.case_id = c.id) AS on_workbench
           FROM cases.case_file c JOIN cases.idempotency_key k ON k.case_id = c.id
          WHERE k.key LIKE $1 AND (c.current_unit_code <> c.handling_unit_code OR EXISTS (SELECT 1 FROM cases.case_hop h WHERE h.case_id = c.id AND h.arrived_at IS NULL)
                OR NOT EXISTS (SELECT 1 FROM agents.agent_case a WHERE a.case_id = c.id))
          LIMIT 3`,
        [`${prefix}-%`],
      );
      throw new Error(`${(err as Error).message}; counts ${JSON.stringify(await counts())}; outbox backlog ${await this.backlog()}; e.g. ${JSON.stringify(stuck)}`);
    }
    const c = await counts();
    // A hop taken twice would show as more arrival/relay entries than the route has hops.
    const { rows: twice } = await this.db.query(
      `SELECT count(*)::int AS n FROM (
         SELECT c.id FROM cases.case_file c JOIN cases.idempotency_key k ON k.case_id = c.id
           LEFT JOIN cases.case_timeline t ON t.case_id = c.id AND t.action IN ('arrive', 'relay')
          WHERE k.key LIKE $1 GROUP BY c.id, c.route
         HAVING count(t.seq) <> greatest(cardinality(c.route) - 1, 1) -- one per hop; a case handled where it was filed arrives at once
             OR (SELECT count(*) FROM cases.case_hop h WHERE h.case_id = c.id) <> cardinality(c.route) - 1) x`,
      [`${prefix}-%`],
    );
    const { rows: dead } = await this.db.query(
      `SELECT (SELECT count(*) FROM cases.dead_letter) + (SELECT count(*) FROM agents.dead_letter) + (SELECT count(*) FROM routing.dead_letter) AS n`,
    );
    return { cases: c.cases, arrived: c.arrived, hopsTwice: twice[0].n, workbench: c.workbench, deadLetters: Number(dead[0].n) };
  }

  /** The outbox backlog of every service. */
  async backlog(): Promise<number> {
    const { rows } = await this.db.query(
      `SELECT (SELECT count(*) FROM cases.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM agents.outbox WHERE published_at IS NULL)
            + (SELECT count(*) FROM routing.outbox WHERE published_at IS NULL) + (SELECT count(*) FROM catalogue.outbox WHERE published_at IS NULL)
            + (SELECT count(*) FROM identity.outbox WHERE published_at IS NULL) AS n`,
    );
    return Number(rows[0].n);
  }
}

/** One line per fault test, in the same shape everywhere (RELIABILITY.md quotes them). */
export function report(name: string, t: Tally, extra: Record<string, number | string> = {}): void {
  const more = Object.entries(extra).map(([k, v]) => ` / ${k} ${v}`).join('');
  process.stdout.write(`[fault] ${name}: submitted ${t.submitted} / acknowledged ${t.acknowledged} / stored ${t.stored} / duplicates ${t.duplicates} / lost ${t.lost} / retried ${t.retried}${more}\n`);
  for (const o of t.unacknowledged) {
    process.stdout.write(`[fault]   not acknowledged: ${o.key} answers ${o.statuses.join(',')} last ${o.lastError ?? '-'}\n`);
  }
}

export function expectClean(t: Tally, downstream?: { cases: number; hopsTwice: number; workbench: number; deadLetters: number }): void {
  expect(t.lost).toBe(0);
  expect(t.duplicates).toBe(0);
  expect(t.acknowledged).toBe(t.submitted);
  expect(t.stored).toBe(t.acknowledged);
  if (downstream) {
    expect(downstream.cases).toBe(t.stored);
    expect(downstream.workbench).toBe(t.stored);
    expect(downstream.hopsTwice).toBe(0);
    expect(downstream.deadLetters).toBe(0);
  }
}
