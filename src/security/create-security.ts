/**
 * security: assembles a server's security from its SecurityConfig — authenticators, tenant table,
 * quota book, audit, metrics → the interceptors for connectNodeAdapter (auth, then tenant) and the
 * TLS settings. Warns loudly when a non-loopback port runs without authentication.
 */
import type { Interceptor } from "@connectrpc/connect";
import type { Registry } from "prom-client";
import type { ServiceLimits } from "../server/limits.js";
import type { Logger } from "../server/logger.js";
import { createApiKeyAuthenticator } from "./api-keys.js";
import { createAudit } from "./audit.js";
import { createAuthInterceptor } from "./auth-interceptor.js";
import { createJwtAuthenticator } from "./jwt.js";
import type { Authenticator } from "./principal.js";
import { createQuota } from "./quota.js";
import type { SecurityConfig } from "./security-config.js";
import { createTenantInterceptor } from "./tenant-interceptor.js";
import { createTenantMetrics } from "./tenant-metrics.js";
import { readTenants, type TenantTable, tenantTable } from "./tenants.js";
import type { TlsConfig } from "./tls.js";
import { watchPaths } from "./watch-path.js";

/** What the server wires in. */
export interface Security {
  readonly interceptors: readonly Interceptor[];
  /** TLS files when the port serves TLS. */
  readonly tls?: TlsConfig | undefined;
  /** Stops file watchers. */
  close(): void;
}

/** What security needs from its server. */
export interface SecurityDeps {
  readonly logger: Logger;
  readonly registry: Registry;
  readonly limits: ServiceLimits;
  readonly catalogDir?: string | undefined;
  readonly host: string;
}

/** True for a host only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** No authentication, no tenant limits, no TLS: local development. */
export const INSECURE_DEFAULTS: SecurityConfig = { auth: [] };

/** Builds the security layer; throws if a key, JWKS or tenants file is unusable at startup. */
export function createSecurity(cfg: SecurityConfig = INSECURE_DEFAULTS, deps: SecurityDeps): Security {
  const { logger } = deps;
  const stops: (() => void)[] = [];
  const authenticators: Authenticator[] = [];
  if (cfg.auth.includes("api-key"))
    authenticators.push(createApiKeyAuthenticator({ path: cfg.apiKeys!, logger, reloadMs: cfg.reloadMs }));
  if (cfg.auth.includes("jwt"))
    authenticators.push(
      createJwtAuthenticator({
        jwks: cfg.jwks!,
        issuer: cfg.jwtIssuer,
        audience: cfg.jwtAudience,
        clockSkewSeconds: cfg.jwtClockSkewSeconds,
        tenantClaim: cfg.jwtTenantClaim,
        requiredScope: cfg.jwtScope,
        logger,
        reloadMs: cfg.reloadMs,
      }),
    );
  for (const a of authenticators) stops.push(() => a.close());
  if (authenticators.length === 0 && !isLoopback(deps.host))
    logger.warn(
      { host: deps.host, auth: "none" },
      "SECURITY WARNING: authentication is OFF on a non-loopback address; anyone who can reach this port can generate data. Use --auth api-key|jwt (see docs/security.md)",
    );
  let tenants: TenantTable = cfg.tenants === undefined ? tenantTable({}) : readTenants(cfg.tenants);
  if (cfg.tenants !== undefined) {
    const path = cfg.tenants;
    stops.push(
      watchPaths(
        [path],
        () => {
          try {
            tenants = readTenants(path);
            logger.info({ path }, "tenants reloaded");
          } catch (e) {
            logger.error({ path, err: String(e) }, "tenants file unusable; keeping previous limits");
          }
        },
        cfg.reloadMs ?? 2000,
      ),
    );
  }
  const audit = createAudit(logger);
  const metrics = createTenantMetrics(deps.registry);
  const table = () => tenants;
  const interceptors = [
    createAuthInterceptor({
      authenticators,
      audit,
      logger,
      onRefused: (reason) => metrics.rejections.inc({ tenant: "other", reason }),
    }),
    createTenantInterceptor({
      tenants: table,
      quota: createQuota(table),
      audit,
      metrics,
      logger,
      limits: deps.limits,
      catalogDir: deps.catalogDir,
    }),
  ];
  const tls =
    cfg.tlsCert === undefined || cfg.tlsKey === undefined
      ? undefined
      : { certFile: cfg.tlsCert, keyFile: cfg.tlsKey, clientCaFile: cfg.tlsClientCa, reloadMs: cfg.reloadMs };
  return {
    interceptors,
    tls,
    close: () => {
      for (const s of stops) s();
    },
  };
}
