/**
 * security: tenant quotas — a concurrent-stream count and a rows-per-minute token bucket per
 * tenant. admit(tenant) → a lease or QuotaExceededError (with a retry delay); lease.charge(rows)
 * → how long the stream must pause to stay within its rate. State is per tenant, so one tenant
 * running dry never slows another; the clock is injected for tests.
 */
import { QuotaExceededError } from "./auth-errors.js";
import type { TenantTable } from "./tenants.js";

/** A stream's hold on its tenant's quota. */
export interface QuotaLease {
  /** Debits rows; returns milliseconds to wait before sending more (0 when within the rate). */
  charge(rows: number): number;
  /** Frees the stream slot (idempotent). */
  release(): void;
}

/** Per-tenant admission and rate accounting. */
export interface Quota {
  admit(tenant: string): QuotaLease;
  /** Open streams of a tenant. */
  open(tenant: string): number;
}

interface TenantState {
  streams: number;
  tokens: number;
  at: number;
}

/** How long a caller refused for concurrency should wait: streams typically last seconds. */
const STREAM_RETRY_MS = 1000;

/** Creates the quota book; `table()` is read per call so a reloaded tenants file applies at once. */
export function createQuota(table: () => TenantTable, now: () => number = () => performance.now()): Quota {
  const states = new Map<string, TenantState>();
  const state = (tenant: string): TenantState => {
    let s = states.get(tenant);
    if (s === undefined) {
      const rate = table().limits(tenant).rowsPerMinute;
      s = { streams: 0, tokens: rate, at: now() };
      states.set(tenant, s);
    }
    // Refill: a full minute's rows is also the burst size.
    const perMinute = table().limits(tenant).rowsPerMinute;
    const t = now();
    s.tokens = Number.isFinite(perMinute)
      ? Math.min(perMinute, s.tokens + ((t - s.at) * perMinute) / 60_000)
      : Number.POSITIVE_INFINITY;
    s.at = t;
    return s;
  };
  const waitMs = (tokens: number, perMinute: number) =>
    tokens >= 0 || !Number.isFinite(perMinute) ? 0 : Math.ceil((-tokens * 60_000) / perMinute);
  return {
    admit(tenant) {
      const limits = table().limits(tenant);
      const s = state(tenant);
      if (s.streams >= limits.maxStreams)
        throw new QuotaExceededError(
          "tenant_streams",
          `tenant "${tenant}" has ${s.streams} open streams; its limit is ${limits.maxStreams}`,
          tenant,
          STREAM_RETRY_MS,
        );
      if (s.tokens <= 0)
        throw new QuotaExceededError(
          "tenant_rows_per_minute",
          `tenant "${tenant}" used its ${limits.rowsPerMinute} rows per minute`,
          tenant,
          Math.max(1, waitMs(s.tokens, limits.rowsPerMinute)) + 1,
        );
      s.streams++;
      let released = false;
      return {
        charge(rows) {
          const st = state(tenant);
          st.tokens -= rows;
          return waitMs(st.tokens, table().limits(tenant).rowsPerMinute);
        },
        release() {
          if (released) return;
          released = true;
          s.streams--;
        },
      };
    },
    open: (tenant) => states.get(tenant)?.streams ?? 0,
  };
}
