/** Timing helpers: medians of repeated runs after warm-up. Benchmarks only; never used by tests. */

export async function medianMs(run: () => unknown | Promise<unknown>, repeats: number, warmup = 1): Promise<number> {
  for (let i = 0; i < warmup; i++) await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    await run();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

/** Median and quartiles (ms) of one column's timed runs, and the median CPU time of the process over a run. */
export interface Timing {
  median: number;
  q1: number;
  q3: number;
  /**
   * median of process.cpuUsage() (user + system) over a run: less sensitive to other processes than the wall
   * clock, but it includes V8's helper threads (concurrent GC, compilation), so it can exceed the wall time
   */
  cpuMedian: number;
  runs: number;
}

/** Quantile q of ascending values, linear between neighbours (numpy's default). */
function quantile(sorted: number[], q: number): number {
  const x = q * (sorted.length - 1);
  const lo = Math.floor(x);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo] + (x - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * Interleaved timing of synchronous columns: `warmup` untimed rounds, then `repeats` timed rounds; each round runs
 * every column once, in turn (round-robin), starting one column later each round so that no column always follows
 * the same one (whose garbage it would collect). A slow spell of the machine then falls on all columns alike,
 * and each column's median compares with the others'.
 */
export function interleavedTimings(columns: (() => unknown)[], repeats: number, warmup: number): Timing[] {
  const n = columns.length;
  const times: number[][] = columns.map(() => []);
  const cpu: number[][] = columns.map(() => []);
  for (let round = 0; round < warmup + repeats; round++) {
    for (let k = 0; k < n; k++) {
      const c = (round + k) % n;
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      columns[c]();
      const ms = performance.now() - t0;
      const used = process.cpuUsage(c0);
      if (round >= warmup) {
        times[c].push(ms);
        cpu[c].push((used.user + used.system) / 1000);
      }
    }
  }
  const ascending = (t: number[]) => [...t].sort((a, b) => a - b);
  return times.map((t, c) => {
    const sorted = ascending(t);
    return { median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75), cpuMedian: quantile(ascending(cpu[c]), 0.5), runs: t.length };
  });
}

export function formatMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

export function formatRate(voxels: number, ms: number): string {
  const perSecond = voxels / (ms / 1000);
  return perSecond >= 1e9 ? `${(perSecond / 1e9).toFixed(2)} G/s` : `${(perSecond / 1e6).toFixed(1)} M/s`;
}

/** Markdown table rows, for pasting into notes. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}
