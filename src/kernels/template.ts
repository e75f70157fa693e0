/**
 * kernels/template: strings rendered from a template over same-row columns, semantic kinds and
 * the row number, e.g. "{first_name|lower}.{last_name|lower}@{free_email}" or "SKU-{row:06}".
 * Parsed at compile time into plain-data parts; rendered as bytes. value(row) depends only on
 * (key, row) and the same-row values of the referenced columns (listed as deps).
 */
import { unknownName } from "../plan/did-you-mean.js";
import type { Violation } from "../plan/violation.js";
import type { Kernel, KernelCompileInput } from "./kernel.js";
import { str } from "./params.js";
import { SEMANTIC_KINDS } from "./semantic.js";
import { parseTemplate } from "./template-parse.js";
import { renderTemplate, type TemplatePart } from "./template-render.js";

/** The placeholder that stands for the 0-based row index. */
export const ROW_PLACEHOLDER = "row";

/** The name of the column being compiled, read from its field path (`tables[i].columns[j]...`). */
function ownColumn(input: KernelCompileInput): string | undefined {
  const m = /columns\[(\d+)\]\.[a-z_]+$/.exec(input.path);
  return m === null ? undefined : input.columnNames[Number(m[1])];
}

function filterCode(filters: readonly string[]): number {
  const last = filters[filters.length - 1];
  return last === "lower" ? 1 : last === "upper" ? 2 : 0;
}

/** Resolves each placeholder to a column, `row` or a semantic kind, collecting violations. */
export function compileTemplate(input: KernelCompileInput): {
  parts: TemplatePart[];
  deps: string[];
  violations: Violation[];
} {
  const path = `${input.path}.template`;
  const text = str(input.gen, "template");
  const violations: Violation[] = [];
  if (text === "") violations.push({ path, message: "template must not be empty" });
  const parsed = parseTemplate(text);
  for (const e of parsed.errors) violations.push({ path, message: e });
  const own = ownColumn(input);
  const columns = input.columnNames.filter((c) => c !== own);
  const deps = new Set<string>();
  const parts: TemplatePart[] = [];
  let draw = 0;
  for (const p of parsed.parts) {
    if (p.t === "lit") {
      parts.push(p);
      continue;
    }
    const filter = filterCode(p.filters);
    // `row` always means the row index (validation resolves it first too).
    if (p.name === ROW_PLACEHOLDER) {
      parts.push({ t: "row", pad: p.pad, filter });
    } else if (p.name === own) {
      violations.push({ path, message: `placeholder "{${p.name}}" refers to the column itself` });
    } else if (columns.includes(p.name)) {
      deps.add(p.name);
      parts.push({ t: "col", name: p.name, pad: p.pad, filter });
    } else if (SEMANTIC_KINDS.includes(p.name)) {
      parts.push({ t: "sem", kind: p.name, draw: draw++, filter });
    } else if (p.name !== "") {
      const candidates = [...columns, ROW_PLACEHOLDER, ...SEMANTIC_KINDS];
      violations.push({ path, message: unknownName("placeholder", p.name, candidates) });
    }
  }
  return { parts, deps: [...deps], violations };
}

export const templateKernel: Kernel = {
  naturalType: () => ({ name: "string" }),
  accepts: (t) => t.name === "string",
  compile(input) {
    const { parts, deps, violations } = compileTemplate(input);
    return { params: { ...input.gen, parts }, deps, violations };
  },
  build(col, rows, ctx) {
    return renderTemplate(col.params.parts as readonly TemplatePart[], col.key, rows, ctx);
  },
};
