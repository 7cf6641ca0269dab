"""ALSA's own error messages go to the log, not to the terminal the app draws on."""

from __future__ import annotations

import ctypes
import logging
from ctypes.util import find_library

import pytest


def open_unknown_alsa_pcm() -> int:
    """Ask ALSA for a device that does not exist: it reports it through its error handler."""
    path = find_library("asound")
    if path is None:
        pytest.skip("ALSA (libasound2) is not installed")
    alsa = ctypes.CDLL(path)
    handle = ctypes.c_void_p()
    result = alsa.snd_pcm_open(ctypes.byref(handle), b"voicecoach_no_such_pcm", 0, 0)
    assert result < 0
    return int(result)


def test_alsa_messages_are_logged_not_printed(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    from voicecoach.adapters.audio.devices import import_sounddevice

    import_sounddevice()
    capfd.readouterr()
    with caplog.at_level(logging.DEBUG, logger="voicecoach.audio.native"):
        open_unknown_alsa_pcm()
    printed = capfd.readouterr()
    assert "ALSA lib" not in printed.err and "voicecoach_no_such_pcm" not in printed.err
    assert any("ALSA" in record.getMessage() for record in caplog.records)
