"""Driver for the Spark test: reads a table through the "synthstream" Python Data Source (one Spark
partition per Flight endpoint), compares it with one sequential Flight read column by column, runs
a Spark SQL aggregate against DuckDB on the same rows, and reads an inline plan with a projection.
Prints one JSON object (timings in seconds under "seconds").

usage: spark_check.py <grpc://host:port>
"""

import json
import os
import pathlib
import sys
import time

CLIENTS = pathlib.Path(__file__).resolve().parents[3] / "clients" / "python"
sys.path.insert(0, str(CLIENTS))
# Spark's Python workers are separate processes: same interpreter, and they unpickle the data
# source by reference, so they need the client package on their path too.
os.environ["PYSPARK_PYTHON"] = sys.executable
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(CLIENTS), os.environ.get("PYTHONPATH")]))
os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")

import duckdb  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.functions import spark_partition_id  # noqa: E402
from pyspark.sql.pandas.types import to_arrow_schema  # noqa: E402

from synthstream_client import connect, flight_info, read_table  # noqa: E402
from synthstream_client.spark_source import SynthstreamDataSource  # noqa: E402

# ecommerce at scale 0.25: ~100k orders, in endpoints of 30,000 rows.
KW = {"scale": 0.25, "shard_rows": 30000}
INLINE_PLAN = {
    "name": "tiny",
    "seed": 5,
    "tables": [
        {
            "name": "people",
            "rows": 2500,
            "columns": [
                {"name": "id", "sequence": {}},
                {"name": "city", "semantic": {"kind": "city"}},
                {"name": "score", "type": "float64", "number": {"uniform": {"min": 0, "max": 1}}},
            ],
        }
    ],
}
AGGREGATE = "SELECT status, count(*) AS n, sum(total) AS total, max(item_count) AS most FROM orders GROUP BY status ORDER BY status"


def session() -> SparkSession:
    return (
        SparkSession.builder.master("local[2]")
        .appName("synthstream-spark-check")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.log.level", "ERROR")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", "1g")
        # A short job on 2 cores: C1 alone halves the run (measured ~60 s → ~30 s under load),
        # since C2's JIT threads compete with the job for the CPUs and never pay off here.
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1")
        .getOrCreate()
    )


def rows(result) -> list[list[str]]:
    """Query rows as strings, so Spark's and DuckDB's decimal and integer types compare by value."""
    return [[str(v) for v in r] for r in result]


def main() -> None:
    location = sys.argv[1]
    seconds: dict[str, float] = {}
    t0 = time.monotonic()
    spark = session()
    seconds["session"] = time.monotonic() - t0
    try:
        spark.dataSource.register(SynthstreamDataSource)
        reader = spark.read.format("synthstream").option("location", location).option("plan", "ecommerce")
        df = reader.option("table", "orders").option("scale", "0.25").option("shard_rows", "30000").load()
        seconds["load"] = time.monotonic() - t0 - seconds["session"]

        t = time.monotonic()
        client = connect(location)
        info = flight_info(client, "ecommerce", "orders", **KW)
        single = read_table(client, "ecommerce", "orders", parallel=False, scale=0.25, shard_rows=10**9)
        seconds["flight"] = time.monotonic() - t

        t = time.monotonic()
        partitions = df.rdd.getNumPartitions()
        seconds["partitions"] = time.monotonic() - t
        t = time.monotonic()
        via_spark = df.withColumn("_pid", spark_partition_id()).toArrow()
        seconds["read"] = time.monotonic() - t
        pids = via_spark.column("_pid").to_pylist()
        rows_per_partition = [pids.count(i) for i in range(max(pids) + 1)]
        # Endpoint i holds rows [i·shard_rows, (i+1)·shard_rows) of the table, so partition i must too.
        shard = KW["shard_rows"]
        endpoint_rows = [min(shard, single.num_rows - i * shard) for i in range(len(info.endpoints))]
        # Spark collects partitions in order: endpoint order is row order, so this is the table's.
        in_row_order = via_spark.column("order_id").equals(single.column("order_id"))

        # Spark's types for the same schema (dictionaries decoded); then both in key order.
        target = to_arrow_schema(df.schema)
        got = via_spark.drop_columns(["_pid"]).cast(target).sort_by("order_id")
        want = single.cast(target).sort_by("order_id")
        columns_equal = {name: got.column(name).equals(want.column(name)) for name in target.names}

        t = time.monotonic()
        df.createOrReplaceTempView("orders")
        spark_rows = rows(spark.sql(AGGREGATE).collect())
        duck = duckdb.connect()
        duck.register("orders", want)
        duck_rows = rows(duck.sql(AGGREGATE).fetchall())
        seconds["sql"] = time.monotonic() - t

        t = time.monotonic()
        inline = (
            spark.read.format("synthstream")
            .option("location", location)
            .option("plan_json", json.dumps(INLINE_PLAN))
            .option("columns", "city,id")
            .option("seed", "11")
            .load()
        )
        inline_got = inline.toArrow()
        inline_want = read_table(client, INLINE_PLAN, "people", seed=11, columns=["city", "id"])
        inline_equal = inline_got.equals(inline_want.cast(to_arrow_schema(inline.schema)))

        # A user-given schema projects by name and casts (item_count int64 → int); every task
        # dials the option's location instead of the advertised one.
        typed = (
            spark.read.format("synthstream")
            .schema("total decimal(12,2), order_id bigint, item_count int")
            .option("location", location)
            .option("plan", "ecommerce")
            .option("table", "orders")
            .option("scale", "0.05")
            .option("follow_locations", "false")
            .load()
        )
        typed_got = typed.toArrow()
        typed_want = read_table(client, "ecommerce", "orders", scale=0.05, columns=["total", "order_id", "item_count"])
        typed_equal = typed_got.equals(typed_want.cast(to_arrow_schema(typed.schema)))
        seconds["inline"] = time.monotonic() - t

        try:
            reader.option("table", "no_such_table").load()
            bad_table = "no error"
        except Exception as e:  # Spark wraps the data source's error in its own exception
            bad_table = str(e)
        seconds["total"] = time.monotonic() - t0

        print(
            json.dumps(
                {
                    "spark_version": spark.version,
                    "endpoints": len(info.endpoints),
                    "partitions": partitions,
                    "endpoint_rows": endpoint_rows,
                    "rows_per_partition": rows_per_partition,
                    "in_row_order": in_row_order,
                    "rows": got.num_rows,
                    "single_rows": want.num_rows,
                    "spark_schema": df.schema.simpleString(),
                    "columns_equal": columns_equal,
                    "sql_rows": spark_rows,
                    "sql_equals_duckdb": spark_rows == duck_rows,
                    "inline_columns": inline.columns,
                    "inline_rows": inline_got.num_rows,
                    "inline_equal": inline_equal,
                    "typed_schema": typed.schema.simpleString(),
                    "typed_rows": typed_got.num_rows,
                    "typed_equal": typed_equal,
                    "bad_table": bad_table[:2000],
                    "seconds": {k: round(v, 2) for k, v in seconds.items()},
                }
            )
        )
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
