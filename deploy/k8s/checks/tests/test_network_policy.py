"""NetworkPolicies allow the flows ARCHITECTURE.md draws and nothing more."""

from __future__ import annotations

import pytest
from conftest import COMPONENTS, HTTP_COMPONENTS, Rendered, prefixed

DATA_PORTS = {"postgresql": 5432, "redis": 6379, "nats": 4222}
USES = {
    "auth": {"postgresql", "redis", "nats"},
    "core-api": {"postgresql", "redis", "nats"},
    # The gateway never touches the database; the mailer talks to NATS, Redis and SMTP.
    "socket-gateway": {"redis", "nats"},
    "mailer": {"redis", "nats"},
    "migrate": {"postgresql", "redis", "nats"},
}


def policy(rendered: Rendered, component: str) -> dict:
    return rendered.get("NetworkPolicy", prefixed(component))["spec"]


def tcp_ports(rules: list[dict]) -> set:
    return {p["port"] for rule in rules for p in rule["ports"] if p["protocol"] == "TCP"}


@pytest.mark.parametrize("component", (*COMPONENTS, "migrate"))
def test_each_pod_is_isolated_both_ways_and_may_resolve_names(rendered: Rendered, component):
    spec = policy(rendered, component)
    assert spec["podSelector"]["matchLabels"]["app.kubernetes.io/component"] == component
    assert set(spec["policyTypes"]) == {"Ingress", "Egress"}
    dns = [
        rule
        for rule in spec["egress"]
        if {(p["port"], p["protocol"]) for p in rule["ports"]} == {(53, "UDP"), (53, "TCP")}
    ]
    assert len(dns) == 1
    assert dns[0]["to"] == rendered.merged["networkPolicy"]["dns"]["to"]


@pytest.mark.parametrize("component", (*COMPONENTS, "migrate"))
def test_egress_reaches_only_the_data_services_the_component_uses(rendered_by_name, component):
    spec = policy(rendered_by_name("defaults"), component)
    ports = tcp_ports(spec["egress"]) - {53}
    assert ports == {DATA_PORTS[target] for target in USES[component]}


def test_egress_ranges_come_from_the_values(rendered_by_name):
    rendered = rendered_by_name("production")
    egress = policy(rendered, "core-api")["egress"]
    by_port = {rule["ports"][0]["port"]: rule.get("to") for rule in egress}
    assert by_port[5432] == [{"ipBlock": {"cidr": "192.0.2.5/32"}}]
    assert by_port[6380] == [{"ipBlock": {"cidr": "192.0.2.6/32"}}]
    mailer = policy(rendered, "mailer")["egress"]
    smtp = [rule for rule in mailer if rule["ports"][0]["port"] == 465]
    assert smtp == [
        {
            "ports": [{"port": 465, "protocol": "TCP"}],
            "to": [{"ipBlock": {"cidr": "203.0.113.25/32"}}],
        }
    ]
    assert 5432 not in tcp_ports(policy(rendered, "socket-gateway")["egress"])


@pytest.mark.parametrize("component", HTTP_COMPONENTS)
def test_only_the_ingress_controller_reaches_the_http_port(rendered: Rendered, component):
    spec = policy(rendered, component)
    http = [
        rule for rule in spec["ingress"] if rule["ports"] == [{"port": "http", "protocol": "TCP"}]
    ]
    assert len(http) == 1
    assert http[0]["from"] == rendered.merged["networkPolicy"]["ingressFrom"]


def test_nobody_calls_the_mailer_or_the_migrate_job(rendered_by_name):
    rendered = rendered_by_name("defaults")
    assert policy(rendered, "mailer")["ingress"] == []
    assert policy(rendered, "migrate")["ingress"] == []


def test_metrics_are_open_only_to_the_configured_scrapers(rendered: Rendered):
    scrapers = rendered.merged["networkPolicy"]["metricsFrom"]
    for component in COMPONENTS:
        rules = [
            rule
            for rule in policy(rendered, component)["ingress"]
            if any(p["port"] == "metrics" for p in rule["ports"])
        ]
        if scrapers:
            assert rules == [{"from": scrapers, "ports": [{"port": "metrics", "protocol": "TCP"}]}]
        else:
            assert rules == []


def test_service_monitor_is_off_by_default_and_scrapes_the_metrics_port(rendered_by_name):
    assert rendered_by_name("defaults").of_kind("ServiceMonitor") == []
    (monitor,) = rendered_by_name("production").of_kind("ServiceMonitor")
    assert monitor["apiVersion"] == "monitoring.coreos.com/v1"
    assert monitor["metadata"]["labels"]["release"] == "prometheus"
    assert monitor["spec"]["endpoints"][0]["port"] == "metrics"
    assert monitor["spec"]["endpoints"][0]["path"] == "/metrics"
    selected = monitor["spec"]["selector"]["matchExpressions"][0]["values"]
    assert sorted(selected) == sorted(COMPONENTS)
