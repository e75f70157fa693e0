/**
 * security: the security settings of a server — plain data from `serve` flags and SYNTHSTREAM_*
 * environment. flags/env → SecurityConfig, or ConfigError naming the bad setting. Auth defaults
 * to "none" (local development only); TLS is on when a certificate and key are given.
 */
import { ConfigError, parseCount } from "../server/config.js";

/** A credential kind the server accepts. */
export type AuthMethod = "api-key" | "jwt";

/** Everything createSecurity needs. */
export interface SecurityConfig {
  /** Accepted credentials; empty = no authentication. */
  readonly auth: readonly AuthMethod[];
  readonly apiKeys?: string | undefined;
  readonly jwks?: string | undefined;
  readonly jwtIssuer?: string | undefined;
  readonly jwtAudience?: string | undefined;
  readonly jwtClockSkewSeconds?: number | undefined;
  readonly jwtTenantClaim?: string | undefined;
  readonly jwtScope?: string | undefined;
  /** Tenant limits file; unset = every tenant unlimited. */
  readonly tenants?: string | undefined;
  readonly tlsCert?: string | undefined;
  readonly tlsKey?: string | undefined;
  /** Client CA bundle: set = mutual TLS. */
  readonly tlsClientCa?: string | undefined;
  /** Stat-fallback period for reloading keys, JWKS, tenants and certificates. */
  readonly reloadMs?: number | undefined;
}

/** The `serve` flags for security, for node:util parseArgs. */
export const SECURITY_FLAGS = {
  auth: { type: "string" },
  "api-keys": { type: "string" },
  jwks: { type: "string" },
  "jwt-issuer": { type: "string" },
  "jwt-audience": { type: "string" },
  "jwt-clock-skew": { type: "string" },
  "jwt-tenant-claim": { type: "string" },
  "jwt-scope": { type: "string" },
  tenants: { type: "string" },
  "tls-cert": { type: "string" },
  "tls-key": { type: "string" },
  "tls-client-ca": { type: "string" },
} as const;

/** Usage lines for the security flags. */
export const SECURITY_USAGE = `                        [--auth none|api-key|jwt|api-key,jwt] [--api-keys FILE|DIR] [--jwks FILE|URL]
                        [--jwt-issuer ISS] [--jwt-audience AUD] [--jwt-clock-skew S] [--jwt-tenant-claim C]
                        [--jwt-scope SCOPE] [--tenants FILE] [--tls-cert PEM --tls-key PEM [--tls-client-ca PEM]]
`;

type Flag = keyof typeof SECURITY_FLAGS;

/** Reads the setting from its flag, else SYNTHSTREAM_<FLAG>, else undefined. */
function setting(
  flags: Partial<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
  flag: Flag,
): string | undefined {
  const f = flags[flag];
  if (typeof f === "string" && f !== "") return f;
  const e = env[`SYNTHSTREAM_${flag.toUpperCase().replaceAll("-", "_")}`];
  return e === undefined || e === "" ? undefined : e;
}

/** Parses `none`, `api-key`, `jwt` or `api-key,jwt`. */
export function parseAuth(text: string): AuthMethod[] {
  const parts = text.split(",").map((s) => s.trim());
  if (parts.length === 1 && parts[0] === "none") return [];
  const out: AuthMethod[] = [];
  for (const p of parts) {
    if (p !== "api-key" && p !== "jwt")
      throw new ConfigError(`--auth: expected none, api-key, jwt or api-key,jwt; got "${text}"`);
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

/** Flags over environment; checks that each chosen method has what it needs. */
export function securityConfig(
  flags: Partial<Record<string, unknown>>,
  env: NodeJS.ProcessEnv,
): SecurityConfig {
  const get = (f: Flag) => setting(flags, env, f);
  const auth = parseAuth(get("auth") ?? "none");
  const skew = get("jwt-clock-skew");
  const reload = env.SYNTHSTREAM_RELOAD_MS;
  const cfg: SecurityConfig = {
    auth,
    apiKeys: get("api-keys"),
    jwks: get("jwks"),
    jwtIssuer: get("jwt-issuer"),
    jwtAudience: get("jwt-audience"),
    jwtClockSkewSeconds: skew === undefined ? undefined : parseCount(skew, "--jwt-clock-skew"),
    jwtTenantClaim: get("jwt-tenant-claim"),
    jwtScope: get("jwt-scope"),
    tenants: get("tenants"),
    tlsCert: get("tls-cert"),
    tlsKey: get("tls-key"),
    tlsClientCa: get("tls-client-ca"),
    reloadMs:
      reload === undefined || reload === "" ? undefined : parseCount(reload, "SYNTHSTREAM_RELOAD_MS", 10),
  };
  if (auth.includes("api-key") && cfg.apiKeys === undefined)
    throw new ConfigError("--auth api-key needs --api-keys FILE|DIR");
  if (auth.includes("jwt") && cfg.jwks === undefined)
    throw new ConfigError("--auth jwt needs --jwks FILE|URL");
  if ((cfg.tlsCert === undefined) !== (cfg.tlsKey === undefined))
    throw new ConfigError("--tls-cert and --tls-key go together");
  if (cfg.tlsClientCa !== undefined && cfg.tlsCert === undefined)
    throw new ConfigError("--tls-client-ca (mTLS) needs --tls-cert and --tls-key");
  return cfg;
}
