// A small closed-loop load generator: N workers each run `op` back to back for a bounded time.
// Operations that start during the warm-up, or end after the deadline, are not counted.
import { performance } from 'node:perf_hooks';

/** Percentile of a sorted array (nearest rank). */
export function percentile(sorted, q) {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function summarize(samplesMs) {
  const sorted = Float64Array.from(samplesMs).sort();
  const r = (x) => (x === null ? null : Math.round(x * 100) / 100);
  return {
    count: sorted.length,
    p50: r(percentile(sorted, 0.5)),
    p90: r(percentile(sorted, 0.9)),
    p99: r(percentile(sorted, 0.99)),
    max: r(sorted.length ? sorted[sorted.length - 1] : null),
  };
}

/**
 * @param {{ concurrency: number, warmupMs: number, durationMs: number, op: (worker: number, i: number) => Promise<unknown> }} o
 * `op` throws for a failed operation (e.g. a non-2xx answer); failures are counted, never timed.
 */
export async function runLoad({ concurrency, warmupMs, durationMs, op }) {
  const start = performance.now();
  const measureFrom = start + warmupMs;
  const deadline = measureFrom + durationMs;
  const samples = [];
  let errors = 0;
  let firstError;
  let seq = 0;
  const worker = async (w) => {
    while (performance.now() < deadline) {
      const t0 = performance.now();
      try {
        await op(w, seq++);
        const t1 = performance.now();
        if (t0 >= measureFrom && t1 <= deadline) samples.push(t1 - t0);
      } catch (err) {
        errors++;
        firstError ??= err instanceof Error ? err.message : String(err);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)));
  const s = summarize(samples);
  return { concurrency, throughput: Math.round((s.count / durationMs) * 1000 * 10) / 10, ...s, errors, firstError, window: { from: measureFrom, to: deadline } };
}
