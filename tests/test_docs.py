"""Docs that fail when they drift from the code."""

import importlib.util
from pathlib import Path

import newsledger

ROOT = Path(__file__).resolve().parents[1]


def test_cli_reference_matches_help():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "tools" / "cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    committed = (ROOT / "docs" / "cli-reference.md").read_text(encoding="utf-8")
    assert committed == module.reference(), "run: python tools/cli_reference.py > docs/cli-reference.md"


def test_every_public_name_is_documented():
    docs = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.md")) + (ROOT / "README.md").read_text()
    missing = [name for name in newsledger.__all__ if f"`{name}" not in docs]
    assert not missing, f"public names without docs: {missing}"


def test_readme_starts_with_the_two_commands_and_ci_runs_the_second():
    lines = (ROOT / "README.md").read_text().splitlines()
    block = lines[lines.index("```sh") + 1 : lines.index("```sh") + 3]
    assert "newsledger demo" in block[0] and "pip install" in block[0]
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert block[1] in ci
    [install] = [step for step in block[0].split(" && ") if "pip install" in step]
    assert install in ci and "-e '.[test,eval]'" in install  # CI installs as the README says, eval peers too
