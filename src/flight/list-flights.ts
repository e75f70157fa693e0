/**
 * flight: ListFlights — Criteria → one FlightInfo per table of every catalog plan it selects.
 * The criteria expression is UTF-8 text matched as a prefix of "<plan>/<table>" (the descriptor
 * path joined by "/"): empty lists everything, "ecommerce" both ecommerce and ecommerce_bronze,
 * "ecommerce/" exactly the ecommerce plan, "ecommerce/ord" its tables starting with "ord".
 * Plans the prefix cannot select are not compiled. Non-UTF-8 → StreamRequestError (InvalidArgument).
 */
import { create } from "@bufbuild/protobuf";
import { listCatalog } from "../catalog/catalog.js";
import {
  FlightDescriptor_DescriptorType as DescriptorType,
  FlightDescriptorSchema,
  type FlightInfo,
} from "../gen/arrow/flight/protocol/flight_pb.js";
import { StreamRequestError } from "../stream/index.js";
import { buildFlightInfo, type InfoOptions } from "./flight-info.js";
import { type PlanDeps, resolvePlan } from "./resolve-plan.js";

/** Reads the criteria expression as a path prefix; surrounding whitespace is ignored. */
export function parseCriteria(expression: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(expression).trim();
  } catch {
    throw new StreamRequestError([
      {
        path: "criteria.expression",
        message: 'expected UTF-8 text: a "<plan>/<table>" prefix, or empty for all',
      },
    ]);
  }
}

/** Whether some "<plan>/<table>" path of this plan can start with `prefix`. */
export function planMayMatch(plan: string, prefix: string): boolean {
  return `${plan}/`.startsWith(prefix) || prefix.startsWith(`${plan}/`);
}

/** The FlightInfos of every catalog table whose "<plan>/<table>" path starts with the criteria. */
export async function listFlightInfos(
  expression: Uint8Array,
  deps: PlanDeps,
  options: InfoOptions,
): Promise<FlightInfo[]> {
  const prefix = parseCriteria(expression);
  const out: FlightInfo[] = [];
  for (const entry of await listCatalog(deps.catalogDir)) {
    if (!planMayMatch(entry.name, prefix)) continue;
    const ref = { catalog: entry.name };
    // A catalog plan that fails to compile is left out rather than failing the whole listing.
    const plan = await resolvePlan(ref, undefined, undefined, deps).catch(() => undefined);
    for (const table of plan?.tables ?? []) {
      if (!`${entry.name}/${table.name}`.startsWith(prefix)) continue;
      const descriptor = create(FlightDescriptorSchema, {
        type: DescriptorType.PATH,
        path: [entry.name, table.name],
      });
      out.push(buildFlightInfo(plan!, table, { ref }, descriptor, options));
    }
  }
  return out;
}
