"""The image's contents run: a production-only install of the workspace starts every service.

Without a Docker engine the images cannot be built here, so this rebuilds what the Dockerfile's
stages do (the same files, `pnpm install --prod`, the tsx link) in a scratch folder and starts
each command the chart runs. Where an engine answers, the images themselves are built too.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CHECKS, COMPONENTS, ROOT

DOCKERFILE = CHECKS.parent / "images" / "Dockerfile"
# What images/Dockerfile.dockerignore keeps out, for the folders the Dockerfile copies.
IGNORED = shutil.ignore_patterns("node_modules", ".fedhub", "*.test.ts", "test", "coverage")


@pytest.fixture(scope="module")
def production_tree(tmp_path_factory) -> Path:
    app = tmp_path_factory.mktemp("app")
    for name in (
        "package.json",
        "pnpm-lock.yaml",
        "pnpm-workspace.yaml",
        "tsconfig.base.json",
        "tsconfig.json",
    ):
        shutil.copy2(ROOT / name, app / name)
    for folder in ("packages", "services"):
        shutil.copytree(ROOT / folder, app / folder, ignore=IGNORED)
    # --offline: every production package is in the store after the workspace's own install.
    install = subprocess.run(
        ["pnpm", "install", "--frozen-lockfile", "--prod", "--offline"],
        cwd=app,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    (app / "node_modules" / "tsx").symlink_to(
        Path("..") / "packages" / "cli" / "node_modules" / "tsx"
    )
    return app


def test_the_cli_the_migrate_job_runs_needs_tsx_at_run_time():
    # The Dockerfile links tsx from the CLI's production dependencies.
    manifest = json.loads((ROOT / "packages" / "cli" / "package.json").read_text())
    assert "tsx" in manifest["dependencies"]


def test_every_service_loads_from_production_dependencies_alone(production_tree: Path):
    # Without Redis and NATS settings each service stops at its configuration check, which runs
    # only after every module it imports statically has loaded.
    env = {"PATH": os.environ["PATH"], "HOME": str(production_tree)}
    running = {
        component: subprocess.Popen(
            ["node", "--import", "tsx", f"services/{component}/src/main.ts"],
            cwd=production_tree,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for component in COMPONENTS
    }
    for component, process in running.items():
        _, stderr = process.communicate(timeout=120)
        assert process.returncode == 1, stderr
        assert "needs fedhub.nats_url and fedhub.redis_url" in stderr, (component, stderr)
    cli = subprocess.run(
        ["node", "packages/cli/bin/fedhub.mjs", "migrate", "--help"],
        cwd=production_tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert cli.returncode == 0 and "migrate the database" in cli.stdout, cli.stderr


def docker_engine() -> bool:
    if shutil.which("docker") is None:
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=20).returncode == 0
    except subprocess.TimeoutExpired:
        return False


@pytest.mark.skipif(not docker_engine(), reason="no Docker engine on this machine")
def test_the_images_build_and_run_read_only_as_a_user():
    for target in (*COMPONENTS, "cli"):
        subprocess.run(
            [
                "docker",
                "build",
                "-f",
                str(DOCKERFILE),
                "--target",
                target,
                "-t",
                f"fedhub-check/{target}",
                ".",
            ],
            cwd=ROOT,
            check=True,
            timeout=1200,
        )
    run = subprocess.run(
        [
            "docker",
            "run",
            "--rm",
            "--read-only",
            "--tmpfs",
            "/tmp",
            "--cap-drop",
            "ALL",
            "fedhub-check/cli",
            "node",
            "packages/cli/bin/fedhub.mjs",
            "migrate",
            "--help",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0 and "migrate the database" in run.stdout, run.stderr
    user = subprocess.run(
        ["docker", "run", "--rm", "fedhub-check/cli", "id", "-u"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert user.stdout.strip() == "1000"
