"""Reading the amounts a person says or types: prices, salaries, percents, durations.

Recogniser output has no digits and no punctuation ("forty two thousand five
hundred", "twelve fifty", "two point five percent"), typed chat has every
written form ("$1,200", "42.5k", "1000-1500$"). Both are read by one token
walker so that the scenario engine and the feedback detectors see the same
numbers. Spoken shorthand is read the way people mean it in a negotiation:
"twelve fifty" is 1250, "forty-two five" is 42500, "a grand" is 1000.

Deliberately not read as amounts: "one" standing alone ("the one I saw"),
"a" alone, clock times ("5:30", "5 pm"), dates ("May 5", "3/15"), ordinals
("13th") and years after "in"/"since"/"model". Only the standard library.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import accumulate, chain
from operator import itemgetter

from voicecoach.core.case_blind import CaseBlindPattern, by_first_letter

__all__ = ["Amount", "find_amounts", "UNITS"]

UNITS: tuple[str, ...] = ("percent", "days", "weeks", "months", "years", "currency")


@dataclass(frozen=True)
class Amount:
    """One number found in a text.

    `text` is the exact slice `original[start:end]`: the number with its
    attached symbols and multipliers ("$1,200", "42.5k", "two grand"), not the
    unit words that follow it ("dollars", "percent", "days").
    """

    value: float
    unit: str | None
    text: str
    start: int
    end: int


# Words first: most tokens are words, and no digit alternative can start at a letter.
_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+(?:,\d{3})+(?:\.\d+)?|\d*\.\d+|\d+|\S")

_UNITS_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
}
_TEENS = {
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fourty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {"thousand": 1_000.0, "million": 1_000_000.0, "billion": 1_000_000_000.0}
_MULTIPLIER_SUFFIX = {"k": 1_000.0, "grand": 1_000.0, "m": 1_000_000.0, "mil": 1_000_000.0}
_CURRENCY_WORDS = {"dollar", "dollars", "bucks", "buck", "usd", "dollers"}
_UNIT_WORDS = {
    "percent": "percent",
    "pct": "percent",
    "day": "days",
    "days": "days",
    "week": "weeks",
    "weeks": "weeks",
    "wk": "weeks",
    "wks": "weeks",
    "month": "months",
    "months": "months",
    "mo": "months",
    "mos": "months",
    "year": "years",
    "years": "years",
    "yr": "years",
    "yrs": "years",
}
_NOT_MONEY_AFTER_K = {"miles", "mile", "mi", "km", "kilometers", "kilometres", "mileage", "views"}
_TIME_AFTER = {"am", "pm", "oclock", "o'clock", "th", "st", "nd", "rd", "ish"}
_MONTHS = {
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
}
# "an offer of 1900", "in the ballpark of 2000": an amount, not a year, after these
_AMOUNT_OF = {
    "offer",
    "price",
    "rate",
    "rent",
    "amount",
    "total",
    "sum",
    "budget",
    "ballpark",
    "neighborhood",
    "neighbourhood",
    "region",
    "vicinity",
    "range",
}
_YEAR_BEFORE = {"in", "since", "from", "model", "year", "circa", "of", "until", "til", "till"}
_YEAR_AFTER = {"model", "models", "edition"}


# The words a number is spelt in; the concession rules read prices said in words with them.
NUMBER_WORDS = frozenset(
    {
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fourty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
    }
)
_A_FOLLOWERS = frozenset({"hundred", "thousand", "million", "billion", "grand"})
_MAY_START = NUMBER_WORDS | {"a"}  # with digits: the tokens where a number may begin


# The tokens with the whitespace before each: a text is tokens and whitespace only (any
# other character is a token of its own), so the lengths of the pairs add up to the spans.
_SPACED_TOKEN = re.compile(r"(\s*)(" + _TOKEN.pattern + ")")
_second = itemgetter(1)


def _tokens(text: str) -> tuple[list[str], list[int], list[int]]:
    """The tokens of `text` lower-cased, their starts and their ends (three parallel lists).

    Lists, not a token object each, and built by C-level maps over one `findall`: this runs
    on every turn that holds a number. A token that starts with a digit or "." is the same
    lower-cased, so the digit readers use the lower-cased token as written.
    """
    lowered = text.lower()
    # An ASCII text is tokenised lower-cased: the same tokens, whose lower-case forms come free.
    ascii_text = text.isascii()
    pairs = _SPACED_TOKEN.findall(lowered if ascii_text else text)
    bounds = list(accumulate(map(len, chain.from_iterable(pairs))))
    starts, ends = bounds[::2], bounds[1::2]
    if ascii_text:
        lows = list(map(_second, pairs))
    elif len(lowered) == len(text):
        lows = [lowered[a:b] for a, b in zip(starts, ends, strict=True)]
    else:  # a few characters change length when lowered ("İ")
        lows = [token.lower() for _, token in pairs]
    return lows, starts, ends


def _digit_led(low: str) -> bool:
    """Whether a token starts a written number: a digit, or a "." with more after it."""
    return low[0].isdigit() or (low[0] == "." and len(low) > 1)


def _word_kind(low: str) -> str | None:
    if low in _UNITS_WORDS:
        return "unit"
    if low in _TEENS:
        return "teen"
    if low in _TENS:
        return "tens"
    if low == "hundred":
        return "hundred"
    if low in _SCALES:
        return "scale"
    return None


def _small_value(low: str) -> int:
    return _UNITS_WORDS.get(low) or _TEENS.get(low) or _TENS.get(low) or 0


class _Reader:
    """Walks the tokens once, left to right, emitting amounts."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lows, self.starts, self.ends = _tokens(text)
        self.out: list[Amount] = []

    # -- helpers -----------------------------------------------------------------
    def adjacent(self, i: int) -> bool:
        """Whether token i starts right where token i-1 ends (no space between)."""
        return 0 < i < len(self.lows) and self.ends[i - 1] == self.starts[i]

    def low(self, i: int) -> str:
        """Token i lower-cased; "" past either end."""
        return self.lows[i] if 0 <= i < len(self.lows) else ""

    # -- main --------------------------------------------------------------------
    def run(self) -> list[Amount]:
        lows = self.lows
        count = len(lows)
        # Every other token only moves the walk on by one, so it jumps from one token that
        # may start a number to the next (skipping those a number already read took in).
        starts = [
            j
            for j, low in enumerate(lows)
            if low in _MAY_START or low[0].isdigit() or low[0] == "."
        ]
        i = 0
        for j in starts:
            if j < i:
                continue
            low = lows[j]
            if _digit_led(low):
                i = self.read_digits(j)
            elif low in _A_FOLLOWERS:
                i = j + 1  # "a few hundred", "hundreds of": a scale with no number before it
            elif low in NUMBER_WORDS or (
                low == "a" and j + 1 < count and lows[j + 1] in _A_FOLLOWERS
            ):
                i = self.read_words(j)
            else:
                i = j + 1
        return self.out

    def emit(
        self, value: float, first: int, last: int, currency: bool, *, lone_one: bool = False
    ) -> int:
        """Attach the unit after tokens first..last, apply filters, store; return the next index."""
        nxt = last + 1
        unit: str | None = "currency" if currency else None
        end_tok = last
        # a multiplier suffix: "42.5k", "forty k", "two grand", "1.5 million"
        low = self.low(nxt)
        if low in _MULTIPLIER_SUFFIX and (low != "m" or self.adjacent(nxt)):
            after = self.low(nxt + 1)
            value *= _MULTIPLIER_SUFFIX[low]
            end_tok = nxt
            nxt += 1
            if after not in _NOT_MONEY_AFTER_K:
                unit = "currency"
        elif low in _SCALES:
            value *= _SCALES[low]
            end_tok = nxt
            nxt += 1
        # "$" written after the number ("1500$")
        if self.low(nxt) == "$":
            unit = "currency"
            end_tok = nxt
            nxt += 1
        if self.low(nxt) == "%":
            unit = "percent"
            end_tok = nxt
            nxt += 1
        unit_at = nxt + 1 if self.low(nxt) == "-" and self.adjacent(nxt) else nxt
        word = self.low(unit_at)
        if unit is None or unit == "currency":
            if word in _CURRENCY_WORDS:
                unit = "currency"
                nxt = unit_at + 1
            elif word == "per" and self.low(unit_at + 1) == "cent":
                unit = "percent"
                nxt = unit_at + 2
            elif word in _UNIT_WORDS and unit is None:
                unit = _UNIT_WORDS[word]
                nxt = unit_at + 1
        if lone_one and unit is None:
            return last + 1  # "one" as a pronoun ("the one I saw"), not an amount
        start = self.starts[first]
        end = self.ends[end_tok]
        self.out.append(Amount(float(value), unit, self.text[start:end], start, end))
        return nxt

    # -- digits --------------------------------------------------------------------
    def read_digits(self, i: int) -> int:
        t = self.lows[i]
        nxt = self.low(i + 1)
        # clock times and dates: 5:30, 3/15, 5pm, 13th, 1-800-...
        if nxt in {":", "/"} and self.adjacent(i + 1) and _digit_led(self.low(i + 2) or t):
            j = i + 2
            while self.low(j + 1) in {":", "/"} and _digit_led(self.low(j + 2) or t):
                j += 2
            return j + 1
        if nxt in _TIME_AFTER or (
            nxt in {"a", "p"} and self.low(i + 2) == "." and self.low(i + 3) == "m"
        ):
            return i + 1
        if self.low(i - 1) in _MONTHS or (
            # "5 May" is a date; "$480 may be fine" and "480 may work" are not
            nxt in _MONTHS and self.low(i - 1) != "$" and t.isdigit() and 1 <= int(t) <= 31
        ):
            return i + 1
        try:
            value = float(t.replace(",", ""))
        except ValueError:
            return i + 1
        currency = self.low(i - 1) == "$" or self.low(i - 1) == "usd"
        first = i - 1 if self.low(i - 1) == "$" else i
        if (
            not currency
            and "." not in t
            and len(t) == 4
            and 1900 <= value <= 2099
            and (self.low(i - 1) in _YEAR_BEFORE or nxt in _YEAR_AFTER)
            and not (self.low(i - 1) == "of" and self.low(i - 2) in _AMOUNT_OF)
        ):
            return i + 1
        # "42 thousand", "2 hundred", "1.5 million"
        last = i
        if nxt == "hundred":
            value *= 100
            last = i + 1
            if self.low(last + 1) in _SCALES:
                value *= _SCALES[self.low(last + 1)]
                last += 1
        return self.emit(value, first, last, currency)

    # -- words ---------------------------------------------------------------------
    def read_words(self, i: int) -> int:
        """Read a run of number words starting at token i (possibly "a hundred", "a grand")."""
        first = i
        currency = self.low(i - 1) == "$"
        if currency:
            first = i - 1
        if self.low(i) == "a":
            follower = self.low(i + 1)
            if follower in {"hundred", "thousand", "million", "grand", "billion"}:
                if follower == "grand":
                    return self.emit(1000.0, first, i + 1, True)
                value, last = self.parse_number_words(i + 1, lead_one=True)
                return self.emit(value, first, last, currency)
            return i + 1
        value, last = self.parse_number_words(i)
        lone_one = last == i and self.low(i) == "one" and not currency
        # "and a half": "two and a half years"
        if (
            self.low(last + 1) == "and"
            and self.low(last + 2) == "a"
            and self.low(last + 3) == "half"
        ):
            value += 0.5
            last += 3
        return self.emit(value, first, last, currency, lone_one=lone_one)

    def small_at(self, i: int) -> tuple[int, int] | None:
        """A number 1..99 in words at token i: (value, last index), joining "forty-two"."""
        kind = _word_kind(self.low(i))
        if kind in {"unit", "teen"}:
            return _small_value(self.low(i)), i
        if kind == "tens":
            value = _small_value(self.low(i))
            j = i + 1
            if self.low(j) == "-" and self.adjacent(j) and _word_kind(self.low(j + 1)) == "unit":
                j += 1
            if _word_kind(self.low(j)) == "unit" and self.low(j) != "zero":
                return value + _small_value(self.low(j)), j
            return value, i
        return None

    def parse_number_words(self, i: int, *, lead_one: bool = False) -> tuple[float, int]:
        """Parse a spoken number from token i; return (value, index of its last token)."""
        total = 0.0
        current = 0.0
        last = i - 1
        j = i
        if lead_one:
            current = 1.0
        seen_small_since_scale = False
        smallest_scale = 0.0
        # where to cut when a word cannot belong to this number ("eight thousand two thousand")
        cut_value, cut_last = 0.0, i - 1
        # the unit of a joined "ninety five" read after a hundred, and the tens' index: where
        # to cut if "hundred" follows, since a unit then starts a new number
        split_tens: tuple[float, int] | None = None
        while True:
            low = self.low(j)
            kind = _word_kind(low)
            if kind == "hundred":
                if current >= 100 and split_tens is not None:
                    # "five hundred and ninety five hundred and fifty": 590, then 550
                    return total + current - split_tens[0], split_tens[1]
                if current >= 100:
                    return self.finish(cut_value, cut_last, i)
                current = (current or 1.0) * 100
                last = j
                j += 1
                seen_small_since_scale = False
                # "a hundred and twenty"
                if self.low(j) == "and" and self.small_at(j + 1) is not None:
                    j += 1
                continue
            if kind == "scale":
                scale = _SCALES[low]
                if smallest_scale and scale >= smallest_scale:
                    return self.finish(cut_value, cut_last, i)
                total += (current or 1.0) * scale
                smallest_scale = scale
                current = 0.0
                last = j
                j += 1
                seen_small_since_scale = False
                if self.low(j) == "and" and self.small_at(j + 1) is not None:
                    j += 1
                continue
            small = self.small_at(j)
            if small is None:
                break
            said, end = small
            if seen_small_since_scale or (current % 100 and current >= 1):
                break  # a second small number with nothing joining it: a new amount
            cut_value, cut_last = total + current, last
            if current == 0 and total == 0 and j == i:
                combined = self.colloquial(said, end)
                if combined is not None:
                    current, end = combined
                    last = end
                    j = end + 1
                    seen_small_since_scale = True
                    continue
            split_tens = None
            if current >= 100 and end > j and _word_kind(self.low(j)) == "tens":
                split_tens = (float(said - _small_value(self.low(j))), j)
            current += said
            last = end
            j = end + 1
            seen_small_since_scale = True
        value: float = total + current
        # decimals: "two point five", "point seven five"
        if self.low(last + 1) == "point" and _word_kind(self.low(last + 2)) == "unit":
            digits = ""
            k = last + 2
            while _word_kind(self.low(k)) == "unit":
                digits += str(_small_value(self.low(k)))
                k += 1
            value += float("0." + digits)
            last = k - 1
        return value, max(last, i)

    def finish(self, value: float, last: int, i: int) -> tuple[float, int]:
        """End a number early at a cut point (before anything was read: the first word)."""
        if last < i:
            small = self.small_at(i)
            return (float(small[0]), small[1]) if small else (0.0, i)
        return value, last

    def colloquial(self, first_value: int, first_end: int) -> tuple[float, int] | None:
        """Spoken price shorthand: "twelve fifty" 1250, "forty-two five" 42500, "one fifty" 150."""
        nxt = first_end + 1
        if _word_kind(self.low(nxt)) in {"hundred", "scale"}:
            return None
        second = self.small_at(nxt)
        if second is None:
            return None
        value, end = second
        if _word_kind(self.low(end + 1)) in {"hundred", "scale"}:
            return None  # "twenty five thousand" after something else: leave to the grammar
        if value >= 10:
            return float(first_value * 100 + value), end
        if first_value >= 10 and self.low(end + 1) not in _UNIT_WORDS:
            return float(first_value * 1000 + value * 100), end
        return None


# Whether a text may hold a number at all, in two cheap parts (speed): a digit anywhere,
# else a number word, case-blind (`CaseBlindPattern`: entered at the non-word character
# before the word, one branch per first letter, so one comparison rejects a word).
_DIGIT = re.compile(r"\d")
_NUMBER_WORD = CaseBlindPattern(
    r"\W(?:"
    + by_first_letter((word[0], word[1:]) for word in sorted(NUMBER_WORDS | {"grand"}))
    + r")\b",
    spaced=True,
)


def _may_hold_number(text: str) -> bool:
    """Whether `text` holds a digit or a number word (most turns hold neither)."""
    return _DIGIT.search(text) is not None or _NUMBER_WORD.search(text) is not None


# Between two numbers that share the unit said after the second: "8 or 12 months".
_SHARED_UNIT_GAP = re.compile(r"\s*(?:or|to|-|–|/)\s*$", re.I)


def _share_units(amounts: list[Amount], text: str) -> list[Amount]:
    """Give a bare number the unit of the next one when only "or", "to", "-" lies between."""
    for at in range(len(amounts) - 2, -1, -1):
        first, second = amounts[at], amounts[at + 1]
        if (
            first.unit is None
            and second.unit is not None
            and _SHARED_UNIT_GAP.match(text, first.end, second.start)
        ):
            amounts[at] = replace(first, unit=second.unit)
    return amounts


@lru_cache(maxsize=8192)
def _cached(text: str) -> tuple[Amount, ...]:
    # The feedback engine re-reads the same context lines at every turn; amounts are frozen.
    if not _may_hold_number(text):
        return ()
    amounts = _Reader(text).run()
    if len(amounts) > 1:
        amounts = _share_units(amounts, text)
    return tuple(amounts)


def find_amounts(text: str) -> list[Amount]:
    """Every amount in `text`, left to right, with its unit when one is said or written.

    Units are `percent`, `days`, `weeks`, `months`, `years` and `currency`
    ("$", "dollars", "bucks", "grand", "k"); None when nothing says what the
    number counts. Never raises on any string.
    """
    if not text:
        return []
    return list(_cached(text))
