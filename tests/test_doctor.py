"""`voicecoach doctor` on this machine: what it finds, and a fix beside what it does not."""

from __future__ import annotations

import json

import pytest

from tests.pulse import PulseRig, pulse_audio  # noqa: F401
from voicecoach.cli import main


def doctor_checks(capsys: pytest.CaptureFixture[str]) -> tuple[int, list[dict[str, object]]]:
    code = main(["doctor", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_doctor_finds_devices_recognisers_voice_and_store(
    pulse_audio: PulseRig,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, checks = doctor_checks(capsys)
    by_name = {(c["area"], c["name"]): c for c in checks}
    assert code == 0
    assert by_name[("recogniser", "sphinx")]["ok"] is True
    assert by_name[("store", "sessions")]["ok"] is True
    assert by_name[("voice", "pyttsx3")]["ok"] is True
    microphone = by_name[("audio", "microphone")]
    assert microphone["ok"] is True and "pulse" in str(microphone["detail"]).lower()
    # Without a vosk model, vosk is reported missing with what to do about it.
    vosk = by_name[("recogniser", "vosk")]
    if not vosk["ok"]:
        assert "models fetch" in str(vosk["fix"]) or "VOICECOACH_VOSK_MODEL" in str(vosk["fix"])


def test_doctor_text_names_a_fix_for_each_problem(capsys: pytest.CaptureFixture[str]) -> None:
    main(["doctor"])
    lines = capsys.readouterr().out.splitlines()
    problems = [i for i, line in enumerate(lines) if line.startswith("--")]
    for index in problems:
        assert index + 1 < len(lines) and "fix:" in lines[index + 1], lines
