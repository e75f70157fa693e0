/**
 * expr: calendar arithmetic on plain numbers — days since 1970-01-01 and epoch microseconds (UTC).
 * Proleptic Gregorian (civil-from-days / days-from-civil), no Date objects in the per-row paths.
 */

/** Microseconds per day. */
export const MICROS_PER_DAY = 86_400_000_000;

/** Days since the epoch of a civil date (month 1..12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil [year, month 1..12, day 1..31] of a day number. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [m <= 2 ? era * 400 + yoe + 1 : era * 400 + yoe, m, d];
}

/** ISO weekday of a day number: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(days: number): number {
  return ((((days + 3) % 7) + 7) % 7) + 1;
}

/** Day number of a valid civil date, or undefined (e.g. February 30th). */
export function validDays(y: number, m: number, d: number): number | undefined {
  if (![y, m, d].every(Number.isInteger) || m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  const days = daysFromCivil(y, m, d);
  const [, mm] = civilFromDays(days);
  return mm === m ? days : undefined;
}

/** `YYYY-MM-DD` → day number, or undefined. */
export function parseDate(s: string): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  return m === null ? undefined : validDays(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** ISO 8601 `YYYY-MM-DD[T ]HH:MM[:SS[.ffffff]][Z|±HH:MM]` (UTC when no zone) → epoch µs, or undefined. */
export function parseTimestamp(s: string): number | undefined {
  const m =
    /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?)?(Z|[+-]\d{2}:\d{2})?$/.exec(s);
  if (m === null) return undefined;
  const days = parseDate(m[1]!);
  const [h, mi, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (days === undefined || h > 23 || mi > 59 || sec > 59) return undefined;
  const micros = Number((m[5] ?? "").padEnd(6, "0"));
  const zone = m[6] ?? "Z";
  const offsetMin =
    zone === "Z"
      ? 0
      : (zone[0] === "-" ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6)));
  return days * MICROS_PER_DAY + ((h * 60 + mi - offsetMin) * 60 + sec) * 1e6 + micros;
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** Day number → `YYYY-MM-DD`. */
export function formatDate(days: number): string {
  const [y, m, d] = civilFromDays(days);
  return `${y < 0 ? "-" : ""}${pad(Math.abs(y), 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

/** Epoch µs → `YYYY-MM-DDTHH:MM:SS[.ffffff]Z`. */
export function formatTimestamp(micros: number): string {
  const days = Math.floor(micros / MICROS_PER_DAY);
  const rest = micros - days * MICROS_PER_DAY;
  const secs = Math.floor(rest / 1e6);
  const frac = rest - secs * 1e6;
  const hms = `${pad(Math.floor(secs / 3600), 2)}:${pad(Math.floor(secs / 60) % 60, 2)}:${pad(secs % 60, 2)}`;
  return `${formatDate(days)}T${hms}${frac === 0 ? "" : `.${pad(frac, 6)}`}Z`;
}
