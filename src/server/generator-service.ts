/**
 * server: the GeneratorService implementation — Generate (generate-rpc.ts), ValidatePlan,
 * DescribePlan and ListPlans. Unary methods map errors through errors.ts like Generate does.
 */
import type { HandlerContext, ServiceImpl } from "@connectrpc/connect";
import { listCatalog } from "../catalog/catalog.js";
import { GeneratorService } from "../gen/synthstream/v1/generator_service_pb.js";
import { describePlan } from "./describe-plan.js";
import { toConnectError } from "./errors.js";
import { createGenerate, type GenerateDeps } from "./generate-rpc.js";
import { compileSourced, sourcePlan } from "./plan-source.js";
import { PlanInvalidError } from "./request-errors.js";

async function mapped<T>(deps: GenerateDeps, ctx: HandlerContext, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toConnectError(e, deps.logger, ctx.signal);
  }
}

/** Creates the service over the server's shared dependencies. */
export function createGeneratorService(deps: GenerateDeps): ServiceImpl<typeof GeneratorService> {
  return {
    generate: createGenerate(deps),
    validatePlan: (req, ctx) =>
      mapped(deps, ctx, async () => {
        try {
          compileSourced(
            await sourcePlan(req.planSource, deps.limits, deps.catalogDir),
            undefined,
            req.scale,
          );
          return { valid: true, violations: [] };
        } catch (e) {
          if (!(e instanceof PlanInvalidError)) throw e;
          return {
            valid: false,
            violations: e.violations.map((v) => ({ field: v.path, message: v.message })),
          };
        }
      }),
    describePlan: (req, ctx) =>
      mapped(deps, ctx, async () => {
        const sourced = await sourcePlan(req.planSource, deps.limits, deps.catalogDir);
        return describePlan(sourced.plan, compileSourced(sourced, req.seed, req.scale), req.rowsPerBatch);
      }),
    listPlans: (_req, ctx) =>
      mapped(deps, ctx, async () => ({
        plans: (await listCatalog(deps.catalogDir)).map((p) => ({
          name: p.name,
          description: p.description,
          tables: [...p.tables],
        })),
      })),
  };
}

export { GeneratorService };
