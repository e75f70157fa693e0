/**
 * cli/generate-summary: per-table results of a run → the summary table printed at the end.
 * Rows, files, bytes and seconds per table, plus a total line. Pure formatting.
 */

/** One table's results. */
export interface TableSummary {
  readonly table: string;
  readonly rows: number;
  readonly files: number;
  readonly bytes: number;
  readonly seconds: number;
}

/** Bytes in binary units. */
export function formatBytes(n: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${v.toFixed(1)} ${units[u]}`;
}

/** The summary table as text (ends with a newline). */
export function formatSummary(rows: readonly TableSummary[], totalSeconds: number): string {
  const total: TableSummary = {
    table: "total",
    rows: rows.reduce((n, r) => n + r.rows, 0),
    files: rows.reduce((n, r) => n + r.files, 0),
    bytes: rows.reduce((n, r) => n + r.bytes, 0),
    seconds: totalSeconds,
  };
  const cells = [...rows, total].map((r) => [
    r.table,
    r.rows.toLocaleString("en-US"),
    String(r.files),
    formatBytes(r.bytes),
    r.seconds.toFixed(2),
    r.seconds > 0 ? Math.round(r.rows / r.seconds).toLocaleString("en-US") : "-",
  ]);
  const head = ["table", "rows", "files", "bytes", "seconds", "rows/s"];
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const fmt = (c: readonly string[]) =>
    c.map((s, i) => (i === 0 ? s.padEnd(widths[i]!) : s.padStart(widths[i]!))).join("  ");
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return `${[fmt(head), rule, ...cells.slice(0, -1).map(fmt), rule, fmt(cells.at(-1)!)].join("\n")}\n`;
}
