/**
 * Flight authentication with pyarrow: Handshake trades Basic credentials for a bearer token
 * (`authenticate_basic_token`), later calls send it; no/wrong credentials → Unauthenticated.
 * The Python venv comes from scripts/ensure-python.sh (the same one every Python test uses).
 */
import { execFile, execFileSync } from "node:child_process";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/create-server.js";
import { AUDIENCE, createIssuer, ISSUER, startSecure, tempDir, writeKeyFile } from "./helpers.js";

const run = promisify(execFile);
const PYTHON = execFileSync("bash", [resolve(import.meta.dirname, "../../scripts/ensure-python.sh")], {
  encoding: "utf8",
}).trim();
const KEY = "ssk_flight_tenant_a_key";

describe("Flight authentication (pyarrow)", () => {
  let server: RunningServer;
  let jwt = "";
  const tmp = tempDir();

  beforeAll(async () => {
    const keys = join(tmp.dir, "keys.json");
    writeKeyFile(keys, { "team-a": KEY });
    const issuer = await createIssuer(tmp.dir);
    jwt = await issuer.sign({ tenant: "team-b" });
    server = await startSecure({
      auth: ["api-key", "jwt"],
      apiKeys: keys,
      jwks: issuer.jwksPath,
      jwtIssuer: ISSUER,
      jwtAudience: AUDIENCE,
    });
  });
  afterAll(async () => {
    await server?.shutdown();
    tmp.cleanup();
  });

  it("Handshake issues a bearer token; every other Flight call needs it", async () => {
    const { stdout } = await run(
      PYTHON,
      [
        resolve(import.meta.dirname, "py", "flight_auth.py"),
        `grpc+tcp://127.0.0.1:${server.port}`,
        KEY,
        jwt,
        "customers",
      ],
      { timeout: 60_000 },
    );
    const out = JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, unknown>;
    expect(out.no_credentials).toBe("unauthenticated");
    expect(out.list_no_credentials).toBe("unauthenticated");
    expect(out.handshake_wrong_key).toBe("unauthenticated");
    expect(out.handshake_header_name).toBe("authorization");
    expect(out.handshake_header_is_bearer).toBe(true);
    expect(out.rows_with_key).toBe(out.total_records);
    expect(out.rows_with_key).toBeGreaterThan(0);
    expect(out.doget_no_credentials).toBe("unauthenticated");
    expect(out.rows_with_jwt).toBeGreaterThan(0);
    expect(out.doget_bad_bearer).toBe("unauthenticated");
  }, 60_000);
});
