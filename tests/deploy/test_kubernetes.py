"""deploy/kubernetes: every manifest valid against Kubernetes' JSON schemas (bundled by kubernetes-validate:
no network), and wired as documented: two web replicas probed on /ping, a worker, one Service, a shared
ReadWriteMany volume for /config, the API key and database URL from the Secret."""

from pathlib import Path

import kubernetes_validate
import pytest
import yaml

from radarr.launcher import ROLES

FOLDER = Path(__file__).resolve().parents[2] / "deploy" / "kubernetes"
VERSIONS = ["1.29", kubernetes_validate.latest_version()]  # an older cluster still common, the newest


def documents() -> list[dict]:
    found = []
    for path in sorted(FOLDER.glob("*.yaml")):
        found += [document for document in yaml.safe_load_all(path.read_text()) if document]
    return found


def resources() -> list[dict]:
    return [document for document in documents() if document["kind"] != "Kustomization"]


def by_name(kind: str, name: str) -> dict:
    return next(item for item in resources() if item["kind"] == kind and item["metadata"]["name"] == name)


def container(deployment: dict) -> dict:
    [first] = [c for c in deployment["spec"]["template"]["spec"]["containers"] if c["name"] == "radarr"]
    return first


def environment(deployment: dict) -> dict[str, object]:
    return {
        entry["name"]: entry.get("value", entry.get("valueFrom")) for entry in container(deployment)["env"]
    }


@pytest.mark.parametrize("version", VERSIONS)
def test_every_manifest_is_valid_for_kubernetes(version):
    checked = []
    for resource in resources():
        kubernetes_validate.validate(resource, version, strict=True)  # unknown fields are errors too
        checked.append(resource["kind"])

    assert sorted(set(checked)) == ["Deployment", "PersistentVolumeClaim", "Secret", "Service"]


def test_the_kustomization_lists_every_manifest():
    [kustomization] = [document for document in documents() if document["kind"] == "Kustomization"]

    assert sorted(kustomization["resources"]) == sorted(
        path.name for path in FOLDER.glob("*.yaml") if path.name != "kustomization.yaml"
    )


def test_two_web_replicas_are_probed_on_ping_and_the_service_reaches_them():
    web = by_name("Deployment", "radarr-web")
    service = by_name("Service", "radarr")
    radarr = container(web)
    port = next(p for p in radarr["ports"] if p["name"] == "http")

    assert web["spec"]["replicas"] == 2 and environment(web)["RADARR_ROLE"] == "web"
    assert port["containerPort"] == 7878
    for probe in ("readinessProbe", "livenessProbe"):
        assert radarr[probe]["httpGet"] == {"path": "/ping", "port": "http"}
    labels = web["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    assert service["spec"]["ports"][0]["targetPort"] == "http"


def test_the_worker_runs_the_jobs_only():
    worker = by_name("Deployment", "radarr-worker")

    assert environment(worker)["RADARR_ROLE"] == "worker"
    assert environment(worker)["RADARR_ROLE"] in ROLES and "ports" not in container(worker)


@pytest.mark.parametrize("name", ["radarr-web", "radarr-worker"])
def test_each_process_takes_the_secret_and_shares_the_config_volume_and_redis(name):
    deployment = by_name("Deployment", name)
    secret = by_name("Secret", "radarr")
    claim = by_name("PersistentVolumeClaim", "radarr-config")
    env = environment(deployment)
    volumes = {v["name"]: v for v in deployment["spec"]["template"]["spec"]["volumes"]}
    mounts = {m["mountPath"]: m["name"] for m in container(deployment)["volumeMounts"]}

    assert env["RADARR_API_KEY"] == {"secretKeyRef": {"name": "radarr", "key": "api-key"}}
    assert env["DATABASE_URL"] == {"secretKeyRef": {"name": "radarr", "key": "database-url"}}
    assert {"api-key", "database-url"} <= set(secret["stringData"])
    assert volumes[mounts["/config"]]["persistentVolumeClaim"]["claimName"] == "radarr-config"
    assert claim["spec"]["accessModes"] == ["ReadWriteMany"]  # mounted by several pods at once
    redis_host = str(env["RADARR_REDIS_URL"]).split("//")[1].split(":")[0]
    assert by_name("Service", redis_host)["spec"]["ports"][0]["port"] == 6379


@pytest.mark.parametrize("name", ["radarr-web", "radarr-worker"])
def test_pods_run_as_a_user_and_get_time_for_a_graceful_stop(name):
    spec = by_name("Deployment", name)["spec"]["template"]["spec"]

    assert spec["securityContext"]["runAsUser"] != 0
    assert spec["terminationGracePeriodSeconds"] > 10  # the launcher stops within 10 s


def test_the_schemas_refuse_a_misspelt_field_so_the_check_above_means_something():
    web = by_name("Deployment", "radarr-web")
    container(web)["readinesProbe"] = container(web).pop("readinessProbe")

    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(web, VERSIONS[-1], strict=True)
