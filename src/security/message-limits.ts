/**
 * security: message and header size limits for every RPC on the port — inbound messages bounded
 * by the plan limit, outbound by a generous batch ceiling, HTTP/2 header lists and HTTP/1.1
 * headers small (HTTP/1.1 keeps Node's 16 KiB default), so an oversized or endless request is refused before it costs memory.
 */

/** Largest request message: the biggest inline plan plus room for the other fields. */
export function readMaxBytes(maxPlanBytes: number): number {
  return maxPlanBytes + 64 * 1024;
}

/** Largest response message: batches are ~4 MiB, but a client may ask for bigger ones. */
export const WRITE_MAX_BYTES = 256 * 1024 * 1024;

/** HTTP/2 header list limit (SETTINGS_MAX_HEADER_LIST_SIZE): JWTs are a few KiB at most. */
export const MAX_HEADER_LIST_SIZE = 32 * 1024;

/** HTTP/2 session options that bound per-connection memory and abuse (HTTP/1.1 keeps Node's 16 KiB header limit). */
export const H2_SESSION_LIMITS = {
  // Memory an HTTP/2 session may buffer, in MiB: large windows need room, but not unbounded.
  maxSessionMemory: 128,
  maxSessionInvalidFrames: 100,
  maxSessionRejectedStreams: 100,
} as const;
