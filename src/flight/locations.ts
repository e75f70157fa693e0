/**
 * flight: the location URIs a server puts on its endpoints.
 * (--advertise value, bound host, bound port) → URIs. An explicit list (comma-separated, e.g. a
 * Kubernetes Service name) wins; otherwise grpc+tcp://<bound host>:<port>, with a wildcard bind
 * replaced by this machine's hostname (a wildcard address is not something a client can dial).
 */
import { hostname } from "node:os";

const WILDCARDS = new Set(["0.0.0.0", "::", "[::]", ""]);

/** The endpoint locations; "none" advertises none (clients then reuse their own connection). */
export function advertisedLocations(advertise: string | undefined, host: string, port: number): string[] {
  if (advertise !== undefined && advertise.trim() !== "") {
    if (advertise.trim() === "none") return [];
    return advertise
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s !== "");
  }
  const h = WILDCARDS.has(host) ? hostname() : host;
  return [`grpc+tcp://${h.includes(":") && !h.startsWith("[") ? `[${h}]` : h}:${port}`];
}
