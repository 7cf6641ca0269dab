"""Per-session statistics shown beside the flags (summary screen, exports).

These are the habits a coach reads off a whole conversation rather than one
turn: how much the trainee talked, whether they asked, how long they held
the floor, how fast and how cleanly they spoke, who anchored the first
number, whether they showed an alternative (power comes from being able to
walk away) or leaked pressure (a deadline, a boss), and which persuasion
tactics they leaned on, with a note when a tactic is used so often it risks
backfiring. Everything is computed from the saved turns, so a replayed or
imported session gets the same numbers. Pure and JSON-friendly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from voicecoach.core.feedback.lexicon import TermPattern, compile_terms, normalise, words
from voicecoach.core.numbers import find_amounts
from voicecoach.core.transcript import Speaker, Turn

# A tactic seen in this many trainee turns gets an overuse note.
OVERUSE_TURNS = 3

_QUESTION_START = re.compile(
    r"(?:^|[.!?]\s*)(?:so |and |but |well |ok |okay |oh |then |also )*"
    r"(?:what|which|how|why|where|when|who|whose|do|does|did|is|are|was|were|would|will|can|could"
    r"|should"
    r"|have|has|may|might|shall|any chance)\b"
)

_FILLER_SIMPLE = compile_terms((r"u+m+", r"u+h+m*", r"e+r+m*", r"h+m+", r"m+h?m+"))
_LIKE = re.compile(r"\blike\b")
# "like" is a filler when it neither compares ("looks like new") nor wants ("I'd like 400"):
# it follows a pause, a comma or a quote frame ("I was like") and runs into the next thought.
_LIKE_NOT_AFTER = frozenset(
    [
        "would",
        "id",
        "wed",
        "youd",
        "theyd",
        "hed",
        "shed",
        "do",
        "dont",
        "does",
        "doesnt",
        "didnt",
        "did",
        "to",
        "feel",
        "feels",
        "felt",
        "look",
        "looks",
        "looked",
        "sound",
        "sounds",
        "seem",
        "seems",
        "something",
        "anything",
        "nothing",
        "more",
        "much",
        "i",
        "you",
        "we",
        "they",
        "really",
        "also",
        "dont",
        "lot",
        "not",
        "just",
    ]
)
_LIKE_FRAME_BEFORE = frozenset(["was", "is", "its", "were", "im", "and", "but", "so", "um", "uh"])
_LIKE_THOUGHT_AFTER = re.compile(
    r"\s*,|\s+(?:um|uh|i|im|we|you|he|she|they|it|its|totally|literally|really|so|no|yeah|what|the"
    r"|a|an"
    r"|[0-9]|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|one|two|three|four|five|six"
    r"|seven"
    r"|eight|nine|ten|hundred)\b|\s*$"
)
_LIKE_SAID = re.compile(r"\s+(?:i|we|you|they|he|she) (?:said|told|mentioned|say|asked)\b")
_PREV_WORD = re.compile(r"(\w+)\W*$")
_YOU_KNOW_FILLER = re.compile(
    r"\byou know(?=\s*[,.!?]|\s*$|\s+(?:i|im|we|its|it|um|uh|like|so|and|but)\b)"
)
_I_MEAN_FILLER = re.compile(r"(?:^|[,.!?]\s*|\b(?:um|uh|and|but|so)\s+)i mean\b")

_ALTERNATIVE = compile_terms(
    (
        r"(?:another|other|better|second|competing|higher|lower) (?:offers?|quotes?|bids?)",
        r"(?:other|another|different) (?:dealers?|sellers?|buyers?|candidates?|options?|suppliers?"
        r"|vendors?"
        r"|companies|company|places?|listings?|stores?|shops?|one|ones|apartment|car|bike|job"
        r"|employer)",
        r"(?:i|we) (?:can|could|will|would|am ready to|are ready to|might) (?:just )?walk away",
        r"walk away",
        r"(?:somewhere|someone|somebody) else",
        r"elsewhere",
        r"competitors?",
        r"shop(?:ping)? around",
        r"(?:keep|kept) looking",
        r"plan b",
    )
)
_PRESSURE = compile_terms(
    (
        r"(?:by|before|until) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow"
        r"|tonight"
        r"|the weekend|the end of|next week|end of)",
        r"deadline",
        r"my (?:boss|manager|wife|husband|partner|landlord|bank)",
        r"(?:need|have|got) (?:it|this|one|to \w+) (?:by|today|asap|urgently|right away|soon"
        r"|quickly|now)",
        r"urgent(?:ly)?",
        r"asap",
        r"running out of (?:time|money|options)",
        r"(?:end of|close of) (?:the )?(?:month|quarter|year)",
        r"quota",
        r"(?:im|were|i am|we are) (?:moving|leaving|relocating)",
        r"need the (?:money|cash)",
        r"in a (?:hurry|rush)",
        r"(?:i|we) (?:really|desperately) need",
    )
)
_TACTICS: dict[str, TermPattern] = {
    "reciprocity": compile_terms(
        (
            r"in return",
            r"in exchange",
            r"return the favou?r",
            r"meet (?:me|you) (?:halfway|in the middle)",
            r"(?:ive|i have|i) already (?:came|come|dropped|lowered|gone|went|given|gave|moved"
            r"|raised)",
            r"since i (?:gave|dropped|lowered|came|went|moved)",
            r"you owe me",
            r"i did you a favou?r",
            r"(?:i|ill) (?:throw|toss) in",
        )
    ),
    "scarcity": compile_terms(
        (
            r"(?:wont|will not|doesnt) last",
            r"(?:the )?last one",
            r"only (?:one|a few|\w+) left",
            r"limited",
            r"(?:other|several|lots of|many|a few) (?:people|buyers|folks)(?: \w+){0,2} interested",
            r"(?:someone|somebody|people) (?:else )?(?:is|are) (?:interested|coming)",
            r"going fast",
            r"selling fast",
            r"(?:today|this week|now) only",
            r"only (?:today|this week)",
            r"(?:offer|deal) expires",
            r"high demand",
            r"first come",
        )
    ),
    "authority": compile_terms(
        (
            r"my mechanic",
            r"(?:an |the )?experts?",
            r"according to",
            r"(?:kelley )?blue book",
            r"kbb",
            r"appraised",
            r"certified",
            r"studies show",
            r"professionals?",
            r"market value",
            r"inspected by",
            r"(?:dealer|dealership) (?:said|says|told)",
        )
    ),
    "social proof": compile_terms(
        (
            r"everyone",
            r"everybody",
            r"most people",
            r"other (?:customers|buyers|clients)",
            r"people like you",
            r"best ?sell(?:er|ing)",
            r"popular",
            r"(?:great|good|five star|5 star) reviews",
            r"lots of people",
            r"all my (?:friends|customers|clients)",
        )
    ),
}
_BACKFIRE = {
    "reciprocity": "pointing at your own gives again and again reads as keeping score; "
    "trade, don't remind",
    "scarcity": "repeated urgency sounds like a bluff and invites them to call it",
    "authority": "leaning on experts over and over feels like 'I know better' "
    "and makes them push back",
    "social proof": "'everyone does it' used often ignores what this person values",
}


def _is_trainee(turn: Turn) -> bool:
    return turn.speaker is Speaker.TRAINEE


def _duration(turn: Turn) -> float:
    return max(0.0, turn.end_seconds - turn.start_seconds)


def _count_questions(normal: str) -> int:
    marks = normal.count("?")
    return marks if marks else len(_QUESTION_START.findall(normal))


def _filler_name(token: str) -> str:
    if token.startswith("u"):
        return "uh" if token.rstrip("m").endswith("h") and not token.endswith("m") else "um"
    if token.startswith("e"):
        return "er"
    return "hmm" if token.startswith("h") else "mm"


def _fillers(normal: str) -> Counter[str]:
    found: Counter[str] = Counter()
    for match in _FILLER_SIMPLE.finditer(normal):
        found[_filler_name(match.group(0))] += 1
    for match in _LIKE.finditer(normal):
        before = normal[: match.start()]
        prev = _PREV_WORD.search(before)
        prev_word = prev.group(1) if prev else ""
        after_comma = before.rstrip().endswith((",", ".", "!", "?")) or not before.strip()
        if prev_word in _LIKE_NOT_AFTER and not after_comma:
            continue
        if not _LIKE_THOUGHT_AFTER.match(normal, match.end()) or _LIKE_SAID.match(
            normal, match.end()
        ):
            continue
        if after_comma or prev_word in _LIKE_FRAME_BEFORE:
            found["like"] += 1
    found["you know"] += len(_YOU_KNOW_FILLER.findall(normal))
    found["i mean"] += len(_I_MEAN_FILLER.findall(normal))
    return +found


def _first_number(turns: Sequence[Turn]) -> dict[str, Any] | None:
    for turn in turns:
        for amount in find_amounts(turn.text):
            if amount.unit in ("days", "weeks", "months", "years"):
                continue
            return {
                "speaker": str(turn.speaker),
                "turn_index": turn.index,
                "text": amount.text,
                "value": amount.value,
            }
    return None


def _mentions(turns: Sequence[Turn], pattern: TermPattern) -> list[dict[str, Any]]:
    found = []
    for turn in turns:
        match = pattern.search(normalise(turn.text))
        if match is not None:
            found.append({"turn_index": turn.index, "span": match.group(0)})
    return found


def summarize_session(turns: Sequence[Turn], trainee_role: str | None) -> dict[str, Any]:
    """Statistics of a whole session, JSON-friendly (see module docstring for why each matters).

    Seconds-based figures (talk share by time, monologue seconds, words per
    minute) are None when the turns carry no times (typed sessions).
    """
    trainee = [t for t in turns if _is_trainee(t)]
    others = [t for t in turns if not _is_trainee(t)]
    trainee_words = sum(len(words(t.text)) for t in trainee)
    other_words = sum(len(words(t.text)) for t in others)
    trainee_seconds = sum(_duration(t) for t in trainee)
    other_seconds = sum(_duration(t) for t in others)
    timed = trainee_seconds > 0

    # Longest monologue: consecutive trainee turns with no counterpart turn between them.
    best_words = best_seconds = run_words = 0.0
    run_seconds = 0.0
    for turn in turns:
        if _is_trainee(turn):
            run_words += len(words(turn.text))
            run_seconds += _duration(turn)
            best_words = max(best_words, run_words)
            best_seconds = max(best_seconds, run_seconds)
        else:
            run_words = run_seconds = 0.0

    fillers: Counter[str] = Counter()
    questions = 0
    tactic_turns: dict[str, list[int]] = {name: [] for name in _TACTICS}
    for turn in trainee:
        normal = normalise(turn.text)
        fillers.update(_fillers(normal))
        questions += _count_questions(normal)
        for name, pattern in _TACTICS.items():
            if pattern.search(normal):
                tactic_turns[name].append(turn.index)

    tactics = {
        name: {
            "turns": indexes,
            "count": len(indexes),
            "note": (
                f"used in {len(indexes)} turns: {_BACKFIRE[name]}"
                if len(indexes) >= OVERUSE_TURNS
                else None
            ),
        }
        for name, indexes in tactic_turns.items()
    }
    flag_counts = Counter(label for t in trainee for label in t.labels)
    total_fillers = sum(fillers.values())
    return {
        "trainee_role": trainee_role,
        "turns": {"trainee": len(trainee), "counterpart": len(others)},
        "words": {"trainee": trainee_words, "counterpart": other_words},
        "talk_share_words": round(trainee_words / (trainee_words + other_words), 3)
        if trainee_words + other_words
        else None,
        "talk_share_seconds": round(trainee_seconds / (trainee_seconds + other_seconds), 3)
        if timed and other_seconds + trainee_seconds > 0
        else None,
        "questions_asked": questions,
        "open_questions": flag_counts.get("influence.question", 0),
        "longest_monologue": {
            "words": int(best_words),
            "seconds": round(best_seconds, 2) if timed else None,
        },
        "words_per_minute": round(60.0 * trainee_words / trainee_seconds, 1) if timed else None,
        "filler_words": {
            "total": total_fillers,
            "per_100_words": round(100.0 * total_fillers / trainee_words, 1)
            if trainee_words
            else 0.0,
            "by_word": dict(fillers.most_common()),
        },
        "first_number": _first_number(turns),
        "alternative_mentioned": _mentions(trainee, _ALTERNATIVE),
        "pressure_revealed": _mentions(trainee, _PRESSURE),
        "tactics": tactics,
        "flags": dict(flag_counts),
    }
