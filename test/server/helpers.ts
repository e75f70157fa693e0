/** Test helpers: an in-process server on 127.0.0.1:0 and the engine's direct bytes for a table. */

import { ConnectError } from "@connectrpc/connect";
import { generateBatch } from "../../src/arrow/batch.js";
import { concatBytes, encodeStream } from "../../src/arrow/ipc.js";
import { tableSchema } from "../../src/arrow/schema.js";
import { tableDictionaries } from "../../src/arrow/stream-header.js";
import { compilePlan } from "../../src/compile/compile-plan.js";
import type { CompiledPlan } from "../../src/compile/compiled-plan.js";
import { tableOf } from "../../src/compile/compiled-plan.js";
import type { Plan } from "../../src/gen/synthstream/v1/plan_pb.js";
import { parsePlanText } from "../../src/plan/parse-plan.js";
import { DEFAULT_CONFIG, type ServerConfig } from "../../src/server/config.js";
import { createServer, type RunningServer, type ServerDeps } from "../../src/server/create-server.js";
import { createLogger } from "../../src/server/logger.js";

export const PLAN_YAML = `
name: shop
seed: 42
tables:
  - name: customers
    rows: 5000
    primary_key: id
    columns:
      - {name: id, sequence: {}}
      - {name: first_name, semantic: {kind: first_name}}
      - {name: email, semantic: {kind: email}}
      - {name: tier, categorical: {values: [Bronze, Silver, Gold], weights: [6, 3, 1]}}
      - {name: age, type: int32, number: {normal: {mean: 40, stddev: 12}, min: 18, max: 99}, null_rate: 0.1}
  - name: big
    rows: 50000000
    columns:
      - {name: id, sequence: {}}
      - {name: x, type: float64, number: {uniform: {min: 0, max: 1}}}
`;

export function testPlan(): Plan {
  const p = parsePlanText(PLAN_YAML);
  if (!p.ok) throw new Error(JSON.stringify(p.violations));
  return p.plan;
}

export function compiled(plan: Plan = testPlan()): CompiledPlan {
  const c = compilePlan(plan);
  if (!c.ok) throw new Error(JSON.stringify(c.violations));
  return c.plan;
}

/** The engine's own IPC stream for rows [start, end) of a table in batches of `rpb`. */
export function directBytes(
  plan: CompiledPlan,
  table: string,
  start: number,
  end: number,
  rpb: number,
): Uint8Array {
  const t = tableOf(plan, table);
  const batches = [];
  for (let r = start; r < end; r += rpb) batches.push(generateBatch(plan, table, r, Math.min(rpb, end - r)));
  return encodeStream(tableSchema(plan, t), tableDictionaries(plan, t), batches);
}

/** Concatenated byte arrays (the engine's own helper, re-exported for tests). */
export { concatBytes as concat };

/** The ConnectError a call rejects with; fails the test if it resolves. */
export async function caught(f: () => Promise<unknown>): Promise<ConnectError> {
  try {
    await f();
  } catch (e) {
    return ConnectError.from(e);
  }
  throw new Error("expected an error");
}

/** Starts a server on a random port with a silent logger. */
export function startServer(
  overrides: Partial<ServerConfig> = {},
  deps: ServerDeps = {},
): Promise<RunningServer> {
  return createServer(
    {
      ...DEFAULT_CONFIG,
      host: "127.0.0.1",
      port: 0,
      adminPort: 0,
      workers: 0,
      drainSeconds: 1,
      ...overrides,
    },
    { logger: createLogger({ level: "silent" }), ...deps },
  );
}

export async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 2));
  }
  return cond();
}
