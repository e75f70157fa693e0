/**
 * security: what a data request asks for, read before the handler runs — the plan it names
 * (catalog name or inline), the inline plan's size, and for streams the rows selected and the plan
 * hash. Used for tenant policy and admission; a request the handler will reject anyway yields
 * undefined, and the handler reports the real error.
 */
import { toBinary } from "@bufbuild/protobuf";
import { parseDescriptor } from "../flight/descriptors.js";
import { decodeTicket, type TicketPlanRef } from "../flight/tickets.js";
import type { FlightDescriptor, Ticket } from "../gen/arrow/flight/protocol/flight_pb.js";
import type { GenerateRequest } from "../gen/synthstream/v1/generator_service_pb.js";
import { PlanSchema } from "../gen/synthstream/v1/plan_pb.js";
import { type ServiceLimits, selectedRows } from "../server/limits.js";
import { compileSourced, type PlanSourceField, sourcePlan } from "../server/plan-source.js";

/** The plan a request names. */
export type PlanRef = { readonly catalog: string } | { readonly inlineBytes: number };

/** A request's plan and, for streams, its size in rows and its plan hash. */
export interface RequestPlan {
  readonly ref: PlanRef;
  readonly rows?: number | undefined;
  readonly planHash?: string | undefined;
}

/** Where plans come from. */
export interface PlanLookup {
  readonly limits: ServiceLimits;
  readonly catalogDir?: string | undefined;
}

/** The plan reference of a `plan_source` oneof. */
export function sourceRef(source: PlanSourceField): PlanRef | undefined {
  if (source.case === "catalog") return { catalog: source.value };
  if (source.case === "plan") return { inlineBytes: toBinary(PlanSchema, source.value).byteLength };
  return undefined;
}

function refOf(r: TicketPlanRef): PlanRef {
  return "catalog" in r ? { catalog: r.catalog } : { inlineBytes: Buffer.byteLength(JSON.stringify(r.plan)) };
}

/** Generate: plan, selected rows and hash (compiles the plan; invalid plans → undefined). */
export async function generatePlan(req: GenerateRequest, deps: PlanLookup): Promise<RequestPlan | undefined> {
  const ref = sourceRef(req.planSource);
  if (ref === undefined) return undefined;
  try {
    const plan = compileSourced(
      await sourcePlan(req.planSource, deps.limits, deps.catalogDir),
      req.seed,
      req.scale,
    );
    const rows = selectedRows(plan, req.tables, Number(req.rowStart), Number(req.rowEnd));
    return { ref, rows, planHash: plan.planHash };
  } catch {
    return { ref };
  }
}

/** A Flight ticket's plan and row count (hash as carried by the ticket). */
export function ticketPlan(t: Ticket): RequestPlan | undefined {
  try {
    const body = decodeTicket(t.ticket);
    return { ref: refOf(body.ref), rows: body.rowEnd - body.rowStart, planHash: body.planHash };
  } catch {
    return undefined;
  }
}

/** A Flight descriptor's plan (PATH or CMD, as FlightService parses it). */
export function descriptorPlan(d: FlightDescriptor): RequestPlan | undefined {
  try {
    return { ref: refOf(parseDescriptor(d).ref) };
  } catch {
    return undefined; // malformed: the handler answers InvalidArgument
  }
}
