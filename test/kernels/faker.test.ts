import { makeVector } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { createBatchContext, generateBatch } from "../../src/arrow/batch.js";
import { tableOf } from "../../src/compile/compiled-plan.js";
import { FAKER_REF_DATE, fakerKernel, resolveFakerMethod } from "../../src/kernels/faker.js";
import { RowRandomizer } from "../../src/kernels/faker-randomizer.js";
import { compileText } from "../helpers/plans.js";

const plan = compileText(`
name: fk
seed: 11
tables:
  - name: t
    rows: 1000
    columns:
      - {name: desc, faker: {method: commerce.productDescription}}
      - {name: first, faker: {method: person.firstName, locale: de}}
      - {name: n, type: int32, faker: {method: number.int, args_json: '[{"min": 1, "max": 9}]'}}
      - {name: past, type: date, faker: {method: date.past}}
      - {name: uuid, faker: {method: string.uuid}}
`);
const table = tableOf(plan, "t");
const strings = (name: string, start: number, count: number) =>
  generateBatch(plan, "t", start, count).getChild(name)!.toArray() as unknown as string[];

describe("faker compatibility kernel", () => {
  it("is deterministic: row r is the same from a batch at 0, a batch at r, and index-based rows", () => {
    for (const name of ["desc", "first", "uuid"]) {
      const whole = strings(name, 0, 400);
      expect([...strings(name, 0, 150), ...strings(name, 150, 250)]).toEqual(whole);
      expect(strings(name, 321, 1)[0]).toBe(whole[321]);
      const index = Float64Array.from([399, 7, 7, 0]);
      const ctx = createBatchContext(plan, table, { start: 0, count: 4, index });
      expect(makeVector(ctx.column(name)).toArray()).toEqual([whole[399], whole[7], whole[7], whole[0]]);
    }
  });

  it("gives different rows different values", () => {
    expect(new Set(strings("desc", 0, 300)).size).toBeGreaterThan(290);
    expect(new Set(strings("uuid", 0, 300)).size).toBe(300);
    expect(new Set(strings("first", 0, 300)).size).toBeGreaterThan(100);
  });

  it("passes args and converts to the column type", () => {
    const b = generateBatch(plan, "t", 0, 500);
    const n = b.getChild("n")!.toArray() as Int32Array;
    expect(Math.min(...n)).toBe(1);
    expect(Math.max(...n)).toBe(9);
    const ref = Date.parse(FAKER_REF_DATE);
    for (const ms of b.getChild("past")!.toArray() as unknown as number[]) {
      expect(ms).toBeLessThanOrEqual(ref);
      expect(ms).toBeGreaterThan(ref - 367 * 86400000);
    }
  });

  it("uses the locale's data", () => {
    const german = new Set(strings("first", 0, 1000));
    expect([...german].some((n) => /[äöüß]/i.test(n))).toBe(true);
  });

  it("rejects unknown paths with a did-you-mean, bad args and bad locales", () => {
    const compile = (gen: Record<string, unknown>) =>
      fakerKernel.compile({ gen, type: { name: "string" }, path: "p", tableRows: 1, columnNames: [] });
    const bad = compile({ method: "person.frstName" }).violations;
    expect(bad).toHaveLength(1);
    expect(bad[0]!.path).toBe("p.method");
    expect(bad[0]!.message).toContain('did you mean "firstName"');
    expect(resolveFakerMethod("comerce.product")).toMatchObject({ ok: false });
    expect((resolveFakerMethod("comerce.product") as { message: string }).message).toContain('"commerce"');
    expect(resolveFakerMethod("commerce.product")).toEqual({
      ok: true,
      module: "commerce",
      method: "product",
    });
    expect(resolveFakerMethod("seed").ok).toBe(false);
    expect(compile({ method: "number.int", args_json: "{" }).violations[0]!.path).toBe("p.args_json");
    expect(
      compile({ method: "number.int", args_json: '[{"min": 9, "max": 1}]' }).violations[0]!.message,
    ).toContain("rejects");
    expect(compile({ method: "number.int", locale: "xx_YY" }).violations[0]!.path).toBe("p.locale");
  });

  it("RowRandomizer yields a row's draws 0,1,2,… regardless of what came before", () => {
    const r = new RowRandomizer();
    r.at(1, 2, 42);
    const first = [r.next(), r.next(), r.next()];
    r.at(1, 2, 43);
    r.next();
    r.at(1, 2, 42);
    const { next } = r; // faker may call it unbound
    expect([next(), next(), next()]).toEqual(first);
    expect(first.every((u) => u >= 0 && u < 1)).toBe(true);
  });
});
