"""Driver for test/security/flight-auth.test.ts: pyarrow.flight against a server with API-key/JWT
auth. Prints one JSON object of findings (error class per case, rows read when authorized).

usage: flight_auth.py <grpc+tcp://host:port> <api key> <jwt> <catalog plan>
"""

import json
import sys

import pyarrow.flight as flight


def outcome(fn):
    try:
        fn()
    except flight.FlightUnauthenticatedError:
        return "unauthenticated"
    except flight.FlightUnauthorizedError:
        return "permission_denied"
    except flight.FlightError as e:
        return type(e).__name__
    return "ok"


def main() -> None:
    location, key, jwt, plan = sys.argv[1:5]
    client = flight.FlightClient(location)
    out = {}
    desc = flight.FlightDescriptor.for_path(plan)
    out["no_credentials"] = outcome(lambda: client.get_flight_info(desc))
    out["list_no_credentials"] = outcome(lambda: list(client.list_flights()))
    out["handshake_wrong_key"] = outcome(lambda: client.authenticate_basic_token("team-a", "wrong"))

    header = client.authenticate_basic_token("team-a", key)
    out["handshake_header_name"] = header[0].decode()
    out["handshake_header_is_bearer"] = header[1].decode().startswith("Bearer ")
    options = flight.FlightCallOptions(headers=[header])
    info = client.get_flight_info(desc, options)
    rows = 0
    for ep in info.endpoints:
        rows += client.do_get(ep.ticket, options).read_all().num_rows
    out["rows_with_key"] = rows
    out["total_records"] = info.total_records
    # A ticket is not a credential: without the header, DoGet is refused.
    out["doget_no_credentials"] = outcome(lambda: client.do_get(info.endpoints[0].ticket).read_all())

    jwt_options = flight.FlightCallOptions(headers=[(b"authorization", f"Bearer {jwt}".encode())])
    out["rows_with_jwt"] = client.do_get(info.endpoints[0].ticket, jwt_options).read_all().num_rows
    bad = flight.FlightCallOptions(headers=[(b"authorization", b"Bearer ssk_not_a_key")])
    out["doget_bad_bearer"] = outcome(lambda: client.do_get(info.endpoints[0].ticket, bad).read_all())
    print(json.dumps(out))


if __name__ == "__main__":
    main()
