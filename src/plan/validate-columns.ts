/**
 * validate: column rules — names, types, null rates, one known generator whose kind accepts the
 * type — and the table edges that foreign keys and lookups create.
 * Plan → violations appended to `out`, each with its field path. Never throws.
 */
import type { Plan } from "../gen/synthstream/v1/plan_pb.js";
import { kernelFor, kernelKinds } from "../kernels/registry.js";
import { unknownName } from "./did-you-mean.js";
import { generatorOf } from "./generator-kind.js";
import { parseLogicalType, typeText } from "./logical-type.js";
import { validateGenerator } from "./validate-generators.js";
import { checkNames } from "./validate-plan.js";
import { childPath, type Violation } from "./violation.js";

/** The tables a table references (per_parent, foreign keys), for dependency order and cycles. */
export function tableParents(plan: Plan, name: string): string[] {
  const t = plan.tables.find((x) => x.name === name);
  if (t === undefined) return [];
  const parents = new Set<string>();
  if (t.perParent !== undefined) parents.add(t.perParent.table);
  for (const c of t.columns) if (c.generator.case === "foreignKey") parents.add(c.generator.value.table);
  return [...parents];
}

/** Column-level violations for every table. */
export function validateColumns(plan: Plan, out: Violation[]): void {
  plan.tables.forEach((t, ti) => {
    const tp = childPath("tables", ti);
    checkNames(t.columns.map((c) => c.name), "column", (i) => childPath(childPath(tp, "columns"), i), out);
    t.columns.forEach((c, ci) => {
      const cp = childPath(childPath(tp, "columns"), ci);
      if (!(c.nullRate >= 0 && c.nullRate <= 1)) out.push({ path: childPath(cp, "null_rate"), message: `null rate must be in [0, 1], got ${c.nullRate}` });
      const gen = generatorOf(c);
      if (gen === undefined) {
        out.push({ path: cp, message: `column "${c.name}" has no generator (set one of ${kernelKinds().join(", ")})` });
        return;
      }
      const gp = childPath(cp, gen.kind);
      const kernel = kernelFor(gen.kind);
      if (kernel === undefined) {
        out.push({ path: gp, message: `generator "${gen.kind}" is not supported by this engine version` });
        return;
      }
      const type = c.type === "" ? kernel.naturalType(gen.params) : parseLogicalType(c.type);
      if (typeof type === "string") {
        out.push({ path: childPath(cp, "type"), message: type });
        return;
      }
      if (!kernel.accepts(type)) out.push({ path: childPath(cp, "type"), message: `type mismatch: generator "${gen.kind}" cannot produce ${typeText(type)}` });
      validateGenerator(plan, { table: t, column: c, kind: gen.kind, params: gen.params, type, path: gp }, out);
    });
  });
}

export { unknownName };
