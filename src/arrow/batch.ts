/**
 * arrow: generateBatch — rows [rowStart, rowStart+rowCount) of one table → an Arrow RecordBatch.
 * Columns are computed on demand and cached per batch, so same-row dependencies (expressions,
 * templates) are built once and projections compute only what they need. Deterministic: the
 * batch is a pure function of (plan, table, rows, projection).
 */
import { type Data, makeData, RecordBatch, Struct } from "apache-arrow";
import { parentsOfRows } from "../compile/child-counts.js";
import { type CompiledPlan, type CompiledTable, columnOf, tableOf } from "../compile/compiled-plan.js";
import { applyDefects } from "../defects/apply-defects.js";
import { defectLabels } from "../defects/labels.js";
import type { BatchContext, Rows } from "../kernels/kernel.js";
import { requireKernel } from "../kernels/registry.js";
import { columnDictionary } from "./dictionaries.js";
import { withNulls } from "./nulls.js";
import { includesDefects, projectColumns, tableSchema } from "./schema.js";
import { unfilled } from "./values.js";
import type { ValuesPlacement } from "./values-placement.js";

const MAX_DEPTH = 64;

/** Memory for a column's values: a placed slot (its name, byte length), or undefined for fresh memory. */
type PlaceValues = (column: string, byteLength: number) => Uint8Array | undefined;

/** A batch context over one table and one row set. */
export function createBatchContext(
  plan: CompiledPlan,
  table: CompiledTable,
  rows: Rows,
  depth = 0,
  place?: PlaceValues,
): BatchContext {
  const cache = new Map<string, Data>();
  const building = new Set<string>();
  let innermost: string | undefined; // the column whose kernel is running now
  let parents: ReturnType<BatchContext["parents"]> | undefined;
  const ctx: BatchContext = {
    plan,
    table,
    rows,
    column(name) {
      const hit = cache.get(name);
      if (hit !== undefined) return hit;
      if (building.has(name)) throw new Error(`column "${name}" of "${table.name}" depends on itself`);
      building.add(name);
      const outer = innermost;
      innermost = name;
      const col = columnOf(table, name);
      const data = withNulls(requireKernel(col.kind).build(col, rows, ctx), col, rows);
      innermost = outer;
      building.delete(name);
      cache.set(name, data);
      return data;
    },
    valuesBuffer(byteLength) {
      return (innermost !== undefined && place?.(innermost, byteLength)) || unfilled(Uint8Array, byteLength);
    },
    foreign(tableName, column, at) {
      if (depth >= MAX_DEPTH) throw new Error(`lookups nest deeper than ${MAX_DEPTH} tables`);
      return createBatchContext(plan, tableOf(plan, tableName), at, depth + 1).column(column);
    },
    dictionary(col) {
      return columnDictionary(plan, table, col);
    },
    parents() {
      if (table.parent === undefined) throw new Error(`table "${table.name}" has no per_parent link`);
      parents ??= parentsOfRows(table.parent, rows.start, rows.count, rows.index);
      return parents;
    },
  };
  return ctx;
}

/** The rows kernels compute for output rows [start, start+count): bronze copies map to their clean row. */
function outputRows(table: CompiledTable, start: number, count: number): Rows {
  if (table.duplicates === undefined) return { start, count };
  const { parents, ordinals } = parentsOfRows(table.duplicates, start, count);
  return { start, count, index: parents, copies: ordinals };
}

/**
 * Generates one batch of a table, optionally projected to `columns` (in that order). With
 * `placement`, kernels that take ctx.valuesBuffer write straight into the message's body; the
 * values are the same either way.
 */
export function generateBatch(
  plan: CompiledPlan,
  tableName: string,
  rowStart: number,
  rowCount: number,
  columns?: readonly string[],
  placement?: ValuesPlacement,
): RecordBatch {
  const table = tableOf(plan, tableName);
  const cols = projectColumns(table, columns);
  const schema = tableSchema(plan, table, columns);
  const rows = outputRows(table, rowStart, rowCount);
  // Only a column built for its own place, without a validity bitmap or defects rewriting it,
  // can have its values laid where the body will hold them.
  let current = -1;
  const place: PlaceValues | undefined =
    placement === undefined || table.defects !== undefined
      ? undefined
      : (name, n) => {
          const col = cols[current];
          return col?.name === name && col.nullRate <= 0 ? placement.take(current, n) : undefined;
        };
  const ctx = createBatchContext(plan, table, rows, 0, place);
  const children = cols.map((c, i) => {
    current = i;
    const data =
      table.defects === undefined ? ctx.column(c.name) : applyDefects(c, ctx.column(c.name), rows, table);
    current = -1;
    placement?.done(i, data);
    return data;
  });
  if (includesDefects(table, columns))
    children.push(defectLabels(table, rows, (name, i) => ctx.column(name).getValid(i)));
  const data = makeData({ type: new Struct(schema.fields), length: rowCount, nullCount: 0, children });
  return new RecordBatch(schema, data);
}
