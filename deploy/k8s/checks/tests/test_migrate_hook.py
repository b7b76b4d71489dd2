"""`fedhub migrate` runs first, on install and upgrade, with everything it needs already there."""

from __future__ import annotations

from conftest import Rendered, annotations, container, env_of, pod_spec, prefixed

JOB = prefixed("migrate")


def hook_weight(obj: dict) -> int:
    return int(annotations(obj).get("helm.sh/hook-weight", "0"))


def hook_events(obj: dict) -> set[str]:
    return set(annotations(obj)["helm.sh/hook"].split(","))


def test_migrate_runs_before_install_and_before_upgrade(rendered: Rendered):
    job = rendered.get("Job", JOB)
    assert hook_events(job) == {"pre-install", "pre-upgrade"}
    assert container(job)["args"] == ["node", "packages/cli/bin/fedhub.mjs", "migrate"]
    assert pod_spec(job)["restartPolicy"] == "Never"


def test_the_services_are_not_hooks_so_they_start_after_migrate(rendered: Rendered):
    for obj in rendered.hooks():
        assert obj["kind"] in {"Job", "ConfigMap", "Secret", "NetworkPolicy"}
        assert obj["metadata"]["name"] == JOB


def test_what_the_job_reads_is_created_before_it(rendered: Rendered):
    job = rendered.get("Job", JOB)
    spec = pod_spec(job)
    existing = {
        rendered.merged[item]["existingSecret"]["name"]
        for item in ("database", "redis", "nats", "rootPassword")
    } - {""}
    needed: set[tuple[str, str]] = set()
    for volume in spec["volumes"]:
        if "configMap" in volume:
            needed.add(("ConfigMap", volume["configMap"]["name"]))
        if "secret" in volume:
            needed.add(("Secret", volume["secret"]["secretName"]))
    for value in env_of(container(job)).values():
        if isinstance(value, dict):
            needed.add(("Secret", value["secretKeyRef"]["name"]))
    assert needed, "the job reads its configuration from somewhere"
    for kind, name in needed:
        if kind == "Secret" and name in existing:
            continue  # the operator's Secret exists before the install
        source = rendered.get(kind, name)
        # A pre-install hook cannot use the release's ordinary objects: they do not exist yet.
        assert hook_events(source) >= {"pre-install", "pre-upgrade"}, name
        assert hook_weight(source) < hook_weight(job), name


def test_the_job_network_policy_exists_before_the_job(rendered: Rendered):
    if not rendered.merged["networkPolicy"]["enabled"]:
        return
    policy = rendered.get("NetworkPolicy", JOB)
    assert hook_weight(policy) < hook_weight(rendered.get("Job", JOB))
    assert policy["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == "migrate"


def test_the_job_gets_the_same_configuration_as_the_services(rendered: Rendered):
    services = rendered.get("ConfigMap", prefixed("config"))["data"]["config.yaml"]
    job = rendered.get("ConfigMap", JOB)["data"]["config.yaml"]
    assert services == job


def test_the_job_copies_are_removed_once_migrate_succeeded(rendered: Rendered):
    for obj in rendered.hooks():
        policy = set(annotations(obj)["helm.sh/hook-delete-policy"].split(","))
        assert "before-hook-creation" in policy
        if obj["kind"] != "Job":
            assert "hook-succeeded" in policy


def test_a_root_password_hash_reaches_only_the_job(rendered_by_name):
    rendered = rendered_by_name("production")
    job_env = env_of(container(rendered.get("Job", JOB)))
    assert job_env["V6_INIT_SUPER_PASS_HASHED"]["secretKeyRef"]["key"] == "root-password-hash"
    for deployment in rendered.of_kind("Deployment"):
        assert "V6_INIT_SUPER_PASS_HASHED" not in env_of(container(deployment))
    env_secret = rendered.get("Secret", prefixed("env"))
    assert "root-password-hash" not in env_secret["data"]
