/**
 * server: grpc.health.v1 — Check and Watch over the same status table.
 * Status "" is the whole server; each registered service name has its own. Shutdown flips every
 * status to NOT_SERVING, and Watch streams each change until the client goes away.
 */
import type { ServiceImpl } from "@connectrpc/connect";
import { Code, ConnectError } from "@connectrpc/connect";
import { Health, HealthCheckResponse_ServingStatus as Status } from "../gen/grpc/health/v1/health_pb.js";

/** The status table behind the health service. */
export interface HealthState {
  get(service: string): Status | undefined;
  /** Sets the status of `services` (default: every known one, including ""). */
  set(status: Status, services?: readonly string[]): void;
  /** Calls `listener` on each change; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

/** Creates the table with "" and `services` all SERVING. */
export function createHealthState(services: readonly string[]): HealthState {
  const statuses = new Map<string, Status>([
    ["", Status.SERVING],
    ...services.map((s) => [s, Status.SERVING] as const),
  ]);
  const listeners = new Set<() => void>();
  return {
    get: (service) => statuses.get(service),
    set(status, names = [...statuses.keys()]) {
      for (const n of names) statuses.set(n, status);
      for (const l of [...listeners]) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

function nextChange(state: HealthState, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      unsubscribe();
      signal.removeEventListener("abort", done);
      resolve();
    };
    const unsubscribe = state.subscribe(done);
    signal.addEventListener("abort", done);
  });
}

/** The grpc.health.v1.Health implementation over `state`. */
export function createHealthService(state: HealthState): ServiceImpl<typeof Health> {
  return {
    check(req) {
      const status = state.get(req.service);
      if (status === undefined) throw new ConnectError(`unknown service "${req.service}"`, Code.NotFound);
      return { status };
    },
    async *watch(req, ctx) {
      let last: Status | undefined;
      while (!ctx.signal.aborted) {
        const status = state.get(req.service) ?? Status.SERVICE_UNKNOWN;
        if (status !== last) {
          last = status;
          yield { status };
        }
        await nextChange(state, ctx.signal);
      }
    },
  };
}

export { Health, Status as ServingStatus };
