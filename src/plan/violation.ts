/**
 * plan: the one shape every plan problem takes.
 * A violation names the field path (proto field names, e.g. `tables[2].columns[4].foreign_key.table`)
 * and says what is wrong there.
 */

/** One problem in a plan, at one field path. */
export interface Violation {
  readonly path: string;
  readonly message: string;
}

/** Formats a violation the way the CLI and error details print it. */
export function formatViolation(v: Violation): string {
  return v.path === "" ? v.message : `${v.path}: ${v.message}`;
}

/** Joins a field path and a child field name or index. */
export function childPath(path: string, child: string | number): string {
  if (typeof child === "number") return `${path}[${child}]`;
  return path === "" ? child : `${path}.${child}`;
}
