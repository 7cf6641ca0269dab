"""Audio devices through sounddevice (PortAudio): listing, choosing, and the one import of it.

This is the only module that imports `sounddevice`; the microphone and the
speaker get it from `import_sounddevice()`. The import is deferred to first use
because sounddevice initialises PortAudio at import, and PortAudio enumerates
devices once, at that moment: the environment that routes audio (for example
PulseAudio's `PULSE_SERVER`, or the test rig's virtual devices) must be in
place first. `rescan_devices()` re-enumerates when it changed later.

Importing this module checks, without initialising PortAudio, that the
package and the system library are there, so a missing one fails at once with
`MissingDependencyError` rather than in the middle of a session.
"""

from __future__ import annotations

import ctypes
import importlib.util
import logging
import threading
from ctypes.util import find_library
from types import ModuleType
from typing import Any, Literal

from voicecoach.errors import AudioError, MicrophoneUnavailableError, MissingDependencyError
from voicecoach.ports import SAMPLE_RATE_HZ

DeviceKind = Literal["input", "output"]
NO_MICROPHONE_MESSAGE = (
    "no microphone found: connect one, pick another with --device, "
    "or use typed turns (--input typed)"
)
NO_SPEAKER_MESSAGE = (
    "no audio output device found: connect speakers or headphones, or pick another with --device"
)


def _check_installed() -> None:
    if importlib.util.find_spec("sounddevice") is None:
        raise MissingDependencyError(
            "the sounddevice package is missing: pip install sounddevice "
            "(it also needs the PortAudio library: apt-get install libportaudio2)"
        )
    # sounddevice's wheels for Linux do not bundle PortAudio; macOS/Windows ones do.
    bundled = importlib.util.find_spec("_sounddevice_data") is not None
    if not bundled and find_library("portaudio") is None:
        raise MissingDependencyError(
            "the PortAudio library is missing: apt-get install libportaudio2 "
            "(or your system's portaudio package), then retry"
        )


_check_installed()

_import_lock = threading.Lock()


_native_log = logging.getLogger("voicecoach.audio.native")
_kept_callbacks: list[Any] = []  # ctypes callbacks must outlive the libraries that call them


def _quiet_native_audio_logs() -> None:
    """Send ALSA's and PortAudio's own messages to the log instead of the terminal.

    Both libraries print straight to the process's stderr ("ALSA lib ... underrun
    occurred", "Expression ... failed"), which is where the Textual app draws its
    screen. Each has a documented hook for its messages; set them once, before
    PortAudio starts. Missing libraries or symbols are simply left alone.
    """
    if _kept_callbacks:
        return
    alsa_path = find_library("asound")
    if alsa_path:
        try:
            alsa = ctypes.CDLL(alsa_path)
            handler_type = ctypes.CFUNCTYPE(
                None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
            )

            def on_alsa(file: bytes, line: int, function: bytes, err: int, fmt: bytes) -> None:
                _native_log.debug("ALSA %s:%s %s (%s)", function, line, fmt, err)

            alsa_handler = handler_type(on_alsa)
            alsa.snd_lib_error_set_handler(alsa_handler)
            _kept_callbacks.append(alsa_handler)
        except (OSError, AttributeError):
            pass
    portaudio_path = find_library("portaudio")
    if portaudio_path:
        try:
            portaudio = ctypes.CDLL(portaudio_path)
            print_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p)

            def on_portaudio(message: bytes) -> None:
                _native_log.debug("PortAudio %s", message.decode(errors="replace").rstrip())

            portaudio_handler = print_type(on_portaudio)
            portaudio.PaUtil_SetDebugPrintFunction(portaudio_handler)
            _kept_callbacks.append(portaudio_handler)
        except (OSError, AttributeError):
            pass
    _kept_callbacks.append(True)


def import_sounddevice() -> ModuleType:
    """Import sounddevice (PortAudio starts on first call); failures become voicecoach errors."""
    with _import_lock:
        _quiet_native_audio_logs()
        try:
            import sounddevice
        except OSError as error:  # PortAudio present but unloadable
            raise MissingDependencyError(
                f"the PortAudio library could not be loaded ({error}): "
                "reinstall libportaudio2 (apt-get install --reinstall libportaudio2)"
            ) from error
        except ImportError as error:
            raise MissingDependencyError(
                f"sounddevice could not be imported ({error}): "
                "pip install --force-reinstall sounddevice"
            ) from error
    return sounddevice


def rescan_devices() -> None:
    """Make PortAudio enumerate devices again, after the audio environment changed.

    PortAudio caches its device list from initialisation; sounddevice exposes no
    public re-scan, and its documented workaround is terminate + initialise.
    Streams must be closed first.
    """
    sd = import_sounddevice()
    with _import_lock:
        sd._terminate()
        sd._initialize()


def list_devices() -> list[dict[str, Any]]:
    """Every device PortAudio sees, with what `doctor` and a device picker show.

    Keys: index, name, host_api, max_input_channels, max_output_channels,
    default_sample_rate_hz, is_default_input, is_default_output.
    """
    sd = import_sounddevice()
    try:
        devices = sd.query_devices()
        host_apis = sd.query_hostapis()
        default_input, default_output = _default_indices(sd)
    except sd.PortAudioError as error:
        raise AudioError(f"cannot list audio devices ({error}): check your sound system") from error
    result: list[dict[str, Any]] = []
    for device in devices:
        index = int(device["index"])
        result.append(
            {
                "index": index,
                "name": str(device["name"]),
                "host_api": str(host_apis[device["hostapi"]]["name"]),
                "max_input_channels": int(device["max_input_channels"]),
                "max_output_channels": int(device["max_output_channels"]),
                "default_sample_rate_hz": int(device["default_samplerate"]),
                "is_default_input": index == default_input,
                "is_default_output": index == default_output,
            }
        )
    return result


def _default_indices(sd: ModuleType) -> tuple[int, int]:
    """Default input and output device indices, -1 when there is none."""
    default_input, default_output = sd.default.device
    if default_input is None or default_input < 0:
        default_input = _host_default(sd, "default_input_device")
    if default_output is None or default_output < 0:
        default_output = _host_default(sd, "default_output_device")
    return int(default_input), int(default_output)


def _host_default(sd: ModuleType, key: str) -> int:
    for host_api in sd.query_hostapis():
        if host_api[key] >= 0:
            return int(host_api[key])
    return -1


def resolve_device(device: int | str | None, kind: DeviceKind) -> dict[str, Any]:
    """The device to open: by index, by (case-insensitive) name substring, or the default.

    Raises `MicrophoneUnavailableError` (input) or `AudioError` (output) with a
    fix when nothing suitable exists, and `AudioError` for an ambiguous name.
    """
    channels_key = "max_input_channels" if kind == "input" else "max_output_channels"
    candidates = [entry for entry in list_devices() if entry[channels_key] > 0]
    if isinstance(device, str) and device.strip().isdigit():
        device = int(device.strip())
    if device is None:
        default_key = "is_default_input" if kind == "input" else "is_default_output"
        for entry in candidates:
            if entry[default_key]:
                return entry
        if candidates:
            return candidates[0]
        _raise_none(kind)
    if isinstance(device, int):
        for entry in candidates:
            if entry["index"] == device:
                return entry
        _raise_none(kind, f"device {device} is not an {kind} device")
    wanted = str(device).casefold()
    exact = [entry for entry in candidates if entry["name"].casefold() == wanted]
    matches = exact or [entry for entry in candidates if wanted in entry["name"].casefold()]
    if len(matches) == 1:
        return matches[0]
    if not matches:
        _raise_none(kind, f"no {kind} device matches {device!r}")
    names = ", ".join(f"{entry['index']}: {entry['name']}" for entry in matches)
    raise AudioError(
        f"{device!r} matches several {kind} devices ({names}): pick one by number with --device"
    )


def _raise_none(kind: DeviceKind, detail: str | None = None) -> Any:
    if kind == "input":
        message = NO_MICROPHONE_MESSAGE if detail is None else f"{detail}; {NO_MICROPHONE_MESSAGE}"
        raise MicrophoneUnavailableError(message)
    message = NO_SPEAKER_MESSAGE if detail is None else f"{detail}; {NO_SPEAKER_MESSAGE}"
    raise AudioError(message)


def choose_stream_format(
    info: dict[str, Any], kind: DeviceKind, forced_rate_hz: int | None
) -> tuple[int, int] | list[str]:
    """(rate, channels) the device accepts, or the reasons none did.

    16 kHz mono first (no conversion); else the device's own rate, then the common
    ones, in mono then stereo (some devices only open as stereo). Callers resample.
    """
    sd = import_sounddevice()
    max_channels = info["max_input_channels" if kind == "input" else "max_output_channels"]
    channel_options = [c for c in (1, 2) if max_channels >= c]
    rate_options = (
        [forced_rate_hz]
        if forced_rate_hz
        else [SAMPLE_RATE_HZ, info["default_sample_rate_hz"], 48_000, 44_100]
    )
    check = sd.check_input_settings if kind == "input" else sd.check_output_settings
    errors: list[str] = []
    for rate in rate_options:
        for channels in channel_options:
            try:
                check(device=info["index"], samplerate=rate, channels=channels, dtype="int16")
            except sd.PortAudioError as error:
                errors.append(f"{rate} Hz x{channels}: {error}")
                continue
            return int(rate), channels
    return errors
