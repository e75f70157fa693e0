/**
 * kernels: UTC calendar arithmetic for temporal columns.
 * ISO 8601 text → epoch microseconds; epoch day → weekday (Monday = 0). Pure integer arithmetic on
 * doubles (exact below 2^53 µs, about years 1685–2255); never reads the local time zone.
 */
import { daysFromCivil } from "../expr/dates.js";

/** Microseconds in an hour and in a day. */
export const HOUR_US = 3_600_000_000;
export const DAY_US = 86_400_000_000;

/** Largest |µs| kept exact in a double. */
export const MAX_EXACT_US = 2 ** 53;

/** A parsed instant: epoch microseconds, and whether the text named a time of day. */
export interface Instant {
  readonly micros: number;
  readonly hasTime: boolean;
}

const ISO =
  /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** Parses `YYYY-MM-DD` or `YYYY-MM-DD[T ]hh:mm[:ss[.ffffff]][Z|±hh[:mm]]` (no zone means UTC). */
export function parseInstant(text: string): Instant | string {
  const m = ISO.exec(text.trim());
  if (m === null)
    return `"${text}" is not an ISO 8601 date or timestamp (e.g. 2024-01-31 or 2024-01-31T08:00:00Z)`;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    return `"${text}" is not a calendar date`;
  if (hour > 23 || minute > 59 || second > 59) return `"${text}" has an invalid time of day`;
  const micros = Number(`${m[7] ?? ""}000000`.slice(0, 6));
  const epochDay = daysFromCivil(year, month, day);
  const offsetMinutes = zoneMinutes(m[8]);
  const us = epochDay * DAY_US + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1e6 + micros;
  return { micros: us, hasTime: m[4] !== undefined };
}

function zoneMinutes(zone: string | undefined): number {
  if (zone === undefined || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeap(y) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (one implementation, in expr/dates). */
export { daysFromCivil };

/** Weekday of an epoch day, Monday = 0 … Sunday = 6 (1970-01-01 was a Thursday). */
export function weekdayOf(epochDay: number): number {
  return (((epochDay + 3) % 7) + 7) % 7;
}
