"""The two Ingresses: built from the route table, and nothing else reachable through them."""

from __future__ import annotations

import json
import re

from conftest import CHART, Rendered, prefixed


def route_table() -> list[dict]:
    return json.loads((CHART / "files" / "routes.json").read_text())


def expected_paths(api_path: str, socket: bool) -> list[tuple[str, str, str]]:
    """The paths fedhub's own router answers, as (path, pathType, service)."""
    base = re.sub(r"/+$", "", api_path)
    out = []
    for entry in route_table():
        if (entry["service"] == "socket-gateway") != socket:
            continue
        if entry["base"] == "api":
            path = (base or "/") if entry["path"] == "" else f"{base}/{entry['path'].lstrip('/')}"
        else:
            path = entry["path"]
        if entry["match"] == "exact":
            out += [(path, "Exact", entry["service"]), (f"{path}/", "Exact", entry["service"])]
        else:
            out.append((path, "Prefix", entry["service"]))
    return out


def paths_of(ingress: dict) -> list[tuple[str, str, str]]:
    (rule,) = ingress["spec"]["rules"]
    return [
        (
            p["path"],
            p["pathType"],
            p["backend"]["service"]["name"].removeprefix(prefixed("")),
        )
        for p in rule["http"]["paths"]
    ]


def ingresses(rendered: Rendered) -> tuple[dict | None, dict | None]:
    return rendered.find("Ingress", prefixed("api")), rendered.find("Ingress", prefixed("socket"))


def test_api_ingress_routes_exactly_the_route_table(rendered: Rendered):
    api, _ = ingresses(rendered)
    if not rendered.merged["ingress"]["enabled"]:
        return
    api_path = rendered.merged["config"].get("api_path", "/api")
    assert paths_of(api) == expected_paths(api_path, socket=False)


def test_route_table_covers_what_the_architecture_sends_to_auth(rendered_by_name):
    api, _ = ingresses(rendered_by_name("defaults"))
    to_auth = {path for path, _, service in paths_of(api) if service == "auth"}
    assert {"/api/token", "/api/recover/lost", "/api/recover/2fa", "/api/password/change"} <= (
        to_auth
    )
    assert ("/api", "Prefix", "core-api") in paths_of(api)


def test_socket_ingress_routes_only_socket_io_to_the_gateway(rendered: Rendered):
    _, socket = ingresses(rendered)
    if not rendered.merged["ingress"]["enabled"]:
        return
    assert paths_of(socket) == [("/socket.io", "Prefix", "socket-gateway")]
    assert paths_of(socket) == expected_paths("/api", socket=True)


def test_socket_ingress_pins_long_polling_clients_and_outlasts_idle_nodes(rendered_by_name):
    rendered = rendered_by_name("defaults")
    _, socket = ingresses(rendered)
    notes = socket["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert notes["nginx.ingress.kubernetes.io/session-cookie-name"]
    socket_settings = rendered.merged["config"].get("fedhub", {}).get("socket", {})
    idle = socket_settings.get("ping_interval_s", 25) + socket_settings.get("ping_timeout_s", 60)
    for key in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(notes[f"nginx.ingress.kubernetes.io/{key}"]) > idle
    api, _ = ingresses(rendered)
    assert "nginx.ingress.kubernetes.io/affinity" not in api["metadata"]["annotations"]


def megabytes(size: str) -> int:
    assert size.endswith("m"), size
    return int(size[:-1])


def test_body_size_admits_the_api_limit(rendered: Rendered):
    api, socket = ingresses(rendered)
    if api is None:
        return
    limit = rendered.merged["config"]["fedhub"]["body_limit_mb"]
    size = api["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"]
    # Above the API's own limit, so an oversized body gets fedhub's 413 with a `msg`.
    assert megabytes(size) > limit
    socket_size = socket["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"]
    assert megabytes(socket_size) > 10


def test_a_raised_body_limit_raises_the_ingress_limit(rendered_by_name):
    api, _ = ingresses(rendered_by_name("production"))
    assert (
        megabytes(api["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"])
        > 200
    )


def test_api_path_from_the_configuration_moves_the_routes(rendered_by_name):
    api, _ = ingresses(rendered_by_name("production"))
    paths = {path for path, _, _ in paths_of(api)}
    assert "/server/api/token" in paths and "/server/api" in paths
    assert not any(path == "/api" or path.startswith("/api/") for path in paths)


def test_metrics_health_and_readiness_are_never_routed(rendered: Rendered):
    for ingress in rendered.of_kind("Ingress"):
        for path, _, _ in paths_of(ingress):
            for hidden in ("/metrics", "/healthz", "/readyz"):
                assert not path.startswith(hidden)
        (rule,) = ingress["spec"]["rules"]
        for p in rule["http"]["paths"]:
            assert p["backend"]["service"]["port"] == {"name": "http"}
    for service in rendered.of_kind("Service"):
        ports = {p["name"]: p["port"] for p in service["spec"]["ports"]}
        assert ports["http"] != 7603


def test_tls_uses_the_named_secret_for_both_ingresses(rendered_by_name):
    api, socket = ingresses(rendered_by_name("defaults"))
    for ingress in (api, socket):
        (tls,) = ingress["spec"]["tls"]
        assert tls == {"hosts": ["fedhub.example.org"], "secretName": prefixed("tls")}
    assert not any(k.startswith("cert-manager.io/") for k in api["metadata"]["annotations"])


def test_cert_manager_is_asked_once_for_the_shared_certificate(rendered_by_name):
    api, socket = ingresses(rendered_by_name("production"))
    assert api["metadata"]["annotations"]["cert-manager.io/cluster-issuer"] == "letsencrypt"
    # Two Certificates for one Secret would fight; the socket Ingress only uses it.
    assert not any(k.startswith("cert-manager.io/") for k in socket["metadata"]["annotations"])
    assert socket["spec"]["tls"] == api["spec"]["tls"]


def test_ingress_off_renders_no_ingress(rendered_by_name):
    assert rendered_by_name("ingress-off").of_kind("Ingress") == []


def test_an_empty_api_path_serves_the_api_from_the_host_root():
    from conftest import load_values, render

    values = load_values("defaults")
    values["config"] = {"api_path": ""}
    api, _ = ingresses(render(values))
    assert paths_of(api) == expected_paths("", socket=False)
    assert ("/", "Prefix", "core-api") in paths_of(api)
    assert ("/token", "Prefix", "auth") in paths_of(api)


def test_operator_annotations_win_and_other_controllers_get_none_of_nginx(rendered_by_name):
    from conftest import load_values, render

    values = load_values("defaults")
    values["ingress"] = {
        "annotations": {"example.org/team": "research"},
        "api": {"annotations": {"nginx.ingress.kubernetes.io/proxy-body-size": "500m"}},
    }
    api, socket = ingresses(render(values))
    assert api["metadata"]["annotations"]["nginx.ingress.kubernetes.io/proxy-body-size"] == "500m"
    assert socket["metadata"]["annotations"]["example.org/team"] == "research"
    values["ingress"] = {"nginxAnnotations": False, "tls": {"enabled": False}}
    for ingress in ingresses(render(values)):
        assert "annotations" not in ingress["metadata"]
        assert "tls" not in ingress["spec"]
