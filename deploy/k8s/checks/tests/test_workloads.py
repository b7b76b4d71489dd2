"""Deployments, Services, autoscalers and disruption budgets: what keeps the services up."""

from __future__ import annotations

import pytest
from conftest import (
    COMPONENTS,
    Rendered,
    container,
    env_of,
    pod_spec,
    prefixed,
)

SERVICE_KEYS = {
    "auth": "auth",
    "core-api": "coreApi",
    "socket-gateway": "socketGateway",
    "mailer": "mailer",
}


@pytest.mark.parametrize("component", COMPONENTS)
def test_each_service_has_a_deployment_service_and_disruption_budget(
    rendered: Rendered, component: str
):
    deployment = rendered.deployment(component)
    labels = deployment["spec"]["selector"]["matchLabels"]
    assert labels["app.kubernetes.io/component"] == component
    service = rendered.get("Service", prefixed(component))
    assert service["spec"]["selector"] == labels
    budget = rendered.get("PodDisruptionBudget", prefixed(component))
    assert budget["spec"]["selector"]["matchLabels"] == labels


@pytest.mark.parametrize("component", COMPONENTS)
def test_replicas_belong_to_the_autoscaler_when_it_is_on(rendered: Rendered, component: str):
    settings = rendered.merged["services"][SERVICE_KEYS[component]]
    deployment = rendered.deployment(component)
    autoscaler = rendered.find("HorizontalPodAutoscaler", prefixed(component))
    if settings["autoscaling"]["enabled"]:
        # A replica count in the Deployment would fight the autoscaler on every upgrade.
        assert "replicas" not in deployment["spec"]
        assert autoscaler["spec"]["scaleTargetRef"]["name"] == prefixed(component)
        assert autoscaler["spec"]["minReplicas"] == settings["autoscaling"]["minReplicas"]
    else:
        assert autoscaler is None
        assert deployment["spec"]["replicas"] == settings["replicas"]


def test_autoscaling_off_gives_fixed_replicas_and_no_autoscalers(rendered_by_name):
    rendered = rendered_by_name("autoscaling-off")
    assert rendered.of_kind("HorizontalPodAutoscaler") == []
    assert rendered.deployment("auth")["spec"]["replicas"] == 3
    assert rendered.deployment("core-api")["spec"]["replicas"] == 3


def test_by_default_the_http_services_scale_out_from_two_replicas(rendered_by_name):
    rendered = rendered_by_name("defaults")
    for component in ("auth", "core-api", "socket-gateway"):
        autoscaler = rendered.get("HorizontalPodAutoscaler", prefixed(component))
        assert autoscaler["spec"]["minReplicas"] >= 2


@pytest.mark.parametrize("component", COMPONENTS)
def test_probes_ask_healthz_for_liveness_and_readyz_for_readiness(
    rendered: Rendered, component: str
):
    c = container(rendered.deployment(component))
    assert c["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert c["startupProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    assert c["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    ports = {p["name"]: p["containerPort"] for p in c["ports"]}
    assert ports == {"http": 7601, "metrics": 7603}
    env = env_of(c)
    assert env["FEDHUB_PORT"] == "7601" and env["FEDHUB_METRICS_PORT"] == "7603"


@pytest.mark.parametrize("component", COMPONENTS)
def test_every_container_has_requests_and_limits(rendered: Rendered, component: str):
    deployment = rendered.deployment(component)
    for c in pod_spec(deployment)["containers"] + pod_spec(deployment).get("initContainers", []):
        for kind in ("requests", "limits"):
            assert set(c["resources"][kind]) >= {"cpu", "memory"}, (c["name"], kind)


def assert_locked_down(spec: dict) -> None:
    pod = spec["securityContext"]
    assert pod["runAsNonRoot"] is True and pod["runAsUser"] != 0
    assert pod["seccompProfile"] == {"type": "RuntimeDefault"}
    assert spec["automountServiceAccountToken"] is False
    for c in spec["containers"] + spec.get("initContainers", []):
        sc = c["securityContext"]
        assert sc["allowPrivilegeEscalation"] is False, c["name"]
        assert sc["readOnlyRootFilesystem"] is True, c["name"]
        assert sc["capabilities"]["drop"] == ["ALL"], c["name"]
        assert "add" not in sc["capabilities"], c["name"]
        assert sc.get("privileged", False) is False, c["name"]


@pytest.mark.parametrize("component", COMPONENTS)
def test_pods_run_unprivileged_on_a_read_only_root(rendered: Rendered, component: str):
    spec = pod_spec(rendered.deployment(component))
    assert_locked_down(spec)
    mounts = {m["mountPath"] for m in container(rendered.deployment(component))["volumeMounts"]}
    # tsx writes its transpile cache to the temp folder; it must be a volume.
    assert "/tmp" in mounts


def test_the_migrate_job_is_as_locked_down_as_the_services(rendered: Rendered):
    assert_locked_down(pod_spec(rendered.get("Job", prefixed("migrate"))))


def test_sockets_get_the_longest_time_to_drain(rendered_by_name):
    rendered = rendered_by_name("defaults")
    grace = {
        c: pod_spec(rendered.deployment(c))["terminationGracePeriodSeconds"] for c in COMPONENTS
    }
    # Socket.IO waits ping interval + ping timeout (85 s) before it gives a silent peer up.
    assert grace["socket-gateway"] >= 85
    assert grace["socket-gateway"] == max(grace.values())
    for c in COMPONENTS:
        sleep = container(rendered.deployment(c))["lifecycle"]["preStop"]["exec"]["command"]
        assert int(sleep[1]) < grace[c]


@pytest.mark.parametrize("component", COMPONENTS)
def test_each_service_runs_its_own_entry_point_under_the_image_init(
    rendered: Rendered, component: str
):
    c = container(rendered.deployment(component))
    # `args`, not `command`: the image's ENTRYPOINT (tini) stays PID 1 and forwards SIGTERM.
    assert "command" not in c
    assert c["args"] == ["node", "--import", "tsx", f"services/{component}/src/main.ts"]
    assert c["image"].split("/")[-1].startswith(f"{component}:") or "@sha256:" in c["image"]


def test_images_follow_registry_repository_and_tag(rendered_by_name):
    rendered = rendered_by_name("production")
    image = container(rendered.deployment("core-api"))["image"]
    assert image == "registry.example.org/research/fedhub/core-api:0.1.0"
    job = container(rendered.get("Job", prefixed("migrate")))["image"]
    assert job == "registry.example.org/research/fedhub/cli:0.1.0"


def test_a_changed_configuration_rolls_the_pods(rendered_by_name):
    from conftest import load_values, render

    before = rendered_by_name("defaults").deployment("auth")
    values = load_values("defaults")
    values["config"] = {"password_policy": {"max_failed_attempts": 3}}
    after = render(values).deployment("auth")
    key = "checksum/config"
    assert (
        before["spec"]["template"]["metadata"]["annotations"][key]
        != after["spec"]["template"]["metadata"]["annotations"][key]
    )
