/** Test helpers for security: temp dirs, API-key files, a JWKS with a signer, servers with security on. */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConnectError } from "@connectrpc/connect";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { hashKey } from "../../src/security/api-keys.js";
import type { SecurityConfig } from "../../src/security/security-config.js";
import type { ServerConfig } from "../../src/server/config.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { startServer } from "../server/helpers.js";

/** A fresh temp dir and its cleanup. */
export function tempDir(prefix = "synthstream-sec-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a key file of hashes, atomically (rename), as a deploy tool or Secret update would. */
export function writeKeyFile(path: string, keys: Readonly<Record<string, string>>): void {
  const list = Object.entries(keys).map(([tenant, key]) => ({ tenant, key_sha256: hashKey(key) }));
  writeFileSync(`${path}.tmp`, JSON.stringify(list));
  renameSync(`${path}.tmp`, path);
}

/** A signing key and its public JWKS file. */
export interface Issuer {
  readonly jwksPath: string;
  sign(
    claims: JWTPayload,
    opts?: { expiresIn?: string | number; audience?: string; issuer?: string },
  ): Promise<string>;
}

export const ISSUER = "https://issuer.test";
export const AUDIENCE = "synthstream";

/** Creates an ES256 issuer whose public JWKS is written to `dir/jwks.json`. */
export async function createIssuer(dir: string): Promise<Issuer> {
  const { publicKey, privateKey } = await generateKeyPair("ES256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "ES256", use: "sig" };
  const jwksPath = join(dir, "jwks.json");
  writeFileSync(jwksPath, JSON.stringify({ keys: [jwk] }));
  return {
    jwksPath,
    sign: (claims, opts = {}) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: "ES256", kid: "k1" })
        .setIssuedAt()
        .setIssuer(opts.issuer ?? ISSUER)
        .setAudience(opts.audience ?? AUDIENCE)
        .setExpirationTime(opts.expiresIn ?? "5m")
        .sign(privateKey),
  };
}

/** Starts an in-process server with `security` and a silent logger. */
export function startSecure(
  security: SecurityConfig,
  overrides: Partial<ServerConfig> = {},
): Promise<RunningServer> {
  return startServer({ security: { reloadMs: 50, ...security }, ...overrides });
}

/** The Connect code name of a call's outcome: "OK" or the error's code. */
export async function outcome(p: Promise<unknown>): Promise<number> {
  try {
    await p;
    return 0;
  } catch (e) {
    return ConnectError.from(e).code;
  }
}

/** Drains a server stream, returning the number of messages. */
export async function drain(it: AsyncIterable<unknown>): Promise<number> {
  let n = 0;
  for await (const _ of it) n++;
  return n;
}
