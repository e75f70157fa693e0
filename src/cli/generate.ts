/**
 * cli/generate: `synthstream generate` — a plan → files (Parquet, Arrow IPC file, CSV, NDJSON),
 * optionally Hive-partitioned, with a manifest; or one table's Arrow IPC stream on stdout.
 * argv → exit code: 0 done, 1 run failed (I/O, server), 2 bad flags or plan, 130 interrupted.
 */
import { resolve } from "node:path";
import { tableSchema } from "../arrow/schema.js";
import { formatViolation, type Violation } from "../plan/violation.js";
import { OutputDirError, prepareOutputDir } from "../sink/output-dir.js";
import type { ParquetWasm } from "../sink/parquet-properties.js";
import { loadParquetWasm } from "../sink/parquet-properties.js";
import { type PartitionSpec, parsePartitionSpec, partitionProblem } from "../sink/partition.js";
import { writeTables } from "../sink/write-tables.js";
import { StreamRequestError } from "../stream/index.js";
import { GENERATE_USAGE, type GenerateFlags, parseGenerateFlags, UsageError } from "./generate-flags.js";

export { GENERATE_USAGE };

import { loadGeneratePlan } from "./generate-plan.js";
import { createProgress } from "./generate-progress.js";
import { type ChunkSource, embeddedSource, type SourceRequest, serverSource } from "./generate-source.js";
import { StdoutWriteError, writeStdoutStream } from "./generate-stdout.js";
import { formatSummary, type TableSummary } from "./generate-summary.js";
import type { CliIo } from "./io.js";

/** What generate needs from its caller; `isTTY` defaults to stderr's, `signal` aborts like SIGINT. */
export type GenerateIo = Pick<CliIo, "stdout" | "stderr"> &
  Partial<Pick<CliIo, "env" | "cwd">> & { readonly isTTY?: boolean; readonly signal?: AbortSignal };

/** Rows per Parquet row group: one file's writer, or each of many open partition writers. */
const ROW_GROUP_ROWS = 1 << 20;
const PARTITION_ROW_GROUP_ROWS = 1 << 17;
const MAX_OPEN_PARTITIONS = 64;

function printViolations(io: GenerateIo, violations: readonly Violation[]): number {
  for (const v of violations) io.stderr.write(`synthstream generate: ${formatViolation(v)}\n`);
  return 2;
}

/** Tables the run writes, in plan order; violations for unknown names. */
function selectTables(
  all: readonly string[],
  wanted: readonly string[],
): { tables: string[]; violations: Violation[] } {
  const violations = wanted
    .map((name, i) => ({ name, i }))
    .filter(({ name }) => !all.includes(name))
    .map(({ name, i }) => ({
      path: `tables[${i}]`,
      message: `unknown table "${name}" (tables: ${all.join(", ")})`,
    }));
  return { tables: wanted.length === 0 ? [...all] : all.filter((t) => wanted.includes(t)), violations };
}

/** Runs `synthstream generate`; returns the exit code. */
export async function runGenerate(argv: string[], io: GenerateIo): Promise<number> {
  let flags: GenerateFlags;
  try {
    flags = parseGenerateFlags(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`synthstream generate: ${e.message}\n${GENERATE_USAGE}`);
    return 2;
  }
  const cwd = io.cwd ?? process.cwd();
  const loaded = await loadGeneratePlan(flags.plan, cwd, flags);
  if (!loaded.ok) return printViolations(io, loaded.violations);
  const { compiled } = loaded;
  const { tables, violations } = selectTables(
    compiled.tables.map((t) => t.name),
    flags.tables,
  );
  if (violations.length > 0) return printViolations(io, violations);
  if (flags.out === "-" && tables.length !== 1) {
    io.stderr.write(
      `synthstream generate: stdout holds one Arrow stream; pick one table with --tables (plan has ${tables.join(", ")})\n`,
    );
    return 2;
  }
  let partition: PartitionSpec | undefined;
  if (flags.partitionBy !== undefined) {
    partition = parsePartitionSpec(flags.partitionBy, flags.dateLayout);
    const problems = tables.map((t) =>
      partitionProblem(partition!, tableSchema(compiled, compiled.tables.find((x) => x.name === t)!), t),
    );
    // Tables without the column are written unpartitioned; a column no table has is an error.
    if (problems.every((p) => p !== undefined))
      return printViolations(io, [{ path: "--partition-by", message: problems[0]! }]);
    const wrongType = problems.find((p) => p?.includes("not a date"));
    if (wrongType !== undefined) return printViolations(io, [{ path: "--partition-by", message: wrongType }]);
  }

  const ac = new AbortController();
  const onSigint = () => ac.abort(new Error("interrupted (SIGINT)"));
  process.once("SIGINT", onSigint);
  io.signal?.addEventListener("abort", onSigint, { once: true });
  const request: SourceRequest = {
    plan: loaded.plan,
    compiled,
    seed: flags.seed,
    scale: loaded.scale,
    tables,
    signal: ac.signal,
  };
  let source: ChunkSource | undefined;
  try {
    source =
      flags.server === undefined
        ? embeddedSource(request, flags.workers)
        : await serverSource(request, flags.server);
    if (flags.out === "-") {
      await writeStdoutStream(source.chunks, io.stdout);
      return 0;
    }
    return await writeFiles(flags, io, cwd, source, {
      compiled,
      tables,
      partition,
      signal: ac.signal,
      scale: loaded.scale,
    });
  } catch (e) {
    if (ac.signal.aborted) {
      io.stderr.write("synthstream generate: interrupted; partial output is marked complete: false\n");
      return 130;
    }
    if (e instanceof StreamRequestError) return printViolations(io, e.violations);
    // The reader closed the pipe (`| head`): it has what it wanted; stop quietly, as Unix tools do.
    if (e instanceof StdoutWriteError && e.code === "EPIPE") return 0;
    if (e instanceof StdoutWriteError) {
      io.stderr.write(`synthstream generate: ${e.message}${e.code === "ENOSPC" ? " (disk full)" : ""}\n`);
      return 1;
    }
    if (e instanceof OutputDirError) {
      io.stderr.write(`synthstream generate: ${e.message}\n`);
      return 1;
    }
    const code = (e as NodeJS.ErrnoException).code;
    const hint = code === "ENOSPC" ? " (disk full; unfinished files were removed)" : "";
    io.stderr.write(`synthstream generate: ${e instanceof Error ? e.message : String(e)}${hint}\n`);
    return 1;
  } finally {
    process.removeListener("SIGINT", onSigint);
    io.signal?.removeEventListener("abort", onSigint);
    await source?.close().catch(() => undefined);
  }
}

interface RunContext {
  readonly compiled: import("../compile/compiled-plan.js").CompiledPlan;
  readonly tables: readonly string[];
  readonly partition: PartitionSpec | undefined;
  readonly signal: AbortSignal;
  readonly scale: number | undefined;
}

async function writeFiles(
  flags: GenerateFlags,
  io: GenerateIo,
  cwd: string,
  source: ChunkSource,
  ctx: RunContext,
): Promise<number> {
  const dir = resolve(cwd, flags.out);
  await prepareOutputDir(dir, ctx.tables, flags.overwrite);
  const wasm: ParquetWasm | undefined = flags.format === "parquet" ? await loadParquetWasm() : undefined;
  const isTTY = io.isTTY ?? (io.stderr as { isTTY?: boolean }).isTTY === true;
  const progress = createProgress(io.stderr, { quiet: flags.quiet, isTTY });
  const rowsOf = new Map(ctx.compiled.tables.map((t) => [t.name, t.rows] as const));
  const summary: TableSummary[] = [];
  const started = new Map<string, number>();
  const t0 = performance.now();
  const partitioned = (table: string) =>
    ctx.partition !== undefined &&
    ctx.compiled.tables.find((t) => t.name === table)!.columns.some((c) => c.name === ctx.partition!.column);
  try {
    await writeTables(source.chunks, {
      dir,
      manifest: {
        plan: ctx.compiled.name,
        planHash: ctx.compiled.planHash,
        seed: ctx.compiled.seed,
        scale: ctx.compiled.scale,
        engineVersion: ctx.compiled.engineVersion,
        format: flags.format,
        compression: flags.format === "parquet" ? flags.compression : null,
        partitionBy: flags.partitionBy ?? null,
        tables: Object.fromEntries(ctx.tables.map((t) => [t, { rows: rowsOf.get(t) ?? 0 }])),
        startedAt: new Date().toISOString(),
      },
      sink: {
        format: flags.format,
        compression: flags.compression,
        partition: ctx.partition,
        partitionFor: partitioned,
        rowGroupRows: ctx.partition === undefined ? ROW_GROUP_ROWS : PARTITION_ROW_GROUP_ROWS,
        maxOpenPartitions: MAX_OPEN_PARTITIONS,
        wasm,
      },
      signal: ctx.signal,
      hooks: {
        onTableStart(table) {
          started.set(table, performance.now());
          progress.start(table, rowsOf.get(table) ?? 0);
        },
        onRows: (table, rows) => progress.add(table, rows),
        onTableEnd(table, files) {
          progress.end(table);
          const seconds = (performance.now() - (started.get(table) ?? t0)) / 1000;
          const rows = files.reduce((n, f) => n + f.rows, 0);
          summary.push({
            table,
            rows,
            files: files.length,
            bytes: files.reduce((n, f) => n + f.bytes, 0),
            seconds,
          });
        },
      },
    });
  } finally {
    progress.stop();
  }
  if (!flags.quiet) {
    io.stderr.write(formatSummary(summary, (performance.now() - t0) / 1000));
    io.stderr.write(`wrote ${dir}\n`);
  }
  return 0;
}
