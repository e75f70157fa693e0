"""DoGet throughput client for bench/flight.ts: reads one table over Arrow Flight and prints one
JSON line per run: {"rows", "bytes", "seconds", "endpoints"}. Bytes are Arrow buffer bytes received.

usage: bench_doget.py <location> <catalog name | plan JSON> <table> <scale> <single|parallel> <runs> [shard_rows]
"""

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import pyarrow.flight as flight


def drain(client: flight.FlightClient, ticket: flight.Ticket) -> tuple[int, int]:
    rows = nbytes = 0
    for chunk in client.do_get(ticket):
        rows += chunk.data.num_rows
        nbytes += chunk.data.nbytes
    return rows, nbytes


def main() -> None:
    location, catalog, table, scale, mode, runs = sys.argv[1:7]
    shard_rows = sys.argv[7] if len(sys.argv) > 7 else None
    client = flight.FlightClient(location)
    if catalog.startswith("{"):  # an inline plan (JSON) goes as a CMD descriptor
        cmd = {"plan": json.loads(catalog), "table": table, "scale": float(scale)}
        if shard_rows:
            cmd["shard_rows"] = int(shard_rows)
        descriptor = flight.FlightDescriptor.for_command(json.dumps(cmd).encode())
    else:
        path = [catalog, table, f"scale={scale}"] + ([f"shard_rows={shard_rows}"] if shard_rows else [])
        descriptor = flight.FlightDescriptor.for_path(*path)
    for _ in range(int(runs)):
        t0 = time.perf_counter()
        info = client.get_flight_info(descriptor)
        tickets = [e.ticket for e in info.endpoints]
        if mode == "parallel":
            # One client per thread: each gets its own HTTP/2 connection.
            clients = [flight.FlightClient(location) for _ in tickets]
            with ThreadPoolExecutor(max_workers=len(tickets)) as pool:
                parts = list(pool.map(drain, clients, tickets))
        else:
            parts = [drain(client, t) for t in tickets]
        seconds = time.perf_counter() - t0
        rows = sum(p[0] for p in parts)
        nbytes = sum(p[1] for p in parts)
        print(json.dumps({"rows": rows, "bytes": nbytes, "seconds": seconds, "endpoints": len(tickets)}), flush=True)


if __name__ == "__main__":
    main()
