/**
 * bench: timing and reporting helpers shared by the engine benchmarks.
 * A case runs `reps` timed repetitions after warm-up; figures are medians, printed as a table.
 */

/** One measured case: it processes `items` units per repetition (rows, cells). */
export interface BenchCase {
  /** Key of the figure in the final JSON line, e.g. "customers_rows_per_s". */
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** Does one repetition; returns the number of units produced. */
  run(): number;
}

/** A case's measured result. */
export interface BenchResult {
  readonly key: string;
  readonly label: string;
  readonly unit: string;
  /** Median units per second (wall clock) over the timed repetitions. */
  readonly perSecond: number;
  /** Median units per second of this process's CPU time: the figure to trust on a busy machine. */
  readonly perCpuSecond: number;
  readonly samples: readonly number[];
}

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Warms every case up, then runs `reps` rounds, each timing every case once. Interleaving keeps
 * the ratios between cases fair when the machine's load changes during the run.
 */
export function measureAll(cases: readonly BenchCase[], reps: number, warmup: number): BenchResult[] {
  for (const c of cases) for (let i = 0; i < warmup; i++) c.run();
  const wall = cases.map((): number[] => []);
  const cpu = cases.map((): number[] => []);
  for (let round = 0; round < reps; round++) {
    cases.forEach((c, k) => {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const items = c.run();
      const ns = Number(process.hrtime.bigint() - t0);
      const used = process.cpuUsage(c0);
      wall[k]!.push((items * 1e9) / ns);
      cpu[k]!.push((items * 1e6) / Math.max(1, used.user + used.system));
    });
  }
  return cases.map((c, k) => ({
    key: c.key,
    label: c.label,
    unit: c.unit,
    perSecond: median(wall[k]!),
    perCpuSecond: median(cpu[k]!),
    samples: wall[k]!,
  }));
}

/** `12.3 M` style figures. */
export function si(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(2)} G`;
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)} M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(1)} k`;
  return x.toFixed(1);
}

/** A plain-text table of results. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [
    r.label,
    `${si(r.perSecond)} ${r.unit}/s`,
    `${si(Math.min(...r.samples))}–${si(Math.max(...r.samples))}`,
    `${si(r.perCpuSecond)} ${r.unit}/cpu-s`,
  ]);
  const head = ["case", "median (wall)", "range (wall)", "median (cpu time)"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}
