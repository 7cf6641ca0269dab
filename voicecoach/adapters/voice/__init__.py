"""The counterpart's voice: text-to-speech rendered to 16 kHz audio, never played by the engine.

`Pyttsx3Voice` (in `pyttsx3_voice`) implements `voicecoach.ports.Voice`;
`worker` is the subprocess it runs pyttsx3 in. The names below are imported on
first use (PEP 562) so that starting the worker
(`python -m voicecoach.adapters.voice.worker`) stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from voicecoach.adapters.voice.pyttsx3_voice import Pyttsx3Voice, VoiceInfo, list_voices

__all__ = ["Pyttsx3Voice", "VoiceInfo", "list_voices"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from voicecoach.adapters.voice import pyttsx3_voice

        return getattr(pyttsx3_voice, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
