/**
 * security: per-tenant limits — concurrent streams, rows per minute, largest inline plan, largest
 * request, and which plans a tenant may run. A YAML/JSON file → TenantTable; unknown tenants get
 * `default`. Metric labels are bounded: the configured tenant names plus "other".
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";

/** One tenant's limits; Infinity = unlimited. */
export interface TenantLimits {
  readonly maxStreams: number;
  readonly rowsPerMinute: number;
  readonly maxPlanBytes: number;
  readonly maxRows: number;
  /** Catalog plans the tenant may run; ["*"] = all. */
  readonly plans: readonly string[];
  /** Whether inline plans (sent in the request) are allowed. */
  readonly inlinePlans: boolean;
}

/** Tenant name → limits, plus the bounded metric label of a name. */
export interface TenantTable {
  limits(tenant: string): TenantLimits;
  /** The tenant's metrics label: its name if configured, else "other". */
  label(tenant: string): string;
  readonly names: readonly string[];
}

/** No limits at all: the default without a tenants file. */
export const UNLIMITED: TenantLimits = {
  maxStreams: Number.POSITIVE_INFINITY,
  rowsPerMinute: Number.POSITIVE_INFINITY,
  maxPlanBytes: Number.POSITIVE_INFINITY,
  maxRows: Number.POSITIVE_INFINITY,
  plans: ["*"],
  inlinePlans: true,
};

/** Thrown for an unusable tenants file. */
export class TenantFileError extends Error {
  override readonly name = "TenantFileError";
}

const KEYS: Readonly<Record<string, keyof TenantLimits>> = {
  max_streams: "maxStreams",
  rows_per_minute: "rowsPerMinute",
  max_plan_bytes: "maxPlanBytes",
  max_rows: "maxRows",
  plans: "plans",
  inline_plans: "inlinePlans",
};

function limitsOf(raw: unknown, base: TenantLimits, where: string): TenantLimits {
  if (raw === undefined || raw === null) return base;
  if (typeof raw !== "object" || Array.isArray(raw))
    throw new TenantFileError(`${where}: expected a mapping`);
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(raw)) {
    const key = KEYS[k];
    if (key === undefined) throw new TenantFileError(`${where}.${k}: unknown setting`);
    if (key === "plans") {
      if (!Array.isArray(v) || !v.every((p) => typeof p === "string"))
        throw new TenantFileError(`${where}.${k}: expected a list of plan names`);
    } else if (key === "inlinePlans") {
      if (typeof v !== "boolean") throw new TenantFileError(`${where}.${k}: expected true or false`);
    } else if (typeof v !== "number" || !(v > 0)) {
      throw new TenantFileError(`${where}.${k}: expected a positive number`);
    }
    out[key] = v;
  }
  return out as unknown as TenantLimits;
}

/** Builds a table from the parsed document `{default?: limits, tenants?: {name: limits}}`. */
export function tenantTable(doc: unknown, where = "tenants"): TenantTable {
  const d = (doc ?? {}) as { default?: unknown; tenants?: unknown };
  const base = limitsOf(d.default, UNLIMITED, `${where}.default`);
  const map = new Map<string, TenantLimits>();
  const tenants = d.tenants ?? {};
  if (typeof tenants !== "object" || Array.isArray(tenants))
    throw new TenantFileError(`${where}.tenants: expected a mapping of tenant name → limits`);
  for (const [name, raw] of Object.entries(tenants)) {
    if (name === "other") throw new TenantFileError(`${where}.tenants.other: "other" is reserved`);
    map.set(name, limitsOf(raw, base, `${where}.tenants.${name}`));
  }
  const names = [...map.keys()].sort();
  return {
    limits: (t) => map.get(t) ?? base,
    label: (t) => (map.has(t) ? t : "other"),
    names,
  };
}

/** Reads a tenants file (YAML or JSON); throws TenantFileError. */
export function readTenants(path: string): TenantTable {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new TenantFileError(`${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return tenantTable(doc, path);
}

/** True if `limits` lets the tenant run the catalog plan `name`. */
export function allowsPlan(limits: TenantLimits, name: string): boolean {
  return limits.plans.includes("*") || limits.plans.includes(name);
}
