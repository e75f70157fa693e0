/**
 * validate: per-generator parameter rules, dispatched by generator kind.
 * (context, one column's generator) → violations with field paths under the generator. The rules
 * run whether or not this engine has a kernel for the kind, so users see every problem at once.
 */
import type { GeneratorParams } from "../compile/compiled-plan.js";
import type { Column, Table } from "../gen/synthstream/v1/plan_pb.js";
import type { LogicalType } from "./logical-type.js";
import type { ValidationContext } from "./validate-context.js";
import { NUMBER_RULES } from "./validate-numbers.js";
import { REFERENCE_RULES } from "./validate-references.js";
import { TEMPORAL_RULES } from "./validate-temporal.js";
import { TEXT_RULES } from "./validate-text.js";
import type { Violation } from "./violation.js";

/** One column's generator, as validation sees it. */
export interface GeneratorSite {
  readonly table: Table;
  readonly column: Column;
  readonly kind: string;
  readonly params: GeneratorParams;
  /** The column's type, when it is known (declared, or natural for a supported kind). */
  readonly type: LogicalType | undefined;
  /** Path of the generator field, e.g. `tables[0].columns[3].categorical`. */
  readonly path: string;
}

/** A rule for one generator kind. */
export type GeneratorRule = (ctx: ValidationContext, site: GeneratorSite, out: Violation[]) => void;

const RULES: Readonly<Record<string, GeneratorRule>> = {
  ...NUMBER_RULES,
  ...TEMPORAL_RULES,
  ...REFERENCE_RULES,
  ...TEXT_RULES,
};

/** Appends the violations of one generator's parameters. */
export function validateGenerator(ctx: ValidationContext, site: GeneratorSite, out: Violation[]): void {
  if (Object.hasOwn(RULES, site.kind)) RULES[site.kind]!(ctx, site, out);
}
