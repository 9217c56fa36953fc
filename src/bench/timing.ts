/** Timing helpers: median of repeated runs after a warm-up. Benchmarks only; never used by tests. */

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
