"""Driver for the Ray test: reads a table's endpoints in parallel Ray tasks and compares the result
with one sequential Flight read. Prints one JSON object.

usage: ray_check.py <grpc+tcp://host:port>
"""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[3] / "clients" / "python"))

import ray  # noqa: E402

from synthstream_client import connect, flight_info, read_table  # noqa: E402
from synthstream_client.ray_read import read_table_ray  # noqa: E402


def main() -> None:
    location = sys.argv[1]
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    try:
        kw = {"shard_rows": 25000}
        via_ray = read_table_ray(location, "customers", "customers", **kw)
        single = read_table(connect(location), "customers", "customers", parallel=False, shard_rows=10**9)
        endpoints = len(flight_info(connect(location), "customers", "customers", **kw).endpoints)
        print(json.dumps({"endpoints": endpoints, "rows": via_ray.num_rows, "equal": via_ray.equals(single, check_metadata=True)}))
    finally:
        ray.shutdown()


if __name__ == "__main__":
    main()
