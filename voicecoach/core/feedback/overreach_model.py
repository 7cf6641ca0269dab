"""A small word-weight model of heat, to catch overreach the phrase lexicons miss.

Why a model at all: many angry turns carry their heat in ordinary words
("you're late again", "where is my laundry?") that no single phrase rule can
name without false alarms. A logistic regression over words, word pairs and a
few cue features (second person beside a negative word, a turn opening on an
imperative or "why", intensifiers, exclamation) scores the turn; the
detector flags it only above a threshold chosen by cross-validation and only
when no calm guard applies (see `emotion.py`).

Why this shape: the weights are a JSON dict shipped with the package
(`overreach_model.json`, built by `benchmarks/train_overreach_model.py` from
the emotion corpora in ../shared at build time), and scoring is one dict
lookup per feature, so it stays in the standard library and costs
microseconds. Features are read from the normalised text with punctuation
dropped, so typed and recognised turns get the same word features; "!" is
the one punctuation feature and only adds evidence when present.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_PATH = Path(__file__).with_name("overreach_model.json")

# Agreement words that DailyDialog and MELD often say in a huff ("Fine!") but that the
# rubric says are not anger as agreement: the model gets no weight for them.
NEUTRAL_WORDS = frozenset(["fine", "ok", "okay", "alright", "sure", "deal", "whatever"])
_TOKEN = re.compile(r"[a-z]+|\d+")


def _wordset(spaced: str) -> frozenset[str]:
    """A word list written as one string: easier to read and edit than quoted items."""
    return frozenset(spaced.split())


_NUMBER_WORDS = _wordset(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty "
    "ninety hundred thousand million"
)
_YOU = frozenset(["you", "your", "youre", "yours", "yourself", "youve", "youll", "youd", "u"])
# Words that judge someone badly; beside "you" they make a turn read as an accusation.
_NEGATIVE = _wordset(
    "wrong late again always never stupid lazy rude careless terrible awful horrible useless "
    "mess fault blame lie lied lying liar cheat cheated idiot nonsense ridiculous hate stop "
    "enough shut worse worst disgusting selfish mean crazy kidding serious dare"
)
_IMPERATIVE = _wordset(
    "stop look listen get leave give shut go come quit keep let take dont tell watch hurry"
)
_INTENSIFIER = _wordset(
    "so such really totally absolutely completely too very even ever again always never"
)


def model_tokens(normal: str) -> list[str]:
    """Words of a normalised turn, numbers (digits or spelled out) folded into one token "#"."""
    return ["#" if t.isdigit() or t in _NUMBER_WORDS else t for t in _TOKEN.findall(normal)]


def features(normal: str, raw: str | None = None) -> list[str]:
    """The model's features for one normalised turn; each counts once however often it occurs.

    `raw` is the turn as typed, for the exclamation feature; recognised turns have none.
    Its weight is fitted after the word weights, holding them fixed, so it only adds
    evidence: the word weights alone are what a recognised turn gets.
    """
    toks = model_tokens(normal)
    feats: list[str] = [f"w:{t}" for t in toks]
    padded = ["^", *toks]
    feats.extend(f"b:{a} {b}" for a, b in zip(padded, padded[1:], strict=False))
    if toks:
        if toks[0] in _IMPERATIVE:
            feats.append("c:imperative")
        if toks[0] in ("why", "how", "what", "who"):
            feats.append("c:wh_open")
    you_at = [i for i, t in enumerate(toks) if t in _YOU]
    if you_at and any(
        toks[j] in _NEGATIVE for i in you_at for j in range(max(0, i - 3), min(len(toks), i + 4))
    ):
        feats.append("c:you_negative")
    if sum(t in _INTENSIFIER for t in toks) >= 2:
        feats.append("c:intensifiers")
    if len(toks) <= 4:
        feats.append("c:short")
    if raw is not None and "!" in raw:
        feats.append("c:exclaim")
    return feats


@dataclass(frozen=True)
class HeatModel:
    """Weights of the logistic model; `threshold` is on the logit scale."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def logit(self, normal: str, raw: str | None = None) -> float:
        """Log-odds that the turn is heated (anger or disgust rather than calm)."""
        get = self.weights.get
        return self.bias + sum(get(f, 0.0) for f in set(features(normal, raw)))

    def probability(self, normal: str, raw: str | None = None) -> float:
        """The same as a probability, for people reading the benchmarks."""
        z = max(-60.0, min(60.0, self.logit(normal, raw)))  # no overflow on absurd input
        return 1.0 / (1.0 + math.exp(-z))

    def trigger(self, normal: str) -> str:
        """The few words around the one that pushed the score up most: the flag's span.

        Each word is credited with its own weight and half of each word pair it is in;
        the span is that word with two words either side, cut from the normalised text.
        """
        matches = list(_TOKEN.finditer(normal))
        if not matches:
            return normal[:60]
        toks = ["#" if t.isdigit() or t in _NUMBER_WORDS else t for t in map(_group, matches)]
        get = self.weights.get
        padded = ["^", *toks]
        pair = [get(f"b:{a} {b}", 0.0) for a, b in zip(padded, padded[1:], strict=False)]
        credit = [
            get(f"w:{tok}", 0.0) + 0.5 * pair[i] + (0.5 * pair[i + 1] if i + 1 < len(pair) else 0.0)
            for i, tok in enumerate(toks)
        ]
        best = max(range(len(toks)), key=credit.__getitem__)
        start = matches[max(0, best - 2)].start()
        end = matches[min(len(matches) - 1, best + 2)].end()
        return normal[start:end]


def _group(match: re.Match[str]) -> str:
    return match.group(0)


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_PATH) -> HeatModel | None:
    """The shipped model, or None when its file is missing (the rules then work alone)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    return HeatModel(
        weights={str(k): float(v) for k, v in data["weights"].items()},
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
    )
