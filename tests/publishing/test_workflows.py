"""The publishing workflows stay runnable and tamper-proof: every action is pinned by commit SHA
(a moved tag cannot change what runs with the Pages token), the pins name their version for
Dependabot, nothing runs on the Node 20 actions GitHub removes from its runners, and zizmor, a
workflow linter run offline, finds nothing."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
PINNED = re.compile(r"^\s*(?:-\s+)?uses:\s+(?P<action>[\w.-]+/[\w./-]+)@(?P<sha>[0-9a-f]{40})"
                    r"\s+#\s+v(?P<version>\d+(?:\.\d+){2})\s*$")
# The first release of each action that runs on Node 24 (or calls only such actions):
# deploy-pages v4 and upload-pages-artifact v4 (through upload-artifact v4) run on Node 20.
FIRST_NODE24 = {"actions/checkout": 5, "actions/setup-python": 6,
                "actions/upload-pages-artifact": 5, "actions/deploy-pages": 5}


def _uses_lines() -> list[tuple[str, str]]:
    return [(f"{path.name}:{n}", line) for path in WORKFLOWS
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            if re.match(r"^\s*(?:-\s+)?uses:", line)]


def test_every_action_is_pinned_by_sha_with_its_version():
    lines = _uses_lines()
    assert lines, "no workflow uses an action: has .github/workflows/ moved?"
    unpinned = [f"{where}: {line.strip()}" for where, line in lines if not PINNED.match(line)]
    assert not unpinned, "pin by commit SHA with '# vX.Y.Z':\n" + "\n".join(unpinned)


def test_no_action_runs_on_node_20():
    for where, line in _uses_lines():
        match = PINNED.match(line)
        assert match, where
        action, major = match["action"], int(match["version"].split(".")[0])
        assert action in FIRST_NODE24, f"{where}: check {action}'s runtime and add it here"
        assert major >= FIRST_NODE24[action], f"{where}: {action} v{major} runs on Node 20"


def test_publish_deploys_with_deploy_pages_5():
    workflow = yaml.safe_load((ROOT / ".github/workflows/publish.yml").read_text("utf-8"))
    steps = workflow["jobs"]["deploy"]["steps"]
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in steps)
    assert "actions/deploy-pages@cd2ce8fcbc39b97be8ca5fce6e763baed58fa128 # v5.0.0" in \
        (ROOT / ".github/workflows/publish.yml").read_text("utf-8")


def test_dependabot_keeps_the_action_pins_fresh():
    config = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text(encoding="utf-8"))
    ecosystems = {u["package-ecosystem"]: u for u in config["updates"]}
    assert ecosystems["github-actions"]["directory"] == "/"


def test_zizmor_finds_nothing_offline():
    tool = Path(sys.executable).with_name("zizmor")
    # The repository root: zizmor finds the workflows, dependabot.yml and the pre-commit file.
    result = subprocess.run([str(tool), "--offline", "--no-progress", str(ROOT)],
                            capture_output=True, text=True, check=False, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
