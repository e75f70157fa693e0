/**
 * security: per-tenant Prometheus metrics on the server's registry. Tenant labels come only from
 * TenantTable.label (configured names + "other"), so a caller can never grow the label set.
 */
import { Counter, Gauge, type Registry } from "prom-client";

/** The tenant instruments. */
export interface TenantMetrics {
  readonly activeStreams: Gauge<"tenant">;
  readonly rows: Counter<"tenant">;
  readonly rejections: Counter<"tenant" | "reason">;
}

/** Registers synthstream_tenant_* metrics on `registry`. */
export function createTenantMetrics(registry: Registry): TenantMetrics {
  const registers = [registry];
  return {
    activeStreams: new Gauge({
      name: "synthstream_tenant_active_streams",
      help: 'Open data streams per tenant (configured tenants, else "other")',
      labelNames: ["tenant"],
      registers,
    }),
    rows: new Counter({
      name: "synthstream_tenant_rows_total",
      help: "Rows streamed per tenant",
      labelNames: ["tenant"],
      registers,
    }),
    rejections: new Counter({
      name: "synthstream_tenant_rejections_total",
      help: "Requests refused per tenant and reason (unauthenticated, permission_denied, a limit name)",
      labelNames: ["tenant", "reason"],
      registers,
    }),
  };
}
