"""Example: list synthstream's flights and read one table over Arrow Flight.

    python examples/read_flight.py grpc+tcp://127.0.0.1:8080 customers
"""

import sys
import time

sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[1]))
from synthstream_client import connect, list_flights, read_table  # noqa: E402


def main() -> None:
    location = sys.argv[1] if len(sys.argv) > 1 else "grpc+tcp://127.0.0.1:8080"
    plan = sys.argv[2] if len(sys.argv) > 2 else "customers"
    client = connect(location)
    for info in list_flights(client):
        path = "/".join(p.decode() for p in info.descriptor.path)
        print(f"{path}: {info.total_records} rows in {len(info.endpoints)} endpoint(s)")
    t0 = time.perf_counter()
    table = read_table(client, plan, parallel=True)
    dt = time.perf_counter() - t0
    print(f"read {table.num_rows} rows, {table.nbytes / 1e6:.1f} MB in {dt:.2f}s")
    print(table.slice(0, 5))


if __name__ == "__main__":
    main()
