/**
 * Authentication end to end: a real server with `--auth api-key,jwt` on port 0, called over
 * Connect, gRPC (connect-node) and @grpc/grpc-js. No/wrong credentials → Unauthenticated, expired
 * or wrong-audience JWTs → Unauthenticated, missing scope or a disallowed plan → PermissionDenied,
 * a valid key or token → OK; a key revoked in the file stops working without a restart.
 */
import { join } from "node:path";
import { Code, createClient, type Transport } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Health } from "../../src/gen/grpc/health/v1/health_pb.js";
import { GeneratorService } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import {
  AUDIENCE,
  createIssuer,
  drain,
  ISSUER,
  type Issuer,
  outcome,
  startSecure,
  tempDir,
  writeKeyFile,
} from "./helpers.js";

const KEY_A = "ssk_tenant_a_0123456789abcdef";
const KEY_B = "ssk_tenant_b_fedcba9876543210";

describe("authentication", () => {
  let server: RunningServer;
  let issuer: Issuer;
  let keyFile = "";
  const tmp = tempDir();

  beforeAll(async () => {
    keyFile = join(tmp.dir, "keys.json");
    writeKeyFile(keyFile, { "team-a": KEY_A, "team-b": KEY_B });
    issuer = await createIssuer(tmp.dir);
    const tenants = join(tmp.dir, "tenants.yaml");
    (await import("node:fs")).writeFileSync(
      tenants,
      "tenants:\n  team-a: {plans: ['*']}\n  team-b: {plans: [numeric], inline_plans: false}\n",
    );
    server = await startSecure({
      auth: ["api-key", "jwt"],
      apiKeys: keyFile,
      jwks: issuer.jwksPath,
      jwtIssuer: ISSUER,
      jwtAudience: AUDIENCE,
      jwtClockSkewSeconds: 5,
      jwtScope: "synthstream.generate",
      tenants,
    });
  });
  afterAll(async () => {
    await server?.shutdown();
    tmp.cleanup();
  });

  const transports: Record<string, () => Transport> = {
    connect: () => createConnectTransport({ baseUrl: server.url, httpVersion: "1.1" }),
    grpc: () => createGrpcTransport({ baseUrl: server.url }),
  };
  const headers = (token?: string): Record<string, string> =>
    token === undefined ? {} : { authorization: `Bearer ${token}` };

  for (const [name, make] of Object.entries(transports)) {
    describe(name, () => {
      const listPlans = (token?: string) =>
        createClient(GeneratorService, make()).listPlans({}, { headers: headers(token) });
      const generate = (token: string | undefined, catalog: string) =>
        drain(
          createClient(GeneratorService, make()).generate(
            { planSource: { case: "catalog", value: catalog }, rowEnd: 1000n },
            { headers: headers(token) },
          ),
        );

      it("no credentials and wrong credentials → Unauthenticated; health stays open", async () => {
        expect(await outcome(listPlans())).toBe(Code.Unauthenticated);
        expect(await outcome(listPlans("ssk_wrong"))).toBe(Code.Unauthenticated);
        expect(await outcome(generate(undefined, "customers"))).toBe(Code.Unauthenticated);
        expect(await outcome(generate("not.a.jwt", "customers"))).toBe(Code.Unauthenticated);
        const health = await createClient(Health, make()).check({ service: "" });
        expect(health.status).toBe(1);
      });

      it("a valid API key → OK; a plan outside the tenant's allow-list → PermissionDenied", async () => {
        expect(await outcome(listPlans(KEY_A))).toBe(0);
        expect(await generate(KEY_A, "customers")).toBeGreaterThan(1);
        expect(await outcome(generate(KEY_B, "customers"))).toBe(Code.PermissionDenied);
        expect(await generate(KEY_B, "numeric")).toBeGreaterThan(1);
      });

      it("JWT: valid → OK; expired, wrong audience, wrong issuer → Unauthenticated; no scope → PermissionDenied", async () => {
        const good = await issuer.sign({ tenant: "team-a", scope: "synthstream.generate" });
        expect(await outcome(listPlans(good))).toBe(0);
        expect(await generate(good, "customers")).toBeGreaterThan(1);
        const expired = await issuer.sign(
          { tenant: "team-a", scope: "synthstream.generate" },
          { expiresIn: Math.floor(Date.now() / 1000) - 60 },
        );
        expect(await outcome(listPlans(expired))).toBe(Code.Unauthenticated);
        const otherAud = await issuer.sign(
          { tenant: "team-a", scope: "synthstream.generate" },
          { audience: "billing" },
        );
        expect(await outcome(listPlans(otherAud))).toBe(Code.Unauthenticated);
        const otherIss = await issuer.sign(
          { tenant: "team-a", scope: "synthstream.generate" },
          { issuer: "https://evil" },
        );
        expect(await outcome(listPlans(otherIss))).toBe(Code.Unauthenticated);
        const noScope = await issuer.sign({ tenant: "team-a", scope: "other" });
        expect(await outcome(listPlans(noScope))).toBe(Code.PermissionDenied);
        const noTenant = await issuer.sign({ scope: "synthstream.generate" });
        expect(await outcome(listPlans(noTenant))).toBe(Code.PermissionDenied);
      });
    });
  }

  it("@grpc/grpc-js: Unauthenticated without a key, OK with one (x-api-key header too)", async () => {
    const client = new grpc.Client(`127.0.0.1:${server.port}`, grpc.credentials.createInsecure());
    const call = (md: grpc.Metadata) =>
      new Promise<number>((resolve) => {
        client.makeUnaryRequest(
          "/synthstream.v1.GeneratorService/ListPlans",
          (x: Buffer) => x,
          (b: Buffer) => b,
          Buffer.alloc(0),
          md,
          (err) => resolve(err?.code ?? 0),
        );
      });
    expect(await call(new grpc.Metadata())).toBe(grpc.status.UNAUTHENTICATED);
    const bearer = new grpc.Metadata();
    bearer.set("authorization", `Bearer ${KEY_A}`);
    expect(await call(bearer)).toBe(grpc.status.OK);
    const apiKey = new grpc.Metadata();
    apiKey.set("x-api-key", KEY_B);
    expect(await call(apiKey)).toBe(grpc.status.OK);
    client.close();
  });

  it("a key removed from the key file stops working without a restart; a new key starts working", async () => {
    const client = createClient(
      GeneratorService,
      createConnectTransport({ baseUrl: server.url, httpVersion: "1.1" }),
    );
    const call = (key: string) =>
      outcome(client.listPlans({}, { headers: { authorization: `Bearer ${key}` } }));
    expect(await call(KEY_B)).toBe(0);
    const KEY_C = "ssk_rotated_key_for_team_b";
    writeKeyFile(keyFile, { "team-a": KEY_A, "team-b": KEY_C });
    let revoked = false;
    for (let i = 0; i < 100 && !revoked; i++) {
      revoked = (await call(KEY_B)) === Code.Unauthenticated;
      if (!revoked) await new Promise((r) => setTimeout(r, 20));
    }
    expect(revoked).toBe(true);
    expect(await call(KEY_C)).toBe(0);
    expect(await call(KEY_A)).toBe(0);
  });
});
