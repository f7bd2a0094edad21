"""The repository's automation: workflows, the pre-commit hook, the issue form's place."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@(v\d+(\.\d+)*|[0-9a-f]{40})$")
WRITE = {"write", "write-all"}


def load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    if True in data:
        data["on"] = data.pop(True)
    return data


def steps(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def runs(workflow: dict[str, Any]) -> str:
    return "\n".join(step.get("run", "") for step in steps(workflow))


def permissions(block: Any) -> dict[str, str]:
    if block in (None, {}):
        return {}
    assert isinstance(block, dict), f"permissions must be listed, not {block!r}"
    return block


@pytest.mark.parametrize("name", ["validate.yml", "publish.yml"])
def test_workflows_parse_and_pin_their_actions(name):
    workflow = load(WORKFLOWS / name)
    assert workflow["jobs"]
    for step in steps(workflow):
        if "uses" in step:
            assert PINNED.match(step["uses"]), f"{name}: pin {step['uses']} to a major version"


def test_pull_requests_are_checked_read_only():
    workflow = load(WORKFLOWS / "validate.yml")
    assert "pull_request" in workflow["on"]
    assert "pull_request_target" not in workflow["on"]
    assert permissions(workflow["permissions"]) == {"contents": "read"}
    for job in workflow["jobs"].values():
        assert not WRITE & set(permissions(job.get("permissions")).values())
    text = runs(workflow)
    assert "ngosite validate --format github" in text
    assert "ngosite build" in text  # mkdocs build --strict, its lines in Polish
    assert text.index("ngosite validate --format github") < text.index("ngosite build")
    checkout = next(s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["persist-credentials"] is False


def test_only_the_deploy_job_may_write_and_only_to_pages():
    workflow = load(WORKFLOWS / "publish.yml")
    assert workflow["on"]["push"]["branches"] == ["main"]
    assert "pull_request" not in workflow["on"] and "pull_request_target" not in workflow["on"]
    assert permissions(workflow["permissions"]) == {}
    jobs = workflow["jobs"]
    assert permissions(jobs["build"]["permissions"]) == {"contents": "read"}
    assert permissions(jobs["deploy"]["permissions"]) == {"pages": "write", "id-token": "write"}
    uses = [s.get("uses", "") for s in steps(workflow)]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert "ngosite build --site-dir site" in runs(workflow)


def test_pre_commit_runs_the_same_validation():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    local = [repo for repo in config["repos"] if repo["repo"] == "local"]
    hooks = {hook["id"]: hook for repo in local for hook in repo["hooks"]}
    validate = hooks["ngosite-validate"]
    assert "ngosite validate" in validate["entry"]
    assert validate["pass_filenames"] is False
    assert re.match(validate["files"], "ngos/osp-milki.yml")
