/**
 * plan: the configurable limits a plan is validated against.
 * Plain data, passed in by the CLI or the server from flags and environment. Limits beyond the
 * first three are optional so callers that predate them keep compiling; `resolveLimits` fills them.
 */

/** Limits on what one plan may ask for. */
export interface PlanLimits {
  /** Most rows any one table may have after scale (child tables: their largest possible count). */
  readonly maxRowsPerTable: number;
  readonly maxTables: number;
  readonly maxColumnsPerTable: number;
  /** Longest table, column or plan name, in UTF-16 code units. */
  readonly maxNameLength?: number;
  /** Longest free-form text: templates, expressions, faker args, descriptions. */
  readonly maxTextLength?: number;
  /** Most values in one categorical column. */
  readonly maxCategoricalValues?: number;
}

/** Every limit, with defaults filled in. */
export type ResolvedLimits = Required<PlanLimits>;

/** Defaults: generous for a CLI, tightened by the server's flags. */
export const DEFAULT_LIMITS: ResolvedLimits = {
  maxRowsPerTable: 10_000_000_000,
  maxTables: 256,
  maxColumnsPerTable: 1024,
  maxNameLength: 128,
  maxTextLength: 65_536,
  maxCategoricalValues: 1_000_000,
};

/** Fills the optional limits from the defaults. */
export function resolveLimits(limits: PlanLimits): ResolvedLimits {
  return {
    maxRowsPerTable: limits.maxRowsPerTable,
    maxTables: limits.maxTables,
    maxColumnsPerTable: limits.maxColumnsPerTable,
    maxNameLength: limits.maxNameLength ?? DEFAULT_LIMITS.maxNameLength,
    maxTextLength: limits.maxTextLength ?? DEFAULT_LIMITS.maxTextLength,
    maxCategoricalValues: limits.maxCategoricalValues ?? DEFAULT_LIMITS.maxCategoricalValues,
  };
}

/** A table's row count at a scale: fixed-size tables ignore the scale. */
export function scaledRows(rows: bigint, fixedSize: boolean, scale: number): number {
  return fixedSize ? Number(rows) : Math.round(Number(rows) * scale);
}

/** The effective scale: an override, else the plan's, else 1. */
export function effectiveScale(planScale: number, override?: number): number {
  if (override !== undefined && override !== 0) return override;
  return planScale === 0 ? 1 : planScale;
}
