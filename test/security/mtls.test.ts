/**
 * TLS and mutual TLS on the RPC port, with certificates made by openssl in a temp dir: a client
 * without a certificate is refused at the handshake, one signed by the test CA is served (gRPC and
 * Connect over h2), and replacing the server certificate on disk changes what new connections see.
 */
import { copyFileSync, readFileSync } from "node:fs";
import { join } from "node:path";
import * as tls from "node:tls";
import { createClient } from "@connectrpc/connect";
import { createConnectTransport, createGrpcTransport } from "@connectrpc/connect-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GeneratorService } from "../../src/gen/synthstream/v1/generator_service_pb.js";
import type { RunningServer } from "../../src/server/create-server.js";
import { createCa, issueCert } from "./certs.js";
import { startSecure, tempDir } from "./helpers.js";

describe("mTLS", () => {
  const tmp = tempDir("synthstream-tls-");
  const f = (n: string) => join(tmp.dir, n);
  let server: RunningServer;

  beforeAll(async () => {
    createCa(tmp.dir);
    issueCert(tmp.dir, "server", "server-one", "serverAuth");
    issueCert(tmp.dir, "server2", "server-two", "serverAuth");
    issueCert(tmp.dir, "client", "client-a", "clientAuth");
    copyFileSync(f("server.crt"), f("live.crt"));
    copyFileSync(f("server.key"), f("live.key"));
    server = await startSecure({
      auth: [],
      tlsCert: f("live.crt"),
      tlsKey: f("live.key"),
      tlsClientCa: f("ca.crt"),
    });
  }, 30_000);
  afterAll(async () => {
    await server?.shutdown();
    tmp.cleanup();
  });

  const ca = () => readFileSync(f("ca.crt"));
  const withCert = () => ({
    ca: ca(),
    cert: readFileSync(f("client.crt")),
    key: readFileSync(f("client.key")),
  });

  it("serves a client whose certificate the CA signed (gRPC and Connect)", async () => {
    expect(server.url.startsWith("https://")).toBe(true);
    const grpc = createClient(
      GeneratorService,
      createGrpcTransport({ baseUrl: server.url, nodeOptions: withCert() }),
    );
    expect((await grpc.listPlans({})).plans.length).toBeGreaterThan(0);
    const connect = createClient(
      GeneratorService,
      createConnectTransport({ baseUrl: server.url, httpVersion: "2", nodeOptions: withCert() }),
    );
    expect((await connect.listPlans({})).plans.length).toBeGreaterThan(0);
  });

  it("refuses a client without a certificate, and one whose certificate another CA signed", async () => {
    const bare = createClient(
      GeneratorService,
      createGrpcTransport({ baseUrl: server.url, nodeOptions: { ca: ca() } }),
    );
    await expect(bare.listPlans({})).rejects.toThrow();
    const other = tempDir("synthstream-tls-other-");
    try {
      createCa(other.dir, "some other CA");
      issueCert(other.dir, "client", "intruder", "clientAuth");
      const opts = {
        ca: ca(),
        cert: readFileSync(join(other.dir, "client.crt")),
        key: readFileSync(join(other.dir, "client.key")),
      };
      const intruder = createClient(
        GeneratorService,
        createGrpcTransport({ baseUrl: server.url, nodeOptions: opts }),
      );
      await expect(intruder.listPlans({})).rejects.toThrow();
    } finally {
      other.cleanup();
    }
  });

  const peerCn = () =>
    new Promise<string>((resolve, reject) => {
      const s = tls.connect(
        {
          host: "127.0.0.1",
          port: server.port,
          servername: "localhost",
          ALPNProtocols: ["h2"],
          ...withCert(),
        },
        () => {
          const cn = s.getPeerCertificate().subject.CN;
          s.end();
          resolve(String(cn));
        },
      );
      s.once("error", reject);
    });

  it("a replaced server certificate is what new connections see, without a restart", async () => {
    expect(await peerCn()).toBe("server-one");
    copyFileSync(f("server2.key"), f("live.key"));
    copyFileSync(f("server2.crt"), f("live.crt"));
    let cn = "";
    for (let i = 0; i < 100 && cn !== "server-two"; i++) {
      await new Promise((r) => setTimeout(r, 20));
      cn = await peerCn();
    }
    expect(cn).toBe("server-two");
    const grpc = createClient(
      GeneratorService,
      createGrpcTransport({ baseUrl: server.url, nodeOptions: withCert() }),
    );
    expect((await grpc.listPlans({})).plans.length).toBeGreaterThan(0);
  });
});
