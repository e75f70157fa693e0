/**
 * security: Arrow Flight Handshake authentication, as pyarrow's `authenticate_basic_token` and
 * the C++/Java clients expect: Basic credentials (or a bearer token) on the Handshake call →
 * `authorization: Bearer <token>` in the response headers. The token is the verified credential
 * itself (API key or JWT), so it is stateless and any replica accepts it.
 */
import { create } from "@bufbuild/protobuf";
import type { StreamResponse, UnaryResponse } from "@connectrpc/connect";
import { HandshakeResponseSchema } from "../gen/arrow/flight/protocol/flight_pb.js";

/** The Handshake RPC's "Service/Method". */
export const FLIGHT_HANDSHAKE = "arrow.flight.protocol.FlightService/Handshake";

/** The credential on a Handshake: Basic password (or username if no password), else Bearer. */
export function handshakeCredential(header: Headers): string | undefined {
  const auth = header.get("authorization") ?? "";
  const basic = /^Basic[ \t]+([A-Za-z0-9+/=]+)\s*$/i.exec(auth);
  if (basic !== null) {
    const text = Buffer.from(basic[1] ?? "", "base64").toString("utf8");
    const colon = text.indexOf(":");
    const [user, pass] = colon < 0 ? [text, ""] : [text.slice(0, colon), text.slice(colon + 1)];
    const cred = pass !== "" ? pass : user;
    return cred === "" ? undefined : cred;
  }
  const bearer = /^Bearer[ \t]+(\S+)\s*$/i.exec(auth);
  return bearer?.[1] ?? header.get("x-api-key") ?? undefined;
}

async function* atLeastOne<T>(src: AsyncIterable<T>, filler: () => T): AsyncIterable<T> {
  let sent = false;
  for await (const m of src) {
    sent = true;
    yield m;
  }
  // A message makes the server send response *headers* (not trailers-only), where the Flight
  // clients look for the bearer token.
  if (!sent) yield filler();
}

/** Adds the bearer header to a Handshake response and guarantees one response message. */
export function withBearerHeader(
  res: UnaryResponse | StreamResponse,
  token: string,
): UnaryResponse | StreamResponse {
  res.header.set("authorization", `Bearer ${token}`);
  if (!res.stream) return res;
  const message = atLeastOne(res.message as AsyncIterable<unknown>, () =>
    create(HandshakeResponseSchema, {}),
  );
  return { ...res, message } as StreamResponse;
}
