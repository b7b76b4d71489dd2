"""Secrets: generated keys that work and survive upgrades, or the operator's own Secrets."""

from __future__ import annotations

import base64
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import helm_python as helm
import yaml
from conftest import (
    CHART,
    NAMESPACE,
    RELEASE,
    Rendered,
    container,
    env_of,
    load_values,
    pod_spec,
    prefixed,
    run_node,
)

KEYS = prefixed("keys")


def decoded(secret: dict) -> dict[str, str]:
    return {k: base64.b64decode(v).decode() for k, v in secret["data"].items()}


def test_the_generated_key_secret_is_kept_when_the_release_goes(rendered_by_name):
    secret = rendered_by_name("defaults").get("Secret", KEYS)
    assert secret["metadata"]["annotations"]["helm.sh/resource-policy"] == "keep"
    assert "helm.sh/hook" not in secret["metadata"]["annotations"]


def test_generated_keys_sign_tokens_the_verifiers_accept(rendered_by_name, tmp_path: Path):
    files = decoded(rendered_by_name("defaults").get("Secret", KEYS))
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    report = run_node(
        "check-key-set.mjs",
        *(str(tmp_path / n) for n in ("signing-keys.json", "public-keys.json", "api-key-secret")),
    )
    assert report == {
        "problem": None,
        "publicIsDerived": True,
        "publicSetMatches": True,
        "verifies": True,
        "privateInPublic": False,
        "apiKeySecretBytes": 32,
    }
    (key,) = json.loads(files["signing-keys.json"])["keys"]
    assert key["alg"] == "ES256" and key["crv"] == "P-256"


class FakeApiServer:
    """A loopback Kubernetes API that knows one Secret: enough for Helm's `lookup`."""

    def __init__(self, secret: dict):
        requests: list[str] = []
        self.requests = requests

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_GET(self):
                requests.append(self.path)
                path = self.path.split("?")[0]
                name = secret["metadata"]["name"]
                bodies = {
                    "/api/v1": {
                        "kind": "APIResourceList",
                        "groupVersion": "v1",
                        "resources": [
                            {
                                "name": "secrets",
                                "singularName": "secret",
                                "namespaced": True,
                                "kind": "Secret",
                                "verbs": ["get", "list"],
                            }
                        ],
                    },
                    f"/api/v1/namespaces/{NAMESPACE}/secrets/{name}": secret,
                }
                body = bodies.get(path)
                status = 200 if body is not None else 404
                if body is None:
                    body = {"kind": "Status", "apiVersion": "v1", "code": 404, "reason": "NotFound"}
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def kubeconfig(self) -> str:
        url = f"http://127.0.0.1:{self.server.server_address[1]}"
        return yaml.safe_dump(
            {
                "apiVersion": "v1",
                "kind": "Config",
                "clusters": [{"name": "fake", "cluster": {"server": url}}],
                "users": [{"name": "fake", "user": {"token": "fake"}}],
                "contexts": [{"name": "fake", "context": {"cluster": "fake", "user": "fake"}}],
                "current-context": "fake",
            }
        )

    def close(self):
        self.server.shutdown()


def test_an_upgrade_keeps_the_keys_it_finds_in_the_cluster():
    installed = yaml.safe_load(
        helm.Chart.load(CHART).render(
            load_values("defaults"), name=RELEASE, namespace=NAMESPACE, is_install=True
        )["fedhub/templates/secret-keys.yaml"]
    )
    api = FakeApiServer(installed)
    try:
        config = helm.Config(kubeconfig_content=api.kubeconfig(), namespace=NAMESPACE)
        with helm.Chart.load(CHART) as chart:
            upgraded = config.render(
                chart, load_values("defaults"), name=RELEASE, namespace=NAMESPACE, is_upgrade=True
            )
        config.close()
    finally:
        api.close()
    assert (
        yaml.safe_load(upgraded["fedhub/templates/secret-keys.yaml"])["data"] == installed["data"]
    )
    assert any(
        path.startswith(f"/api/v1/namespaces/{NAMESPACE}/secrets/{KEYS}") for path in api.requests
    )


def test_without_a_cluster_each_render_makes_a_new_key(rendered_by_name):
    from conftest import render

    first = rendered_by_name("defaults").get("Secret", KEYS)["data"]
    second = render(load_values("defaults")).get("Secret", KEYS)["data"]
    assert first["signing-keys.json"] != second["signing-keys.json"]
    assert first["api-key-secret"] != second["api-key-secret"]


def secret_names_used(rendered: Rendered) -> set[str]:
    names = set()
    for obj in rendered.of_kind("Deployment") + rendered.of_kind("Job"):
        spec = pod_spec(obj)
        for volume in spec.get("volumes", []):
            if "secret" in volume:
                names.add(volume["secret"]["secretName"])
        for c in spec["containers"] + spec.get("initContainers", []):
            for value in env_of(c).values():
                if isinstance(value, dict) and "secretKeyRef" in value:
                    names.add(value["secretKeyRef"]["name"])
    return names


def test_existing_secrets_are_used_and_none_is_made(rendered_by_name):
    rendered = rendered_by_name("existing-secrets")
    made = {s["metadata"]["name"] for s in rendered.of_kind("Secret")}
    assert made == set()
    assert secret_names_used(rendered) == {
        "fedhub-database",
        "fedhub-connections",
        "fedhub-smtp",
        "fedhub-root",
        "fedhub-signing-keys",
    }
    job_env = env_of(container(rendered.get("Job", prefixed("migrate"))))
    assert job_env["VANTAGE6_DB_URI"] == {"secretKeyRef": {"name": "fedhub-database", "key": "uri"}}
    assert job_env["V6_INIT_SUPER_PASS_HASHED"] == {
        "secretKeyRef": {"name": "fedhub-root", "key": "hash"}
    }


def test_every_secret_a_pod_uses_is_made_by_the_chart_or_named_by_the_operator(rendered: Rendered):
    made = {s["metadata"]["name"] for s in rendered.of_kind("Secret")}
    values = rendered.merged
    named = {
        values[item]["existingSecret"]["name"]
        for item in ("database", "redis", "nats", "smtp", "rootPassword")
    } | {values["keys"]["existingSecret"]}
    assert secret_names_used(rendered) <= made | (named - {""})


def test_secret_values_never_reach_a_configmap_or_plain_env(rendered_by_name):
    rendered = rendered_by_name("production")
    text = yaml.safe_dump([o for o in rendered.objects if o["kind"] != "Secret"])
    for secret in ("fedhub:secret@", ":secret@192.0.2.6", "smtp-secret", "$2b$12$"):
        assert secret not in text


def test_key_files_reach_only_the_services_that_need_them(rendered_by_name):
    rendered = rendered_by_name("defaults")

    def key_files(component: str) -> set[str]:
        volumes = pod_spec(rendered.deployment(component))["volumes"]
        items = [
            v["secret"]["items"] for v in volumes if v.get("secret", {}).get("secretName") == KEYS
        ]
        return {i["key"] for group in items for i in group}

    assert key_files("auth") == {"signing-keys.json", "public-keys.json", "api-key-secret"}
    assert key_files("core-api") == {"public-keys.json", "api-key-secret"}
    assert key_files("socket-gateway") == {"public-keys.json"}
    assert key_files("mailer") == set()
