/**
 * transport: a response message → its enveloped wire frame (5-byte gRPC/Connect prefix + protobuf),
 * as a list of buffers whose Arrow bytes are views of the engine's own buffers: no copy of a body.
 * Invariant: the concatenated parts equal `envelope(toBinary(message))` byte for byte, for every
 * message (FlightData and GenerateResponse are hand-framed; anything else goes through toBinary).
 */
import { type DescMessage, type MessageShape, toBinary } from "@bufbuild/protobuf";
import { Code, ConnectError } from "@connectrpc/connect";
import { type FlightData, FlightDataSchema } from "../gen/arrow/flight/protocol/flight_pb.js";
import { type GenerateResponse, GenerateResponseSchema } from "../gen/synthstream/v1/generator_service_pb.js";

/** One enveloped message, in pieces to hand to the socket in order. */
export interface Frame {
  readonly parts: readonly Uint8Array[];
  /** Protobuf bytes (the envelope's length field). */
  readonly messageBytes: number;
}

/** Bytes of the envelope prefix: one flags byte and a big-endian uint32 length. */
export const ENVELOPE_PREFIX_BYTES = 5;

const EMPTY = new Uint8Array(0);
const utf8 = new TextEncoder();

function varintLength(n: number): number {
  let len = 1;
  while (n > 127) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

/** Writes a non-negative varint (up to 2^53) at `pos`; returns the next position. */
function putVarint(out: Uint8Array, pos: number, n: number): number {
  while (n > 127) {
    out[pos++] = (n % 128) | 128;
    n = Math.floor(n / 128);
  }
  out[pos++] = n;
  return pos;
}

function putPrefix(out: Uint8Array, flags: number, messageBytes: number): number {
  out[0] = flags;
  new DataView(out.buffer, out.byteOffset, ENVELOPE_PREFIX_BYTES).setUint32(1, messageBytes);
  return ENVELOPE_PREFIX_BYTES;
}

/** A frame holding one whole encoded message (the general path, and small messages). */
export function envelopeFrame(flags: number, message: Uint8Array): Frame {
  const prefix = new Uint8Array(ENVELOPE_PREFIX_BYTES);
  putPrefix(prefix, flags, message.byteLength);
  return { parts: [prefix, message], messageBytes: message.byteLength };
}

// Field keys (field number << 3 | wire type 2), pre-encoded as varints.
const FLIGHT_HEADER_KEY = [0x12]; // data_header = 2
const FLIGHT_BODY_KEY = [0xc2, 0x3e]; // data_body = 1000
const RESPONSE_TABLE_KEY = [0x0a]; // table = 1
const RESPONSE_IPC_KEY = [0x12]; // arrow_ipc = 2

function hasUnknown(m: object): boolean {
  const u = (m as { $unknown?: unknown[] }).$unknown;
  return u !== undefined && u.length > 0;
}

/**
 * FlightData: `[prefix, key 2, len, data_header…, key 1000, len]` in one small buffer (the
 * flatbuffer header is a few hundred bytes), then `data_body` as a view.
 */
function flightDataFrame(m: FlightData): Frame {
  if (m.flightDescriptor !== undefined || m.appMetadata.byteLength > 0 || hasUnknown(m))
    return envelopeFrame(0, toBinary(FlightDataSchema, m));
  const h = m.dataHeader.byteLength;
  const b = m.dataBody.byteLength;
  const headField = h === 0 ? 0 : FLIGHT_HEADER_KEY.length + varintLength(h) + h;
  const bodyKey = b === 0 ? 0 : FLIGHT_BODY_KEY.length + varintLength(b);
  const messageBytes = headField + bodyKey + b;
  const head = new Uint8Array(ENVELOPE_PREFIX_BYTES + headField + bodyKey);
  let pos = putPrefix(head, 0, messageBytes);
  if (h > 0) {
    head.set(FLIGHT_HEADER_KEY, pos);
    pos = putVarint(head, pos + FLIGHT_HEADER_KEY.length, h);
    head.set(m.dataHeader, pos);
    pos += h;
  }
  if (b === 0) return { parts: [head], messageBytes };
  head.set(FLIGHT_BODY_KEY, pos);
  putVarint(head, pos + FLIGHT_BODY_KEY.length, b);
  return { parts: [head, m.dataBody], messageBytes };
}

/**
 * GenerateResponse: `[prefix, table field, key 2, len]`, then `arrow_ipc` as a view, then fields
 * 3–6 (row range, cursor, totals) encoded by protobuf-es, which writes fields in number order.
 */
function generateResponseFrame(m: GenerateResponse): Frame {
  if (hasUnknown(m)) return envelopeFrame(0, toBinary(GenerateResponseSchema, m));
  const tail = toBinary(GenerateResponseSchema, { ...m, table: "", arrowIpc: EMPTY });
  const table = m.table === "" ? EMPTY : utf8.encode(m.table);
  const ipc = m.arrowIpc.byteLength;
  const tableField = table.byteLength === 0 ? 0 : 1 + varintLength(table.byteLength) + table.byteLength;
  const ipcKey = ipc === 0 ? 0 : RESPONSE_IPC_KEY.length + varintLength(ipc);
  const messageBytes = tableField + ipcKey + ipc + tail.byteLength;
  const head = new Uint8Array(ENVELOPE_PREFIX_BYTES + tableField + ipcKey);
  let pos = putPrefix(head, 0, messageBytes);
  if (tableField > 0) {
    head.set(RESPONSE_TABLE_KEY, pos);
    pos = putVarint(head, pos + 1, table.byteLength);
    head.set(table, pos);
    pos += table.byteLength;
  }
  if (ipc > 0) {
    head.set(RESPONSE_IPC_KEY, pos);
    putVarint(head, pos + RESPONSE_IPC_KEY.length, ipc);
  }
  const parts: Uint8Array[] = [head];
  if (ipc > 0) parts.push(m.arrowIpc);
  if (tail.byteLength > 0) parts.push(tail);
  return { parts, messageBytes };
}

/** Frames a response message of `schema`; throws ResourceExhausted past `writeMaxBytes`. */
export function messageFrame<S extends DescMessage>(
  schema: S,
  message: MessageShape<S>,
  writeMaxBytes: number,
): Frame {
  let frame: Frame;
  if (schema.typeName === FlightDataSchema.typeName) frame = flightDataFrame(message as FlightData);
  else if (schema.typeName === GenerateResponseSchema.typeName)
    frame = generateResponseFrame(message as GenerateResponse);
  else frame = envelopeFrame(0, toBinary(schema, message));
  if (frame.messageBytes > writeMaxBytes)
    throw new ConnectError(
      `message size ${frame.messageBytes} is larger than configured writeMaxBytes ${writeMaxBytes}`,
      Code.ResourceExhausted,
    );
  return frame;
}
