/**
 * plan: the configurable limits a plan is validated against.
 * Plain data, passed in by the CLI or the server from flags and environment.
 */

/** Limits on what one plan may ask for. */
export interface PlanLimits {
  /** Most rows any one table may have after scale. */
  readonly maxRowsPerTable: number;
  readonly maxTables: number;
  readonly maxColumnsPerTable: number;
}

/** Defaults: generous for a CLI, tightened by the server's flags. */
export const DEFAULT_LIMITS: PlanLimits = {
  maxRowsPerTable: 10_000_000_000,
  maxTables: 256,
  maxColumnsPerTable: 1024,
};

/** A table's row count at a scale: fixed-size tables ignore the scale. */
export function scaledRows(rows: bigint, fixedSize: boolean, scale: number): number {
  return fixedSize ? Number(rows) : Math.round(Number(rows) * scale);
}

/** The effective scale: an override, else the plan's, else 1. */
export function effectiveScale(planScale: number, override?: number): number {
  if (override !== undefined && override !== 0) return override;
  return planScale === 0 ? 1 : planScale;
}
