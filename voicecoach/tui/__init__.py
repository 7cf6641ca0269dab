"""The Textual app: screens and widgets that render session events and send commands.

This is the only package that imports Textual. It never imports an adapter:
the composition root (`voicecoach.cli.app`) hands it factories that build the
session runner and open the audio source, so the app stays testable with the
real runner on typed input and starts fast (engines load in a worker).
"""

from __future__ import annotations

from voicecoach.tui.app import AudioSourceFactory, RunnerFactory, SessionControl, VoicecoachApp

__all__ = ["AudioSourceFactory", "RunnerFactory", "SessionControl", "VoicecoachApp"]
