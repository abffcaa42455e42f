import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '@app/persistence';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { NatsCluster, type NatsUser } from './nats-cluster.js';
import { ProcessRegistry } from './process-registry.js';

/** The apps, in start order (gateway last). */
export const CLUSTER_APPS = ['identity', 'catalogue', 'routing', 'cases', 'agents', 'gateway'] as const;
export type ClusterApp = (typeof CLUSTER_APPS)[number];

export interface LocalClusterOptions {
  /** Folder for the pid file, logs, NATS stores and the embedded PostgreSQL. */
  workDir: string;
  /** An existing PostgreSQL; unset: an embedded one under workDir/postgres on `pgPort`. */
  databaseUrl?: string;
  pgPort?: number;
  /** An existing NATS; unset: a cluster of `natsNodes` nats-servers on loopback. */
  natsUrl?: string;
  natsNodes?: number;
  natsBasePort?: number;
  natsServerBin?: string;
  /**
   * Per-app NATS users with subject permissions (deploy/tools/nats-permissions.mjs derives them,
   * as for the Helm chart): each app connects as its own user with a generated password. Only with
   * the harness's own NATS cluster.
   */
  natsPermissions?: { user: string; permissions: Record<string, unknown> }[];
  gatewayPort: number;
  /** Instances per app (default: 2 of cases and routing, 1 of the others). */
  instances?: Partial<Record<ClusterApp, number>>;
  /** Extra environment of every app (ADMIN_PASSWORD, PERSONAL_DATA_KEY, tuning…). */
  env?: Record<string, string>;
  /** 'files': each process logs to workDir/logs/<id>.log; 'prefixed': to our stdout, line by line with its id. */
  output?: 'files' | 'prefixed';
  /** Progress lines of the harness itself. */
  say?: (line: string) => void;
  /** Called when an app exits that the harness did not stop (start:cluster stops everything then). */
  onUnexpectedExit?: (app: AppProcess, code: number | null, signal: NodeJS.Signals | null) => void;
  /** Start from nothing: after killing what a previous run left, delete its database, NATS stores and logs. */
  fresh?: boolean;
  /** Build folder (default: dist under the current directory). */
  distDir?: string;
  /**
   * First of the ports given to the bus services' health listeners (HEALTH_PORT), one per app
   * process in order; default the gateway's port + 50.
   */
  healthBasePort?: number;
}

/** One app instance as its own process: started, signalled and restarted by tests. */
export class AppProcess {
  private child?: ChildProcess;
  private stopping = false;
  readonly id: string;
  /** How the last run ended: code 0 after SIGTERM is a clean drain; a signal means it was killed. */
  lastExit?: { code: number | null; signal: NodeJS.Signals | null };

  constructor(
    readonly app: ClusterApp,
    readonly index: number,
    private readonly cluster: LocalCluster,
    /** Where it answers GET /health/live once started: its HEALTH_PORT listener, or the gateway's own port. */
    readonly livePort: number,
  ) {
    this.id = `${app}-${index + 1}`;
  }

  /**
   * Waits until this process has started (its /health/live answers), e.g. after start(): a test
   * that signals a process still loading its modules would see the signal's default action, not
   * the service's shutdown.
   */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (!this.running) throw new Error(`${this.id} exited (${JSON.stringify(this.lastExit)}); see ${this.cluster.logPath(this.id)}`);
      const ok = await fetch(`http://127.0.0.1:${this.livePort}/health/live`, { signal: AbortSignal.timeout(2000) }).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      if (Date.now() > deadline) throw new Error(`${this.id} did not start within ${timeoutMs} ms; see ${this.cluster.logPath(this.id)}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running ? this.child!.pid : undefined;
  }

  /** The process's exit (resolves at once when it is not running). */
  exited(): Promise<void> {
    if (!this.running) return Promise.resolve();
    return once(this.child!, 'exit').then(() => undefined);
  }

  start(extraEnv: Record<string, string> = {}): void {
    if (this.running) return;
    this.stopping = false;
    const health: Record<string, string> = this.app === 'gateway' ? {} : { HEALTH_PORT: String(this.livePort) };
    this.child = this.cluster.spawnApp(this, [], { ...health, ...extraEnv });
    this.child.once('exit', (code, signal) => {
      this.lastExit = { code, signal };
      if (!this.stopping) this.cluster.opts.onUnexpectedExit?.(this, code, signal);
    });
  }

  /** Sends a signal (SIGKILL: a crash; SIGTERM: a graceful stop) and waits for the exit. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    const exited = this.exited();
    this.child!.kill(signal);
    await exited;
  }

  /** SIGTERM, then SIGKILL after `graceMs`. */
  async stop(graceMs = 15_000): Promise<void> {
    if (!this.running) return;
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), graceMs);
    try {
      await this.kill('SIGTERM');
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * The whole network on this machine, every app its own process: PostgreSQL (given or embedded),
 * NATS (given, or a cluster of nats-servers with JetStream and streams at one replica per node),
 * several instances of the apps that scale out (queue groups; shared durables), the gateway in
 * front. `npm run start:cluster` and the fault tests (test/faults) both run on it.
 */
export class LocalCluster {
  readonly registry: ProcessRegistry;
  readonly processes: AppProcess[] = [];
  nats?: NatsCluster;
  private pg?: EmbeddedPostgresHandle;
  databaseUrl = '';
  natsUrl = '';
  private readonly dist: string;
  private readonly workDir: string;
  /** The NATS users the apps connect as (with natsPermissions). */
  natsUsers?: NatsUser[];

  private constructor(readonly opts: LocalClusterOptions) {
    this.workDir = resolve(opts.workDir);
    mkdirSync(join(this.workDir, 'logs'), { recursive: true });
    this.registry = new ProcessRegistry(join(this.workDir, 'pids.json'), this.workDir);
    this.dist = resolve(opts.distDir ?? 'dist');
  }

  static async start(opts: LocalClusterOptions): Promise<LocalCluster> {
    const cluster = new LocalCluster(opts);
    try {
      await cluster.boot();
      return cluster;
    } catch (err) {
      await cluster.stop().catch(() => undefined);
      throw err;
    }
  }

  private say(line: string): void {
    this.opts.say?.(line);
  }

  get gatewayUrl(): string {
    return `http://127.0.0.1:${this.opts.gatewayPort}`;
  }

  /** The environment every app gets. */
  get env(): Record<string, string> {
    return {
      DATABASE_URL: this.databaseUrl,
      NATS_URL: this.natsUrl,
      PORT: String(this.opts.gatewayPort),
      STREAM_REPLICAS: String(this.nats ? this.nats.nodes.length : 1),
      ...this.opts.env,
    };
  }

  instances(app: ClusterApp): AppProcess[] {
    return this.processes.filter((p) => p.app === app);
  }

  private async boot(): Promise<void> {
    const pgDir = join(this.workDir, 'postgres');
    const leftovers = this.registry.killLeftovers(postmasterPid(pgDir));
    if (leftovers.length) this.say(`killed what a previous run left behind: ${leftovers.join(', ')}`);
    if (leftovers.length) await new Promise((r) => setTimeout(r, 500));
    if (this.opts.fresh) {
      for (const d of ['postgres', 'nats', 'logs']) rmSync(join(this.workDir, d), { recursive: true, force: true });
      mkdirSync(join(this.workDir, 'logs'), { recursive: true });
    }

    if (this.opts.databaseUrl) {
      this.databaseUrl = this.opts.databaseUrl;
    } else {
      await this.startPostgres();
    }
    if (this.opts.natsUrl) {
      this.natsUrl = this.opts.natsUrl;
    } else {
      const nodes = this.opts.natsNodes ?? 3;
      this.nats = new NatsCluster({
        dir: join(this.workDir, 'nats'),
        nodes,
        basePort: this.opts.natsBasePort ?? 14222,
        bin: NatsCluster.binary(this.opts.natsServerBin),
        registry: this.registry,
        users: (this.natsUsers = this.opts.natsPermissions?.map((u) => ({ ...u, password: randomBytes(18).toString('base64url') }))),
      });
      this.say(`starting ${nodes} nats-server node(s) with JetStream on ports ${this.nats.nodes.map((n) => n.port).join(', ')}`);
      await this.nats.start();
      this.natsUrl = this.nats.url;
    }

    // Every schema first, one after the other, so the apps start on an up-to-date database.
    for (const app of CLUSTER_APPS.filter((a) => a !== 'gateway')) {
      const migrate = this.spawnApp({ id: `${app}-migrate`, app }, ['migrate'], {});
      const [code] = (await once(migrate, 'exit')) as [number | null];
      if (code !== 0) throw new Error(`migrating ${app} failed (exit ${code}); see ${this.logPath(`${app}-migrate`)}`);
    }
    const healthBase = this.opts.healthBasePort ?? this.opts.gatewayPort + 50;
    for (const app of CLUSTER_APPS) {
      const n = this.opts.instances?.[app] ?? (app === 'cases' || app === 'routing' ? 2 : 1);
      for (let i = 0; i < n; i++) {
        const livePort = app === 'gateway' ? this.opts.gatewayPort : healthBase + this.processes.length;
        this.processes.push(new AppProcess(app, i, this, livePort));
      }
    }
    for (const p of this.processes) p.start();
    this.say(`started ${this.processes.length} app processes (${this.processes.map((p) => p.id).join(', ')})`);
    await this.waitHealthy();
    this.say(`healthy: gateway on ${this.gatewayUrl}`);
  }

  private async startPostgres(): Promise<void> {
    const dir = join(this.workDir, 'postgres');
    this.pg = await startEmbeddedPostgres({ dir, port: this.opts.pgPort ?? 54339 });
    this.databaseUrl = this.pg.url;
    for (const pid of postmasterPid(dir)) this.registry.trackPid(pid, 'postgres');
  }

  /** Stops the embedded PostgreSQL (fast shutdown: sessions are cut, as in a restart). */
  async stopPostgres(): Promise<void> {
    if (!this.pg) throw new Error('the cluster runs on an external PostgreSQL; it cannot restart it');
    const pids = postmasterPid(join(this.workDir, 'postgres'));
    await this.pg.stop();
    for (const pid of pids) this.registry.forget(pid);
    this.pg = undefined;
  }

  async startPostgresAgain(): Promise<void> {
    await this.startPostgres();
  }

  /** Waits until the gateway's /health is 200: every service answers, with its database. */
  async waitHealthy(timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let last = '';
    for (;;) {
      try {
        const res = await fetch(`${this.gatewayUrl}/health`, { signal: AbortSignal.timeout(3000) });
        if (res.status === 200) return;
        last = `${res.status} ${(await res.text()).slice(0, 300)}`;
      } catch (err) {
        last = err instanceof Error ? err.message : String(err);
      }
      const dead = this.processes.filter((p) => !p.running);
      if (dead.length) throw new Error(`the cluster cannot become healthy: ${dead.map((d) => d.id).join(', ')} exited (see ${dead.map((d) => this.logPath(d.id)).join(', ')})`);
      if (Date.now() > deadline) throw new Error(`the cluster was not healthy within ${timeoutMs} ms: ${last} (logs: ${join(this.workDir, 'logs')})`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }

  logPath(id: string): string {
    return join(this.workDir, 'logs', `${id}.log`);
  }

  /**
   * @internal Spawns `node dist/apps/<app>/main.js`; the harness folder in argv marks it as ours.
   * Each in its own process group: a terminal's Ctrl-C reaches only the harness, which stops the
   * apps in order (a signal straight from the terminal and then ours would cut their drain short).
   */
  spawnApp(p: { id: string; app: ClusterApp }, args: string[], extraEnv: Record<string, string>): ChildProcess {
    const main = join(this.dist, 'apps', p.app, 'main.js');
    if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
    const natsUser = this.natsUsers?.find((u) => u.user === p.app);
    if (this.natsUsers && !natsUser) throw new Error(`no NATS user for ${p.app}`);
    const credentials: Record<string, string> = natsUser ? { NATS_USER: natsUser.user, NATS_PASSWORD: natsUser.password } : {};
    const env = { ...process.env, ...this.env, ...credentials, ...extraEnv };
    const argv = [main, ...args, `--harness=${this.workDir}`];
    let child: ChildProcess;
    if (this.opts.output === 'prefixed') {
      child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
      prefixLines(p.id, child.stdout!, process.stdout);
      prefixLines(p.id, child.stderr!, process.stderr);
    } else {
      const fd = openSync(this.logPath(p.id), 'a');
      try {
        child = spawn(process.execPath, argv, { env, stdio: ['ignore', fd, fd], detached: true });
      } finally {
        closeSync(fd);
      }
    }
    this.registry.track(child, p.id);
    return child;
  }

  /** Stops every app (SIGTERM, gateway first), then NATS and PostgreSQL. Safe to call twice. */
  async stop(): Promise<void> {
    const gateway = this.processes.filter((p) => p.app === 'gateway');
    await Promise.all(gateway.map((p) => p.stop()));
    await Promise.all(this.processes.filter((p) => p.app !== 'gateway').map((p) => p.stop()));
    await this.nats?.stop();
    if (this.pg) await this.stopPostgres().catch(() => undefined);
    this.registry.killAllNow();
    this.registry.dispose();
  }
}

function postmasterPid(pgDir: string): number[] {
  const file = join(pgDir, 'postmaster.pid');
  if (!existsSync(file)) return [];
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? [pid] : [];
}

function prefixLines(id: string, stream: NodeJS.ReadableStream, out: NodeJS.WritableStream): void {
  let buf = '';
  stream.on('data', (chunk: Buffer) => {
    buf += chunk.toString();
    const lines = buf.split('\n');
    buf = lines.pop()!;
    for (const l of lines) out.write(`${id.padEnd(11)} | ${l}\n`);
  });
}
