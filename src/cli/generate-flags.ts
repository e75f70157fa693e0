/**
 * cli/generate-flags: `synthstream generate` argv → typed options, or a usage error.
 * Parsing only (node:util parseArgs, strict): files, plans and servers are checked later.
 */
import { parseArgs } from "node:util";
import type { Compression, FileFormat } from "../sink/sink-types.js";

/** The usage text, printed on any flag error (exit 2). */
export const GENERATE_USAGE = `usage: synthstream generate <plan-file|catalog-name> --out DIR --format parquet|arrow|csv|ndjson
         [--scale S | --rows N] [--seed N] [--tables a,b] [--workers N]
         [--partition-by COLUMN | --partition-by date:COLUMN] [--date-layout ymd|date]
         [--compression zstd|snappy|lz4|none] [--server URL] [--overwrite] [--quiet]

  --out DIR        output directory: DIR/<table>/part-00000.<ext> and DIR/_manifest.json.
                   With --format arrow, "--out -" (or no --out) writes one table's Arrow IPC stream to stdout.
  --rows N         pick the scale so the plan's largest table has N rows (others keep their proportion;
                   fixed-size tables keep their rows). Excludes --scale.
  --workers N      worker threads (default: CPU count); 0 generates on the main thread.
  --partition-by   Hive-style folders: COLUMN=value/, or by day of a date/timestamp column:
                   year=/month=/day=/ (--date-layout ymd, default) or date=YYYY-MM-DD/ (--date-layout date).
  --compression    Parquet codec, default zstd.
  --server URL     stream from a running synthstream service instead of generating in-process.
  --overwrite      replace existing output in DIR (refused otherwise).
  --quiet          print errors only.
`;

const FORMATS = ["parquet", "arrow", "csv", "ndjson"] as const;
const CODECS = ["zstd", "snappy", "lz4", "none"] as const;

/** Options of one generate run. */
export interface GenerateFlags {
  readonly plan: string;
  /** Output directory, or "-" for stdout. */
  readonly out: string;
  readonly format: FileFormat;
  readonly scale?: number | undefined;
  readonly rows?: number | undefined;
  readonly seed?: bigint | undefined;
  readonly tables: readonly string[];
  readonly workers?: number | undefined;
  readonly partitionBy?: string | undefined;
  readonly dateLayout: "ymd" | "date";
  readonly compression: Compression;
  readonly server?: string | undefined;
  readonly overwrite: boolean;
  readonly quiet: boolean;
}

/** A flag problem: the message goes before the usage text. */
export class UsageError extends Error {}

function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${name} must be one of ${allowed.join(", ")}, got "${value}"`);
}

function positive(
  name: string,
  text: string | undefined,
  integer: boolean,
  allowZero = false,
): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  const ok = Number.isFinite(n) && (allowZero ? n >= 0 : n > 0) && (!integer || Number.isSafeInteger(n));
  if (!ok || text.trim() === "")
    throw new UsageError(`--${name} must be a ${integer ? "whole " : ""}number > 0, got "${text}"`);
  return n;
}

/** Parses generate's argv. Throws UsageError. */
export function parseGenerateFlags(argv: string[]): GenerateFlags {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { values: v, positionals } = parsed;
  if (positionals.length !== 1)
    throw new UsageError(
      positionals.length === 0
        ? "missing <plan-file|catalog-name>"
        : `unexpected arguments: ${positionals.slice(1).join(" ")}`,
    );
  if (v.format === undefined) throw new UsageError("missing --format");
  const format = oneOf("format", v.format, FORMATS);
  const out = v.out ?? (format === "arrow" ? "-" : undefined);
  if (out === undefined) throw new UsageError("missing --out DIR");
  if (out === "-" && format !== "arrow") throw new UsageError("--out - (stdout) needs --format arrow");
  if (v.scale !== undefined && v.rows !== undefined)
    throw new UsageError("--scale and --rows exclude each other");
  if (v.seed !== undefined && !/^\d+$/.test(v.seed))
    throw new UsageError(`--seed must be a whole number >= 0, got "${v.seed}"`);
  if (v["date-layout"] !== undefined && v["partition-by"] === undefined)
    throw new UsageError("--date-layout needs --partition-by date:COLUMN");
  if (out === "-" && v["partition-by"] !== undefined) throw new UsageError("--partition-by needs --out DIR");
  return {
    plan: positionals[0]!,
    out,
    format,
    scale: positive("scale", v.scale, false),
    rows: positive("rows", v.rows, true),
    seed: v.seed === undefined ? undefined : BigInt(v.seed),
    tables: (v.tables ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== ""),
    workers: positive("workers", v.workers, true, true),
    partitionBy: v["partition-by"],
    dateLayout:
      v["date-layout"] === undefined
        ? "ymd"
        : oneOf("date-layout", v["date-layout"], ["ymd", "date"] as const),
    compression: v.compression === undefined ? "zstd" : oneOf("compression", v.compression, CODECS),
    server: v.server,
    overwrite: v.overwrite === true,
    quiet: v.quiet === true,
  };
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      out: { type: "string", short: "o" },
      format: { type: "string", short: "f" },
      scale: { type: "string" },
      rows: { type: "string" },
      seed: { type: "string" },
      tables: { type: "string" },
      workers: { type: "string" },
      "partition-by": { type: "string" },
      "date-layout": { type: "string" },
      compression: { type: "string" },
      server: { type: "string" },
      overwrite: { type: "boolean" },
      quiet: { type: "boolean", short: "q" },
    },
  });
}
