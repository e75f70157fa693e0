/**
 * validate: text-shaped generators — template placeholders, semantic kinds and locales, faker
 * methods, expressions. (context, site) → violations with did-you-mean for every unknown name,
 * plus the same-row column references they create (recorded for the column-cycle check).
 */

import { allLocales } from "@faker-js/faker";
import type { Column } from "../gen/synthstream/v1/plan_pb.js";
import { parseFakerArgs, resolveFakerMethod } from "../kernels/faker.js";
import { SEMANTIC_KINDS } from "../kernels/semantic.js";
import { parseTemplate } from "../kernels/template-parse.js";
import { quote, unknownName } from "./did-you-mean.js";
import type { ValidationContext } from "./validate-context.js";
import { expressionViolations } from "./validate-expr.js";
import type { GeneratorRule } from "./validate-generators.js";
import { childPath, type Violation } from "./violation.js";

function recordDeps(ctx: ValidationContext, column: Column, names: readonly string[]): void {
  ctx.columnDeps.set(column, [...(ctx.columnDeps.get(column) ?? []), ...names]);
}

/** Reports a required text field that is empty or too long; true when there is text to check. */
function checkText(
  ctx: ValidationContext,
  text: string,
  what: string,
  path: string,
  out: Violation[],
): boolean {
  if (text.trim() === "") out.push({ path, message: `${what} is required` });
  else if (text.length > ctx.limits.maxTextLength)
    out.push({
      path,
      message: `${what} is ${text.length} characters long; the limit is ${ctx.limits.maxTextLength}`,
    });
  else return true;
  return false;
}

const LOCALES = Object.keys(allLocales);

function checkLocale(locale: string, path: string, out: Violation[]): void {
  if (locale !== "" && !LOCALES.includes(locale))
    out.push({ path, message: unknownName("faker locale", locale, LOCALES) });
}

export const TEXT_RULES: Readonly<Record<string, GeneratorRule>> = {
  template(ctx, { table, column, path }, out) {
    const g = column.generator.case === "template" ? column.generator.value : undefined;
    const tp = childPath(path, "template");
    if (g === undefined || !checkText(ctx, g.template, "template", tp, out)) return;
    const parsed = parseTemplate(g.template);
    for (const e of parsed.errors) out.push({ path: tp, message: e });
    const columns = table.columns.map((c) => c.name);
    const refs: string[] = [];
    for (const part of parsed.parts) {
      if (part.t !== "ref" || part.name === "" || part.name === "row") continue;
      if (part.name === column.name)
        out.push({ path: tp, message: `placeholder {${part.name}} refers to this column itself` });
      else if (columns.includes(part.name)) refs.push(part.name);
      else if (!SEMANTIC_KINDS.includes(part.name))
        out.push({
          path: tp,
          message: `${unknownName("placeholder", part.name, [...columns, ...SEMANTIC_KINDS, "row"])}: name a column of this table, a semantic kind, or row`,
        });
    }
    recordDeps(ctx, column, refs);
  },
  semantic(_ctx, { column, path }, out) {
    const g = column.generator.case === "semantic" ? column.generator.value : undefined;
    if (g === undefined) return;
    if (!SEMANTIC_KINDS.includes(g.kind))
      out.push({
        path: childPath(path, "kind"),
        message: unknownName("semantic kind", g.kind, SEMANTIC_KINDS),
      });
    checkLocale(g.locale, childPath(path, "locale"), out);
  },
  faker(ctx, { column, path }, out) {
    const g = column.generator.case === "faker" ? column.generator.value : undefined;
    if (g === undefined) return;
    const mp = childPath(path, "method");
    const resolved =
      g.method === ""
        ? { ok: false, message: 'method is required, e.g. "person.firstName"' }
        : resolveFakerMethod(g.method);
    if (!resolved.ok) out.push({ path: mp, message: resolved.message });
    checkLocale(g.locale, childPath(path, "locale"), out);
    const ap = childPath(path, "args_json");
    if (g.argsJson.length > ctx.limits.maxTextLength)
      out.push({ path: ap, message: `longer than ${ctx.limits.maxTextLength} characters` });
    else {
      const args = parseFakerArgs(g.argsJson);
      if ("error" in args) out.push({ path: ap, message: args.error });
    }
  },
  expression(ctx, { table, column, path }, out) {
    const g = column.generator.case === "expression" ? column.generator.value : undefined;
    const ep = childPath(path, "expr");
    if (g === undefined || !checkText(ctx, g.expr, "expression", ep, out)) return;
    const columns = table.columns.map((c) => c.name);
    const check = expressionViolations(g.expr, ep, columns);
    out.push(...check.violations);
    if (check.refs.includes(column.name))
      out.push({ path: ep, message: `expression reads its own column ${quote(column.name)}` });
    recordDeps(
      ctx,
      column,
      check.refs.filter((r) => r !== column.name),
    );
  },
};
