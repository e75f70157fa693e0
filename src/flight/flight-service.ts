/**
 * flight: the Arrow Flight service (arrow.flight.protocol.FlightService) on the RPC port.
 * Descriptors and tickets → FlightInfo, schemas, FlightData streams and action results, all
 * computed from the plan alone: any replica answers any call. DoPut/DoExchange are unimplemented.
 */
import {
  type ConnectRouter,
  createMethodImplSpec,
  type HandlerContext,
  type ServiceImpl,
} from "@connectrpc/connect";
import { FlightService, file_arrow_flight_protocol_flight } from "../gen/arrow/flight/protocol/flight_pb.js";
import { toConnectError } from "../server/errors.js";
import type { GenerateDeps } from "../server/generate-rpc.js";
import type { ExtraRoutes } from "../server/routes.js";
import type { DirectMethod } from "../transport/direct-stream.js";
import { ACTIONS, runAction } from "./actions.js";
import { parseDescriptor } from "./descriptors.js";
import { createDoGet } from "./do-get.js";
import { buildFlightInfo, checkProjection, schemaBytes } from "./flight-info.js";
import { listFlightInfos } from "./list-flights.js";
import { pickTable, resolvePlan } from "./resolve-plan.js";

/** What the Flight service needs beyond Generate's dependencies. */
export interface FlightDeps extends GenerateDeps {
  /** Location URIs for every endpoint, read per call (the port is known only after listen). */
  readonly locations: () => readonly string[];
  /** Rows per endpoint; default DEFAULT_SHARD_ROWS. */
  readonly shardRows?: number | undefined;
}

/** The service's full name (for reflection and health). */
export const FLIGHT_SERVICE_NAME = FlightService.typeName;

async function mapped<T>(deps: FlightDeps, ctx: HandlerContext, f: () => Promise<T>): Promise<T> {
  try {
    return await f();
  } catch (e) {
    throw toConnectError(e, deps.logger, ctx.signal);
  }
}

const utf8 = new TextEncoder();

/** Creates the Flight handlers. */
export function createFlightService(deps: FlightDeps): Partial<ServiceImpl<typeof FlightService>> {
  const infoOptions = () => ({ locations: deps.locations(), shardRows: deps.shardRows });
  const describeQuery = async (d: Parameters<typeof parseDescriptor>[0]) => {
    const query = parseDescriptor(d);
    const plan = await resolvePlan(query.ref, query.seed, query.scale, deps);
    return { query, plan, table: pickTable(plan, query.table, "descriptor.table") };
  };
  return {
    async *handshake(reqs) {
      // No authentication: answer each request with an empty payload.
      for await (const r of reqs) yield { protocolVersion: r.protocolVersion, payload: new Uint8Array() };
    },
    async *listFlights(criteria, ctx) {
      yield* await mapped(deps, ctx, () => listFlightInfos(criteria.expression, deps, infoOptions()));
    },
    getFlightInfo: (d, ctx) =>
      mapped(deps, ctx, async () => {
        const { query, plan, table } = await describeQuery(d);
        return buildFlightInfo(plan, table, query, d, infoOptions());
      }),
    pollFlightInfo: (d, ctx) =>
      mapped(deps, ctx, async () => {
        const { query, plan, table } = await describeQuery(d);
        // Planning is instant: the first poll is already complete (no descriptor to poll again).
        return { info: buildFlightInfo(plan, table, query, d, infoOptions()), progress: 1 };
      }),
    getSchema: (d, ctx) =>
      mapped(deps, ctx, async () => {
        const { query, plan, table } = await describeQuery(d);
        return { schema: schemaBytes(plan, table, checkProjection(plan, table, query.columns)) };
      }),
    doGet: createDoGet(deps),
    async *doAction(action, ctx) {
      const result = await mapped(deps, ctx, () => runAction(action.type, action.body, deps));
      yield { body: utf8.encode(JSON.stringify(result)) };
    },
    async *listActions() {
      yield* ACTIONS.map((a) => ({ ...a }));
    },
  };
}

/** The Flight service as extra routes for createServer (registered next to GeneratorService). */
export function createFlightRoutes(deps: FlightDeps): ExtraRoutes {
  const impl = createFlightService(deps);
  return {
    // DoGet carries the data: over binary gRPC on HTTP/2 it takes the direct write path.
    directStreams: [createMethodImplSpec(FlightService.method.doGet, impl.doGet!) as DirectMethod],
    files: [file_arrow_flight_protocol_flight],
    services: [FLIGHT_SERVICE_NAME],
    register: (router: ConnectRouter) => {
      router.service(FlightService, impl);
    },
  };
}
