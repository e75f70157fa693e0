/**
 * shard: a table → addressable shards (large row ranges), one per Flight endpoint.
 * (plan, table, shardRows) → ordered, disjoint shards covering the table; each shard is
 * self-contained (any replica regenerates it from the plan alone) and streams as several batches.
 */
import { type CompiledPlan, type CompiledTable, tableOf } from "../compile/compiled-plan.js";
import { estimateRowBytes } from "./estimate-row-bytes.js";
import { clampRange, planBatches, type RowRange } from "./plan-batches.js";

/** Default rows per shard. */
export const DEFAULT_SHARD_ROWS = 1_048_576;

/** One shard of one table. */
export interface Shard {
  readonly table: string;
  /** Position in the table's shard list. */
  readonly index: number;
  readonly rowStart: number;
  readonly rowCount: number;
  /** Estimated Arrow body bytes of the shard (for FlightInfo.total_bytes and DescribePlan). */
  readonly estimatedBytes: number;
}

/** How to cut shards. */
export interface ShardOptions extends RowRange {
  /** Rows per shard; default 1,048,576. */
  readonly shardRows?: number | undefined;
  /** Projection, for the byte estimate only. */
  readonly columns?: readonly string[] | undefined;
}

/**
 * The shards of a table (by name or compiled table). An empty range gives one empty shard, so
 * every table has an endpoint whose stream still carries its schema.
 */
export function planShards(
  plan: CompiledPlan,
  table: string | CompiledTable,
  options: ShardOptions = {},
): Shard[] {
  const t = typeof table === "string" ? tableOf(plan, table) : table;
  const rowBytes = estimateRowBytes(plan, t, options.columns);
  const spans = planBatches(t.rows, options, options.shardRows ?? DEFAULT_SHARD_ROWS);
  if (spans.length === 0) spans.push({ rowStart: clampRange(t.rows, options).start, rowCount: 0 });
  return spans.map((s, index) => ({
    table: t.name,
    index,
    ...s,
    estimatedBytes: Math.round(s.rowCount * rowBytes),
  }));
}
