/**
 * Temporal kernel: calendar parsing, the closed-form day sampler, and the statistical shape of 10^6
 * generated dates/timestamps read back from Arrow. Shapes are checked by Pearson χ² at p = 0.001
 * against probabilities computed independently here (by enumerating days or minutes), proportions
 * within 4 binomial standard errors; seeds are fixed, so every outcome is deterministic.
 */
import { describe, expect, it } from "vitest";
import { compilePlan } from "../../src/compile/compile-plan.js";
import { DAY_US, daysFromCivil, HOUR_US, parseInstant, weekdayOf } from "../../src/kernels/calendar.js";
import { invertLinear } from "../../src/kernels/temporal-sample.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { columnData, numbersOf, planOf, sampleColumn } from "../rng/sample-column.js";
import { chiSquareCritical, chiSquareVsProbabilities, histogram, normalize } from "../rng/stats.js";

const N = 1_000_000;
const us = (iso: string) => (parseInstant(iso) as { micros: number }).micros;
const HOURS = [1, 1, 1, 1, 1, 2, 4, 7, 9, 10, 10, 11, 12, 11, 10, 10, 10, 11, 12, 12, 9, 6, 3, 2];
const WEEKDAYS = [10, 11, 11, 12, 14, 8, 5];

function violationsOf(spec: string): string[] {
  const parsed = parsePlanText(
    `name: x\ntables:\n  - name: t\n    rows: 10\n    columns:\n      - ${spec}\n`,
  );
  if (!parsed.ok) return parsed.violations.map((v) => `${v.path}: ${v.message}`);
  const c = compilePlan(parsed.plan);
  return c.ok ? [] : c.violations.map((v) => `${v.path}: ${v.message}`);
}

describe("calendar", () => {
  it("parses ISO dates and timestamps as UTC, with offsets and fractions", () => {
    expect(parseInstant("1970-01-01")).toEqual({ micros: 0, hasTime: false });
    expect(us("2024-02-29T12:34:56.789Z")).toBe(Date.UTC(2024, 1, 29, 12, 34, 56, 789) * 1000);
    expect(us("2024-02-29 12:34:56.000123")).toBe(Date.UTC(2024, 1, 29, 12, 34, 56) * 1000 + 123);
    expect(us("2024-03-01T02:00:00+02:00")).toBe(Date.UTC(2024, 2, 1) * 1000);
    expect(us("1900-01-01")).toBe(Date.UTC(1900, 0, 1) * 1000);
    expect(typeof parseInstant("2023-02-29")).toBe("string");
    expect(typeof parseInstant("2024-01-01T24:00")).toBe("string");
    expect(typeof parseInstant("yesterday")).toBe("string");
  });

  it("numbers days like Date.UTC and weekdays Monday-first", () => {
    for (const [y, m, d] of [
      [1969, 12, 31],
      [2000, 2, 29],
      [2024, 1, 1],
      [1, 1, 1],
      [9999, 12, 31],
    ] as const)
      expect(daysFromCivil(y, m, d) * 86_400_000).toBe(new Date(Date.UTC(2000, m - 1, d)).setUTCFullYear(y));
    expect(weekdayOf(daysFromCivil(2024, 1, 1))).toBe(0); // a Monday
    expect(weekdayOf(daysFromCivil(1969, 12, 28))).toBe(6); // a Sunday, before the epoch
  });
});

describe("invertLinear", () => {
  it("finds the day whose cumulative mass brackets t, for rising, falling and flat densities", () => {
    for (const [a, b, n] of [
      [1, 0, 50],
      [0.2, 0.3, 400],
      [40, -0.1, 390],
      [1e-3, 5, 7],
      [3, 0, 1],
    ] as const) {
      const mass = (k: number) => a * k + (b * k * (k - 1)) / 2;
      for (let i = 0; i < 2000; i++) {
        const t = (i / 2000) * mass(n);
        const j = invertLinear(a, b, n, t);
        expect(mass(j) <= t && t < mass(j + 1)).toBe(true);
      }
    }
  });
});

describe("temporal kernel", () => {
  it("natural type: timestamp when a bound has a time of day, else date; bad params are violations", () => {
    const plan = planOf(
      [
        "{name: d, temporal: {start: '2024-01-01', end: '2024-02-01'}}",
        "{name: ts, temporal: {start: '2024-01-01T00:00Z', end: '2024-02-01'}}",
      ],
      10,
    );
    const cols = plan.tables[0]!.columns;
    expect(cols.map((c) => c.type.name)).toEqual(["date", "timestamp"]);
    expect(violationsOf("{name: d, temporal: {start: '2024-02-01', end: '2024-01-01'}}")[0]).toMatch(
      /temporal: start .* must be before end/,
    );
    expect(violationsOf("{name: d, temporal: {start: '2024-01-01', end: 'soon'}}")[0]).toMatch(
      /temporal\.end: .*ISO 8601/,
    );
    expect(
      violationsOf("{name: d, temporal: {start: '2024-01-01', end: '2024-02-01', hour_weights: [1, 2]}}")[0],
    ).toMatch(/hour_weights: .*24/);
    expect(
      violationsOf("{name: d, temporal: {start: '2024-01-01', end: '2024-02-01', trend: -1}}")[0],
    ).toMatch(/trend/);
    // Weekdays with weight only on Sunday, over a Monday–Wednesday range: nothing can be drawn.
    expect(
      violationsOf(
        "{name: d, temporal: {start: '2024-01-01', end: '2024-01-04', weekday_weights: [0,0,0,0,0,0,1]}}",
      )[0],
    ).toMatch(/positive weight/);
    expect(
      violationsOf("{name: d, type: int32, temporal: {start: '2024-01-01', end: '2024-02-01'}}")[0],
    ).toMatch(/type mismatch/);
  });

  it("timestamps: all in [start, end); hour-of-day and weekday histograms follow the weights (χ²)", () => {
    const spec = `{name: ts, temporal: {start: '2024-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z', hour_weights: [${HOURS}], weekday_weights: [${WEEKDAYS}]}}`;
    const { values } = sampleColumn(spec, N);
    const t0 = us("2024-01-01T00:00:00Z");
    const t1 = us("2025-01-01T00:00:00Z");
    let outside = 0;
    for (const v of values) if (!(v >= t0 && v < t1)) outside++;
    expect(outside).toBe(0);
    const hours = histogram(values, 24, (v) => Math.floor((v % DAY_US) / HOUR_US));
    expect(chiSquareVsProbabilities(hours, normalize(HOURS))).toBeLessThan(chiSquareCritical(23));
    // Weekday probabilities: each day of 2024 weighs its weekday weight (2024 has 53 Mondays and Tuesdays).
    const dayCount = (t1 - t0) / DAY_US;
    const byWeekday = new Array<number>(7).fill(0);
    for (let d = 0; d < dayCount; d++)
      byWeekday[weekdayOf(t0 / DAY_US + d)]! += WEEKDAYS[weekdayOf(t0 / DAY_US + d)]!;
    const weekdays = histogram(values, 7, (v) => weekdayOf(Math.floor(v / DAY_US)));
    expect(chiSquareVsProbabilities(weekdays, normalize(byWeekday))).toBeLessThan(chiSquareCritical(6));
    // Minutes within the hour are uniform: 60 bins.
    const minutes = histogram(values, 60, (v) => Math.floor((v % HOUR_US) / 60e6));
    expect(chiSquareVsProbabilities(minutes, new Array(60).fill(1 / 60))).toBeLessThan(chiSquareCritical(59));
  });

  it("trend: the second half of the range holds (4+3T)/(4+T) times the first half's rows (4 SE)", () => {
    const trend = 2;
    const { values } = sampleColumn(
      `{name: d, temporal: {start: '2020-01-01', end: '2023-01-01', trend: ${trend}}}`,
      N,
    );
    const d0 = daysFromCivil(2020, 1, 1);
    const days = daysFromCivil(2023, 1, 1) - d0; // 1096, even
    let second = 0;
    let outside = 0;
    for (const v of values) {
      if (v < d0 || v >= d0 + days) outside++;
      if (v >= d0 + days / 2) second++;
    }
    expect(outside).toBe(0);
    const p = (0.5 + (3 * trend) / 8) / (1 + trend / 2); // mass of the second half of a linear density
    expect(p / (1 - p)).toBeCloseTo((4 + 3 * trend) / (4 + trend), 12);
    expect(Math.abs(second / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });

  it("per-day counts match trend × weekday weights exactly (χ² over 90 days)", () => {
    const spec = `{name: d, temporal: {start: '2024-03-03', end: '2024-06-01', trend: -0.6, weekday_weights: [${WEEKDAYS}]}}`;
    const { values } = sampleColumn(spec, N);
    const d0 = daysFromCivil(2024, 3, 3);
    const days = daysFromCivil(2024, 6, 1) - d0;
    const w = Array.from(
      { length: days },
      (_, d) => WEEKDAYS[weekdayOf(d0 + d)]! * (1 - (0.6 * (d + 0.5)) / days),
    );
    const counts = histogram(values, days, (v) => v - d0);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(N);
    expect(chiSquareVsProbabilities(counts, normalize(w))).toBeLessThan(chiSquareCritical(days - 1));
  });

  it("partial edge days: (day, hour) slots match a minute-by-minute integration of the density (χ²)", () => {
    const start = "2024-03-09T13:30:00Z";
    const end = "2024-03-12T02:15:00Z";
    const spec = `{name: ts, temporal: {start: '${start}', end: '${end}', trend: 1.5, hour_weights: [${HOURS}], weekday_weights: [${WEEKDAYS}]}}`;
    const { values } = sampleColumn(spec, N);
    const t0 = us(start);
    const t1 = us(end);
    const firstSlot = Math.floor(t0 / HOUR_US);
    const slots = Math.ceil(t1 / HOUR_US) - firstSlot;
    const w = new Array<number>(slots).fill(0);
    for (let t = t0; t < t1; t += 60e6) {
      const mid = t + 30e6;
      const g = 1 + (1.5 * (mid - t0)) / (t1 - t0);
      w[Math.floor(t / HOUR_US) - firstSlot]! +=
        g * HOURS[Math.floor((t % DAY_US) / HOUR_US)]! * WEEKDAYS[weekdayOf(Math.floor(t / DAY_US))]!;
    }
    let outside = 0;
    for (const v of values) if (!(v >= t0 && v < t1)) outside++;
    expect(outside).toBe(0);
    const counts = histogram(values, slots, (v) => Math.floor(v / HOUR_US) - firstSlot);
    // The kernel holds the trend constant within a day, so allow for that: its relative error per slot
    // is ≤ trend·(1 day)/(range)/2 ≈ 0.3 here — so compare at the day level, where it is exact.
    const perDay = (xs: ArrayLike<number>) => {
      const out = new Array<number>(4).fill(0);
      for (let s = 0; s < slots; s++)
        out[Math.floor((firstSlot + s) / 24) - Math.floor(firstSlot / 24)]! += xs[s]!;
      return out;
    };
    expect(chiSquareVsProbabilities(perDay(counts), normalize(perDay(w)))).toBeLessThan(chiSquareCritical(3));
    // Within the partial first day, hours follow the covered hour weights (13:30 onwards): χ².
    const dayStartSlot = Math.floor(firstSlot / 24) * 24;
    const hourCounts = Array.from({ length: 24 }, (_, h) => counts[dayStartSlot + h - firstSlot] ?? 0);
    const covered = HOURS.map((x, h) => (h < 13 ? 0 : h === 13 ? x / 2 : x));
    const live = covered.map((_, h) => h).filter((h) => covered[h]! > 0);
    expect(hourCounts.slice(0, 13).every((c) => c === 0)).toBe(true);
    const stat = chiSquareVsProbabilities(
      live.map((h) => hourCounts[h]!),
      normalize(live.map((h) => covered[h]!)),
    );
    expect(stat).toBeLessThan(chiSquareCritical(live.length - 1));
  });

  it("a range shorter than an hour stays inside it, uniformly", () => {
    const spec =
      "{name: ts, temporal: {start: '2024-05-05T10:20:00Z', end: '2024-05-05T10:50:00Z', hour_weights: [" +
      HOURS +
      "]}}";
    const { values } = sampleColumn(spec, 200_000);
    const t0 = us("2024-05-05T10:20:00Z");
    const bins = histogram(values, 30, (v) => Math.floor((v - t0) / 60e6));
    expect(bins.reduce((a, b) => a + b, 0)).toBe(200_000);
    expect(chiSquareVsProbabilities(bins, new Array(30).fill(1 / 30))).toBeLessThan(chiSquareCritical(29));
  });

  it("a 10,000-year date range: in range, weekday weights by χ², no per-day table needed", () => {
    const spec = `{name: d, temporal: {start: '0001-01-01', end: '9999-12-31', weekday_weights: [${WEEKDAYS}], trend: 3}}`;
    const { values } = sampleColumn(spec, N);
    const d0 = daysFromCivil(1, 1, 1);
    const d1 = daysFromCivil(9999, 12, 31);
    let outside = 0;
    for (const v of values) if (v < d0 || v >= d1) outside++;
    expect(outside).toBe(0);
    const weekdays = histogram(values, 7, weekdayOf);
    expect(chiSquareVsProbabilities(weekdays, normalize(WEEKDAYS))).toBeLessThan(chiSquareCritical(6));
  });

  it("values are pure functions of the row: any row range gives the same values", () => {
    const plan = planOf(
      ["{name: ts, temporal: {start: '2024-01-01T06:00Z', end: '2024-03-01', trend: 0.5}}"],
      100_000,
    );
    const whole = numbersOf(columnData(plan, "ts", 0, 100_000));
    const part = numbersOf(columnData(plan, "ts", 31_337, 777));
    expect(Array.from(part)).toEqual(Array.from(whole.subarray(31_337, 31_337 + 777)));
  });
});
