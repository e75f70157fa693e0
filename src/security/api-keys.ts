/**
 * security: API-key authentication — a key file (YAML/JSON list of {tenant, key_sha256}) or a
 * Kubernetes Secret mounted as a directory (file name = tenant, content = SHA-256 hex lines).
 * Only hashes are stored; a presented key is hashed and compared with timingSafeEqual against
 * every entry. The file is reloaded on change without a restart; a broken file keeps the old keys.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import type { Logger } from "../server/logger.js";
import { AuthenticationError } from "./auth-errors.js";
import type { Authenticator, Principal } from "./principal.js";
import { watchPaths } from "./watch-path.js";

/** One accepted key, as its SHA-256 digest. */
export interface KeyEntry {
  readonly tenant: string;
  readonly digest: Buffer;
}

const HEX64 = /^[0-9a-f]{64}$/i;
const TENANT = /^[A-Za-z0-9_.-]{1,64}$/;

/** Thrown when a key file cannot be used. */
export class KeyFileError extends Error {
  override readonly name = "KeyFileError";
}

/** The SHA-256 hex of a key: what the key file stores (`synthstream keys hash` equivalent). */
export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

function entry(tenant: unknown, hex: unknown, where: string): KeyEntry {
  if (typeof tenant !== "string" || !TENANT.test(tenant))
    throw new KeyFileError(`${where}: tenant must match ${TENANT.source}`);
  if (typeof hex !== "string" || !HEX64.test(hex.trim()))
    throw new KeyFileError(`${where}: key_sha256 must be 64 hex digits (store hashes, never keys)`);
  return { tenant, digest: Buffer.from(hex.trim(), "hex") };
}

/** Reads a key file or a Secret directory into entries; throws KeyFileError. */
export function readKeys(path: string): KeyEntry[] {
  if (statSync(path).isDirectory()) {
    const out: KeyEntry[] = [];
    for (const name of readdirSync(path).sort()) {
      if (name.startsWith(".")) continue;
      const lines = readFileSync(join(path, name), "utf8").split(/\r?\n/);
      for (const line of lines) if (line.trim() !== "") out.push(entry(name, line, `${path}/${name}`));
    }
    return out;
  }
  const doc: unknown = parse(readFileSync(path, "utf8"));
  const list = Array.isArray(doc) ? doc : (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(list)) throw new KeyFileError(`${path}: expected a list of {tenant, key_sha256}`);
  return list.map((e: unknown, i) => {
    const o = (e ?? {}) as { tenant?: unknown; key_sha256?: unknown };
    return entry(o.tenant, o.key_sha256, `${path}[${i}]`);
  });
}

/** Finds the tenant of `key`, comparing against every entry so timing says nothing about which. */
export function matchKey(entries: readonly KeyEntry[], key: string): string | undefined {
  const digest = createHash("sha256").update(key, "utf8").digest();
  let found: string | undefined;
  for (const e of entries) if (timingSafeEqual(e.digest, digest) && found === undefined) found = e.tenant;
  return found;
}

/** Options of the API-key authenticator. */
export interface ApiKeyOptions {
  readonly path: string;
  readonly logger: Logger;
  /** Stat fallback period for reloads; default 2000 ms. */
  readonly reloadMs?: number | undefined;
}

/** The API-key authenticator; `entries` shows the current set (for tests and logs). */
export interface ApiKeyAuthenticator extends Authenticator {
  readonly size: number;
  reload(): void;
}

/** Creates the authenticator; throws KeyFileError if the file is unusable at startup. */
export function createApiKeyAuthenticator(opts: ApiKeyOptions): ApiKeyAuthenticator {
  let entries = readKeys(opts.path);
  const reload = () => {
    try {
      entries = readKeys(opts.path);
      opts.logger.info({ path: opts.path, keys: entries.length }, "api keys reloaded");
    } catch (e) {
      opts.logger.error({ path: opts.path, err: String(e) }, "api key file unusable; keeping previous keys");
    }
  };
  const stop = watchPaths([opts.path], reload, opts.reloadMs ?? 2000);
  return {
    kind: "api-key",
    accepts: () => true,
    async verify(token: string): Promise<Principal> {
      const tenant = matchKey(entries, token);
      if (tenant === undefined) throw new AuthenticationError("invalid API key");
      return { tenant, via: "api-key", scopes: [] };
    },
    get size() {
      return entries.length;
    },
    reload,
    close: stop,
  };
}
