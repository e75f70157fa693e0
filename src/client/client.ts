/**
 * client: a small TypeScript client for GeneratorService over Connect, gRPC or gRPC-Web.
 * (base URL, transport) → typed client; generateTables() collects each table's chunks into one
 * Arrow IPC stream and reads it as an apache-arrow Table. Responses are never compressed.
 */
import type { MessageInitShape } from "@bufbuild/protobuf";
import { type CallOptions, type Client, Code, ConnectError, createClient } from "@connectrpc/connect";
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

/**
 * A server-streaming call that cancels the RPC when its caller stops early (`break`, `return`, a
 * throw in the loop body). connect's client deliberately does not: the stream would stay open,
 * stalled by flow control, holding the server's stream slot until the connection closes.
 */
function cancelOnEarlyExit<I, O>(
  call: (req: I, options?: CallOptions) => AsyncIterable<O>,
): (req: I, options?: CallOptions) => AsyncIterable<O> {
  return (req, options = {}) =>
    (async function* () {
      const stop = new AbortController();
      const signal =
        options.signal === undefined ? stop.signal : AbortSignal.any([options.signal, stop.signal]);
      let finished = false;
      try {
        yield* call(req, { ...options, signal });
        finished = true;
      } finally {
        if (!finished) stop.abort(new ConnectError("the caller stopped reading the stream", Code.Canceled));
      }
    })();
}

/** Creates a client for the service at `baseUrl` (e.g. "http://localhost:8080"). */
export function createSynthstreamClient(
  baseUrl: string,
  options: SynthstreamClientOptions = {},
): SynthstreamClient {
  const raw = createClient(GeneratorService, createSynthstreamTransport(baseUrl, options));
  const rpc: Client<typeof GeneratorService> = { ...raw, generate: cancelOnEarlyExit(raw.generate) };
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
