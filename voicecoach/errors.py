"""The one exception tree of voicecoach.

Every expected failure is a `VoicecoachError` with a one-line message that says
what is wrong and how to fix it, a short title (for a notification or modal)
and a stable code (for scripts and tests). Adapters catch vendor exceptions and
re-raise one of these; the command line prints `message` on stderr and exits
with `exit_code`; the app shows it as a notification or a modal.
"""

from __future__ import annotations


class VoicecoachError(Exception):
    """Base of every expected error; never shown as a traceback."""

    code: str = "error"
    title: str = "Error"
    exit_code: int = 1

    def __init__(self, message: str, *, code: str | None = None, title: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class UsageError(VoicecoachError):
    """Bad command-line arguments or input files named by the user."""

    code = "usage"
    title = "Invalid input"
    exit_code = 2


class ScenarioError(VoicecoachError):
    """A scenario file cannot be loaded or is invalid."""

    code = "scenario"
    title = "Scenario problem"
    exit_code = 3


class AudioError(VoicecoachError):
    """An audio device, WAV file or audio library problem."""

    code = "audio"
    title = "Audio problem"
    exit_code = 4


class MicrophoneUnavailableError(AudioError):
    """No input device could be opened; typed turns still work."""

    code = "audio.no-microphone"
    title = "No microphone"


class RecogniserError(VoicecoachError):
    """A speech recogniser or its model is missing or failed."""

    code = "asr"
    title = "Speech recognition problem"
    exit_code = 5


class ModelError(RecogniserError):
    """A recogniser model is missing, corrupt or cannot be fetched."""

    code = "asr.model"
    title = "Model problem"


class VoiceError(VoicecoachError):
    """The text-to-speech voice is missing or failed."""

    code = "voice"
    title = "Voice problem"
    exit_code = 6


class StoreError(VoicecoachError):
    """The session database cannot be opened or written."""

    code = "store"
    title = "Storage problem"
    exit_code = 7


class MissingDependencyError(VoicecoachError):
    """An engine package or system library is not installed."""

    code = "dependency"
    title = "Missing dependency"
    exit_code = 8
