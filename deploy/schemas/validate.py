"""Strict schema validation of rendered Kubernetes manifests and deploy configs.

Built-in kinds: kubernetes-validate's bundled strict OpenAPI schemas (unknown fields are
errors). Custom resources (KEDA, Prometheus Operator): our own strict JSON schemas in this
folder, named <group>_<version>_<Kind>.json. A kind with no schema is an error, not a skip.
Every error is printed as `ERROR <file>: <Kind>/<name>: <field.path>: <message>`.

Usage: validate.py --k8s-version 1.29.0 [--schema NAME.json] [--base DIR] FILE...
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import jsonschema
import yaml
from kubernetes_validate import utils as kv
from referencing import Registry, Resource

HERE = Path(__file__).resolve().parent


def k8s_schema(doc: dict, version: str) -> tuple[dict, Registry] | None:
    """The bundled strict schema for a built-in kind, or None if it is not built in."""
    api = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", doc["apiVersion"])
    wanted = kv.major_minor(version)
    candidates = [v for v in kv.all_versions() if kv.major_minor(v) == wanted]
    if not candidates:
        raise SystemExit(f"FATAL kubernetes-validate {kv.__version__} has no schemas for {version}")
    folder = f"kubernetes-json-schema/v{candidates[-1]}-local-strict"
    try:
        schema = kv.schema_contents(f"{folder}/{doc['kind'].lower()}-{api}.json", version)
    except FileNotFoundError:
        return None
    defs = kv.schema_contents(f"{folder}/_definitions.json", version)
    registry = Resource.from_contents(schema) @ Registry()
    return schema, Resource.from_contents(defs) @ registry


def crd_schema(doc: dict) -> dict | None:
    group_version = doc["apiVersion"].replace("/", "_")
    path = HERE / f"{group_version}_{doc['kind']}.json"
    return json.loads(path.read_text()) if path.exists() else None


def errors_for(doc: dict, version: str, schema_name: str | None) -> list[str]:
    if schema_name:
        schema, registry = json.loads((HERE / schema_name).read_text()), Registry()
    elif not isinstance(doc.get("apiVersion"), str) or not isinstance(doc.get("kind"), str):
        return ["<root>: apiVersion and kind are required"]
    else:
        found = k8s_schema(doc, version)
        if found is None:
            custom = crd_schema(doc)
            if custom is None:
                return [f"<root>: no schema for {doc['apiVersion']} {doc['kind']} "
                        f"(add deploy/schemas/{doc['apiVersion'].replace('/', '_')}_{doc['kind']}.json)"]
            found = (custom, Registry())
        schema, registry = found
    validator = jsonschema.Draft202012Validator(schema, registry=registry)
    out = []
    for err in sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path))):
        # For anyOf/oneOf failures the most specific sub-error names the real problem.
        best = jsonschema.exceptions.best_match([err]) if err.context else err
        path = ".".join(str(p) for p in best.absolute_path) or "<root>"
        out.append(f"{path}: {best.message}")
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--k8s-version", required=True)
    ap.add_argument("--schema", help="validate every file against this schema in deploy/schemas")
    ap.add_argument("--base", help="print file names relative to this directory")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()

    failures = checked = 0
    for path in args.files:
        name = str(Path(path).relative_to(args.base)) if args.base else path
        try:
            docs = [d for d in yaml.safe_load_all(Path(path).read_text()) if d]
        except (OSError, yaml.YAMLError) as exc:
            print(f"ERROR {name}: cannot read YAML: {exc}")
            failures += 1
            continue
        for doc in docs:
            checked += 1
            ident = f"{doc.get('kind', '?')}/{(doc.get('metadata') or {}).get('name', '?')}"
            for msg in errors_for(doc, args.k8s_version, args.schema):
                print(f"ERROR {name}: {ident}: {msg}")
                failures += 1
    print(f"validate.py: {checked} documents, {failures} errors (k8s {args.k8s_version}, strict)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
