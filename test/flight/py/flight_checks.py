"""Driver for test/flight/flight.test.ts: exercises a live server with pyarrow.flight, grpcio and
DuckDB, and prints one JSON object of findings (the TypeScript test asserts on them).

usage: flight_checks.py <grpc+tcp://host:port> <plan.json> <stub out dir>
"""

import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[3] / "clients" / "python"))

import duckdb  # noqa: E402
import pyarrow.flight as flight  # noqa: E402

from synthstream_client import connect, descriptor, flight_info, list_flights, read_table  # noqa: E402
from synthstream_client.grpc_client import generate_stubs, generate_tables  # noqa: E402


def error_of(fn):
    try:
        fn()
    except flight.FlightError as e:  # pyarrow maps gRPC codes onto these classes
        return {"class": type(e).__name__, "message": str(e).split(". gRPC client debug")[0]}
    except Exception as e:  # noqa: BLE001 - InvalidArgument/NotFound surface as ArrowInvalid/ArrowKeyError
        return {"class": type(e).__name__, "message": str(e).split(". gRPC client debug")[0]}
    return None


def main() -> None:
    location, plan_path, stub_dir = sys.argv[1:4]
    plan = json.loads(pathlib.Path(plan_path).read_text())
    target = location.split("://", 1)[1]
    client = connect(location)
    out = {}

    infos = list_flights(client)
    out["flights"] = ["/".join(p.decode() for p in i.descriptor.path) for i in infos]
    out["listed_endpoint_locations"] = [e.locations[0].uri.decode() for e in infos[0].endpoints[:1] if e.locations]
    # ListFlights criteria: a "<plan>/<table>" prefix; empty lists everything.
    listed = lambda c: ["/".join(p.decode() for p in i.descriptor.path) for i in client.list_flights(criteria=c)]  # noqa: E731
    out["criteria"] = {
        "empty": len(listed(b"")) == len(infos),
        "plan": listed(b"ecommerce/"),
        "prefix": sorted(listed(b"ecommerce")),
        "table_prefix": listed(b"ecommerce/order"),
        "none": listed(b"no_such_plan"),
        "not_utf8": error_of(lambda: listed(b"\xff\xfe")),
    }

    cust = flight_info(client, "customers", "customers", shard_rows=30000)
    schema = client.get_schema(descriptor("customers", "customers")).schema
    out["schema_matches_info"] = schema.equals(cust.schema, check_metadata=True)
    out["customers_endpoints"] = len(cust.endpoints)
    out["customers_total_records"] = cust.total_records
    out["customers_ordered"] = cust.ordered
    whole = read_table(client, "customers", "customers", shard_rows=30000, parallel=True)
    per_endpoint = [client.do_get(e.ticket).read_all() for e in cust.endpoints]
    out["customers_rows"] = whole.num_rows
    out["customers_endpoint_rows"] = [t.num_rows for t in per_endpoint]
    out["customers_ids_in_order"] = whole.column("id").to_pylist() == list(range(1, whole.num_rows + 1))
    out["customers_schema_from_doget_equals_info"] = whole.schema.equals(cust.schema, check_metadata=True)

    # The FK plan, inline, through Flight (several endpoints per table) and through Generate.
    stubs = generate_stubs(stub_dir)
    via_grpc = generate_tables(target, stubs, plan)
    out["tables"] = {}
    via_flight = {}
    for name, expected in via_grpc.items():
        got = read_table(client, plan, name, shard_rows=700, parallel=True)
        seq = read_table(client, plan, name, shard_rows=700, parallel=False)
        via_flight[name] = got
        info = flight_info(client, plan, name, shard_rows=700)
        out["tables"][name] = {
            "rows": got.num_rows,
            "endpoints": len(info.endpoints),
            "equals_generate": got.combine_chunks().equals(expected.combine_chunks(), check_metadata=True),
            "columns_equal": {
                c: got.column(c).combine_chunks().equals(expected.column(c).combine_chunks()) for c in expected.column_names
            },
            "parallel_equals_sequential": got.equals(seq),
        }

    con = duckdb.connect()
    for name, t in via_flight.items():
        con.register(name, t)
    q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    out["orphans"] = {
        "orders.customer_id": q("select count(*) from orders o left join customers c on o.customer_id = c.id where c.id is null"),
        "orders.product_id": q("select count(*) from orders o left join products p on o.product_id = p.pid where p.pid is null"),
        "orders.any_customer": q("select count(*) from orders o left join customers c on o.any_customer = c.id where c.id is null"),
        "order_items.order_id": q("select count(*) from order_items i left join orders o on i.order_id = o.order_id where o.order_id is null"),
    }
    out["lookup_mismatches"] = q(
        "select count(*) from order_items i join orders o on i.order_id = o.order_id where i.order_city <> o.city"
    )
    out["joined_items"] = q("select count(*) from order_items i join orders o on i.order_id = o.order_id")

    numbers = flight_info(client, "numeric", "numbers")
    last = numbers.endpoints[-1].ticket.ticket
    bad_range = json.loads(last)
    bad_range["rows"] = [bad_range["rows"][1], bad_range["rows"][1] + 10]
    out["errors"] = {
        "garbage_ticket": error_of(lambda: client.do_get(flight.Ticket(b"\x00\xffgarbage")).read_all()),
        "unknown_plan_ticket": error_of(
            lambda: client.do_get(flight.Ticket(b'{"v":1,"catalog":"no_such_plan","table":"t","rows":[0,1]}')).read_all()
        ),
        "out_of_range_ticket": error_of(lambda: client.do_get(flight.Ticket(json.dumps(bad_range).encode())).read_all()),
        "unknown_plan_path": error_of(lambda: client.get_flight_info(flight.FlightDescriptor.for_path("no_such_plan"))),
        "unknown_table_path": error_of(lambda: client.get_flight_info(flight.FlightDescriptor.for_path("customers", "custmers"))),
        "unknown_table_ticket": error_of(
            lambda: client.do_get(flight.Ticket(b'{"v":1,"catalog":"customers","table":"nope","rows":[0,1]}')).read_all()
        ),
        "bad_path_part": error_of(lambda: client.get_flight_info(flight.FlightDescriptor.for_path("customers", "customers", "scale=-1"))),
        "garbage_cmd": error_of(lambda: client.get_flight_info(flight.FlightDescriptor.for_command(b"\xff\xfe"))),
        "bad_plan_cmd": error_of(lambda: client.get_schema(flight.FlightDescriptor.for_command(b'{"plan": {"name": "x", "tables": [{"name": "t"}]}}'))),
        "unknown_action": error_of(lambda: list(client.do_action(flight.Action("explode", b"customers")))),
    }
    # Still serving after all that.
    out["after_errors_rows"] = client.do_get(numbers.endpoints[0].ticket).read_chunk().data.num_rows

    out["actions"] = sorted(a.type for a in client.list_actions())
    res = lambda t, b: json.loads(next(iter(client.do_action(flight.Action(t, b)))).body.to_pybytes())  # noqa: E731
    out["validate_ok"] = res("validate", b"customers")
    out["validate_bad"] = res("validate", b'{"plan": {"name": "x", "tables": [{"name": "t", "rows": 1}]}}')
    described = res("describe", json.dumps({"plan": plan}).encode())
    out["describe_tables"] = [t["name"] for t in described["tables"]]
    print(json.dumps(out))


if __name__ == "__main__":
    main()
