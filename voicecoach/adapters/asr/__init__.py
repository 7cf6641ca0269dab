"""Speech recognisers behind one small interface (`voicecoach.ports.Recogniser`).

`load_recogniser` is the one way in: it picks the engine and imports its adapter
only then, so a machine without vosk can still run with pocketsphinx and a
missing engine is reported as `MissingDependencyError` at the moment it is asked
for. `available_recognisers` answers "what would work here, and if not, how to
fix it" cheaply (no model is loaded) for `voicecoach doctor`.

Choice with `auto`: vosk when a vosk model is configured (argument, environment
variable `VOICECOACH_VOSK_MODEL`) or found in an `audio_models/` folder, else
pocketsphinx, whose wheel ships an English model and so works with no download.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import os
from pathlib import Path
from typing import Any

from voicecoach.adapters.models import find_vosk_model, models_dirs
from voicecoach.errors import MissingDependencyError, ModelError, UsageError
from voicecoach.ports import Recogniser

RECOGNISER_NAMES: tuple[str, ...] = ("auto", "sphinx", "vosk")
VOSK_MODEL_ENV = "VOICECOACH_VOSK_MODEL"


def configured_vosk_model(model_path: str | Path | None = None) -> tuple[Path | None, str]:
    """The vosk model to use and where that choice came from ("option", "env", "found", "none")."""
    if model_path:
        return Path(model_path).expanduser(), "option"
    from_env = os.environ.get(VOSK_MODEL_ENV)
    if from_env:
        return Path(from_env).expanduser(), "env"
    found = find_vosk_model()
    if found is not None:
        return found, "found"
    return None, "none"


def load_recogniser(name: str = "auto", model_path: str | None = None) -> Recogniser:
    """Load a recogniser by name ("auto", "sphinx" or "vosk"); slow: the model loads here.

    Raises:
        UsageError: an unknown name.
        ModelError: vosk was asked for (or configured) but its model is missing or broken.
        MissingDependencyError: the engine package is not installed.
    """
    if name not in RECOGNISER_NAMES:
        raise UsageError(
            f"unknown recogniser {name!r}: choose one of {', '.join(RECOGNISER_NAMES)}"
        )
    if name == "sphinx":
        return _load_sphinx()
    vosk_model, origin = configured_vosk_model(model_path)
    if name == "vosk":
        if vosk_model is None:
            raise ModelError(
                "no vosk model found: run `voicecoach models fetch en-us-small`, "
                f"pass --vosk-model PATH, or set {VOSK_MODEL_ENV}"
            )
        return _load_vosk(vosk_model)
    if vosk_model is None:
        return _load_sphinx()
    if origin == "found" and importlib.util.find_spec("vosk") is None:
        # A model lying in audio_models/ is a hint, not a demand: without vosk, fall back.
        return _load_sphinx()
    return _load_vosk(vosk_model)


def _load_sphinx() -> Recogniser:
    from voicecoach.adapters.asr.sphinx import SphinxRecogniser

    return SphinxRecogniser()


def _load_vosk(model_path: Path) -> Recogniser:
    from voicecoach.adapters.asr.vosk import VoskRecogniser

    return VoskRecogniser(model_path)


def available_recognisers() -> list[dict[str, Any]]:
    """What each recogniser needs and whether it is there, without loading any model.

    Each entry: `name`, `available` (bool), `detail` (what was found), `fix` (what to
    do, empty when available).
    """
    return [_sphinx_status(), _vosk_status()]


def _sphinx_status() -> dict[str, Any]:
    if importlib.util.find_spec("pocketsphinx") is None:
        return {
            "name": "sphinx",
            "available": False,
            "detail": "pocketsphinx is not installed",
            "fix": "pip install pocketsphinx (its wheel includes the English model)",
        }
    version = importlib.metadata.version("pocketsphinx")
    try:
        from voicecoach.adapters.asr.sphinx import pocketsphinx
    except MissingDependencyError as error:
        return {
            "name": "sphinx",
            "available": False,
            "detail": error.message,
            "fix": "pip install pocketsphinx",
        }
    model = Path(pocketsphinx.get_model_path()) / "en-us"
    if not (model / "en-us" / "mdef").exists():
        return {
            "name": "sphinx",
            "available": False,
            "detail": f"pocketsphinx {version} without its English model (looked in {model})",
            "fix": "pip install --force-reinstall pocketsphinx",
        }
    return {
        "name": "sphinx",
        "available": True,
        "detail": f"pocketsphinx {version}, US English model in {model}",
        "fix": "",
    }


def _vosk_status() -> dict[str, Any]:
    fetch_fix = (
        "voicecoach models fetch en-us-small (needs internet), "
        f"or set {VOSK_MODEL_ENV} to a model folder"
    )
    if importlib.util.find_spec("vosk") is None:
        return {
            "name": "vosk",
            "available": False,
            "detail": "vosk is not installed",
            "fix": "pip install vosk",
        }
    version = importlib.metadata.version("vosk")
    model, origin = configured_vosk_model()
    if model is None:
        searched = ", ".join(str(folder) for folder in models_dirs())
        return {
            "name": "vosk",
            "available": False,
            "detail": f"vosk {version} installed, no model found (searched {searched})",
            "fix": fetch_fix,
        }
    from voicecoach.adapters.models import looks_like_vosk_model

    if not looks_like_vosk_model(model):
        return {
            "name": "vosk",
            "available": False,
            "detail": f"vosk {version}; {model} (from {origin}) is not a vosk model folder",
            "fix": fetch_fix,
        }
    return {
        "name": "vosk",
        "available": True,
        "detail": f"vosk {version}, model {model} ({origin})",
        "fix": "",
    }
