/**
 * compile: the plan hash — SHA-256 of the plan's canonical binary form.
 * Plan → hex digest. protobuf-es serializes fields in number order, so equal plans hash equally
 * whether they came from YAML, JSON or an RPC.
 */
import { createHash } from "node:crypto";
import { toBinary } from "@bufbuild/protobuf";
import { type Plan, PlanSchema } from "../gen/synthstream/v1/plan_pb.js";

/** Hex SHA-256 of the plan. */
export function planHash(plan: Plan): string {
  return createHash("sha256").update(toBinary(PlanSchema, plan)).digest("hex");
}
