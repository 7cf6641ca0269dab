"""Short live cues and full explanations for feedback flags.

Live feedback stays sparse (a few words per flag) because a busy dashboard
distracts a trainee who is talking; the flag's own `why` and `tip` are the
full explanation, shown one key away. Kept free of Textual so it is plain
string logic.
"""

from __future__ import annotations

from voicecoach.core.transcript import Flag, Severity

# A few words each: what the trainee should notice mid-conversation.
CUE_TEXT: dict[str, str] = {
    "concession.unpaid": "Unpaid concession",
    "concession.traded": "Traded concession",
    "emotion.overreach": "Too heated",
    "influence.push": "Pushing, not asking",
    "influence.question": "Good question",
}

LABEL_NAMES: dict[str, str] = {
    "concession.unpaid": "Concession given for nothing",
    "concession.traded": "Concession traded for something",
    "emotion.overreach": "Emotional overreach",
    "influence.push": "Persuading instead of understanding",
    "influence.question": "Open question that explores needs",
}

SEVERITY_MARK: dict[Severity, str] = {
    Severity.INFO: "✓",
    Severity.WARNING: "!",
    Severity.CRITICAL: "✗",
}

MAX_SPAN_CHARS = 32


def cue_text(flag: Flag) -> str:
    """The few words shown live for a flag, for example `Unpaid concession`."""
    return CUE_TEXT.get(flag.label, flag.label.replace(".", " ").replace("_", " ").capitalize())


def short_span(span: str, limit: int = MAX_SPAN_CHARS) -> str:
    """The triggering words, clipped so that a live cue stays one short line."""
    span = " ".join(span.split())
    if len(span) <= limit:
        return span
    return span[: limit - 1].rstrip() + "…"


def label_name(label: str) -> str:
    """A readable name of a flag label for the explanation and the summary."""
    return LABEL_NAMES.get(label, label)


def severity_mark(severity: Severity) -> str:
    return SEVERITY_MARK.get(severity, "!")
