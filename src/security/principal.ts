/**
 * security: who is calling — the Principal an authenticator derives from a request's credentials.
 * Stored in the RPC's context values by the auth interceptor; never holds the credential itself.
 */
import { createContextKey } from "@connectrpc/connect";

/** An authenticated caller. `tenant` names its quota bucket; never the token. */
export interface Principal {
  readonly tenant: string;
  /** How it was authenticated. */
  readonly via: "none" | "api-key" | "jwt";
  /** Scopes granted (JWT `scope`/`scp`); empty for API keys, which carry no scopes. */
  readonly scopes: readonly string[];
}

/** The tenant of unauthenticated callers when auth is off (local development). */
export const ANONYMOUS_TENANT = "anonymous";

/** The caller of the current RPC; undefined on open methods (health, reflection, Handshake). */
export const PRINCIPAL = createContextKey<Principal | undefined>(undefined, { description: "principal" });

/** Verifies one bearer credential; throws AuthenticationError / PermissionDeniedError. */
export interface Authenticator {
  readonly kind: "api-key" | "jwt";
  /** True if this authenticator should try the token (e.g. JWTs have three dot-separated parts). */
  accepts(token: string): boolean;
  verify(token: string): Promise<Principal>;
  close(): void;
}
