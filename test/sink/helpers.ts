/**
 * Shared by the sink and generate tests: a small plan covering every logical type, an in-process
 * CLI runner that captures stdout/stderr, the engine's reference Arrow stream, DuckDB and pyarrow.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { DuckDBInstance } from "@duckdb/node-api";
import { concatBytes } from "../../src/arrow/ipc.js";
import { runGenerate } from "../../src/cli/generate.js";
import { compilePlan } from "../../src/compile/compile-plan.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { createInlineRunner, generateStream } from "../../src/stream/index.js";

export const ROOT = resolve(import.meta.dirname, "..", "..");
const run = promisify(execFile);

/** Every logical type, nulls, dictionary strings with commas and quotes, and a child table. */
export const SHOP_PLAN = `
name: shop
seed: 7
tables:
  - name: customers
    rows: 2500
    primary_key: id
    columns:
      - {name: id, sequence: {}}
      - {name: city, semantic: {kind: city}, null_rate: 0.1}
      - {name: tier, categorical: {values: [Bronze, "Sil,ver", "Go\\"ld", "multi\\nline"], weights: [6, 3, 1, 1]}}
      - {name: age, type: int32, number: {normal: {mean: 40, stddev: 12}, min: 18, max: 99}}
      - {name: balance, type: "decimal(12,2)", number: {lognormal: {mu: 5, sigma: 1}}, null_rate: 0.05}
      - {name: score, type: float64, number: {uniform: {min: -1, max: 1}}}
      - {name: ratio, type: float32, number: {uniform: {min: 0, max: 1}}}
      - {name: active, boolean: {probability: 0.8}}
      - {name: signup, type: date, temporal: {start: "2026-01-01", end: "2026-01-06"}}
      - {name: seen_at, type: timestamp, temporal: {start: "2026-01-01T00:00:00Z", end: "2026-01-03T00:00:00Z"}}
      - {name: uid, uuid: {}}
      - {name: email, semantic: {kind: email}}
  - name: events
    rows: 1200
    primary_key: event_id
    columns:
      - {name: event_id, sequence: {start: 100}}
      - {name: kind, categorical: {values: [view, click, buy]}}
      - {name: big, type: int64, number: {uniform: {min: -9000000000000, max: 9000000000000}}}
`;

/** A fresh temp directory. */
export function tempDir(prefix = "synthstream-gen-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes plan text into `dir` and returns its path. */
export function writePlan(dir: string, text = SHOP_PLAN, name = "shop.yaml"): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** Runs `generate` in-process; stdout is captured as bytes. */
export async function cli(argv: string[], opts: { cwd?: string; signal?: AbortSignal } = {}) {
  const out: Uint8Array[] = [];
  let err = "";
  const code = await runGenerate(argv, {
    stdout: {
      write: (b: string | Uint8Array) => out.push(typeof b === "string" ? new TextEncoder().encode(b) : b),
    },
    stderr: { write: (s: string) => (err += s) },
    isTTY: false,
    ...(opts.cwd === undefined ? {} : { cwd: opts.cwd }),
    ...(opts.signal === undefined ? {} : { signal: opts.signal }),
  });
  return { code, stdout: concatBytes(out), stderr: err };
}

/** The engine's own Arrow IPC stream of one table (the truth every file is checked against). */
export async function referenceStream(planText: string, table: string): Promise<Uint8Array> {
  const parsed = parsePlanText(planText);
  if (!parsed.ok) throw new Error("bad test plan");
  const compiled = compilePlan(parsed.plan);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.violations));
  const runner = createInlineRunner();
  const parts: Uint8Array[] = [];
  for await (const c of generateStream(runner, { plan: compiled.plan, tables: [table] })) parts.push(c.bytes);
  await runner.close();
  return concatBytes(parts);
}

/** Runs SQL in a fresh in-memory DuckDB and returns rows as JSON-safe objects. */
export async function duck(sql: string): Promise<Record<string, unknown>[]> {
  const db = await DuckDBInstance.create(":memory:");
  const conn = await db.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

/** The test venv's python (scripts/ensure-python.sh), or undefined when it cannot be built. */
export async function testPython(): Promise<string | undefined> {
  if (process.env.SYNTHSTREAM_SKIP_PYTHON === "1") return undefined;
  try {
    const { stdout } = await run("bash", [join(ROOT, "scripts/ensure-python.sh")], { timeout: 900_000 });
    return stdout.trim();
  } catch {
    return undefined;
  }
}

/** Runs test/sink/py/compare.py: pyarrow reads `file` as `format` and compares it to `reference`. */
export async function pyCompare(python: string, reference: string, format: string, files: string[]) {
  const script = join(ROOT, "test/sink/py/compare.py");
  const { stdout } = await run(python, [script, reference, format, ...files], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as { equal: boolean; rows: number; detail?: string };
}
