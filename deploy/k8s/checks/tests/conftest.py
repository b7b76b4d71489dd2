"""Renders the chart the way `helm install` would, offline, and hands the manifests to tests."""

from __future__ import annotations

import functools
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import helm_python as helm
import pytest
import yaml

CHECKS = Path(__file__).resolve().parents[1]
CHART = CHECKS.parent / "fedhub"
VALUES = CHECKS / "values"
ROOT = CHECKS.parents[2]
RELEASE = "fh"
NAMESPACE = "fedhub"
COMPONENTS = ("auth", "core-api", "socket-gateway", "mailer")
HTTP_COMPONENTS = ("auth", "core-api", "socket-gateway")
VALUES_FILES = sorted(path.stem for path in VALUES.glob("*.yaml"))


def prefixed(component: str) -> str:
    return f"{RELEASE}-fedhub-{component}"


@dataclass
class Rendered:
    """The objects one render produced, with the values that produced them."""

    values: dict[str, Any]
    merged: dict[str, Any]
    objects: list[dict[str, Any]]

    def of_kind(self, kind: str) -> list[dict[str, Any]]:
        return [o for o in self.objects if o["kind"] == kind]

    def get(self, kind: str, name: str) -> dict[str, Any]:
        found = [o for o in self.of_kind(kind) if o["metadata"]["name"] == name]
        assert len(found) == 1, f"expected one {kind} {name}, found {len(found)}"
        return found[0]

    def find(self, kind: str, name: str) -> dict[str, Any] | None:
        found = [o for o in self.of_kind(kind) if o["metadata"]["name"] == name]
        return found[0] if found else None

    def hooks(self) -> list[dict[str, Any]]:
        return [o for o in self.objects if "helm.sh/hook" in annotations(o)]

    def deployment(self, component: str) -> dict[str, Any]:
        return self.get("Deployment", prefixed(component))


def annotations(obj: dict[str, Any]) -> dict[str, str]:
    return obj["metadata"].get("annotations") or {}


def pod_spec(obj: dict[str, Any]) -> dict[str, Any]:
    return obj["spec"]["template"]["spec"]


def container(obj: dict[str, Any]) -> dict[str, Any]:
    containers = pod_spec(obj)["containers"]
    assert len(containers) == 1
    return containers[0]


def env_of(c: dict[str, Any]) -> dict[str, Any]:
    return {e["name"]: e.get("value", e.get("valueFrom")) for e in c.get("env", [])}


def load_values(name: str) -> dict[str, Any]:
    return yaml.safe_load((VALUES / f"{name}.yaml").read_text()) or {}


def render(values: dict[str, Any], *, upgrade: bool = False) -> Rendered:
    """Renders like `helm install` (or `helm upgrade`) without a cluster; raises on bad values."""
    with helm.Chart.load(CHART) as chart:
        manifests = chart.render(
            values,
            name=RELEASE,
            namespace=NAMESPACE,
            is_install=not upgrade,
            is_upgrade=upgrade,
        )
        merged = chart.merge_values(values)
    objects = []
    for template, text in sorted(manifests.items()):
        if not template.endswith(".yaml"):
            continue
        for doc in yaml.safe_load_all(text):
            if doc:
                doc.setdefault("metadata", {}).setdefault("namespace", NAMESPACE)
                objects.append(doc)
    return Rendered(values=values, merged=merged, objects=objects)


@functools.cache
def _rendered_file(name: str) -> Rendered:
    return render(load_values(name))


@pytest.fixture(params=VALUES_FILES)
def rendered(request: pytest.FixtureRequest) -> Rendered:
    """The chart rendered with each file of values/ in turn."""
    return _rendered_file(request.param)


@pytest.fixture
def rendered_by_name():
    return _rendered_file


def run_node(script: str, *args: str, stdin: str | None = None) -> Any:
    """Runs one of checks/node/*.mjs with tsx (so it can import the TypeScript sources)."""
    result = subprocess.run(
        ["node", "--import", "tsx", str(CHECKS / "node" / script), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        input=stdin,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)
