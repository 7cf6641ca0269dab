"""Feedback on trainee turns against ../shared/feedback-rubric.md.

Public API: `Utterance`, `assess`, `SessionFeedback` (see docs/architecture.md);
`Flag` and `Severity` come from `voicecoach.core.transcript`. Pure logic: only
the standard library.
"""

from __future__ import annotations

from voicecoach.core.feedback.engine import SessionFeedback, Utterance, assess, labels_of
from voicecoach.core.transcript import Flag, Severity

__all__ = ["Flag", "SessionFeedback", "Severity", "Utterance", "assess", "labels_of"]
