"""A PySpark (≥ 4.0) Python Data Source, format "synthstream": ``spark.read`` over Arrow Flight.

The driver plans once (GetFlightInfo); every FlightEndpoint becomes one Spark input partition that
carries its self-contained ticket and location, so each task redeems one shard with DoGet and
yields its Arrow record batches to Spark as they arrive. Partitions are in endpoint order, and
endpoint order is row order.

    spark.dataSource.register(SynthstreamDataSource)
    df = (spark.read.format("synthstream")
          .option("location", "grpc://127.0.0.1:8080")
          .option("plan", "ecommerce").option("table", "orders")
          .load())

Executors import this module (Spark pickles the class by reference): ``synthstream_client`` must be
importable there (installed, on PYTHONPATH, or shipped with ``--py-files``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Iterator, Mapping

import pyarrow as pa
import pyarrow.flight as flight
from pyspark.sql.datasource import DataSource, DataSourceReader, InputPartition
from pyspark.sql.pandas.types import from_arrow_schema, to_arrow_schema
from pyspark.sql.types import StructType

from .flight import connect, flight_info, flight_schema

FORMAT = "synthstream"
_TRUE = {"true", "1", "yes"}


@dataclass
class FlightPartition(InputPartition):
    """One FlightEndpoint: where to redeem it and its (opaque, self-contained) ticket."""

    index: int
    location: str
    ticket: bytes


def flight_request(options: Mapping[str, str]) -> tuple[str | dict[str, Any], str | None, dict[str, Any]]:
    """Spark's string options → ``(plan, table, keywords)`` for ``flight.descriptor``."""
    if "location" not in options:
        raise ValueError(f'format "{FORMAT}" needs option "location" (e.g. grpc://host:8080)')
    has_name, has_json = "plan" in options, "plan_json" in options
    if has_name == has_json:
        raise ValueError(f'format "{FORMAT}" needs exactly one of the options "plan" (a catalog name) or "plan_json"')
    plan: str | dict[str, Any] = options["plan"] if has_name else json.loads(options["plan_json"])
    kw: dict[str, Any] = {}
    if "seed" in options:
        kw["seed"] = int(options["seed"])
    if "scale" in options:
        kw["scale"] = float(options["scale"])
    if "columns" in options:
        kw["columns"] = [c.strip() for c in options["columns"].split(",") if c.strip()]
    if "shard_rows" in options:
        kw["shard_rows"] = int(options["shard_rows"])
    return plan, options.get("table"), kw


class SynthstreamDataSource(DataSource):
    """``spark.read.format("synthstream")``: one table of a catalog plan or an inline plan.

    Options: ``location`` (grpc://host:port, required); ``plan`` (catalog name) or ``plan_json``;
    ``table`` (default: the plan's first table); ``seed``; ``scale``; ``columns`` (comma-separated
    projection); ``shard_rows`` (rows per endpoint, so per partition); ``follow_locations``
    (default true: read each endpoint at its advertised location; false: at ``location``).
    A user-given schema (``.schema(...)``) projects its columns by name and casts to its types.
    """

    @classmethod
    def name(cls) -> str:
        return FORMAT

    def schema(self) -> StructType:
        plan, table, kw = flight_request(self.options)
        return from_arrow_schema(flight_schema(connect(self.options["location"]), plan, table, **kw))

    def reader(self, schema: StructType) -> DataSourceReader:
        return SynthstreamReader(dict(self.options), schema)


class SynthstreamReader(DataSourceReader):
    """Plans the endpoints on the driver; reads one endpoint per partition on the executors."""

    def __init__(self, options: dict[str, str], schema: StructType) -> None:
        self.options = options
        self.schema = schema

    def partitions(self) -> list[FlightPartition]:
        plan, table, kw = flight_request(self.options)
        if "columns" not in kw:
            kw["columns"] = self.schema.fieldNames()
        location = self.options["location"]
        follow = self.options.get("follow_locations", "true").lower() in _TRUE
        info = flight_info(connect(location), plan, table, **kw)
        parts = []
        for i, e in enumerate(info.endpoints):
            where = e.locations[0].uri.decode() if follow and e.locations else location
            parts.append(FlightPartition(i, where, e.ticket.ticket))
        return parts

    def read(self, partition: FlightPartition) -> Iterator[pa.RecordBatch]:
        # The exact Arrow types Spark expects for its schema: dictionaries decoded, timestamps in
        # µs UTC, and a user-given schema's types (cast is a no-op where the types already match).
        target = to_arrow_schema(self.schema)
        client = flight.FlightClient(partition.location)
        try:
            stream = client.do_get(flight.Ticket(partition.ticket))
            while True:
                try:
                    chunk = stream.read_chunk()
                except StopIteration:
                    return
                yield chunk.data.cast(target)
        finally:
            client.close()
