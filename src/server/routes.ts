/**
 * server: the route table of the RPC port — GeneratorService, grpc.health.v1, server reflection,
 * plus any extra services (Arrow Flight) a caller registers. One `routes(router)` function, as
 * connectNodeAdapter expects; reflection lists exactly the services registered here.
 */
import type { DescFile } from "@bufbuild/protobuf";
import type { ConnectRouter, ServiceImpl } from "@connectrpc/connect";
import { file_grpc_health_v1_health } from "../gen/grpc/health/v1/health_pb.js";
import {
  file_synthstream_v1_generator_service,
  GeneratorService,
} from "../gen/synthstream/v1/generator_service_pb.js";
import type { DirectMethod } from "../transport/direct-stream.js";
import { createHealthService, Health, type HealthState } from "./health.js";
import { registerReflection } from "./reflection.js";

/** More services on the same port (e.g. FlightService), with their files for reflection. */
export interface ExtraRoutes {
  readonly files: readonly DescFile[];
  /** Fully qualified service names, e.g. "arrow.flight.protocol.FlightService". */
  readonly services: readonly string[];
  register(router: ConnectRouter): void;
  /** Server-streaming methods among them that take the direct write path (transport/). */
  readonly directStreams?: readonly DirectMethod[] | undefined;
}

/** What the route table serves. */
export interface RouteDeps {
  readonly generator: ServiceImpl<typeof GeneratorService>;
  readonly health: HealthState;
  readonly extra?: readonly ExtraRoutes[] | undefined;
}

/** The GeneratorService full name, also its health-check service name. */
export const GENERATOR_SERVICE_NAME = "synthstream.v1.GeneratorService";

/** Returns the `routes(router)` function for connectNodeAdapter. */
export function routes(deps: RouteDeps): (router: ConnectRouter) => void {
  return (router) => {
    router.service(GeneratorService, deps.generator);
    router.service(Health, createHealthService(deps.health));
    const extra = deps.extra ?? [];
    for (const e of extra) e.register(router);
    registerReflection(
      router,
      [file_synthstream_v1_generator_service, file_grpc_health_v1_health, ...extra.flatMap((e) => e.files)],
      [GENERATOR_SERVICE_NAME, Health.typeName, ...extra.flatMap((e) => e.services)],
    );
  };
}
