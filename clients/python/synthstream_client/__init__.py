"""Python clients for synthstream: Arrow Flight (pyarrow.flight), gRPC (grpcio), Ray and Spark readers."""

from .flight import connect, descriptor, flight_info, flight_schema, list_flights, read_endpoint, read_table

__all__ = ["connect", "descriptor", "flight_info", "flight_schema", "list_flights", "read_endpoint", "read_table"]
