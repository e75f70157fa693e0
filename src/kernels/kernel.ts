/**
 * kernels: the contract every generator kernel meets.
 * (column, rows, context) → Arrow Data of exactly `rows.count` values, a pure function of the
 * column key and the row indices. Kernels never use Math.random or Date.now.
 */
import type { Data, DataType, Utf8, Vector } from "apache-arrow";
import type {
  CompiledColumn,
  CompiledPlan,
  CompiledTable,
  GeneratorParams,
} from "../compile/compiled-plan.js";
import type { LogicalType } from "../plan/logical-type.js";
import type { Violation } from "../plan/violation.js";

/**
 * The rows to compute: `start .. start+count`, or, when `index` is set, the row indices it lists
 * (foreign-key lookups recompute parent columns at scattered parent rows).
 */
export interface Rows {
  readonly start: number;
  readonly count: number;
  readonly index?: Float64Array | undefined;
  /** Bronze tables: which copy of its clean row each row is (0 = the original, ≥ 1 = a duplicate). */
  readonly copies?: Int32Array | undefined;
}

/** The row number of the i-th requested row. */
export function rowAt(rows: Rows, i: number): number {
  return rows.index === undefined ? rows.start + i : rows.index[i]!;
}

/** What a kernel may ask for while building one batch. */
export interface BatchContext {
  readonly plan: CompiledPlan;
  readonly table: CompiledTable;
  readonly rows: Rows;
  /** Another column of this table at the same rows (computed once per batch, then cached). */
  column(name: string): Data;
  /** A column of another table at the given rows (lookups, foreign keys). */
  foreign(table: string, column: string, rows: Rows): Data;
  /** The stable dictionary vector for a dictionary-encoded column. */
  dictionary(col: CompiledColumn): Vector<Utf8>;
  /** For a child table: each row's parent row and its ordinal among siblings (cached per batch). */
  parents(): { readonly parents: Float64Array; readonly ordinals: Int32Array };
  /**
   * Memory (stale contents, 8-byte aligned) for the values buffer of the column being built. In a
   * pool worker it is the column's own place in the batch's IPC message, so nothing copies it
   * there. A kernel that takes it writes every byte, returns it whole as its Data's values, and
   * never keeps it past the batch; anything else stays correct, only slower.
   */
  valuesBuffer(byteLength: number): Uint8Array;
}

/** What compile learns from a kernel about one column. */
export interface KernelCompileResult {
  readonly params: GeneratorParams;
  readonly deps: readonly string[];
  readonly violations: readonly Violation[];
}

/** Compile-time input: the generator's proto JSON and the column's resolved type. */
export interface KernelCompileInput {
  readonly gen: GeneratorParams;
  readonly type: LogicalType;
  /** Field path of the generator, for violations. */
  readonly path: string;
  readonly tableRows: number;
  readonly columnNames: readonly string[];
  /** Cross-table resolution; absent when validation calls compile before any table is compiled. */
  readonly env?: TypeEnv | undefined;
  /** Row count of an already-compiled table. */
  readonly rowsOf?: ((table: string) => number | undefined) | undefined;
}

/** Cross-table type resolution at compile time. */
export interface TypeEnv {
  readonly tableName: string;
  readonly compiledColumn: (table: string, column: string) => CompiledColumn | undefined;
  readonly siblingColumn: (column: string) => CompiledColumn | undefined;
  /** The primary-key column name of a table. */
  readonly primaryKeyOf: (table: string) => string | undefined;
  /** Every compiled column of an already-compiled table. */
  readonly tableColumns: (table: string) => readonly CompiledColumn[] | undefined;
  /** The per_parent table of the table being compiled, if it is a child table. */
  readonly parentTable?: string | undefined;
}

/** A generator kernel, found in the registry by kind. */
export interface Kernel {
  /**
   * The type a column gets when the plan leaves `type` empty. Kernels that copy another column
   * (lookups, foreign keys) resolve it through `env`; without it they return their best guess.
   */
  naturalType(gen: GeneratorParams, env?: TypeEnv): LogicalType;
  /** Which logical types this kernel can produce. */
  accepts(type: LogicalType): boolean;
  /** Checks parameters and resolves them to plain data. */
  compile(input: KernelCompileInput): KernelCompileResult;
  /** Dictionary values, for kernels that emit dictionary-encoded strings. */
  dictionaryValues?(col: CompiledColumn): readonly string[];
  /** Fills one batch. */
  build(col: CompiledColumn, rows: Rows, ctx: BatchContext): Data;
}

/** The Arrow type a column has; dictionary kernels get a Dictionary with the given id. */
export type ArrowTypeOf = (col: CompiledColumn, dictionaryId: number) => DataType;
