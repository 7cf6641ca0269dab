"""Who stands where: each side's positions per term, read from the turns so far.

A concession is a move toward the other side, so the engine must know where
each side stood before the turn being judged, whatever words the turn uses
("ok, 450 then" after 400/500 is a move even with no "lower" in it). This
module reads the context lines ("buyer: ...", "me: ...") into a `Ledger`:
for every numeric term (price, percent, days, months, years) the numbers each
side proposed, in order; for item-splitting games (food/water/firewood,
books/hats/balls) what each side claimed for itself. A listing price in the
setting counts as the seller's first ask. Only the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from voicecoach.core.case_blind import CaseBlindPattern
from voicecoach.core.feedback.lexicon import grouped_alternation
from voicecoach.core.numbers import Amount, find_amounts

SELF = "self"
OTHER = "other"

# Roles whose side wants the number higher (price, salary, rate) or lower.
HIGH_ROLES = frozenset(
    {
        "seller",
        "landlord",
        "vendor",
        "supplier",
        "candidate",
        "employee",
        "freelancer",
        "contractor",
        "consultant",
        "sales",
        "salesperson",
        "agent",
        "dealer",
        "lessor",
        "owner",
    }
)
LOW_ROLES = frozenset(
    {
        "buyer",
        "tenant",
        "client",
        "customer",
        "procurement",
        "employer",
        "manager",
        "purchaser",
        "renter",
        "lessee",
        "hiring manager",
        "recruiter",
    }
)

# 36" (and the typographic inch and foot marks) right after a number: a size, not a price;
# a plain apostrophe is left alone, it closes quotes and "the 90's" more often than feet
_INCH_FOOT_MARKS = frozenset({'"', "\u201d", "\u2033", "\u2032"})

_LISTING = re.compile(r"listing price\s*\$?\s*([\d,]+(?:\.\d+)?)", re.I)
_SPEAKER = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,30}?)\s*:\s?(.*)$", re.S)

# Words after a bare number that say it is not a price (mileage, age, sizes, counts).
_NOT_PRICE_AFTER = frozenset(
    {
        "miles",
        "mile",
        "mi",
        "km",
        "k",
        "year",
        "years",
        "yr",
        "yrs",
        "old",
        "inch",
        "inches",
        "grams",
        "gram",
        "kg",
        "ft",
        "feet",
        "foot",
        "sq",
        "sqft",
        "square",
        "gb",
        "tb",
        "mb",
        "gig",
        "gigs",
        "people",
        "kids",
        "children",
        "hours",
        "hour",
        "hrs",
        "minutes",
        "min",
        "mins",
        "times",
        "items",
        "bedroom",
        "bedrooms",
        "bed",
        "beds",
        "bath",
        "baths",
        "bathroom",
        "bathrooms",
        "speed",
        "speeds",
        "cylinder",
        "mpg",
        "owners",
        "owner",
        "doors",
        "door",
        "pieces",
        "piece",
        "seats",
        "person",
        "persons",
        "weeks",
        "days",
        "nights",
        "lbs",
        "pounds",
        "oz",
        "cm",
        "mm",
        "watts",
        "w",
        "amps",
        "volts",
        "v",
        "hp",
        "gallons",
        "stars",
        "x",
        "model",
        "pm",
        "am",
        "drawers",
        "shelves",
        "months",
        "month",
        "percent",
        "floors",
        "floor",
        "car",
        "cars",
        "spots",
        "rooms",
        "room",
        "units",
        "pairs",
        "sets",
        "books",
        "hats",
        "balls",
        "food",
        "water",
        "firewood",
        "packages",
        "packs",
        "of",
    }
)
# The patterns searched in the window before a number open with "\W" where a word edge
# ("\b") is meant and read " " + window (`CaseBlindPattern`, speed, same matches).

# Words shortly before a number that say it is someone else's price or a reference, not an offer.
_REFERENCE_BEFORE = CaseBlindPattern(
    # "I only think it is worth 1530" is the speaker's own price, not a reference
    r"\W(retails?|retail(ing)?|paid|bought|"
    r"(?<!only )(?<!just )(?<!is )(?<!'s )(?<!its )worth|kbb|blue ?book|value[ds]?|msrp|originally|"
    r"new (one|ones|for)|"
    # "would you sell for $1500", "willing to sell for 1500": a price put forward, not quoted
    r"(?<!you )(?<!to )sells? for|goes for|go for around|going for|on amazon|amazon|ebay|elsewhere|"
    r"costs?|spent|saw (one|it)|similar|market|another offer|other offer|had an offer|"
    r"deposit( is| of)?|fee( is| of)?|utilities|insurance|per year|tax|"
    # our ask recalled, not put forward again: "I was asking $10, ... I can do $6"
    r"(was|were|had been) asking( for)?|had asked( for)?|listed (it |them )?(at|for)|"
    r"had (it|them) (listed )?(at|for)|"
    r"(asking|listing|list) price (was|is|says|shows)|"
    # an amount on top of the price: "I would like $150 and can deliver it for another $50"
    r"another|an? (extra|additional))\b"
    # ... not across an "if" of ours: "I understand your travel costs, if you come up to $190"
    r"(?:(?!\bif\b)[^.?!\d]){0,25}$",
    spaced=True,
)
# their listing read back: "I see you have a couch for 50 dollars". Apart from
# `_REFERENCE_BEFORE`, and read only when a "you" is in the window: that pattern is tried
# before every number, and this phrase is rare.
_THEIR_LISTING_BEFORE = re.compile(
    r"\b(?:see|saw|notice|noticed|read) (?:that )?(?:you|u) (?:have|had|got|'ve got) (?:it|them"
    r"|this|that|one|an? \w+)(?: listed)? (?:for|at)(?:(?!\bif\b)[^.?!\d]){0,25}$",
    re.I,
)
# A negation reaches the number unless a new clause starts between them: recognised speech
# has no full stops, so "too low for me i think ten thousand" must still read as an offer.
_NEGATED_BEFORE = CaseBlindPattern(
    r"(\W(can'?t|cannot|can not|won'?t|wont|couldn'?t|wouldn'?t|not|never|no way|too)\b"
    r"(?:(?!\b(?:i think|i can|i could|i would|i'd|id|i'll|ill|but|so|how about|what about|"
    r"maybe|then|(?:low|high|lower|higher)\b(?! than))\b)[^.?!,\d]){0,22}$"
    # "there's no way I can do $800": the "I can" is inside the refusal
    r"|\Wno way (that )?(i|we) (can|could|would|will) (do|take|accept|pay|go (down |up )?to)"
    r"\s*\$?\s*$)",
    spaced=True,
)
_REFUSED_AFTER = re.compile(
    r"^\W{0,2}(dollars |bucks )?(is|are|'s|seems|sounds)\s+((still|way|a bit|"
    r"a little|just|much|kind of|pretty|quite|rather|really|very|so|far|well) ){0,2}"
    r"(too|not|way too|ridiculous|crazy|absurd|insane|low|high|steep|much|"
    # "$290 is just way out of my range", "is over our budget"
    r"(out of|over|beyond|above|outside( of)?) (my|our) (price )?(range|budget|league|limit))\b",
    re.I,
)
_FLOOR_BEFORE = re.compile(
    r"\b(less than|lower than|below|under|more than|higher than|above|over)\s*\$?\s*$", re.I
)
_BETTER_THAN_BEFORE = re.compile(r"\bbetter than\s*\$?\s*$", re.I)
# "don't", "cant" spelt out (a bare "nt" ending would take "rent", "front" and "want" too)
CONTRACTED_NOT = (
    r"\w+n't\b|\b(?:cant|wont|dont|doesnt|didnt|isnt|arent|wasnt|werent|aint|wouldnt|couldnt|"
    r"shouldnt|havent|hasnt)\b"
)
# a "not" in any of its spellings
NOT_WORDS = r"\b(?:not|cannot|never)\b|" + CONTRACTED_NOT
_NOT_IN = re.compile(NOT_WORDS + r"|\bno way\b", re.I)
_NOT_JUST_BEFORE = re.compile(rf"(?:{NOT_WORDS})\s+$", re.I)  # "I cannot lower it by $20"
# "would you take less than $600?": the number is the far side of what we ask of them
_ASKED_PAST_BEFORE = re.compile(
    r"\b(?:you|u)\s+(?P<between>(?:\w+\s+){0,4}?)(?:go|come|do|take|accept|sell|part|let)\b"
    r"[^.?!]{0,25}?"
    r"\b(?:lower|less|below|under|cheaper|higher|more|above|over)(?:\s+than)?\s*\$?\s*$",
    re.I,
)
_OUR_SUBJECT = re.compile(r"\b(?:i|we|but)\b", re.I)
# "They are $220. $80 off retail!": the saving on a new one, neither an offer nor a move
_SAVING_AFTER = re.compile(
    r"^\s*(dollars|bucks)?\s*(off|less than|below|under|cheaper than)\s+(the\s+)?(retail|msrp"
    r"|new|store|original|list)\b",
    re.I,
)
# "50 off", "150 less than what I'm asking"; "1200, lower than that I'd feel cheated" compares
_RELATIVE_OFF_AFTER = re.compile(
    r"^\s*(dollars|bucks)?\s*(additional |more |extra |further )?(off|discount|less|lower)\b"
    r"(?!\s+than\s+(?:that|this|it)\b)",
    re.I,
)
# "you're only asking for $8 less": the gap to their ask stated, no move
_THEIR_ASK_BEFORE = re.compile(
    r"\b(you|they)('re| are)? (only |just )?(asking|wanting|offering)"
    r"( for)? (about |around |only |just )?\$?\s*$",
    re.I,
)
# "I am already $1000 lower", "it's already a 40 dollar drop", "that's like 300 dollars
# less": a difference described, neither an offer nor a move
_DIFFERENCE_BEFORE = re.compile(
    r"\b(?:already|that'?s|that is|it'?s|its|this is)\s+(?:like |about |almost |nearly |over "
    r"|only |just |a |an )*\$?\s*$",
    re.I,
)
_DIFFERENCE_AFTER = re.compile(
    r"^\s*(?:dollars?|bucks)?\s*(?:off|discount|less|lower|drop|reduction|cut|cheaper|below|"
    r"under)\b",
    re.I,
)
_RELATIVE_UP_BEFORE = CaseBlindPattern(
    r"\W(?:(go|come|move|bump( it)?|raise( it)?|increase( it)?)\s+(up|"
    r"down)\s+(by\s+)?(another\s+)?\$?\s*$"
    r"|(knock|take|shave)\s+off\s+(another\s+)?\$?\s*$|(knock|shave)\s+(another\s+)?\$?\s*$"
    # "I'm willing to decrease the price for you by $20" (not after a "not": `_NOT_JUST_BEFORE`)
    r"|(?P<lowered>lower|decrease|reduce|drop|cut|bring down|knock down)\s+"
    r"(the\s+(price|rent|cost)\s+|it\s+)?(for\s+(you|u)\s+)?(down\s+)?by\s+(another\s+)?\$?\s*$)",
    spaced=True,
)
_OFFER_WORDS = (  # noqa: SIM905 - one readable string, split into the words
    r"how about|what about|can do|could do|\bdo|take|offer|pay|\bfor|\bat|accept|\bgo|lowest|"
    r"highest|price|make it|asking|\bask|sell|let it go|deal|budget|afford|give|willing|meet|"
    r"settle|counter|up to|down to|\bis|\bbe|with|around|about|only|just|maybe|say|than|"
    r"spend|rent|want|like|\bget|need|have|best|final|firm|\bwill|would|could|\bcan|drop|\bto|"
    r"lower|raise|under|below|range of|closer to|more like|\bmax|at most|at least|think|"
    r"ballpark of|neighborhood of|region of|vicinity of|somewhere around|\bover|above|\$|"
    r"as low as|as high as|as much as|tell you what"
).split("|")


# Words near a bare number that make it an offer rather than a fact about the item.
_OFFER_BEFORE = re.compile(
    r"(?:" + grouped_alternation(_OFFER_WORDS) + r")\W{0,3}(\w+\W{1,3}){0,2}$", re.I
)
_OFFER_AFTER = re.compile(
    r"^\W{0,3}(\?|and (it'?s|they'?re|you|i'?ll|i will|i can|i'?d|we('ve| have)? (have|got) a "
    r"deal)|is (my|the|as|fine|good|ok|fair|reasonable|acceptable|doable|perfect)\b|"
    r"final|cash|firm|works|then|it is(?=\s*(then\b|[.!,]|$))|"
    r"sound|would|will|if|even|tops|max|or|ok|deal|for (it|the|this|them)|a month|per|/|work|"
    r"maybe|perhaps|may|might|should|could|"
    r"lowest|highest|is all|is the (most|best|lowest|highest)|but nothing|nothing (less|"
    r"lower|below|more)|(im )?sorry|i (cant|can not|cannot|couldnt) (go|do) (any )?(lower|higher|"
    r"better|less|more))",
    re.I,
)
# A number in a list ("3, 5", "3/5", "3-5"), tested on both windows: a digit and a comma at
# the end, or a comma, slash or dash and a digit at the start. Two patterns, not one
# alternation (speed, same answers): the second is tried at the start only, the first
# begins with "\d", so the engine skips to the digits.
_LISTED_BEFORE = re.compile(r"\d\s*,\s*$")
_LISTED_AFTER = re.compile(r"\s*[,/-]\s*\d")
_WORD = re.compile(r"[A-Za-z]+")
_ALNUM = re.compile(r"[A-Za-z0-9]")
_WORD_AFTER = re.compile(r"[\s-]*([A-Za-z]+)")
# "#" is itself a non-word character: the "\W" that opens the other words consumes it.
_MODEL_BEFORE = CaseBlindPattern(
    r"\W(?:(?<=#)|models?|number|model no\.|version|series|size|gen|generation)\s*[#:]?\s*$",
    spaced=True,
)


# A capitalised word right before a bare number, inside a sentence: the maker of a model
# ("This is a Dodge 3500"). Not a sentence's first word ("Okay 3500?") nor "I".
_NAME_BEFORE = re.compile(r"(?<![.!?,;:]\s)(?<=\s)(?!I\s)[A-Z][a-z]+\s$")


# "It is a 2004, company truck", "my 2008 Honda": a year after a determiner names the model;
# "the" is left out ("I can do the 2000.")
_YEAR_DETERMINER_BEFORE = re.compile(r"\b(?:a|an|my|your|his|her|our|this)\s+$", re.I)
# A unit written onto the number ("1080P", "64GB", "10x"): a size or a spec, not a price;
# "4k" and "300usd" are prices (find_amounts reads the "k" itself)
_GLUED_UNIT = re.compile(r"(?!usd\b|dollars?\b|bucks\b|k\b)[a-z]", re.I)
_MILEAGE_AFTER = re.compile(
    r"^\W*(?:on it\W+|for the\W+|on the\W+)?(?:mileage|millage|miles|mi|km|odometer)\b", re.I
)

# what the thing has, not what it costs: "How many miles?" - "It has less than 3000"
_HAS_COUNT_BEFORE = re.compile(
    r"\b(?:it|this|she|he|they)\s+(?:only\s+|just\s+)?(?:has|had)\s+(?:only\s+|just\s+)?"
    r"(?:(?:less|fewer|more) than|under|over|about|around|almost|nearly|roughly)?\s*$",
    re.I,
)


def _listed(window: str) -> bool:
    return _LISTED_AFTER.match(window) is not None or _LISTED_BEFORE.search(window) is not None


def offer_like(text: str, amount: Amount) -> bool:
    """Whether a number reads as a price put forward, not a model number, size or list item."""
    before = text[max(0, amount.start - 30) : amount.start]
    after = text[amount.end : amount.end + 25]
    if _listed(before) or _listed(after) or _MODEL_BEFORE.search(before):
        return False
    if _MILEAGE_AFTER.match(after):
        return False  # "it only has 15K for the mileage": a reading, even with a "k"
    if amount.unit == "currency":
        return True
    if _GLUED_UNIT.match(after) or _HAS_COUNT_BEFORE.search(before):
        return False
    if _NAME_BEFORE.search(before):
        return False  # "a Dodge 3500 4x4", "the Aeron 250": a model named by its maker
    if 1950 <= amount.value <= 2035:
        next_word = _WORD_AFTER.match(after)  # "2004 Chevy", not "2000. It's a great deal"
        named_model = next_word is not None and next_word.group(1)[0].isupper()
        if named_model or _YEAR_DETERMINER_BEFORE.search(before):
            return False  # a model year: "2004 Chevy", "it is a 2004, company truck"
    if len(_WORD.findall(text)) <= 3 or not _ALNUM.search(text, 0, amount.start):
        return True
    if not _ALNUM.search(text, amount.end):
        return True  # "... wired for audio, extra rims three thousand two hundred": the last word
    return bool(_OFFER_BEFORE.search(before) or _OFFER_AFTER.search(after))


_SPLIT = re.compile(
    r"(?=[ms])\b(split the difference|meet (you )?(in the middle|halfway|half way|half-way)|"
    r"meet in the middle|split it|meet me in the middle|middle ground)\b",
    re.I,
)


@dataclass(frozen=True)
class Line:
    """One context line: who spoke (`self`, `other` or None when unknown) and what they said."""

    speaker: str | None
    label: str
    text: str


@dataclass(frozen=True)
class Proposal:
    """A number a side put on the table for one term, as read from one utterance."""

    value: float
    text: str
    relative: bool = False


@dataclass
class Ledger:
    """Positions per term and side, built from the context (mutable only while it is built)."""

    direction: int  # +1: the speaker wants the price higher; -1 lower; 0 unknown
    positions: dict[str, dict[str, list[float]]] = field(default_factory=dict)
    reference: float | None = None  # the listing price or first price seen: scale for plausibility
    last_other_line: str = ""
    last_self_line: str = ""

    def side(self, term: str, who: str) -> list[float]:
        return self.positions.setdefault(term, {SELF: [], OTHER: []})[who]

    def last(self, term: str, who: str) -> float | None:
        values = self.side(term, who)
        return values[-1] if values else None


def listing_price(setting: str | None) -> float | None:
    """The listing price in a setting like "listing price $2495.0", if any."""
    if not setting:
        return None
    match = _LISTING.search(setting)
    if not match:
        return None
    try:
        return float(match.group(1).replace(",", ""))
    except ValueError:
        return None


def role_direction(role: str | None) -> int:
    """+1 when the role wants the main number higher (seller, candidate), -1 lower, 0 unknown."""
    if not role:
        return 0
    low = role.strip().lower()
    if low in HIGH_ROLES:
        return 1
    if low in LOW_ROLES:
        return -1
    return 0


def split_lines(context: Sequence[str], role: str | None) -> list[Line]:
    """Label each context line as said by the judged speaker (`self`) or the other side."""
    parsed = [speaker_and_text(raw or "") for raw in context]
    own = (role or "").strip().lower()
    labels = {label for label, _ in parsed if label}
    if own and own in labels:
        self_label = own
    elif "me" in labels:
        self_label = "me"
    elif parsed and parsed[-1][0]:
        # unknown role: turns alternate, so the speaker of the judged turn answers the last line
        others = [label for label in labels if label != parsed[-1][0]]
        self_label = others[0] if len(others) == 1 else ""
    else:
        self_label = ""
    lines: list[Line] = []
    for label, text in parsed:
        if not label:
            speaker = None
        elif label == self_label:
            speaker = SELF
        elif self_label:
            speaker = OTHER
        else:
            speaker = OTHER if parsed and label == parsed[-1][0] else None
        lines.append(Line(speaker, label, text))
    return lines


@lru_cache(maxsize=8192)
def speaker_and_text(raw: str) -> tuple[str, str]:
    """("buyer", "I can pay 300") from "buyer: I can pay 300"; ("", raw) with no speaker."""
    match = _SPEAKER.match(raw)
    if match:
        return match.group(1).strip().lower(), match.group(2)
    return "", raw


def infer_self_role(lines: Sequence[Line], role: str | None) -> str | None:
    """The judged speaker's role: given, or the label of their own lines."""
    if role:
        return role.strip().lower()
    for line in lines:
        if line.speaker == SELF and line.label not in {"me", ""}:
            return line.label
    for line in lines:
        if line.speaker == OTHER and line.label in {"buyer", "seller"}:
            return "seller" if line.label == "buyer" else "buyer"
    return None


def term_of(amount: Amount) -> str:
    """The term an amount belongs to: its unit's term, `price` for money and bare numbers."""
    if amount.unit in {None, "currency"}:
        return "price"
    return amount.unit


def _word_after(text: str, end: int) -> str:
    match = _WORD_AFTER.match(text, end)
    return match.group(1).lower() if match else ""


# "listed for 10.5 but will go to 9", "I can't go lower than 7.9", a bare "8": thousands left
# unsaid, as people write prices of cars and the like in chat. Read only where the reference
# is in thousands, the number lands near it, and the number is said as a price (a decimal
# point, a price verb before it, or the whole turn), so "2 previous owners" stays a count.
_THOUSANDS_CUE_BEFORE = re.compile(
    r"(?:\b(?:to|than|below|under|above|over|for|at|do|take|accept|offer|pay|sell)|^\W*)\s*$",
    re.I,
)


def _thousands_left_unsaid(amount: Amount, text: str, reference: float | None) -> Amount:
    """The amount as thousands when it is a price in thousands written without them."""
    if (
        reference is None
        or reference < 5000
        or amount.unit is not None
        or amount.value >= 100
        or not 0.5 * reference <= amount.value * 1000 <= 1.5 * reference
    ):
        return amount
    said_as_price = "." in amount.text or _THOUSANDS_CUE_BEFORE.search(text, 0, amount.start)
    if said_as_price and _word_after(text, amount.end) not in _NOT_PRICE_AFTER:
        return replace(amount, value=amount.value * 1000)
    return amount


# "43 and a $15 itunes gift card": the value of a thing thrown in, not a price
_VALUE_OF_A_THING_AFTER = re.compile(
    r"\s*(?:(?!and\b|or\b|plus\b|with\b|a\b|an\b)[a-z]+\s+){0,2}"
    r"(?:gift\s*cards?|vouchers?|coupons?|store credit)\b",
    re.I,
)
# searched first, in the lower-cased text (speed): the pattern is read in any case
_VALUE_OF_A_THING_WORDS = ("ard", "ouch", "oupon", "redit")


def _plausible_price(amount: Amount, text: str, reference: float | None) -> bool:
    if reference and not 0.2 * reference <= amount.value <= 3.0 * reference:
        return False  # a deposit, a fee or a typo, not the price itself
    low = text.lower()
    if any(word in low for word in _VALUE_OF_A_THING_WORDS) and _VALUE_OF_A_THING_AFTER.match(
        text, amount.end
    ):
        return False
    if amount.unit == "currency":
        return True
    if amount.unit is not None:
        return False
    if _word_after(text, amount.end) in _NOT_PRICE_AFTER:
        return False
    if text[amount.end : amount.end + 1] in _INCH_FOOT_MARKS:
        return False  # 'the height is 36"': a size
    return amount.value >= 1


def read_proposals(
    text: str, term: str, reference: float | None, anchor: float | None
) -> list[Proposal]:
    """Numbers the speaker of `text` puts forward for `term`, in order.

    Leaves out numbers quoted as a reference ("retails for $450"), refused
    ("I can't do $2565") or mileage and sizes; turns "$100 off" and "go up a
    thousand" into absolute numbers from `anchor` (the speaker's last position).
    """
    return list(_proposals(text, term, reference, anchor))


@lru_cache(maxsize=8192)
def _proposals(
    text: str, term: str, reference: float | None, anchor: float | None
) -> tuple[Proposal, ...]:
    # Cached: a session re-reads every earlier line at each turn, with the same reference and
    # anchor; the result depends on nothing else, and Proposal is frozen.
    found: list[Proposal] = []
    amounts = [a for a in find_amounts(text) if term_of(a) == term]
    for amount in amounts:
        if term_of(amount) != term:
            continue
        before = text[max(0, amount.start - 40) : amount.start]
        after = text[amount.end : amount.end + 20]
        if term == "price":
            if _DIFFERENCE_AFTER.match(after) and _DIFFERENCE_BEFORE.search(before):
                continue
            if _SAVING_AFTER.match(after):
                continue
            relative_off = bool(_RELATIVE_OFF_AFTER.match(after)) and not _THEIR_ASK_BEFORE.search(
                before
            )
            relative_before = _RELATIVE_UP_BEFORE.search(before)
            if (
                relative_before
                and relative_before.group("lowered")
                # spaced: offsets past start() are one more than in `before`
                and _NOT_JUST_BEFORE.search(before, 0, relative_before.start("lowered") - 1)
            ):
                relative_before = None
            if relative_off or relative_before:
                base = anchor if anchor is not None else reference
                if base is None or amount.value >= base or _NEGATED_BEFORE.search(before):
                    continue  # "I can't go 500 lower" refuses the move
                going_up = bool(
                    relative_before and re.search(r"\bup\b", relative_before.group(0), re.I)
                )
                value = base + amount.value if going_up else base - amount.value
                found.append(Proposal(value, amount.text, relative=True))
                continue
            amount = _thousands_left_unsaid(amount, text, reference)
            if not _plausible_price(amount, text, reference) or not offer_like(text, amount):
                continue
            if _REFERENCE_BEFORE.search(before):
                continue
            if "u " in before and _THEIR_LISTING_BEFORE.search(before):
                continue
        if _NEGATED_BEFORE.search(before) and not _FLOOR_BEFORE.search(before):
            continue
        if _REFUSED_AFTER.match(text[amount.end : amount.end + 50]):
            continue  # "150 is too high": their number, turned down
        better_than = _BETTER_THAN_BEFORE.search(before)
        if better_than and not _NOT_IN.search(
            before, max(before.rfind(mark) for mark in ".!?,") + 1, better_than.start()
        ):
            # "I think we can do a little better than $29": a bound, no number of ours ("I
            # don't think I could do better than $5500" holds a limit, a number of ours)
            continue
        asked_past = (
            _ASKED_PAST_BEFORE.search(text, max(0, amount.start - 80), amount.start)
            if term == "price"
            else None
        )
        # the words between may hand the verb to us: "you might but I cant go lower than 7900"
        if asked_past and not _OUR_SUBJECT.search(asked_past.group("between")):
            continue  # "would you go a bit lower than 250?": a bound on their number, not ours
        found.append(Proposal(amount.value, amount.text))
    return tuple(found)


def split_move(text: str) -> bool:
    """Whether the text proposes to split the difference or meet in the middle."""
    return bool(_SPLIT.search(text))


# "I can do $6", "we could take 40": the speaker's own terms, even at the other side's number
_WILL_DO = re.compile(
    r"\b(?:i|we)(?: can| could|'ll| will| would|'d)(?: \w+)? (?:do|take|accept|go (?:down |up )?to"
    r"|let (?:it|them|that) go for|sell (?:it|them|that) for)\b",
    re.I,
)


def build_ledger(lines: Sequence[Line], role: str | None, setting: str | None) -> Ledger:
    """Read every numeric position of both sides from the context lines."""
    direction = role_direction(role)
    listing = listing_price(setting)
    ledger = Ledger(direction=direction, reference=listing)
    if listing is not None:
        seller_side = SELF if direction > 0 else OTHER if direction < 0 else None
        if seller_side is not None:
            ledger.side("price", seller_side).append(listing)
    for line in lines:
        if line.speaker is None:
            continue
        if line.speaker == OTHER:
            ledger.last_other_line = line.text
        else:
            ledger.last_self_line = line.text
        for term in {term_of(a) for a in find_amounts(line.text)}:
            anchor = ledger.last(term, line.speaker)
            for proposal in read_proposals(line.text, term, ledger.reference, anchor):
                values = ledger.side(term, line.speaker)
                other = ledger.last(term, OTHER if line.speaker == SELF else SELF)
                # quoting the other side's number back is not a position of one's own, unless
                # the speaker says it will do it ("if you pick them up I can do $6")
                if (
                    other is not None
                    and abs(proposal.value - other) < 1e-6
                    and values
                    and not _WILL_DO.search(line.text)
                ):
                    continue
                values.append(proposal.value)
                if ledger.reference is None and term == "price":
                    ledger.reference = proposal.value
    if ledger.direction == 0:
        ledger.direction = _infer_direction(ledger)
    return ledger


def _infer_direction(ledger: Ledger) -> int:
    """With no role: the side whose first number was higher wants it higher."""
    for term in ("price", "percent", "days", "months", "years", "weeks"):
        own = ledger.side(term, SELF)
        other = ledger.side(term, OTHER)
        if own and other and own[0] != other[0]:
            return 1 if own[0] > other[0] else -1
    return 0
