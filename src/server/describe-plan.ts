/**
 * server: DescribePlan — a compiled plan → per table its Arrow schema (IPC bytes and a readable
 * field list), rows, parents, shard layout and estimated bytes, in dependency order.
 * Pure: computed from the plan alone, without generating a row.
 */

import { create } from "@bufbuild/protobuf";
import { encodeSchema } from "../arrow/ipc.js";
import { META, tableSchema } from "../arrow/schema.js";
import type { CompiledPlan } from "../compile/compiled-plan.js";
import { EXPORT_KINDS, type ExportKind, renderExport } from "../export/index.js";
import {
  type DescribePlanResponse,
  DescribePlanResponseSchema,
} from "../gen/synthstream/v1/generator_service_pb.js";
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import { tableParents } from "../plan/validate-columns.js";
import { DEFAULT_SHARD_ROWS, planShards } from "../stream/index.js";

/** Describes `compiled` (from `plan`); `shardRows` 0 uses the default shard size. */
const MEDIA_TYPES: Readonly<Record<ExportKind, string>> = {
  dictionary: "application/json",
  "ddl-postgres": "application/sql",
  "ddl-duckdb": "application/sql",
  lineage: "application/json",
  mermaid: "text/vnd.mermaid",
};

export function describePlan(plan: Plan, compiled: CompiledPlan, shardRows: number): DescribePlanResponse {
  let total = 0;
  const tables = compiled.tables.map((t) => {
    const schema = tableSchema(compiled, t);
    const shards = planShards(compiled, t, { shardRows: shardRows > 0 ? shardRows : DEFAULT_SHARD_ROWS });
    const estimatedBytes = shards.reduce((n, s) => n + s.estimatedBytes, 0);
    total += estimatedBytes;
    return {
      name: t.name,
      rows: BigInt(t.rows),
      description: t.description,
      arrowSchema: encodeSchema(schema).bytes,
      fields: schema.fields.map((f) => ({
        name: f.name,
        arrowType: String(f.type),
        logicalType: f.metadata.get(META.type) ?? "",
        nullable: f.nullable,
        metadata: Object.fromEntries(f.metadata),
      })),
      dependsOn: tableParents(plan, t.name),
      shards: shards.map((s) => ({ rowStart: BigInt(s.rowStart), rowCount: BigInt(s.rowCount) })),
      estimatedBytes: BigInt(estimatedBytes),
      metadata: Object.fromEntries(schema.metadata),
    };
  });
  return create(DescribePlanResponseSchema, {
    name: compiled.name,
    planHash: compiled.planHash,
    seed: compiled.seed,
    scale: compiled.scale,
    tables,
    exports: EXPORT_KINDS.map((kind) => ({
      kind,
      mediaType: MEDIA_TYPES[kind],
      content: renderExport(compiled, kind),
    })),
    estimatedBytes: BigInt(total),
  });
}
