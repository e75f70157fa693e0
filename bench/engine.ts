/**
 * bench: `npm run bench:engine` — single-thread engine throughput, side by side with naive faker.
 * Prints a table of medians, then ONE final line of JSON with the named figures.
 * Cases live in cases.ts, each run in a process of its own (report.ts measureForked); derived
 * ratios are computed in `figures`.
 */
import { availableParallelism, loadavg } from "node:os";
import { BATCH, benchCases } from "./cases.js";
import { type BenchResult, formatTable, measureForked } from "./report.js";

const REPS = Number(process.env.BENCH_REPS ?? 5);

/** Named figures for the JSON line, including derived ratios. */
function figures(results: readonly BenchResult[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) out[r.key] = Math.round(r.perSecond);
  const c = out.customers_rows_per_s;
  const cpu = Object.fromEntries(
    results.map((r) => [r.key.replace(/_per_s$/, "_per_cpu_s"), Math.round(r.perCpuSecond)]),
  );
  const f = out.faker_naive_rows_per_s;
  if (c !== undefined && f !== undefined && f > 0) out.customers_vs_faker = Math.round((c / f) * 10) / 10;
  // The numeric figure in units of this machine's speed at that moment (the naive faker-js rate,
  // measured in the same rounds): it holds still while this shared VM's speed swings 2×.
  const n = out.numeric_cells_per_s;
  if (n !== undefined && f !== undefined && f > 0) out.numeric_cells_per_faker_row = Math.round(n / f);
  // CPU-time figures follow: on a shared machine they show what one uncontended core would do.
  return { ...out, ...cpu };
}

async function main(): Promise<void> {
  const results = await measureForked(benchCases(), REPS, 2);
  console.log(
    `synthstream engine bench — ${REPS} reps (median), batch ${BATCH} rows, one thread, node ${process.version}, ` +
      `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores\n`,
  );
  console.log(formatTable(results));
  const figs = figures(results);
  if (figs.customers_vs_faker !== undefined)
    console.log(`\ncustomers vs naive faker: ${figs.customers_vs_faker}×`);
  console.log(JSON.stringify(figs));
}

await main();
