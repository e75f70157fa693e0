"""pyarrow reads synthstream files and compares them with the engine's Arrow IPC stream.

usage: compare.py REFERENCE.arrows FORMAT FILE... -> prints {"equal", "rows", "detail"} as JSON.
Dictionary columns are compared by value; CSV and NDJSON are parsed with the reference's types.
"""
import decimal
import json
import sys

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv
import pyarrow.ipc as ipc
import pyarrow.parquet as pq


def plain(t: pa.Table) -> pa.Table:
    cols, fields = [], []
    for f, c in zip(t.schema, t.columns):
        if pa.types.is_dictionary(f.type):
            c = c.cast(f.type.value_type)
            f = pa.field(f.name, f.type.value_type, f.nullable)
        cols.append(c)
        fields.append(pa.field(f.name, f.type, f.nullable))
    return pa.Table.from_arrays(cols, schema=pa.schema(fields))


def read(fmt: str, path: str, schema: pa.Schema) -> pa.Table:
    if fmt == "parquet":
        return pq.read_table(path)
    if fmt == "arrow":
        return ipc.open_file(path).read_all()
    if fmt == "csv":
        opts = pcsv.ConvertOptions(column_types=schema, strings_can_be_null=True, quoted_strings_can_be_null=False)
        return pcsv.read_csv(path, convert_options=opts, parse_options=pcsv.ParseOptions(newlines_in_values=True))
    if fmt == "ndjson":
        # Python's json keeps int64 and decimals exact (int, Decimal); text types are cast by Arrow.
        with open(path, encoding="utf-8") as f:
            rows = [json.loads(line, parse_float=decimal.Decimal) for line in f]
        cols = []
        for field in schema:
            values = [r[field.name] for r in rows]
            if pa.types.is_floating(field.type):
                values = [None if v is None else float(v) for v in values]
            if pa.types.is_date(field.type) or pa.types.is_timestamp(field.type):
                cols.append(pc.cast(pa.array(values, pa.string()), field.type))
            else:
                cols.append(pa.array(values, field.type))
        return pa.Table.from_arrays(cols, schema=schema)
    raise SystemExit(f"unknown format {fmt}")


def main() -> None:
    ref_path, fmt, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    with open(ref_path, "rb") as f:
        ref = plain(ipc.open_stream(f.read()).read_all())
    schema = pa.schema([pa.field(f.name, f.type) for f in ref.schema])
    got = pa.concat_tables([plain(read(fmt, p, schema)).select(ref.column_names) for p in files])
    got = got.cast(ref.schema) if fmt in ("csv", "ndjson") else got
    equal = got.num_rows == ref.num_rows and all(
        got.column(i).combine_chunks().equals(ref.column(i).combine_chunks()) for i in range(ref.num_columns)
    )
    detail = ""
    if not equal:
        for i, name in enumerate(ref.column_names):
            a, b = got.column(i).combine_chunks(), ref.column(i).combine_chunks()
            if not a.equals(b):
                detail = f"{name}: got {a.type} {a.slice(0, 3).to_pylist()} want {b.type} {b.slice(0, 3).to_pylist()}"
                break
    print(json.dumps({"equal": equal, "rows": got.num_rows, "detail": detail}))


if __name__ == "__main__":
    main()
