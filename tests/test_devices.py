"""Device listing and choice, on PulseAudio's virtual devices; missing engines fail at import."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.pulse import PulseRig, pulse_audio  # noqa: F401
from voicecoach.errors import AudioError

pytestmark = pytest.mark.audio


def import_without(hidden: str, module: str) -> subprocess.CompletedProcess[str]:
    """Import `module` in a fresh interpreter where `hidden` cannot be imported (None in
    sys.modules is Python's documented import block), as on a machine without it."""
    code = "\n".join(
        [
            "import sys",
            f"sys.modules[{hidden!r}] = None",
            "from voicecoach.errors import MissingDependencyError",
            "try:",
            f"    import {module}",
            "except MissingDependencyError as error:",
            "    print(error.message)",
            "else:",
            "    print('imported')",
        ]
    )
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )


def test_devices_are_listed_with_what_doctor_shows(pulse_audio: PulseRig) -> None:  # noqa: F811
    from voicecoach.adapters.audio.devices import list_devices

    devices = list_devices()
    assert devices
    for device in devices:
        assert set(device) == {
            "index",
            "name",
            "host_api",
            "max_input_channels",
            "max_output_channels",
            "default_sample_rate_hz",
            "is_default_input",
            "is_default_output",
        }
    assert sum(device["is_default_input"] for device in devices) == 1
    assert sum(device["is_default_output"] for device in devices) == 1
    default_input = next(device for device in devices if device["is_default_input"])
    assert default_input["max_input_channels"] > 0 and default_input["default_sample_rate_hz"] > 0


def test_a_name_matching_several_devices_asks_for_a_number(
    pulse_audio: PulseRig,  # noqa: F811
) -> None:
    from voicecoach.adapters.audio.devices import list_devices, resolve_device

    names = [device["name"] for device in list_devices() if device["max_input_channels"]]
    shared = next(
        (letter for letter in "aeioulst" if sum(letter in name.lower() for name in names) > 1),
        None,
    )
    if shared is None:
        pytest.skip(f"no two input devices share a letter: {names}")
    with pytest.raises(AudioError, match="matches several input devices") as caught:
        resolve_device(shared, "input")
    assert caught.value.message.endswith("pick one by number with --device")


def test_devices_can_be_rescanned(pulse_audio: PulseRig) -> None:  # noqa: F811
    from voicecoach.adapters.audio.devices import list_devices, rescan_devices

    before = [device["name"] for device in list_devices()]
    rescan_devices()
    assert [device["name"] for device in list_devices()] == before


def test_without_sounddevice_the_adapter_says_what_to_install() -> None:
    result = import_without("sounddevice", "voicecoach.adapters.audio.microphone")
    assert result.stdout.strip() == (
        "the sounddevice package is missing: pip install sounddevice "
        "(it also needs the PortAudio library: apt-get install libportaudio2)"
    )


def test_without_pyttsx3_the_voice_says_what_to_install() -> None:
    result = import_without("pyttsx3", "voicecoach.adapters.voice.pyttsx3_voice")
    assert result.stdout.strip() == (
        "the pyttsx3 package is missing: pip install pyttsx3 "
        "(on Linux it also needs espeak-ng: apt-get install espeak-ng)"
    )
