/**
 * security: the tenant interceptor — policy, limits and audit for an authenticated caller.
 * Before the handler: the plan must be on the tenant's allow-list (PermissionDenied), within its
 * plan-size and row limits (ResourceExhausted), and a data stream must get a quota lease
 * (ResourceExhausted + RetryInfo). While streaming: rows are charged to the tenant's bucket and the
 * stream pauses when it runs ahead of its rate. After: one audit line per stream.
 */
import type { FlightData, FlightDescriptor, Ticket } from "../gen/arrow/flight/protocol/flight_pb.js";
import type { GenerateRequest, GenerateResponse } from "../gen/synthstream/v1/generator_service_pb.js";
import { codeLabel, toConnectError } from "../server/errors.js";
import type { Logger } from "../server/logger.js";
import { LimitExceededError } from "../server/request-errors.js";
import type { Audit } from "./audit.js";
import { PermissionDeniedError, QuotaExceededError } from "./auth-errors.js";
import { PRINCIPAL, type Principal } from "./principal.js";
import type { Quota } from "./quota.js";
import {
  descriptorPlan,
  generatePlan,
  type PlanLookup,
  type RequestPlan,
  sourceRef,
  ticketPlan,
} from "./request-plan.js";
import { meterStream, type StreamKind } from "./stream-meter.js";
import type { TenantMetrics } from "./tenant-metrics.js";
import { allowsPlan, type TenantTable } from "./tenants.js";

/** What the interceptor needs. */
export interface TenantInterceptorDeps extends PlanLookup {
  readonly tenants: () => TenantTable;
  readonly quota: Quota;
  readonly audit: Audit;
  readonly metrics: TenantMetrics;
  readonly logger: Logger;
}

const STREAMS: Readonly<Record<string, StreamKind>> = {
  "synthstream.v1.GeneratorService/Generate": "generate",
  "arrow.flight.protocol.FlightService/DoGet": "flight",
};
const WITH_SOURCE = new Set([
  "synthstream.v1.GeneratorService/ValidatePlan",
  "synthstream.v1.GeneratorService/DescribePlan",
]);
const WITH_DESCRIPTOR = new Set([
  "arrow.flight.protocol.FlightService/GetFlightInfo",
  "arrow.flight.protocol.FlightService/PollFlightInfo",
  "arrow.flight.protocol.FlightService/GetSchema",
]);

/** Reads the single request message of a server-streaming call and hands back an equivalent stream. */
async function peek<T>(src: AsyncIterable<T>): Promise<[T | undefined, AsyncIterable<T>]> {
  const it = src[Symbol.asyncIterator]();
  const first = await it.next();
  async function* again(): AsyncIterable<T> {
    if (first.done === true) return;
    yield first.value;
    for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
  }
  return [first.done === true ? undefined : first.value, again()];
}

/** Applies the tenant's plan policy and size limits; throws typed errors. */
export function checkPolicy(p: Principal, plan: RequestPlan | undefined, table: TenantTable): void {
  if (plan === undefined) return;
  const limits = table.limits(p.tenant);
  if ("catalog" in plan.ref) {
    if (!allowsPlan(limits, plan.ref.catalog))
      throw new PermissionDeniedError(`tenant "${p.tenant}" may not run catalog plan "${plan.ref.catalog}"`);
  } else {
    if (!limits.inlinePlans)
      throw new PermissionDeniedError(`tenant "${p.tenant}" may not send inline plans`);
    if (plan.ref.inlineBytes > limits.maxPlanBytes)
      throw new LimitExceededError(
        "tenant_max_plan_bytes",
        `plan is ${plan.ref.inlineBytes} bytes; tenant "${p.tenant}" may send at most ${limits.maxPlanBytes}`,
      );
  }
  if (plan.rows !== undefined && plan.rows > limits.maxRows)
    throw new LimitExceededError(
      "tenant_max_rows",
      `request selects ${plan.rows} rows; tenant "${p.tenant}" may request at most ${limits.maxRows}`,
    );
}

/** Creates the interceptor; it must run after the auth interceptor. */
export function createTenantInterceptor(deps: TenantInterceptorDeps) {
  return ((next) => async (req) => {
    const p = req.contextValues.get(PRINCIPAL);
    if (p === undefined) return next(req); // open method
    const rpc = `${req.service.typeName}/${req.method.name}`;
    const kind = STREAMS[rpc];
    const label = deps.tenants().label(p.tenant);
    const refuse = (e: unknown): never => {
      const reason =
        e instanceof LimitExceededError
          ? e.limit
          : e instanceof PermissionDeniedError
            ? "permission_denied"
            : "error";
      deps.metrics.rejections.inc({ tenant: label, reason });
      const err = toConnectError(e, deps.logger, req.signal);
      deps.audit.refused({ rpc, code: codeLabel(err.code), reason: err.rawMessage, tenant: p.tenant });
      throw err;
    };
    if (!req.stream) {
      let plan: RequestPlan | undefined;
      if (WITH_SOURCE.has(rpc))
        plan = { ref: sourceRef((req.message as GenerateRequest).planSource) ?? { catalog: "" } };
      else if (WITH_DESCRIPTOR.has(rpc)) plan = descriptorPlan(req.message as FlightDescriptor);
      if (plan !== undefined && !("catalog" in plan.ref && plan.ref.catalog === "")) {
        try {
          checkPolicy(p, plan, deps.tenants());
        } catch (e) {
          refuse(e);
        }
      }
      return next(req);
    }
    if (kind === undefined) return next(req);
    const [first, message] = await peek(req.message as AsyncIterable<unknown>);
    const plan =
      first === undefined
        ? undefined
        : kind === "generate"
          ? await generatePlan(first as GenerateRequest, deps)
          : ticketPlan(first as Ticket);
    let lease: ReturnType<Quota["admit"]>;
    try {
      checkPolicy(p, plan, deps.tenants());
      lease = deps.quota.admit(p.tenant);
    } catch (e) {
      if (e instanceof QuotaExceededError) deps.logger.debug({ tenant: p.tenant, limit: e.limit }, "quota");
      return refuse(e);
    }
    deps.metrics.activeStreams.inc({ tenant: label });
    const res = await next({ ...req, message } as typeof req).catch((e: unknown) => {
      lease.release();
      deps.metrics.activeStreams.dec({ tenant: label });
      throw e;
    });
    if (!res.stream) return res;
    return {
      ...res,
      message: meterStream(res.message as AsyncIterable<GenerateResponse | FlightData>, {
        kind,
        lease,
        signal: req.signal,
        onRows: (n) => deps.metrics.rows.inc({ tenant: label }, n),
        onEnd: (s) => {
          lease.release();
          deps.metrics.activeStreams.dec({ tenant: label });
          deps.audit.stream({
            tenant: p.tenant,
            rpc,
            planHash: s.planHash ?? plan?.planHash ?? "",
            rows: s.rows,
            bytes: s.bytes,
            durationMs: s.durationMs,
            code: s.code,
            via: p.via,
          });
        },
      }),
    } as typeof res;
  }) satisfies import("@connectrpc/connect").Interceptor;
}
