import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

interface Entry {
  pid: number;
  what: string;
}

/**
 * Every process the harness started, in memory and in a pid file: stopped when the harness
 * stops, SIGKILLed if the harness process exits without stopping them, and killed at the next
 * start if a previous run died before it could (a crashed test run leaves nothing behind for
 * long). A pid from the file is only killed while its command line still names the harness
 * folder, so a recycled pid is never hit.
 */
export class ProcessRegistry {
  private readonly live = new Map<number, { child?: ChildProcess; what: string }>();
  private readonly onExit = () => this.killAllNow();

  constructor(
    private readonly pidFile: string,
    /** A string every tracked process has in its command line (the harness folder). */
    private readonly marker: string,
  ) {
    process.on('exit', this.onExit);
  }

  /** Kills what a previous run of the same harness folder left running. */
  killLeftovers(extra: number[] = []): string[] {
    const killed: string[] = [];
    let previous: Entry[] = [];
    if (existsSync(this.pidFile)) {
      try {
        previous = JSON.parse(readFileSync(this.pidFile, 'utf8')) as Entry[];
      } catch {
        previous = [];
      }
    }
    for (const { pid, what } of [...previous, ...extra.map((pid) => ({ pid, what: 'postgres' }))]) {
      if (this.isOurs(pid)) {
        try {
          process.kill(pid, 'SIGKILL');
          killed.push(`${what} (${pid})`);
        } catch {
          // already gone
        }
      }
    }
    this.save();
    return killed;
  }

  track(child: ChildProcess, what: string): void {
    if (!child.pid) return;
    const pid = child.pid;
    this.live.set(pid, { child, what });
    this.save();
    child.once('exit', () => {
      this.live.delete(pid);
      this.save();
    });
  }

  /** A process started by someone else on our behalf (the embedded PostgreSQL); forget() when it stops. */
  trackPid(pid: number, what: string): void {
    this.live.set(pid, { what });
    this.save();
  }

  forget(pid: number): void {
    this.live.delete(pid);
    this.save();
  }

  pids(): { pid: number; what: string }[] {
    return [...this.live.entries()].map(([pid, e]) => ({ pid, what: e.what }));
  }

  /** Synchronous last resort (process exit): SIGKILL every live child. */
  killAllNow(): void {
    for (const [pid, { child }] of this.live.entries()) {
      try {
        if (child) child.kill('SIGKILL');
        else process.kill(pid, 'SIGKILL');
      } catch {
        // gone
      }
    }
  }

  dispose(): void {
    process.off('exit', this.onExit);
  }

  private isOurs(pid: number): boolean {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(this.marker);
    } catch {
      return false;
    }
  }

  private save(): void {
    writeFileSync(this.pidFile, JSON.stringify(this.pids()));
  }
}
