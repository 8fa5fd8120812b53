"""The GitHub Actions workflows and the pre-commit hook: valid, safe, pinned, and doing what the README says.

The workflows only run on GitHub, so these tests are the only place a broken or unsafe
workflow shows up before it is merged. Each check is also run once on a deliberately bad
input, so a check that silently stopped working fails instead of passing.
"""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
WORKFLOW_DIR = REPO / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOW_DIR.glob("*.yml"), *WORKFLOW_DIR.glob("*.yaml")])
DEPLOY = WORKFLOW_DIR / "deploy.yml"
PULL_REQUEST = WORKFLOW_DIR / "pr.yml"
PRE_COMMIT = REPO / ".pre-commit-config.yaml"

SHA_PIN = re.compile(r"^[A-Za-z0-9._-]+/[A-Za-z0-9._/-]+@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<comment>.*)$")
VERSION_COMMENT = re.compile(r"^\s+#\s+v\d+\.\d+\.\d+\s*$")
BLOCKING_SEVERITIES = {"medium", "high"}

# A template injection: a pull request's title, which its author controls, expanded into a shell script.
INJECTION_WORKFLOW = """\
name: injection
on:
  pull_request:
permissions: {}
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: echo "${{ github.event.pull_request.title }}"
"""


def _script(name: str) -> str:
    """A console script of the environment running the tests (e.g. .venv/bin/zizmor)."""
    beside = Path(sys.executable).parent / name
    if beside.exists():
        return str(beside)
    found = shutil.which(name)
    assert found, f"{name} is not installed: run `make install-dev` (it is in requirements-dev.txt)"
    return found


def _load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: not a YAML mapping"
    return data


def _triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the key `on` as the boolean True.
    triggers = workflow.get("on", workflow.get(True))
    if isinstance(triggers, str):
        return {triggers: None}
    if isinstance(triggers, list):
        return dict.fromkeys(triggers)
    return triggers or {}


def _steps(job: dict) -> list[dict]:
    return job.get("steps") or []


def _uses(step: dict) -> str:
    return str(step.get("uses", ""))


def _action(step: dict) -> str:
    return _uses(step).split("@", 1)[0]


def _run(step: dict) -> str:
    return " ".join(str(step.get("run", "")).split())


# --- (a) schema ---------------------------------------------------------------------------------


def _schema_check(path: Path) -> subprocess.CompletedProcess:
    # The schema ships inside check-jsonschema, so this works offline.
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_the_workflows_exist():
    assert DEPLOY in WORKFLOWS and PULL_REQUEST in WORKFLOWS, f"found only {[p.name for p in WORKFLOWS]}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_the_github_schema(path):
    result = _schema_check(path)
    assert result.returncode == 0, f"{path.name}:\n{result.stdout}\n{result.stderr}"


def test_schema_check_rejects_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("name: broken\non: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    stepz: []\n")
    result = _schema_check(broken)
    assert result.returncode == 1, f"expected a schema error:\n{result.stdout}\n{result.stderr}"


# --- (b) zizmor ---------------------------------------------------------------------------------


def _zizmor(path: Path) -> list[dict]:
    """zizmor's findings for one file; fails if zizmor could not audit it."""
    command = [
        _script("zizmor"),
        "--offline",  # no GitHub API: audits that need it are skipped
        "--no-exit-codes",  # findings exit 0, so a non-zero code means zizmor itself failed
        "--strict-collection",  # a file it cannot parse is an error, not a warning
        "--format",
        "json",
        str(path),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=path.parent)
    if result.returncode != 0:
        raise RuntimeError(f"zizmor failed on {path} (exit {result.returncode}):\n{result.stderr}")
    findings = json.loads(result.stdout)
    assert isinstance(findings, list), result.stdout
    return findings


def _blocking(findings: list[dict]) -> list[str]:
    return [
        f"{f['ident']} ({f['determinations']['severity']}): {f['desc']} "
        + ", ".join(
            f"line {loc['concrete']['location']['start_point']['row'] + 1}"
            for loc in f.get("locations", [])
            if loc.get("symbolic", {}).get("kind") == "Primary"
        )
        for f in findings
        if str(f["determinations"]["severity"]).lower() in BLOCKING_SEVERITIES
    ]


@pytest.mark.parametrize("path", [*WORKFLOWS, PRE_COMMIT], ids=lambda p: p.name)
def test_zizmor_finds_nothing_of_medium_or_high_severity(path):
    blocking = _blocking(_zizmor(path))
    assert not blocking, f"zizmor on {path.name}:\n" + "\n".join(blocking)


def test_zizmor_detects_a_template_injection(tmp_path):
    bad = tmp_path / "injection.yml"
    bad.write_text(INJECTION_WORKFLOW)
    findings = _zizmor(bad)
    assert any(f["ident"] == "template-injection" for f in findings), findings
    assert _blocking(findings), "a template injection must count as medium or high"


def test_zizmor_failing_is_an_error_not_a_pass(tmp_path):
    unreadable = tmp_path / "unreadable.yml"
    unreadable.write_text("on: [\n")
    with pytest.raises(RuntimeError, match="zizmor failed"):
        _zizmor(unreadable)


# --- (c) what the deploy builds -----------------------------------------------------------------


def _readme_build() -> tuple[str, str]:
    """The build command and output folder the README promises the deploy uses."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    match = re.search(r"`([^`]+)` builds into `([^`]+?)/?` exactly as the deploy does", readme)
    assert match, "README no longer says which command builds the site as the deploy does"
    return match.group(1), match.group(2)


def test_readme_build_command_is_the_strict_mkdocs_build():
    command, folder = _readme_build()
    assert command == "make site"
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^site:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
    # make site runs MkDocs' own build through hooks/site_build.py (German output): strictly, as `mkdocs build --strict`.
    assert recipe and "hooks/site_build.py" in recipe.group(1), "`make site` must run hooks/site_build.py"
    wrapper = (REPO / "hooks" / "site_build.py").read_text(encoding="utf-8")
    assert "load_config(config_file=args.config_file, strict=True" in wrapper and "build(config, dirty=False)" in wrapper
    assert re.search(rf"^site_dir:\s*{re.escape(folder)}\s*$", (REPO / "mkdocs.yml").read_text(), re.MULTILINE)


def test_deploy_builds_with_the_readme_command_and_uploads_its_output():
    command, folder = _readme_build()
    workflow = _load(DEPLOY)
    steps = _steps(workflow["jobs"]["build"])

    build = [i for i, step in enumerate(steps) if _run(step) == command]
    assert len(build) == 1, f"the build job must run `{command}` exactly once"
    upload = [i for i, step in enumerate(steps) if _action(step) == "actions/upload-pages-artifact"]
    assert len(upload) == 1, "the build job must upload one Pages artifact"
    assert build[0] < upload[0]
    assert str(steps[upload[0]].get("with", {}).get("path", "")).rstrip("/") == folder

    # The public address comes from the Pages configuration, read before the build.
    pages = [i for i, step in enumerate(steps) if _action(step) == "actions/configure-pages"]
    assert len(pages) == 1 and pages[0] < build[0]
    pages_id = steps[pages[0]].get("id")
    assert pages_id, "configure-pages needs an id so the build can read its output"
    site_url = str(steps[build[0]].get("env", {}).get("SITE_URL", ""))
    assert re.fullmatch(rf"\$\{{\{{\s*steps\.{re.escape(pages_id)}\.outputs\.base_url\s*\}}\}}", site_url), site_url


def test_deploy_runs_on_push_to_main_by_hand_and_daily():
    triggers = _triggers(_load(DEPLOY))
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers
    crons = [entry["cron"] for entry in triggers.get("schedule") or []]
    assert len(crons) == 1 and crons[0].split()[2:] == ["*", "*", "*"], "one run every day"
    assert "pull_request_target" not in triggers


def test_deploy_publishes_with_least_permissions():
    workflow = _load(DEPLOY)
    assert workflow.get("permissions") in ({}, {"contents": "read"}), "workflow default: nothing or read-only"
    assert workflow["concurrency"]["group"] == "pages"
    assert workflow["concurrency"]["cancel-in-progress"] is False

    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    # configure-pages reads the Pages site (GET /repos/.../pages), which needs pages: read.
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" or deploy["needs"] == ["build"]
    assert deploy["environment"]["name"] == "github-pages"
    deploying = [step for step in _steps(deploy) if _action(step) == "actions/deploy-pages"]
    assert len(deploying) == 1
    assert deploy["environment"]["url"].replace(" ", "") == "${{steps.%s.outputs.page_url}}" % deploying[0]["id"]
    assert not any("run" in step for step in _steps(deploy)), "the job holding the Pages token runs no code"


def test_pull_requests_check_test_build_and_keep_the_site():
    command, folder = _readme_build()
    workflow = _load(PULL_REQUEST)
    triggers = _triggers(workflow)
    assert "pull_request" in triggers and "workflow_dispatch" in triggers
    assert "pull_request_target" not in triggers, "fork code must never run with the base repository's token"
    assert workflow.get("permissions") in ({}, {"contents": "read"})

    steps = [step for job in workflow["jobs"].values() for step in _steps(job)]
    runs = [_run(step) for step in steps]
    for needed in ("make check", "make test", command):
        assert needed in runs, f"pull requests must run `{needed}`"
    uploads = [step for step in steps if _action(step) == "actions/upload-artifact"]
    assert [str(step["with"]["path"]).rstrip("/") for step in uploads] == [folder]

    test_job = next(job for job in workflow["jobs"].values() if "make test" in map(_run, _steps(job)))
    # Browser tests must fail, not skip, when Chromium is missing.
    assert str(test_job.get("env", {}).get("CI")) == "true"
    assert any("apt-get install" in run and "chromium" in run.split() for run in map(_run, _steps(test_job)))
    for job in workflow["jobs"].values():
        assert job.get("permissions") == {"contents": "read"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_checkouts_do_not_keep_the_token(path):
    for job in _load(path)["jobs"].values():
        for step in _steps(job):
            if _action(step) == "actions/checkout":
                assert step.get("with", {}).get("persist-credentials") is False, f"{path.name}: {step}"


# --- (d) pinned actions -------------------------------------------------------------------------


def _unpinned(workflow: dict) -> list[str]:
    """Every `uses:` of a workflow that is not a full commit SHA (local actions excepted)."""
    references = []
    for job in (workflow.get("jobs") or {}).values():
        if "uses" in job:  # a reusable workflow
            references.append(str(job["uses"]))
        references.extend(_uses(step) for step in _steps(job) if "uses" in step)
    problems = []
    for reference in references:
        if reference.startswith("./"):
            continue
        if reference.startswith("docker://"):
            if not re.search(r"@sha256:[0-9a-f]{64}$", reference):
                problems.append(reference)
        elif not SHA_PIN.match(reference):
            problems.append(reference)
    return problems


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit(path):
    workflow = _load(path)
    assert not _unpinned(workflow), f"{path.name}: not pinned to a 40-hex commit SHA: {_unpinned(workflow)}"
    # The version a SHA stands for is only in a comment, which YAML parsing drops: check the text.
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        match = USES_LINE.match(line)
        if match and not match.group("ref").startswith("./"):
            assert VERSION_COMMENT.match(match.group("comment")), f"{path.name}:{number}: needs a `# vX.Y.Z` comment"


def test_pin_check_catches_tags_branches_and_short_shas():
    workflow = {
        "jobs": {
            "a": {
                "steps": [
                    {"uses": "actions/checkout@v7"},
                    {"uses": "actions/checkout@main"},
                    {"uses": "actions/checkout@3d3c42e"},
                    {"uses": "actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1"},
                    {"uses": "./local-action"},
                ]
            },
            "b": {"uses": "octo/repo/.github/workflows/x.yml@v1"},
        }
    }
    assert _unpinned(workflow) == [
        "actions/checkout@v7",
        "actions/checkout@main",
        "actions/checkout@3d3c42e",
        "octo/repo/.github/workflows/x.yml@v1",
    ]


def test_an_action_has_one_pin_across_workflows():
    pins: dict[str, set[str]] = {}
    for path in WORKFLOWS:
        for job in _load(path)["jobs"].values():
            for step in _steps(job):
                if "@" in _uses(step):
                    action, ref = _uses(step).split("@", 1)
                    pins.setdefault(action, set()).add(ref)
    assert pins
    assert {action: refs for action, refs in pins.items() if len(refs) > 1} == {}


# --- (e) pre-commit -----------------------------------------------------------------------------


def _runs_buergerinfo_check(entry: str) -> bool:
    """`./bi check` (the wrapper), `.venv/bin/buergerinfo check` or `python -m buergerinfo check`."""
    words = shlex.split(entry)
    return len(words) >= 2 and words[-1] == "check" and Path(words[-2]).name in {"buergerinfo", "bi"}


def _check_hook() -> dict:
    config = _load(PRE_COMMIT)
    hooks = [
        hook
        for repo in config.get("repos") or []
        if repo.get("repo") == "local"
        for hook in repo.get("hooks") or []
        if _runs_buergerinfo_check(str(hook.get("entry", "")))
    ]
    assert len(hooks) == 1, "one local pre-commit hook must run `buergerinfo check`"
    return hooks[0]


def test_pre_commit_runs_the_data_check_on_data_files():
    hook = _check_hook()
    assert {"id", "name", "entry", "language"} <= hook.keys()
    assert hook["language"] == "system"
    assert shlex.split(hook["entry"])[-1] == "check"
    # The check always reads the whole archive (files refer to each other), so no file names are passed.
    assert hook["pass_filenames"] is False
    pattern = re.compile(hook["files"])
    assert pattern.search("data/vorlagen/landkreis-boerde/2018-33-0590.yml")
    assert pattern.search("data/koerperschaften/landkreis-boerde.yml")
    assert not pattern.search("docs/index.md")
    assert not pattern.search("hooks/data/x.py")


def test_pre_commit_entry_runs():
    """The hook's command, run as pre-commit would (from the repository root), passes on the sample data."""
    command = shlex.split(_check_hook()["entry"])
    executable = REPO / command[0]
    if not executable.exists():  # an entry like `python -m buergerinfo check` rather than a path
        executable = Path(_script(command[0]))
    result = subprocess.run([str(executable), *command[1:]], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"
    assert "Alles in Ordnung" in result.stdout


def test_pre_commit_entry_speaks_german_without_an_installation(tmp_path):
    """Before `make install` the hook's command says in German what to do (pre-commit would say it in English)."""
    command = shlex.split(_check_hook()["entry"])
    assert command[0] == "./bi", "the hook runs the wrapper, which explains a missing installation"
    shutil.copy2(REPO / "bi", tmp_path / "bi")
    result = subprocess.run(["./bi", *command[1:]], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("Bürgerinfo ist in ") and "make install" in result.stderr


def test_the_anlagen_text_cache_is_written_only_by_the_deploy_on_main():
    """Pull requests restore the extracted text of the Anlagen; only the deploy on main saves it."""
    deploy = [step for job in _load(DEPLOY)["jobs"].values() for step in _steps(job) if "actions/cache" in _uses(step)]
    assert [_uses(step).split("@")[0] for step in deploy] == ["actions/cache"]
    assert deploy[0]["with"]["path"] == ".cache/anlagen-text"
    assert deploy[0]["if"] == "${{ github.ref == 'refs/heads/main' }}"
    for path in WORKFLOWS:
        if path == DEPLOY:
            continue
        for job in _load(path)["jobs"].values():
            for step in _steps(job):
                name = _uses(step).split("@")[0]
                assert name not in ("actions/cache", "actions/cache/save"), f"{path.name} may only restore the cache"
    restored = [step for job in _load(PULL_REQUEST)["jobs"].values() for step in _steps(job)
                if _uses(step).startswith("actions/cache/restore@")]
    assert restored and restored[0]["with"]["path"] == ".cache/anlagen-text"


# --- (f) the size guard and GitLab Pages ----------------------------------------------------------

GITLAB = REPO / ".gitlab-ci.yml"
GUARD = re.compile(r"^\./bi veroeffentlichen pruefen --ziel (?P<host>[a-z-]+) --site (?P<site>\S+)$")


def test_deploy_stops_a_site_over_github_pages_limits_before_the_upload():
    command, folder = _readme_build()
    steps = _steps(_load(DEPLOY)["jobs"]["build"])
    runs = [_run(step) for step in steps]
    guards = [i for i, run in enumerate(runs) if GUARD.match(run)]
    assert len(guards) == 1, "the build job must check the site against the host's limits once"
    guard = GUARD.match(runs[guards[0]])
    assert (guard["host"], guard["site"]) == ("github-pages", folder)
    upload = next(i for i, step in enumerate(steps) if _action(step) == "actions/upload-pages-artifact")
    assert runs.index(command) < guards[0] < upload
    # Pull requests hear it before the merge.
    site_job = next(job for job in _load(PULL_REQUEST)["jobs"].values() if command in map(_run, _steps(job)))
    pr_runs = [_run(step) for step in _steps(site_job)]
    assert any((m := GUARD.match(run)) and m["host"] == "github-pages" for run in pr_runs[pr_runs.index(command):])


def _gitlab() -> dict:
    return _load(GITLAB)


def _gitlab_jobs(config: dict) -> dict[str, dict]:
    reserved = {"workflow", "stages", "default", "variables", "include", "image", "services", "cache", "before_script",
                "after_script"}
    return {name: job for name, job in config.items() if name not in reserved and not name.startswith(".")}


def _gitlab_script(job: dict) -> list[str]:
    """The job's script lines, with GitLab's nested lists (from YAML anchors) flattened."""
    lines: list[str] = []
    for entry in job.get("script") or []:
        lines.extend(_gitlab_script({"script": entry}) if isinstance(entry, list) else [" ".join(str(entry).split())])
    return lines


def _rule_conditions(job: dict) -> list[str]:
    return [" ".join(str(rule.get("if", "")).split()) for rule in job.get("rules") or []]


DEFAULT_BRANCH = "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"
MERGE_REQUEST = '$CI_PIPELINE_SOURCE == "merge_request_event"'


def test_gitlab_ci_matches_gitlabs_schema():
    command = [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.gitlab-ci", str(GITLAB)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{result.stdout}\n{result.stderr}"


def test_gitlab_pages_builds_checks_the_limits_and_publishes_public_only_from_the_default_branch():
    command, folder = _readme_build()
    config = _gitlab()
    pages = _gitlab_jobs(config)["pages"]
    assert _rule_conditions(pages) == [DEFAULT_BRANCH], "only the default branch publishes"
    script = _gitlab_script(pages)
    build, move = script.index(command), script.index(f"mv {folder} public")
    guards = [i for i, line in enumerate(script) if GUARD.match(line)]
    assert len(guards) == 1 and build < guards[0] < move
    assert GUARD.match(script[guards[0]])["host"] == "gitlab-pages"
    assert [path.rstrip("/") for path in pages["artifacts"]["paths"]] == ["public"]
    assert pages["resource_group"] == "pages" and pages["interruptible"] is False
    assert pages["variables"]["SITE_URL"] == "$CI_PAGES_URL"
    assert config["stages"].index(pages["stage"]) == len(config["stages"]) - 1
    # The whole history, for the dates of OParl and the feeds (as fetch-depth: 0 in deploy.yml).
    assert str(config["variables"]["GIT_DEPTH"]) == "0"
    # Pipelines run for merge requests and the default branch (pushes, the schedule, by hand), nothing else.
    assert _rule_conditions(config["workflow"]) == [MERGE_REQUEST, DEFAULT_BRANCH]
    assert "Pipeline schedules" in GITLAB.read_text(encoding="utf-8"), "the schedule is set in the UI: say how"


def test_gitlab_merge_requests_check_and_build_but_never_publish():
    command, _ = _readme_build()
    jobs = _gitlab_jobs(_gitlab())
    merge_request_jobs = {name: job for name, job in jobs.items() if MERGE_REQUEST in _rule_conditions(job)}
    scripts = [line for job in merge_request_jobs.values() for line in _gitlab_script(job)]
    assert "make check" in scripts and command in scripts
    assert any((m := GUARD.match(line)) and m["host"] == "gitlab-pages" for line in scripts)
    assert "pages" not in merge_request_jobs


def test_gitlab_writes_the_anlagen_text_cache_only_on_the_default_branch():
    jobs = _gitlab_jobs(_gitlab())
    caching = {name: job["cache"] for name, job in jobs.items() if "cache" in job}
    assert caching, "the Anlagen text is kept between builds"
    for name, cache in caching.items():
        assert [path.rstrip("/") for path in cache["paths"]] == [".cache/anlagen-text"]
        assert cache["key"] == "anlagen-text"
        if cache.get("policy", "pull-push") != "pull":
            assert name == "pages" and _rule_conditions(jobs[name]) == [DEFAULT_BRANCH], f"{name} may only pull"


def test_gitlab_checks_out_the_nicht_oeffentliche_vorlagen_only_when_configured_and_keeps_the_token_out():
    jobs = _gitlab_jobs(_gitlab())
    for name in ("check", "build", "pages"):
        clone = [line for line in _gitlab_script(jobs[name]) if "git" in line and "clone" in line]
        assert len(clone) == 1, f"{name}: one optional checkout of the private repository"
        line = clone[0]
        assert line.startswith('if [ -n "${NICHT_OEFFENTLICH_REPOSITORY:-}" ]; then')
        assert "$NICHT_OEFFENTLICH_TOKEN" in line and "http.extraHeader" in line
        assert "@$CI_SERVER" not in line and "TOKEN@" not in line and "TOKEN}@" not in line, "no token in the address"
        assert line.rstrip().endswith("nicht-oeffentlich fi")
