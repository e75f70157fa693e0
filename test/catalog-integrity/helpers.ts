/**
 * Test helpers for the catalog integrity suite: compile a catalog plan at a small scale, generate
 * it with the inline runner (a given batching), normalise each table's IPC stream to one batch
 * (so batchings compare byte for byte), and write Parquet files DuckDB can read.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { tableFromIPC } from "apache-arrow";
import { concatBatches } from "../../src/arrow/concat.js";
import { encodeStream } from "../../src/arrow/ipc.js";
import { tableDictionaries } from "../../src/arrow/stream-header.js";
import { loadCatalogPlan } from "../../src/catalog/catalog.js";
import { compilePlan } from "../../src/compile/compile-plan.js";
import { type CompiledPlan, tableOf } from "../../src/compile/compiled-plan.js";
import { formatViolation } from "../../src/plan/violation.js";
import { loadParquetWasm } from "../../src/sink/parquet-properties.js";
import { writeTables } from "../../src/sink/write-tables.js";
import { createInlineRunner, generateStream, type StreamChunk } from "../../src/stream/index.js";

/** Compiles a catalog plan, or throws with every violation. */
export async function compileCatalog(name: string, scale: number): Promise<CompiledPlan> {
  const load = await loadCatalogPlan(name);
  if (load.status !== "ok") throw new Error(`catalog plan ${name}: ${load.status}`);
  const c = compilePlan(load.plan, { scale });
  if (!c.ok) throw new Error(c.violations.map(formatViolation).join("\n"));
  return c.plan;
}

/** Every chunk of a whole-plan stream at `rowsPerBatch` (0 = the engine's default). */
export async function generateChunks(plan: CompiledPlan, rowsPerBatch: number): Promise<StreamChunk[]> {
  const out: StreamChunk[] = [];
  for await (const c of generateStream(createInlineRunner(), { plan, rowsPerBatch })) out.push(c);
  return out;
}

/** Each table's stream re-encoded as a single record batch: equal bytes = equal data and schema. */
export function normalisedBytes(plan: CompiledPlan, chunks: readonly StreamChunk[]): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const t of plan.tables) {
    const table = tableFromIPC(chunks.filter((c) => c.table === t.name).map((c) => c.bytes));
    const schema = table.schema;
    const batches = table.batches.length > 0 ? [concatBatches(schema, table.batches)] : [];
    out.set(t.name, encodeStream(schema, tableDictionaries(plan, tableOf(plan, t.name)), batches));
  }
  return out;
}

/** Writes the chunks as Parquet under a fresh temp dir: <dir>/<table>/part-00000.parquet. */
export async function writeParquet(plan: CompiledPlan, chunks: readonly StreamChunk[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `integrity-${plan.name}-`));
  async function* source() {
    yield* chunks;
  }
  await writeTables(source(), {
    dir,
    manifest: {
      plan: plan.name,
      planHash: plan.planHash,
      seed: plan.seed,
      scale: plan.scale,
      engineVersion: plan.engineVersion,
      format: "parquet",
      compression: "zstd",
      partitionBy: null,
      tables: Object.fromEntries(plan.tables.map((t) => [t.name, { rows: t.rows }])),
      startedAt: new Date().toISOString(),
    },
    sink: {
      format: "parquet",
      compression: "zstd",
      rowGroupRows: 65536,
      maxOpenPartitions: 1,
      wasm: await loadParquetWasm(),
    },
  });
  return dir;
}

/** A DuckDB connection with one view per table (in `schema`), reading the Parquet files. */
export async function openDuckDb(views: { dir: string; schema: string; plan: CompiledPlan }[]) {
  const instance = await DuckDBInstance.create(":memory:");
  const con = await instance.connect();
  for (const v of views) {
    await con.run(`CREATE SCHEMA IF NOT EXISTS ${v.schema}`);
    for (const t of v.plan.tables)
      await con.run(
        `CREATE VIEW ${v.schema}."${t.name}" AS SELECT * FROM read_parquet('${join(v.dir, t.name)}/*.parquet', file_row_number = true)`,
      );
  }
  const rows = async (sql: string) => (await con.runAndReadAll(sql)).getRowObjectsJS();
  const scalar = async (sql: string): Promise<number> => {
    const r = await rows(sql);
    const v = Object.values(r[0] ?? {})[0];
    return v === null || v === undefined ? Number.NaN : Number(v);
  };
  return { con, rows, scalar, close: () => con.closeSync() };
}
