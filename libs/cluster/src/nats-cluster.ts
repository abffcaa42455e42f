import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, openSync, closeSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProcessRegistry } from './process-registry.js';

export interface NatsClusterOptions {
  /** Folder for the configuration files, JetStream stores and logs. */
  dir: string;
  nodes: number;
  /** Client ports are base…base+n-1, cluster ports base+100…, monitoring base+200…. */
  basePort: number;
  /** The nats-server binary. */
  bin: string;
  registry: ProcessRegistry;
  /** Client users with their permissions (nats-server `authorization.users`); unset: no authentication. */
  users?: NatsUser[];
}

export interface NatsUser {
  user: string;
  password: string;
  permissions: Record<string, unknown>;
}

/** One nats-server of the cluster: started, killed, restarted and wiped by the tests. */
export class NatsNode {
  private child?: ChildProcess;
  readonly configPath: string;
  readonly storeDir: string;
  readonly logPath: string;

  constructor(
    readonly name: string,
    readonly port: number,
    readonly clusterPort: number,
    readonly monitorPort: number,
    private readonly peers: number[],
    private readonly opts: NatsClusterOptions,
  ) {
    this.configPath = join(opts.dir, `${name}.conf`);
    this.storeDir = join(opts.dir, name, 'jetstream');
    this.logPath = join(opts.dir, `${name}.log`);
  }

  get url(): string {
    return `nats://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running ? this.child!.pid : undefined;
  }

  writeConfig(): void {
    const routes = this.peers.map((p) => `"nats-route://127.0.0.1:${p}"`).join(', ');
    writeFileSync(
      this.configPath,
      [
        `server_name: ${this.name}`,
        `host: 127.0.0.1`,
        `port: ${this.port}`,
        `http: "127.0.0.1:${this.monitorPort}"`,
        `jetstream { store_dir: "${join(this.opts.dir, this.name)}", max_memory_store: 256MB, max_file_store: 4GB }`,
        // JSON is valid nats-server configuration syntax.
        this.opts.users ? `authorization: ${JSON.stringify({ users: this.opts.users })}` : '',
        this.opts.nodes > 1 ? `cluster { name: "service-network", host: 127.0.0.1, port: ${this.clusterPort}, routes: [${routes}] }` : '',
        '',
      ].join('\n'),
    );
  }

  start(): void {
    if (this.running) return;
    const fd = openSync(this.logPath, 'a');
    try {
      this.child = spawn(this.opts.bin, ['-c', this.configPath], { stdio: ['ignore', fd, fd], detached: true });
    } finally {
      closeSync(fd);
    }
    this.opts.registry.track(this.child, `nats ${this.name}`);
  }

  /** Sends the signal and waits until the server is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }

  /** Deletes the node's JetStream store (only while it is stopped). */
  wipe(): void {
    if (this.running) throw new Error(`stop ${this.name} before wiping its store`);
    rmSync(join(this.opts.dir, this.name), { recursive: true, force: true });
  }

  /** True when the node's /healthz is 200: it serves clients and JetStream has its meta leader. */
  async healthy(): Promise<boolean> {
    try {
      const res = await fetch(`http://127.0.0.1:${this.monitorPort}/healthz`, { signal: AbortSignal.timeout(1000) });
      return res.ok;
    } catch {
      return false;
    }
  }
}

/** A NATS cluster with JetStream from the machine's nats-server, on loopback ports. */
export class NatsCluster {
  readonly nodes: NatsNode[];

  constructor(private readonly opts: NatsClusterOptions) {
    mkdirSync(opts.dir, { recursive: true });
    const clusterPorts = Array.from({ length: opts.nodes }, (_, i) => opts.basePort + 100 + i);
    this.nodes = clusterPorts.map(
      (cp, i) => new NatsNode(`n${i + 1}`, opts.basePort + i, cp, opts.basePort + 200 + i, clusterPorts.filter((p) => p !== cp), opts),
    );
    for (const n of this.nodes) n.writeConfig();
  }

  /** Every node's client URL, comma separated (what NATS_URL takes). */
  get url(): string {
    return this.nodes.map((n) => n.url).join(',');
  }

  static binary(explicit?: string): string {
    const candidates = [explicit, ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'nats-server')), '/usr/sbin/nats-server', '/usr/local/bin/nats-server'];
    const found = candidates.find((c): c is string => !!c && existsSync(c));
    if (!found) throw new Error('nats-server was not found: install it (e.g. apt-get install nats-server), set NATS_SERVER_BIN, or set NATS_URL to use a running NATS');
    return found;
  }

  async start(timeoutMs = 30_000): Promise<void> {
    for (const n of this.nodes) n.start();
    await this.waitReady(timeoutMs);
  }

  /** Waits until every running node is healthy (JetStream meta leader elected; ~7 s after a full restart). */
  async waitReady(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const running = this.nodes.filter((n) => n.running);
      if (running.length > 0 && (await Promise.all(running.map((n) => n.healthy()))).every(Boolean)) return;
      if (Date.now() > deadline) throw new Error(`the NATS cluster was not ready within ${timeoutMs} ms (logs: ${this.opts.dir}/n*.log)`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.kill('SIGTERM')));
  }
}
