/**
 * The PySpark Python Data Source (clients/python/synthstream_client/spark_source.py) against an
 * in-process server on port 0: Spark local[2] reads one partition per Flight endpoint, and the
 * result equals the single Flight stream column by column; a Spark SQL aggregate equals DuckDB's.
 * Needs the test venv (scripts/ensure-python.sh) and Java 17+; a missing Java fails, not skips.
 * SYNTHSTREAM_SKIP_PYTHON=1 skips this file, like the other Python tests.
 */
import { execFile } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/create-server.js";
import { startServer } from "../server/helpers.js";

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, "..", "..");
const SCRIPT = resolve(import.meta.dirname, "py", "spark_check.py");

/** The Java major version PySpark will start (JAVA_HOME first, as spark-submit does). */
async function javaMajor(): Promise<number> {
  const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, "bin", "java") : "java";
  let out = "";
  try {
    const { stdout, stderr } = await run(java, ["-version"]);
    out = stderr + stdout;
  } catch (e) {
    throw new Error(
      `Spark needs Java 17+, but "${java} -version" failed (${(e as Error).message}); ` +
        "install it (apt-get install openjdk-17-jre-headless) or set JAVA_HOME",
    );
  }
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  const major = m?.[1] === "1" ? Number(m[2]) : Number(m?.[1]);
  if (!(major >= 17)) throw new Error(`Spark 4 needs Java 17+, found: ${out.split("\n")[0]}`);
  return major;
}

// biome-ignore lint/suspicious/noExplicitAny: JSON findings from the Python driver, asserted field by field.
type Json = Record<string, any>;

describe.skipIf(process.env.SYNTHSTREAM_SKIP_PYTHON === "1")("Spark Python Data Source over Flight", () => {
  let python = "";
  let server: RunningServer;

  beforeAll(async () => {
    await javaMajor();
    // Builds the venv on first use (minutes); later runs only print its path.
    const { stdout } = await run("bash", [join(ROOT, "scripts", "ensure-python.sh")], { timeout: 900_000 });
    python = stdout.trim();
    server = await startServer({ workers: 0 });
  }, 900_000);

  afterAll(async () => {
    await server?.shutdown();
  });

  it("reads one partition per endpoint, equals the single stream, and answers SQL like DuckDB", async () => {
    const { stdout } = await run(python, [SCRIPT, `grpc://127.0.0.1:${server.port}`], {
      cwd: ROOT,
      maxBuffer: 16 << 20,
      timeout: 240_000,
    });
    const out = JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as Json;
    console.info("spark_check.py seconds:", JSON.stringify(out.seconds));

    expect(out.spark_version).toMatch(/^4\./);
    expect(out.endpoints).toBe(4);
    expect(out.partitions).toBe(out.endpoints);
    expect(out.rows_per_partition).toEqual(out.endpoint_rows);
    expect(out.in_row_order).toBe(true);
    expect(out.single_rows).toBeGreaterThan(90_000);
    expect(out.rows).toBe(out.single_rows);
    // Dictionary columns arrive as strings, decimals and UTC timestamps keep their types.
    expect(out.spark_schema).toContain("status:string");
    expect(out.spark_schema).toContain("total:decimal(12,2)");
    expect(out.spark_schema).toContain("ordered_at:timestamp");
    expect(Object.keys(out.columns_equal)).toHaveLength(12);
    for (const [name, equal] of Object.entries(out.columns_equal)) expect(equal, name).toBe(true);

    expect(out.sql_rows.map((r: string[]) => r[0])).toEqual([
      "cancelled",
      "delivered",
      "processing",
      "returned",
      "shipped",
    ]);
    expect(out.sql_equals_duckdb).toBe(true);

    expect(out.inline_columns).toEqual(["city", "id"]);
    expect(out.inline_rows).toBe(2500);
    expect(out.inline_equal).toBe(true);
    expect(out.typed_schema).toBe("struct<total:decimal(12,2),order_id:bigint,item_count:int>");
    expect(out.typed_rows).toBeGreaterThan(0);
    expect(out.typed_equal).toBe(true);
    expect(out.bad_table).toMatch(/not found error/);
    expect(out.bad_table).toMatch(/unknown table "no_such_table"/);

    const rows = await server.metrics.rowsStreamed.get();
    const flightRows = rows.values.find((v) => v.labels.transport === "flight")?.value ?? 0;
    expect(flightRows).toBeGreaterThanOrEqual(3 * out.rows);
    expect((await server.metrics.activeStreams.get()).values[0]?.value).toBe(0);
  }, 300_000);
});
