/** Text forms used by CSV and NDJSON: exact decimals, ISO dates and µs timestamps, CSV quoting, Hive escaping. */
import { describe, expect, it } from "vitest";
import { csvField } from "../../src/sink/csv.js";
import { escapeHiveValue, HIVE_NULL, parsePartitionSpec } from "../../src/sink/partition.js";
import { decimalText, isoDate, isoMicros } from "../../src/sink/text-values.js";

function words(v: bigint): Uint32Array {
  const u = BigInt.asUintN(128, v);
  return Uint32Array.from([0, 1, 2, 3].map((i) => Number((u >> BigInt(32 * i)) & 0xffffffffn)));
}

describe("text values", () => {
  it("decimals come out exact from their 128-bit words, negatives and small magnitudes included", () => {
    expect(decimalText(words(123456789012345678901234567n), 0, 2)).toBe("1234567890123456789012345.67");
    expect(decimalText(words(-5n), 0, 2)).toBe("-0.05");
    expect(decimalText(words(7n), 0, 0)).toBe("7");
    expect(decimalText(words(-(2n ** 127n)), 0, 0)).toBe((-(2n ** 127n)).toString());
  });

  it("dates and timestamps are ISO 8601 (UTC, microseconds), before the epoch too", () => {
    expect(isoDate(0)).toBe("1970-01-01");
    expect(isoDate(20_490)).toBe("2026-02-06");
    expect(isoMicros(1_770_336_000_123_456n)).toBe("2026-02-06T00:00:00.123456Z");
    expect(isoMicros(-1n)).toBe("1969-12-31T23:59:59.999999Z");
  });

  it("CSV fields are quoted only when RFC 4180 needs it; empty strings are quoted to differ from null", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("")).toBe('""');
  });

  it("Hive partition values are percent-escaped; empty values go to the default partition", () => {
    expect(escapeHiveValue("a/b=c")).toBe("a%2Fb%3Dc");
    expect(escapeHiveValue("Sil,ver")).toBe("Sil,ver");
    expect(escapeHiveValue("")).toBe(HIVE_NULL);
    expect(parsePartitionSpec("date:order_date", "date")).toEqual({
      column: "order_date",
      byDate: true,
      dateLayout: "date",
    });
    expect(parsePartitionSpec("tier", "ymd")).toEqual({ column: "tier", byDate: false, dateLayout: "ymd" });
  });
});
