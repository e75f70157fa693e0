/**
 * The sequence kernel: int64 keys are start + step · row exactly, whether they take the direct
 * int32-range word path or the general one (values past int32, rows past 2^32, scattered rows).
 */
import { describe, expect, it } from "vitest";
import { createBatchContext } from "../../src/arrow/batch.js";
import { compileText } from "../helpers/plans.js";

function values(params: string, start: number, count: number, index?: Float64Array): bigint[] {
  const plan = compileText(`
name: seq
seed: 1
tables:
  - name: t
    rows: 10000000000
    columns:
      - { name: id, type: int64, sequence: ${params} }
`);
  const data = createBatchContext(plan, plan.tables[0]!, { start, count, index }).column("id");
  return Array.from(data.values as BigInt64Array);
}

describe("sequence kernel", () => {
  const cases: [string, string, number, number][] = [
    ["default start 1, step 1", "{}", 0, 5],
    ["negative step inside int32", "{ start: 100, step: -7 }", 10, 40],
    ["crossing 2^31 falls back to the general path", "{ start: 2147483640 }", 0, 20],
    ["past 2^32 rows", "{ start: 0, step: 3 }", 2 ** 32, 4],
    ["negative values past int32", "{ start: -2147483000, step: -1000 }", 0, 8],
  ];
  for (const [name, params, start, count] of cases) {
    it(name, () => {
      const got = values(params, start, count);
      const p = JSON.parse(params.replace(/(\w+):/g, '"$1":')) as { start?: number; step?: number };
      const s0 = p.start ?? 1;
      const step = p.step ?? 1;
      const want = Array.from({ length: count }, (_, i) => BigInt(Math.trunc(s0 + step * (start + i))));
      expect(got).toEqual(want);
    });
  }

  it("scattered rows (lookups) give the same values as contiguous ones", () => {
    const index = new Float64Array([7, 3, 2147483650, 0]);
    expect(values("{ start: 10, step: 2 }", 0, 4, index)).toEqual([24n, 16n, 4294967310n, 10n]);
  });
});
