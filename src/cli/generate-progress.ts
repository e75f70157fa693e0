/**
 * cli/generate-progress: rows written → what the user sees while a run goes on.
 * On a TTY one cli-progress bar per table (rows, rows/s, ETA); otherwise one plain line every few
 * seconds; with --quiet nothing. Always on stderr, so `--out -` keeps stdout for Arrow bytes.
 */
import cliProgress from "cli-progress";

/** Receives progress events. */
export interface Progress {
  start(table: string, totalRows: number): void;
  add(table: string, rows: number): void;
  end(table: string): void;
  stop(): void;
}

type Writable = { write(text: string): unknown };

const silent: Progress = { start() {}, add() {}, end() {}, stop() {} };

function rate(rows: number, seconds: number): string {
  const r = seconds > 0 ? rows / seconds : 0;
  return r >= 1e6 ? `${(r / 1e6).toFixed(2)} M rows/s` : `${Math.round(r).toLocaleString("en-US")} rows/s`;
}

/** Plain lines, at most one per `everyMs`, for logs and CI. */
function linesProgress(out: Writable, everyMs: number, now: () => number): Progress {
  const state = new Map<string, { total: number; done: number; t0: number }>();
  let last = now();
  const line = (table: string) => {
    const s = state.get(table)!;
    const secs = (now() - s.t0) / 1000;
    const pct = s.total > 0 ? ((100 * s.done) / s.total).toFixed(1) : "100.0";
    out.write(
      `generate: ${table} ${s.done.toLocaleString("en-US")}/${s.total.toLocaleString("en-US")} rows (${pct}%) ${rate(s.done, secs)}\n`,
    );
  };
  return {
    start: (table, total) => void state.set(table, { total, done: 0, t0: now() }),
    add(table, rows) {
      const s = state.get(table);
      if (s === undefined) return;
      s.done += rows;
      if (now() - last >= everyMs) {
        last = now();
        line(table);
      }
    },
    end: () => {},
    stop: () => {},
  };
}

/** One bar per table on a terminal. */
function barsProgress(out: NodeJS.WritableStream): Progress {
  const multi = new cliProgress.MultiBar(
    {
      stream: out,
      format: " {table} |{bar}| {percentage}% {value}/{total} rows | {rate} | ETA {eta_formatted}",
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; done: number; t0: number }>();
  return {
    start(table, total) {
      const bar = multi.create(total, 0, { table, rate: rate(0, 0) });
      bars.set(table, { bar, done: 0, t0: Date.now() });
    },
    add(table, rows) {
      const b = bars.get(table);
      if (b === undefined) return;
      b.done += rows;
      b.bar.update(b.done, { table, rate: rate(b.done, (Date.now() - b.t0) / 1000) });
    },
    end(table) {
      bars.get(table)?.bar.stop();
    },
    stop: () => multi.stop(),
  };
}

/** Picks the progress style for this run. */
export function createProgress(
  out: Writable,
  opts: { quiet: boolean; isTTY: boolean; everyMs?: number },
): Progress {
  if (opts.quiet) return silent;
  if (opts.isTTY) return barsProgress(out as NodeJS.WritableStream);
  return linesProgress(out, opts.everyMs ?? 5000, Date.now);
}
