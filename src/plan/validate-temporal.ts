/**
 * validate: temporal generators — ISO 8601 bounds in order, 24 hour weights, 7 weekday weights,
 * a trend above -1. (context, site) → violations under the generator's path. Never throws.
 */
import { quote } from "./did-you-mean.js";
import type { GeneratorRule } from "./validate-generators.js";
import { checkWeights } from "./validate-weights.js";
import { childPath, type Violation } from "./violation.js";

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * Epoch milliseconds (UTC) of an ISO 8601 date or timestamp, or an error message. Stricter than
 * Date.parse, which rolls "2024-02-30" over to March.
 */
export function parseIsoInstant(text: string): number | string {
  const m = ISO.exec(text.trim());
  if (m === null)
    return `${quote(text)} is not an ISO 8601 date or timestamp (e.g. 2024-01-31 or 2024-01-31T08:00:00Z)`;
  const [y, mo, d, h, mi, s] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (mo < 1 || mo > 12) return `${quote(text)}: month ${mo} is not in 1..12`;
  if (d < 1 || d > days) return `${quote(text)}: day ${d} is not in 1..${days}`;
  if (h > 23 || mi > 59 || s > 59) return `${quote(text)}: time of day is out of range`;
  const frac = Number(`0.${m[7] ?? "0"}`) * 1000;
  let ms = Date.UTC(y, mo - 1, d, h, mi, s) + frac;
  // Date.UTC maps years 0..99 to 1900..1999; set the year explicitly.
  if (y < 100) ms = new Date(ms).setUTCFullYear(y);
  const off = m[8];
  if (off !== undefined && off !== "Z") {
    const sign = off.startsWith("-") ? -1 : 1;
    const digits = off.slice(1).replace(":", "");
    const oh = Number(digits.slice(0, 2));
    const om = Number(digits.slice(2));
    if (oh > 23 || om > 59) return `${quote(text)}: UTC offset is out of range`;
    ms -= sign * (oh * 60 + om) * 60_000;
  }
  return ms;
}

function checkBound(text: string, path: string, out: Violation[]): number | undefined {
  if (text === "") {
    out.push({ path, message: "required (an ISO 8601 date or timestamp)" });
    return undefined;
  }
  const t = parseIsoInstant(text);
  if (typeof t === "string") {
    out.push({ path, message: t });
    return undefined;
  }
  return t;
}

export const TEMPORAL_RULES: Readonly<Record<string, GeneratorRule>> = {
  temporal(_ctx, { column, type, path }, out) {
    const g = column.generator.case === "temporal" ? column.generator.value : undefined;
    if (g === undefined) return;
    const start = checkBound(g.start, childPath(path, "start"), out);
    const end = checkBound(g.end, childPath(path, "end"), out);
    if (start !== undefined && end !== undefined && start >= end)
      out.push({ path, message: `start (${g.start}) must be before end (${g.end})` });
    const hp = childPath(path, "hour_weights");
    if (g.hourWeights.length !== 0 && g.hourWeights.length !== 24)
      out.push({ path: hp, message: `needs 24 weights (one per hour), got ${g.hourWeights.length}` });
    if (g.hourWeights.length !== 0 && type?.name === "date")
      out.push({ path: hp, message: "hour_weights only apply to timestamps; this column is a date" });
    checkWeights(g.hourWeights, hp, out);
    const wp = childPath(path, "weekday_weights");
    if (g.weekdayWeights.length !== 0 && g.weekdayWeights.length !== 7)
      out.push({ path: wp, message: `needs 7 weights (Monday first), got ${g.weekdayWeights.length}` });
    checkWeights(g.weekdayWeights, wp, out);
    if (!(g.trend > -1 && Number.isFinite(g.trend)))
      out.push({
        path: childPath(path, "trend"),
        message: `trend must be a finite number above -1, got ${g.trend}`,
      });
  },
};
