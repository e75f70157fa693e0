/**
 * flight: engine StreamChunks → FlightData messages, in stream order.
 * A header chunk gives the schema then one message per dictionary; a batch chunk gives one record
 * batch; the end chunk gives nothing (Flight ends with the RPC). Header/body are views: no copies.
 */
import { create } from "@bufbuild/protobuf";
import { type FlightData, FlightDataSchema } from "../gen/arrow/flight/protocol/flight_pb.js";
import type { StreamChunk } from "../stream/index.js";

/** The FlightData messages of one chunk (none for an end chunk). */
export function chunkFlightData(chunk: StreamChunk): FlightData[] {
  return chunk.messages.map((m) => create(FlightDataSchema, { dataHeader: m.header, dataBody: m.body }));
}

/** Arrow bytes a chunk puts on the wire (headers + bodies), for the bytes-streamed counter. */
export function chunkWireBytes(chunk: StreamChunk): number {
  let n = 0;
  for (const m of chunk.messages) n += m.header.byteLength + m.body.byteLength;
  return n;
}
