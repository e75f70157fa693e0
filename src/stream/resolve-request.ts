/**
 * stream: a StreamRequest → the tables it streams, each with its projection, rows and batch size.
 * Checks every name, range and cursor up front and throws one StreamRequestError listing every
 * problem, so a bad request fails before any worker task starts. Tables come in plan order.
 */
import type { CompiledTable } from "../compile/compiled-plan.js";
import { unknownName } from "../plan/did-you-mean.js";
import type { Violation } from "../plan/violation.js";
import { estimateRowBytes } from "../shard/estimate-row-bytes.js";
import { clampRange, defaultRowsPerBatch } from "../shard/plan-batches.js";
import { StreamRequestError } from "./stream-request-error.js";
import type { StreamRequest } from "./stream-types.js";

/** One table of a stream, resolved. */
export interface TableJob {
  readonly table: CompiledTable;
  /** The projection, or undefined for every column. */
  readonly columns: readonly string[] | undefined;
  /** Rows to send: [start, end), after clamping and resuming. */
  readonly start: number;
  readonly end: number;
  readonly rowsPerBatch: number;
  /** The stream's first table with derived batch sizes: start small, so the first batch is quick. */
  readonly rampUp: boolean;
}

/**
 * First batch sizes of a ramped table, before it settles at its rowsPerBatch. The first is small
 * (about a millisecond of work for wide rows) because it alone decides the time to first batch.
 */
const RAMP = [1024, 4096, 16384, 65536];

/** The table's batches, in row order: [rowStart, rowCount) spans covering [start, end). */
export function* jobBatches(job: TableJob): Generator<{ rowStart: number; rowCount: number }> {
  let i = 0;
  for (let r = job.start; r < job.end; ) {
    const size = job.rampUp && i < RAMP.length ? Math.min(RAMP[i]!, job.rowsPerBatch) : job.rowsPerBatch;
    const rowCount = Math.min(size, job.end - r);
    yield { rowStart: r, rowCount };
    r += rowCount;
    i++;
  }
}

const isCount = (n: number) => Number.isSafeInteger(n) && n >= 0;

function checkColumns(
  req: StreamRequest,
  tables: ReadonlyMap<string, CompiledTable>,
  out: Violation[],
): void {
  for (const [name, cols] of Object.entries(req.columns ?? {})) {
    const table = tables.get(name);
    if (table === undefined) {
      out.push({ path: `columns.${name}`, message: unknownName("table", name, tables.keys()) });
      continue;
    }
    const names = table.columns.map((c) => c.name);
    cols.forEach((c, j) => {
      if (!names.includes(c))
        out.push({ path: `columns.${name}[${j}]`, message: unknownName("column", c, names) });
      else if (cols.indexOf(c) !== j)
        out.push({ path: `columns.${name}[${j}]`, message: `column "${c}" is listed twice` });
    });
  }
}

function checkRange(req: StreamRequest, out: Violation[]): void {
  if (req.rowStart !== undefined && !isCount(req.rowStart))
    out.push({ path: "rowStart", message: `must be a non-negative integer, got ${req.rowStart}` });
  if (req.rowEnd !== undefined && !isCount(req.rowEnd))
    out.push({ path: "rowEnd", message: `must be a non-negative integer, got ${req.rowEnd}` });
  else if (req.rowEnd !== undefined && req.rowEnd < (req.rowStart ?? 0))
    out.push({ path: "rowEnd", message: `${req.rowEnd} is before rowStart ${req.rowStart}` });
  const rpb = req.rowsPerBatch;
  if (rpb !== undefined && rpb !== 0 && !(isCount(rpb) && rpb > 0))
    out.push({ path: "rowsPerBatch", message: `must be a positive integer, got ${rpb}` });
}

/** Selected tables in plan (dependency) order; records unknown and repeated names. */
function selectTables(req: StreamRequest, out: Violation[]): CompiledTable[] {
  const wanted = req.tables ?? [];
  const all = req.plan.tables;
  wanted.forEach((name, i) => {
    if (!all.some((t) => t.name === name))
      out.push({
        path: `tables[${i}]`,
        message: unknownName(
          "table",
          name,
          all.map((t) => t.name),
        ),
      });
    else if (wanted.indexOf(name) !== i)
      out.push({ path: `tables[${i}]`, message: `table "${name}" is listed twice` });
  });
  return wanted.length === 0 ? [...all] : all.filter((t) => wanted.includes(t.name));
}

/** Resolves a request, or throws StreamRequestError with every problem found. */
export function resolveRequest(req: StreamRequest): TableJob[] {
  const out: Violation[] = [];
  const selected = selectTables(req, out);
  checkColumns(req, new Map(req.plan.tables.map((t) => [t.name, t])), out);
  checkRange(req, out);
  const jobs: TableJob[] = selected.map((table) => {
    const cols = req.columns?.[table.name];
    const columns = cols === undefined || cols.length === 0 ? undefined : cols;
    const { start, end } = clampRange(table.rows, { start: req.rowStart, end: req.rowEnd });
    const rowsPerBatch = req.rowsPerBatch || defaultRowsPerBatch(estimateRowBytes(req.plan, table, columns));
    return { table, columns, start, end, rowsPerBatch, rampUp: false };
  });
  const resumed = req.resume === undefined ? jobs : resumeJobs(jobs, req.resume, out);
  if (out.length > 0) throw new StreamRequestError(out);
  // Only derived sizes ramp: a caller who set rows_per_batch gets exactly that batching.
  const first = resumed[0];
  if (first !== undefined && !req.rowsPerBatch) resumed[0] = { ...first, rampUp: true };
  return resumed;
}

/** Drops tables before the cursor's table and starts that one at the cursor's (absolute) row. */
function resumeJobs(
  jobs: TableJob[],
  resume: NonNullable<StreamRequest["resume"]>,
  out: Violation[],
): TableJob[] {
  const at = jobs.findIndex((j) => j.table.name === resume.table);
  const job = jobs[at];
  if (job === undefined) {
    out.push({ path: "resume.table", message: `table "${resume.table}" is not among the streamed tables` });
    return jobs;
  }
  const off = resume.rowOffset;
  if (!isCount(off) || off < job.start || off > job.end) {
    out.push({
      path: "resume.rowOffset",
      message: `must be a row in [${job.start}, ${job.end}] of "${job.table.name}", got ${off}`,
    });
    return jobs;
  }
  return [{ ...job, start: off }, ...jobs.slice(at + 1)];
}
