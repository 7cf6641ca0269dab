"""Trainee speech made by the test itself: flite's voices, converted with sox.

flite is recognised almost perfectly by pocketsphinx (espeak-ng is not), so
tests speak with it; sox sets the format and adds effects (padding, gain).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest


def speech_wav(
    out: Path,
    text: str,
    voice: str = "slt",
    *,
    sox_format: tuple[str, ...] = ("-r", "16000", "-c", "1", "-b", "16"),
    effects: tuple[str, ...] = (),
) -> Path:
    """`text` spoken by a flite voice into `out` (16 kHz mono 16-bit unless told otherwise).

    Skips the test, with the packages to install, when flite or sox is missing.
    """
    for program in ("flite", "sox"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is needed to make test speech: apt-get install flite sox")
    raw = out.with_suffix(".flite.wav")
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True)
    subprocess.run(["sox", str(raw), *sox_format, str(out), *effects], check=True)
    raw.unlink()
    return out
