"""Python clients for synthstream: Arrow Flight (pyarrow.flight), gRPC (grpcio) and Ray readers."""

from .flight import connect, descriptor, flight_info, list_flights, read_endpoint, read_table

__all__ = ["connect", "descriptor", "flight_info", "list_flights", "read_endpoint", "read_table"]
