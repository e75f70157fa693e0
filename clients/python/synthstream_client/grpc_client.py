"""A plain gRPC client (grpcio) for GeneratorService.Generate, read with pyarrow.ipc.

Stubs are generated from the repository's proto/ with grpc_tools.protoc into a directory of the
caller's choice (nothing generated is committed), then imported from there.
"""

from __future__ import annotations

import importlib
import json
import pathlib
import sys
from typing import Any, Iterable, Mapping

import grpc
import pyarrow as pa
import pyarrow.ipc as ipc

PROTO_ROOT = pathlib.Path(__file__).resolve().parents[3] / "proto"
# Generate responses are ≤ ~4 MiB; allow more for very wide rows.
_CHANNEL_OPTIONS = [("grpc.max_receive_message_length", 64 * 1024 * 1024)]


def generate_stubs(out_dir: str | pathlib.Path) -> tuple[Any, Any]:
    """Runs grpc_tools.protoc on synthstream/v1/*.proto into ``out_dir``; returns (pb2, pb2_grpc)."""
    from grpc_tools import protoc

    out = pathlib.Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    import grpc_tools

    well_known = pathlib.Path(grpc_tools.__file__).parent / "_proto"
    files = [str(p.relative_to(PROTO_ROOT)) for p in sorted((PROTO_ROOT / "synthstream" / "v1").glob("*.proto"))]
    args = ["protoc", f"-I{PROTO_ROOT}", f"-I{well_known}", f"--python_out={out}", f"--grpc_python_out={out}", *files]
    if protoc.main(args) != 0:
        raise RuntimeError(f"grpc_tools.protoc failed: {' '.join(args)}")
    if str(out) not in sys.path:
        sys.path.insert(0, str(out))
    pb2 = importlib.import_module("synthstream.v1.generator_service_pb2")
    pb2_grpc = importlib.import_module("synthstream.v1.generator_service_pb2_grpc")
    return pb2, pb2_grpc


def generate_tables(
    target: str,
    stubs: tuple[Any, Any],
    plan: str | Mapping[str, Any],
    tables: Iterable[str] = (),
    *,
    seed: int | None = None,
    scale: float | None = None,
) -> dict[str, pa.Table]:
    """Streams Generate and returns each table, read from its concatenated IPC bytes."""
    from google.protobuf import json_format

    pb2, pb2_grpc = stubs
    req = pb2.GenerateRequest(tables=list(tables))
    if isinstance(plan, str):
        req.catalog = plan
    else:
        json_format.ParseDict(json.loads(json.dumps(plan)), req.plan)
    if seed is not None:
        req.seed = seed
    if scale is not None:
        req.scale = scale
    parts: dict[str, list[bytes]] = {}
    with grpc.insecure_channel(target, options=_CHANNEL_OPTIONS) as channel:
        for resp in pb2_grpc.GeneratorServiceStub(channel).Generate(req):
            if resp.table:
                parts.setdefault(resp.table, []).append(resp.arrow_ipc)
    return {name: ipc.open_stream(b"".join(chunks)).read_all() for name, chunks in parts.items()}
