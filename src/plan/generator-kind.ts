/**
 * plan: which generator a column names — the `generator` oneof of the proto Column.
 * Column message → (kind, proto-JSON params), so validation and compile read one shape.
 */
import { toJson } from "@bufbuild/protobuf";
import type { GeneratorParams } from "../compile/compiled-plan.js";
import { type Column, ColumnSchema } from "../gen/synthstream/v1/plan_pb.js";

/** The generator kind (proto field name, e.g. "foreign_key") and its params as proto JSON. */
export interface GeneratorRef {
  readonly kind: string;
  readonly params: GeneratorParams;
}

/** The proto field name of a oneof case ("foreignKey" → "foreign_key"). */
function snake(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The column's generator, or undefined when none is set. */
export function generatorOf(column: Column): GeneratorRef | undefined {
  const g = column.generator;
  if (g.case === undefined) return undefined;
  const kind = snake(g.case);
  const json = toJson(ColumnSchema, column, { useProtoFieldName: true }) as Record<string, unknown>;
  const params = (json[kind] ?? {}) as GeneratorParams;
  return { kind, params };
}
