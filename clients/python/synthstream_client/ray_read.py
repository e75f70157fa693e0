"""Reads a Flight table with Ray: one @ray.remote task per endpoint, concatenated in order.

Each task opens its own Flight client (tickets are self-contained, so a task on any node can
redeem any endpoint, at the endpoint's location or at a shared Service address).
"""

from __future__ import annotations

from typing import Any, Mapping

import pyarrow as pa
import ray

from .flight import connect, flight_info


@ray.remote
def _read_endpoint(location: str, ticket: bytes) -> pa.Table:
    import pyarrow.flight as flight

    return flight.FlightClient(location).do_get(flight.Ticket(ticket)).read_all()


def read_table_ray(location: str, plan: str | Mapping[str, Any], table: str | None = None, **kw: Any) -> pa.Table:
    """Plans on the driver, reads every endpoint in a Ray task, concatenates in endpoint order."""
    info = flight_info(connect(location), plan, table, **kw)
    refs = []
    for e in info.endpoints:
        where = e.locations[0].uri.decode() if e.locations else location
        refs.append(_read_endpoint.remote(where, e.ticket.ticket))
    parts = ray.get(refs)
    return pa.concat_tables(parts) if parts else info.schema.empty_table()
