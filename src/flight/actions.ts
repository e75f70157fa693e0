/**
 * flight: DoAction's actions — `validate` and `describe` — and the ListActions catalogue.
 * Action body (a catalog name, a proto-JSON plan, or {catalog|plan, scale, seed}) → one JSON
 * result. `validate` reports violations as data; `describe` is DescribePlan in proto JSON form.
 */
import { create, toJson } from "@bufbuild/protobuf";
import {
  FlightDescriptor_DescriptorType as DescriptorType,
  FlightDescriptorSchema,
} from "../gen/arrow/flight/protocol/flight_pb.js";
import { DescribePlanResponseSchema } from "../gen/synthstream/v1/generator_service_pb.js";
import { describePlan } from "../server/describe-plan.js";
import { compileSourced } from "../server/plan-source.js";
import { PlanInvalidError } from "../server/request-errors.js";
import { StreamRequestError } from "../stream/index.js";
import { type FlightQuery, parseDescriptor } from "./descriptors.js";
import { loadPlan, type PlanDeps } from "./resolve-plan.js";

/** The actions this server runs, as ListActions reports them. */
export const ACTIONS: readonly { readonly type: string; readonly description: string }[] = [
  {
    type: "validate",
    description:
      'Checks a plan. Body: a catalog name, a plan (proto JSON) or {"catalog"|"plan", "scale"}. Result: {"valid", "violations": [{"field", "message"}]}.',
  },
  {
    type: "describe",
    description:
      'Describes what a plan generates (DescribePlanResponse as proto JSON). Body: a catalog name, a plan, or {"catalog"|"plan", "scale", "seed"}.',
  },
];

/** Reads an action body: JSON goes through the CMD-descriptor parser, plain text is a catalog name. */
export function actionQuery(body: Uint8Array): FlightQuery {
  const text = new TextDecoder().decode(body).trim();
  if (text.startsWith("{"))
    return parseDescriptor(create(FlightDescriptorSchema, { type: DescriptorType.CMD, cmd: body }));
  if (text === "") throw new StreamRequestError([{ path: "action.body", message: "the body names no plan" }]);
  return { ref: { catalog: text } };
}

const seedOf = (q: FlightQuery) => (q.seed === undefined ? undefined : BigInt(q.seed));

/** Runs one action; returns its JSON result, or throws the service's typed errors. */
export async function runAction(type: string, body: Uint8Array, deps: PlanDeps): Promise<unknown> {
  const query = actionQuery(body);
  switch (type) {
    case "validate": {
      try {
        compileSourced(await loadPlan(query.ref, deps), undefined, query.scale ?? 0);
        return { valid: true, violations: [] };
      } catch (e) {
        if (!(e instanceof PlanInvalidError)) throw e;
        return { valid: false, violations: e.violations.map((v) => ({ field: v.path, message: v.message })) };
      }
    }
    case "describe": {
      const sourced = await loadPlan(query.ref, deps);
      const described = describePlan(
        sourced.plan,
        compileSourced(sourced, seedOf(query), query.scale ?? 0),
        0,
      );
      return toJson(DescribePlanResponseSchema, described);
    }
    default:
      throw new StreamRequestError([
        {
          path: "action.type",
          message: `unknown action "${type}"; try ${ACTIONS.map((a) => a.type).join(", ")}`,
        },
      ]);
  }
}
