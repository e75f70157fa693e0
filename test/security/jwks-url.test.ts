/**
 * JWT with `--jwks URL`: the server fetches the issuer's key set over HTTP, as it would from an
 * identity provider's jwks_uri. A real HTTP server on loopback serves the JWKS and counts fetches.
 * A valid token passes (one fetch serves many calls); a token from an unknown key is
 * Unauthenticated; when the JWKS endpoint fails, callers get Unavailable (retry later, the token
 * may be fine), never Internal, and the server keeps serving.
 */
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Code, createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Health } from "../../src/gen/grpc/health/v1/health_pb.js";
import { GeneratorService } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { AUDIENCE, createIssuer, ISSUER, type Issuer, outcome, startSecure, tempDir } from "./helpers.js";

describe("JWKS from a URL", () => {
  let jwksServer: Server;
  let server: RunningServer;
  let issuer: Issuer;
  let stranger: Issuer;
  let fetches = 0;
  let failing = false;
  const tmp = tempDir();
  const other = tempDir();

  beforeAll(async () => {
    issuer = await createIssuer(tmp.dir);
    stranger = await createIssuer(other.dir); // another key pair under the same kid
    const jwks = readFileSync(issuer.jwksPath, "utf8");
    jwksServer = createHttpServer((req, res) => {
      fetches++;
      if (failing || req.url !== "/.well-known/jwks.json") {
        res.writeHead(failing ? 503 : 404).end();
        return;
      }
      res.writeHead(200, { "content-type": "application/json" }).end(jwks);
    });
    await new Promise<void>((r) => jwksServer.listen(0, "127.0.0.1", r));
    const port = (jwksServer.address() as AddressInfo).port;
    server = await startSecure({
      auth: ["jwt"],
      jwks: `http://127.0.0.1:${port}/.well-known/jwks.json`,
      jwtIssuer: ISSUER,
      jwtAudience: AUDIENCE,
    });
  });
  afterAll(async () => {
    await server?.shutdown();
    jwksServer?.close();
    tmp.cleanup();
    other.cleanup();
  });

  const listPlans = (token: string) =>
    createClient(GeneratorService, createGrpcTransport({ baseUrl: server.url })).listPlans(
      {},
      { headers: { authorization: `Bearer ${token}` } },
    );

  it("accepts a token signed by a key in the fetched set, fetching the set once", async () => {
    const token = await issuer.sign({ tenant: "team-a" });
    for (let i = 0; i < 5; i++) expect(await outcome(listPlans(token))).toBe(0);
    expect(fetches).toBe(1);
  });

  it("rejects a token from a key outside the set as Unauthenticated", async () => {
    const token = await stranger.sign({ tenant: "team-a" });
    const err = await listPlans(token).catch((e) => e);
    expect(err.code).toBe(Code.Unauthenticated);
  });

  it("answers Unavailable while the JWKS endpoint fails, and the server keeps serving", async () => {
    failing = true;
    // A fresh server has no cached keys, so it must fetch and meet the failure.
    const cold = await startSecure({
      auth: ["jwt"],
      jwks: `http://127.0.0.1:${(jwksServer.address() as AddressInfo).port}/.well-known/jwks.json`,
      jwtIssuer: ISSUER,
      jwtAudience: AUDIENCE,
    });
    try {
      const token = await issuer.sign({ tenant: "team-a" });
      const err = await createClient(GeneratorService, createGrpcTransport({ baseUrl: cold.url }))
        .listPlans({}, { headers: { authorization: `Bearer ${token}` } })
        .catch((e) => e);
      expect(err.code).toBe(Code.Unavailable);
      expect(err.rawMessage).toMatch(/JWKS/);
      const health = await createClient(Health, createGrpcTransport({ baseUrl: cold.url })).check({});
      expect(health.status).toBe(1);
    } finally {
      failing = false;
      await cold.shutdown();
    }
  });
});
