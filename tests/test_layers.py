"""The layer rules of docs/architecture.md, checked in a fresh interpreter.

Importing the core must not pull in an engine, Textual or numpy; the runner and
the store must not pull in Textual or an engine; only the app imports Textual.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("textual", "vosk", "pocketsphinx", "pyttsx3", "sounddevice", "numpy", "rich")


def modules_after_import(*names: str) -> set[str]:
    code = (
        "import sys\n" + "".join(f"import {n}\n" for n in names) + "print('\\n'.join(sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True
    )
    return {line.split(".")[0] for line in result.stdout.splitlines()}


def core_modules() -> list[str]:
    core = REPO / "voicecoach" / "core"
    names = []
    for path in sorted(core.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_core_imports_only_the_standard_library() -> None:
    names = core_modules()
    assert "voicecoach.core.endpointing" in names
    loaded = modules_after_import(*names)
    assert not loaded & set(HEAVY), f"core pulled in {sorted(loaded & set(HEAVY))}"
    third_party = {m for m in loaded if m not in sys.stdlib_module_names and not m.startswith("_")}
    assert third_party <= {"voicecoach"}, f"core imports non-stdlib modules: {sorted(third_party)}"


@pytest.mark.parametrize("module", ["voicecoach.session", "voicecoach.storage", "voicecoach.cli"])
def test_runner_store_and_cli_root_import_no_engine_and_no_textual(module: str) -> None:
    loaded = modules_after_import(module)
    assert not loaded & set(HEAVY), f"{module} pulled in {sorted(loaded & set(HEAVY))}"


def test_only_the_app_package_imports_textual() -> None:
    offenders = []
    for path in (REPO / "voicecoach").rglob("*.py"):
        if "tui" in path.relative_to(REPO).parts:
            continue
        text = path.read_text(encoding="utf-8")
        if "import textual" in text or "from textual" in text:
            offenders.append(str(path.relative_to(REPO)))
    assert offenders == []
