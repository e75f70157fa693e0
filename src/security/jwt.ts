/**
 * security: JWT bearer authentication with jose — signature against a JWKS (a file, reloaded on
 * change, or an https URL jose caches), then issuer, audience, expiry/not-before with clock skew.
 * token → Principal{tenant from a claim}. Bad or expired tokens are AuthenticationError; a valid
 * token without the required scope or a tenant claim is PermissionDeniedError.
 */
import { readFileSync } from "node:fs";
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
  jwtVerify,
} from "jose";
import type { Logger } from "../server/logger.js";
import { AuthenticationError, KeySourceUnavailableError, PermissionDeniedError } from "./auth-errors.js";
import type { Authenticator, Principal } from "./principal.js";
import { watchPaths } from "./watch-path.js";

/** JWT verification settings. */
export interface JwtOptions {
  /** A JWKS JSON file path, or an http(s) URL. */
  readonly jwks: string;
  readonly issuer?: string | undefined;
  /** Required `aud`; strongly recommended, so tokens minted for other services are refused. */
  readonly audience?: string | undefined;
  /** Accepted clock difference for exp/nbf/iat, in seconds; default 30. */
  readonly clockSkewSeconds?: number | undefined;
  /** Claim naming the tenant; default "tenant". */
  readonly tenantClaim?: string | undefined;
  /** A scope every token must carry (space-separated `scope` or array `scp`); none if unset. */
  readonly requiredScope?: string | undefined;
  readonly logger: Logger;
  readonly reloadMs?: number | undefined;
}

const ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "EdDSA"];

function scopesOf(p: JWTPayload): string[] {
  if (typeof p.scope === "string") return p.scope.split(" ").filter((s) => s !== "");
  if (Array.isArray(p.scp)) return p.scp.filter((s): s is string => typeof s === "string");
  return [];
}

function describe(e: unknown): string {
  if (e instanceof errors.JWTExpired) return "token expired";
  if (e instanceof errors.JWTClaimValidationFailed) return `token claim "${e.claim}" rejected`;
  if (e instanceof errors.JWKSNoMatchingKey) return "token signed by an unknown key";
  if (e instanceof errors.JWSSignatureVerificationFailed) return "token signature invalid";
  if (e instanceof errors.JOSEAlgNotAllowed) return "token algorithm not allowed";
  return "invalid token";
}

/**
 * Failures of fetching the key set, not of the token: a timeout, a non-200 answer, a malformed set,
 * or a network error (fetch's TypeError). The token may be fine, so they are not Unauthenticated.
 */
function isKeySourceFailure(e: unknown): boolean {
  if (e instanceof errors.JWKSTimeout || e instanceof errors.JWKSInvalid) return true;
  if (e instanceof errors.JOSEError) return /JSON Web Key Set HTTP response/.test(e.message);
  return e instanceof TypeError;
}

function sourceFailure(e: unknown): string {
  if (e instanceof errors.JWKSTimeout) return "timed out";
  if (e instanceof errors.JWKSInvalid) return "not a valid key set";
  if (e instanceof errors.JOSEError) return "the endpoint did not answer 200 OK";
  return "unreachable";
}

function keySet(opts: JwtOptions): { get: JWTVerifyGetKey; close: () => void; remote: boolean } {
  if (/^https?:\/\//.test(opts.jwks))
    return { get: createRemoteJWKSet(new URL(opts.jwks)), close: () => {}, remote: true };
  const load = () => createLocalJWKSet(JSON.parse(readFileSync(opts.jwks, "utf8")) as JSONWebKeySet);
  let current = load();
  const close = watchPaths(
    [opts.jwks],
    () => {
      try {
        current = load();
        opts.logger.info({ path: opts.jwks }, "jwks reloaded");
      } catch (e) {
        opts.logger.error({ path: opts.jwks, err: String(e) }, "jwks file unusable; keeping previous keys");
      }
    },
    opts.reloadMs ?? 2000,
  );
  return { get: (h, t) => current(h, t), close, remote: false };
}

/** Creates the JWT authenticator; throws if the JWKS file is unreadable at startup. */
export function createJwtAuthenticator(opts: JwtOptions): Authenticator {
  const keys = keySet(opts);
  const claim = opts.tenantClaim ?? "tenant";
  return {
    kind: "jwt",
    accepts: (token) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token),
    async verify(token: string): Promise<Principal> {
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keys.get, {
          algorithms: ALGORITHMS,
          clockTolerance: opts.clockSkewSeconds ?? 30,
          requiredClaims: ["exp"],
          ...(opts.issuer === undefined ? {} : { issuer: opts.issuer }),
          ...(opts.audience === undefined ? {} : { audience: opts.audience }),
        }));
      } catch (e) {
        if (keys.remote && isKeySourceFailure(e))
          throw new KeySourceUnavailableError(`JWKS ${opts.jwks} unavailable: ${sourceFailure(e)}`);
        throw new AuthenticationError(describe(e));
      }
      const scopes = scopesOf(payload);
      if (opts.requiredScope !== undefined && !scopes.includes(opts.requiredScope))
        throw new PermissionDeniedError(`token lacks the "${opts.requiredScope}" scope`);
      const tenant = payload[claim];
      if (typeof tenant !== "string" || tenant === "")
        throw new PermissionDeniedError(`token has no "${claim}" claim naming a tenant`);
      return { tenant, via: "jwt", scopes };
    },
    close: keys.close,
  };
}
