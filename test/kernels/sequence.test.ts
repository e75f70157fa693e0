/**
 * The sequence kernel: int64 keys are start + step · row exactly, whether they take the direct
 * WASM path (safe integers), the int32-range word path (no WASM) or the general one (values past
 * 2^53, scattered rows).
 */
import { describe, expect, it } from "vitest";
import { createBatchContext } from "../../src/arrow/batch.js";
import { compileText } from "../helpers/plans.js";

function values(params: string, start: number, count: number, index?: Float64Array, rows = 1e10): bigint[] {
  const plan = compileText(`
name: seq
seed: 1
tables:
  - name: t
    rows: ${rows}
    columns:
      - { name: id, type: int64, sequence: ${params} }
`);
  const data = createBatchContext(plan, plan.tables[0]!, { start, count, index }).column("id");
  return Array.from(data.values as BigInt64Array);
}

describe("sequence kernel", () => {
  // [name, params, first row, rows, table rows (the compiler refuses sequences past 2^53)]
  const cases: [string, string, number, number, number?][] = [
    ["default start 1, step 1", "{}", 0, 5],
    ["negative step inside int32", "{ start: 100, step: -7 }", 10, 40],
    ["crossing 2^31 falls back to the general path", "{ start: 2147483640 }", 0, 20],
    ["past 2^32 rows", "{ start: 0, step: 3 }", 2 ** 32, 4],
    ["negative values past int32", "{ start: -2147483000, step: -1000 }", 0, 8],
    // The WASM path: several 2048-row chunks, an odd count, a row offset.
    ["odd count over several WASM chunks", "{ start: 5, step: 3 }", 123, 5001],
    ["int64 keys up to 2^53 - 1", "{ start: 9007199254740000, step: 1 }", 0, 992, 992],
    ["large negative steps", "{ start: 4000000000000, step: -1000000007 }", 77, 3000, 3077],
  ];
  for (const [name, params, start, count, rows] of cases) {
    it(name, () => {
      const got = values(params, start, count, undefined, rows);
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
