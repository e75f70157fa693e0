/**
 * security: the authentication interceptor — every RPC except the open ones (health, reflection,
 * Flight Handshake's own exchange) must carry `authorization: Bearer <key|JWT>` or `x-api-key`.
 * request headers → Principal in the context values, or Unauthenticated / PermissionDenied before
 * any handler runs. With auth "none" every caller is the anonymous tenant.
 */
import type { Interceptor } from "@connectrpc/connect";
import { codeLabel, toConnectError } from "../server/errors.js";
import type { Logger } from "../server/logger.js";
import type { Audit } from "./audit.js";
import { AuthenticationError } from "./auth-errors.js";
import { FLIGHT_HANDSHAKE, handshakeCredential, withBearerHeader } from "./flight-handshake.js";
import { ANONYMOUS_TENANT, type Authenticator, PRINCIPAL, type Principal } from "./principal.js";

/** Services anyone may call: probes and tooling must work without credentials. */
export const OPEN_SERVICES: ReadonlySet<string> = new Set([
  "grpc.health.v1.Health",
  "grpc.reflection.v1.ServerReflection",
  "grpc.reflection.v1alpha.ServerReflection",
]);

const ANONYMOUS: Principal = { tenant: ANONYMOUS_TENANT, via: "none", scopes: [] };

/** The bearer credential of a request: `authorization: Bearer …`, else `x-api-key`. */
export function bearerOf(header: Headers): string | undefined {
  const auth = header.get("authorization");
  if (auth !== null) {
    const m = /^Bearer[ \t]+(\S+)\s*$/i.exec(auth);
    return m?.[1];
  }
  const key = header.get("x-api-key");
  return key === null || key.trim() === "" ? undefined : key.trim();
}

/** Verifies a token: JWT-shaped tokens go to the JWT authenticator, others to the first that accepts. */
export async function authenticate(
  token: string,
  authenticators: readonly Authenticator[],
): Promise<Principal> {
  const a =
    authenticators.find((x) => x.kind === "jwt" && x.accepts(token)) ??
    authenticators.find((x) => x.accepts(token));
  if (a === undefined) throw new AuthenticationError("unsupported credential");
  return a.verify(token);
}

/** What the interceptor needs. */
export interface AuthInterceptorDeps {
  /** Empty = auth off: every caller is the anonymous tenant. */
  readonly authenticators: readonly Authenticator[];
  readonly audit: Audit;
  readonly logger: Logger;
  /** Counts refusals (bounded labels). */
  readonly onRefused?: ((reason: string) => void) | undefined;
}

/** Creates the interceptor; place it after tracing and before the tenant interceptor. */
export function createAuthInterceptor(deps: AuthInterceptorDeps): Interceptor {
  const off = deps.authenticators.length === 0;
  return (next) => async (req) => {
    if (OPEN_SERVICES.has(req.service.typeName)) return next(req);
    const rpc = `${req.service.typeName}/${req.method.name}`;
    const handshake = rpc === FLIGHT_HANDSHAKE;
    if (off) {
      req.contextValues.set(PRINCIPAL, ANONYMOUS);
      return next(req);
    }
    const token = handshake ? handshakeCredential(req.header) : bearerOf(req.header);
    let principal: Principal;
    try {
      if (token === undefined)
        throw new AuthenticationError("missing credentials: send `authorization: Bearer <API key or JWT>`");
      principal = await authenticate(token, deps.authenticators);
    } catch (e) {
      const err = toConnectError(e, deps.logger, req.signal);
      const reason = e instanceof Error ? e.message : "error";
      deps.audit.refused({ rpc, code: codeLabel(err.code), reason });
      deps.onRefused?.(codeLabel(err.code));
      throw err;
    }
    req.contextValues.set(PRINCIPAL, principal);
    const res = await next(req);
    // Handshake trades Basic credentials for the bearer token later calls send.
    return handshake && token !== undefined ? withBearerHeader(res, token) : res;
  };
}
