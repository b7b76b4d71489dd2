"""Every rendered object is valid Kubernetes, the chart lints clean, and bad values are refused."""

from __future__ import annotations

import copy

import helm_python as helm
import kubernetes_validate
import pytest
from conftest import CHART, Rendered, load_values, render

# The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and the newest schemas.
KUBERNETES_VERSIONS = ("1.27.0", "1.37.0")
# Custom resources have no schema among the API's own; they are checked by their own tests.
CUSTOM_KINDS = {"ServiceMonitor"}


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
def test_every_object_matches_the_kubernetes_api_schema(rendered: Rendered, version: str):
    for obj in rendered.objects:
        try:
            # strict: a misspelt or misplaced field fails instead of being dropped by the server.
            kubernetes_validate.validate(obj, version, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            assert obj["kind"] in CUSTOM_KINDS


def test_names_are_unique_per_kind(rendered: Rendered):
    keys = [(o["kind"], o["metadata"]["name"]) for o in rendered.objects]
    assert len(keys) == len(set(keys))


def test_helm_lint_finds_nothing_to_warn_about():
    report = helm.lint(CHART, load_values("defaults"), strict=True)
    problems = [m for m in report["messages"] if m["severity"] >= 2]
    assert problems == [] and report["errors"] == []


def refused(values: dict) -> str:
    with pytest.raises(helm.HelmError) as caught:
        render(values)
    return str(caught.value)


def with_change(path: str, value) -> dict:
    values = copy.deepcopy(load_values("defaults"))
    node = values
    keys = path.split(".")
    for key in keys[:-1]:
        node = node.setdefault(key, {})
    node[keys[-1]] = value
    return values


@pytest.mark.parametrize(
    ("path", "value", "named"),
    [
        ("services.auth.replicas", "two", "/services/auth/replicas"),
        ("services.coreApi.autoscaling.targetCPUUtilizationPercentage", 150, "maximum"),
        ("ingress.socket.timeoutSeconds", 30, "/ingress/socket/timeoutSeconds"),
        ("database.uri", "mysql://db/fedhub", "/database/uri"),
        ("redis.url", "redis.internal:6379", "/redis/url"),
        ("config.api_path", "api with spaces", "/config/api_path"),
        ("config.password_policy", {"max_failed_attempts": 0}, "max_failed_attempts"),
        ("config.uri", "postgresql://db/fedhub", "'uri'"),
        ("config.fedhub.redis_url", "redis://r:6379", "'redis_url'"),
        ("config.rabbitmq", {"uri": "amqp://mq"}, "'rabbitmq'"),
        ("rootPassword.hash", "not-a-bcrypt-hash", "/rootPassword/hash"),
        ("services.mailer.resources", {"requests": {"cpu": "lots"}}, "/services/mailer/resources"),
        ("replicaCount", 3, "'replicaCount'"),
    ],
)
def test_a_wrong_value_is_refused_with_its_path(path: str, value, named: str):
    assert named in refused(with_change(path, value))


@pytest.mark.parametrize(
    ("missing", "sentence"),
    [
        ("database", "set database.uri"),
        ("redis", "set redis.url"),
        ("nats", "set nats.url"),
    ],
)
def test_a_missing_connection_is_named_in_one_sentence(missing: str, sentence: str):
    values = load_values("defaults")
    del values[missing]
    assert sentence in refused(values)


def test_an_smtp_password_without_an_smtp_section_is_refused():
    assert "config.smtp is missing" in refused(with_change("smtp.password", "secret"))
