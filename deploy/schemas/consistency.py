"""Cross-file checks that no schema can express (run by scripts/validate-chart.sh).

- The autoscaling PromQL is written once (chart values `autoscaling.query`); the
  prometheus-adapter copy and the external metric name must match it.
- helmfile.yaml: every release's chart and values files exist, one release per region
  file, each with its own kubeContext.
- Region values files name the region they are for.
"""
from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
errors: list[str] = []


def norm(q: str) -> str:
    return " ".join(q.split())


values = yaml.safe_load((ROOT / "helm/synthstream/values.yaml").read_text())
query = norm(values["autoscaling"]["query"])
adapter = yaml.safe_load((DEPLOY / "prometheus-adapter/rules.yaml").read_text())
names = []
for i, rule in enumerate(adapter.get("externalRules", [])):
    names.append(rule.get("name", {}).get("as"))
    if norm(rule["metricsQuery"]) != query:
        errors.append(f"deploy/prometheus-adapter/rules.yaml: externalRules.{i}.metricsQuery "
                      f"differs from helm/synthstream/values.yaml autoscaling.query")
if values["autoscaling"]["externalMetricName"] not in names:
    errors.append("deploy/prometheus-adapter/rules.yaml: no externalRules[].name.as equal to "
                  f"autoscaling.externalMetricName ({values['autoscaling']['externalMetricName']})")

helmfile = yaml.safe_load((DEPLOY / "helmfile.yaml").read_text())
regions = sorted(p.stem for p in (DEPLOY / "regions").glob("*.yaml"))
seen_regions, contexts = [], set()
for i, rel in enumerate(helmfile.get("releases", [])):
    where = f"deploy/helmfile.yaml: releases.{i}"
    if not (DEPLOY / rel["chart"]).is_dir():
        errors.append(f"{where}.chart: {rel['chart']} is not a directory")
    for j, vf in enumerate(rel.get("values", [])):
        if isinstance(vf, str) and not (DEPLOY / vf).is_file():
            errors.append(f"{where}.values.{j}: {vf} does not exist")
    ctx = rel.get("kubeContext")
    if not ctx or ctx in contexts:
        errors.append(f"{where}.kubeContext: missing or shared with another release ({ctx})")
    contexts.add(ctx)
    seen_regions.append(rel.get("labels", {}).get("region"))
if sorted(seen_regions) != regions:
    errors.append(f"deploy/helmfile.yaml: releases cover regions {sorted(seen_regions)}, "
                  f"deploy/regions/ has {regions}")

for name in regions:
    region_values = yaml.safe_load((DEPLOY / f"regions/{name}.yaml").read_text())
    if region_values.get("region") != name:
        errors.append(f"deploy/regions/{name}.yaml: region: is {region_values.get('region')!r}, "
                      f"expected {name!r}")
    prom = DEPLOY / f"prometheus/prometheus-{name}.yml"
    if not prom.is_file():
        errors.append(f"{prom.relative_to(ROOT)}: missing (one Prometheus config per region)")
    else:
        labels = yaml.safe_load(prom.read_text())["global"]["external_labels"]
        if labels.get("region") != name:
            errors.append(f"{prom.relative_to(ROOT)}: global.external_labels.region is "
                          f"{labels.get('region')!r}, expected {name!r}")

for e in errors:
    print(f"ERROR {e}")
print(f"consistency.py: {len(errors)} errors")
sys.exit(1 if errors else 0)
