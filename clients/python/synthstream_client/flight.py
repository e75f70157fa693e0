"""Arrow Flight helpers: connect, list flights, and read a table from every endpoint.

A FlightInfo lists one endpoint per shard of one table. Each endpoint's ticket is self-contained,
so endpoints can be read in any order, by any process, from any replica; concatenating them in
endpoint order gives the table in row order.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Iterable, Mapping

import pyarrow as pa
import pyarrow.flight as flight

# gRPC's default 4 MiB receive limit fits synthstream's batches; raise it anyway for wide rows.
_CALL_OPTIONS = flight.FlightCallOptions()


def connect(location: str) -> flight.FlightClient:
    """A Flight client for a location such as ``grpc+tcp://127.0.0.1:8080``."""
    return flight.FlightClient(location)


def list_flights(client: flight.FlightClient) -> list[flight.FlightInfo]:
    """One FlightInfo per table of every catalog plan."""
    return list(client.list_flights())


def descriptor(
    plan: str | Mapping[str, Any],
    table: str | None = None,
    *,
    scale: float | None = None,
    seed: int | None = None,
    columns: Iterable[str] | None = None,
    shard_rows: int | None = None,
) -> flight.FlightDescriptor:
    """A descriptor for a catalog plan (by name, as a PATH) or an inline plan (a dict, as a CMD)."""
    if isinstance(plan, str):
        path = [plan] + ([table] if table is not None else [])
        if scale is not None:
            path.append(f"scale={scale}")
        if seed is not None:
            path.append(f"seed={seed}")
        if columns is not None:
            path.append("columns=" + ",".join(columns))
        if shard_rows is not None:
            path.append(f"shard_rows={shard_rows}")
        return flight.FlightDescriptor.for_path(*path)
    cmd: dict[str, Any] = {"plan": dict(plan)}
    for key, value in (("table", table), ("scale", scale), ("columns", columns), ("shard_rows", shard_rows)):
        if value is not None:
            cmd[key] = list(value) if key == "columns" else value
    if seed is not None:
        cmd["seed"] = str(seed)
    return flight.FlightDescriptor.for_command(json.dumps(cmd).encode())


def flight_info(client: flight.FlightClient, plan: str | Mapping[str, Any], table: str | None = None, **kw: Any) -> flight.FlightInfo:
    """GetFlightInfo for a plan's table (see ``descriptor`` for the keyword arguments)."""
    return client.get_flight_info(descriptor(plan, table, **kw), _CALL_OPTIONS)


def flight_schema(client: flight.FlightClient, plan: str | Mapping[str, Any], table: str | None = None, **kw: Any) -> pa.Schema:
    """GetSchema for a plan's table: the schema alone, without planning endpoints."""
    return client.get_schema(descriptor(plan, table, **kw), _CALL_OPTIONS).schema


def _client_for(endpoint: flight.FlightEndpoint, default: flight.FlightClient, cache: dict[str, flight.FlightClient]) -> flight.FlightClient:
    """The endpoint's first advertised location, or the caller's client when it names none."""
    if not endpoint.locations:
        return default
    uri = endpoint.locations[0].uri.decode()
    if uri not in cache:
        cache[uri] = flight.FlightClient(uri)
    return cache[uri]


def read_endpoint(client: flight.FlightClient, endpoint: flight.FlightEndpoint, follow_locations: bool = False) -> pa.Table:
    """Reads one endpoint's stream; with ``follow_locations`` dials its advertised location."""
    target = _client_for(endpoint, client, {}) if follow_locations else client
    return target.do_get(endpoint.ticket, _CALL_OPTIONS).read_all()


def read_table(
    client: flight.FlightClient,
    plan: str | Mapping[str, Any],
    table: str | None = None,
    *,
    parallel: bool = True,
    max_workers: int = 4,
    follow_locations: bool = False,
    **kw: Any,
) -> pa.Table:
    """Reads every endpoint of a table (in parallel threads, or one after another) in row order."""
    info = flight_info(client, plan, table, **kw)
    if not parallel or len(info.endpoints) <= 1:
        parts = [read_endpoint(client, e, follow_locations) for e in info.endpoints]
    else:
        with ThreadPoolExecutor(max_workers=max_workers) as pool:
            parts = list(pool.map(lambda e: read_endpoint(client, e, follow_locations), info.endpoints))
    return pa.concat_tables(parts) if parts else info.schema.empty_table()
