/**
 * client: a small TypeScript client for GeneratorService over Connect, gRPC or gRPC-Web.
 * (base URL, transport) → typed client; generateTables() collects each table's chunks into one
 * Arrow IPC stream and reads it as an apache-arrow Table. Responses are never compressed.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { type Client, createClient } from "@connectrpc/connect";
import { type Table, tableFromIPC } from "apache-arrow";
import { concatBytes } from "../arrow/ipc.js";
import {
  type GenerateRequestSchema,
  type GenerateTotals,
  GeneratorService,
} from "../gen/synthstream/v1/generator_service_pb.js";
import { type ClientTransport, createSynthstreamTransport, type TransportOptions } from "./transport.js";

export type { ClientTransport };

/** Client options: protocol, HTTP version, a shared HTTP/2 connection, interceptors. */
export type SynthstreamClientOptions = TransportOptions;

/** A Generate request in its init form (plain object). */
export type GenerateInit = MessageInitShape<typeof GenerateRequestSchema>;

/** The tables of one Generate call. */
export interface GeneratedTables {
  readonly tables: Map<string, Table>;
  /** Each table's IPC stream bytes, as received. */
  readonly ipc: Map<string, Uint8Array>;
  readonly totals: GenerateTotals | undefined;
}

/** The typed client plus Arrow helpers. */
export interface SynthstreamClient {
  readonly rpc: Client<typeof GeneratorService>;
  generateTables(req: GenerateInit, options?: { signal?: AbortSignal }): Promise<GeneratedTables>;
  generateTable(req: GenerateInit, table: string, options?: { signal?: AbortSignal }): Promise<Table>;
}

/** Creates a client for the service at `baseUrl` (e.g. "http://localhost:8080"). */
export function createSynthstreamClient(
  baseUrl: string,
  options: SynthstreamClientOptions = {},
): SynthstreamClient {
  const rpc = createClient(GeneratorService, createSynthstreamTransport(baseUrl, options));
  const generateTables = async (
    req: GenerateInit,
    opts: { signal?: AbortSignal } = {},
  ): Promise<GeneratedTables> => {
    const parts = new Map<string, Uint8Array[]>();
    let totals: GenerateTotals | undefined;
    for await (const res of rpc.generate(req, opts.signal === undefined ? {} : { signal: opts.signal })) {
      if (res.totals !== undefined) totals = res.totals;
      if (res.table === "") continue;
      const list = parts.get(res.table) ?? [];
      list.push(res.arrowIpc);
      parts.set(res.table, list);
    }
    const ipc = new Map([...parts].map(([t, p]) => [t, concatBytes(p)] as const));
    const tables = new Map([...ipc].map(([t, bytes]) => [t, tableFromIPC(bytes)] as const));
    return { tables, ipc, totals };
  };
  return {
    rpc,
    generateTables,
    async generateTable(req, table, opts) {
      const got = await generateTables({ ...req, tables: [table] }, opts);
      const t = got.tables.get(table);
      if (t === undefined) throw new Error(`the server sent no table "${table}"`);
      return t;
    },
  };
}
