/**
 * compile: the order a table's columns compile in — every column after the same-table columns it
 * reads (expressions, templates, lookups through a foreign key), so kernels can see their
 * dependencies' compiled types. Validation has already rejected reference cycles.
 */

import { parseExpression } from "../expr/parser.js";
import type { Column } from "../gen/synthstream/v1/plan_pb.js";
import { parseTemplate } from "../kernels/template-parse.js";

/** Same-table column names a column reads (unknown names are ignored here). */
export function columnReferences(c: Column): string[] {
  const g = c.generator;
  switch (g.case) {
    case "expression": {
      const p = parseExpression(g.value.expr);
      return p.ok ? [...p.deps] : [];
    }
    case "template":
      return parseTemplate(g.value.template).parts.flatMap((p) => (p.t === "ref" ? [p.name] : []));
    case "lookup":
      return g.value.via === "parent" ? [] : [g.value.via];
    default:
      return [];
  }
}

/** Column indexes in compile order: dependencies first, otherwise plan order. */
export function columnCompileOrder(columns: readonly Column[]): number[] {
  const index = new Map(columns.map((c, i) => [c.name, i]));
  const order: number[] = [];
  const state = new Uint8Array(columns.length); // 0 new, 1 visiting, 2 done
  const visit = (i: number): void => {
    if (state[i] !== 0) return;
    state[i] = 1;
    for (const name of columnReferences(columns[i]!)) {
      const j = index.get(name);
      if (j !== undefined && j !== i) visit(j);
    }
    state[i] = 2;
    order.push(i);
  };
  columns.forEach((_, i) => {
    visit(i);
  });
  return order;
}
