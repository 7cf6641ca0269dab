"""Item-splitting games: what each side claims for itself, read from chat or speech.

In a split ("food, water and firewood, 3 each"; "books, hats and balls") a
side gives ground by claiming fewer of an item than it claimed before, and
trades when it claims more of another item (or states a condition) in the
same turn. This module reads a turn into claims per item, from ownership cues
("I take", "you can have", "give me", "the rest") and counts ("two", "all",
"both", "the book"). Only the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

MINE = "mine"
THEIRS = "theirs"
_REFUSED = "refused"  # a cue that gives a word no owner

_ITEM_WORDS: dict[str, str] = {
    "food": "food",
    "foods": "food",
    "water": "water",
    "waters": "water",
    "firewood": "firewood",
    "firewoods": "firewood",
    "wood": "firewood",
    "book": "book",
    "books": "book",
    "hat": "hat",
    "hats": "hat",
    "ball": "ball",
    "balls": "ball",
    "basketball": "ball",
    "basketballs": "ball",
}
_COUNTABLE = frozenset({"book", "hat", "ball", "basketball"})
_COUNT_WORDS = {
    "no": 0,
    "zero": 0,
    "none": 0,
    "0": 0,
    "a": 1,
    "an": 1,
    "one": 1,
    "1": 1,
    "single": 1,
    "two": 2,
    "2": 2,
    "both": 2,
    "three": 3,
    "3": 3,
    "four": 4,
    "4": 4,
}
_ALL = {"all", "every", "everything"}
_ORDINALS = {"second": 2.0, "third": 3.0}
_CLAUSE_VERBS = frozenset(
    {"is", "are", "was", "were", "will", "would", "can", "could", "should", "must", "seems"}
)
# The cue patterns below are searched on " " + text and begin with \W where the words had
# \b: sre then jumps from one non-word character to the next instead of trying every position
# (same matches; a match's start is the word's offset in the text itself).
_MINE_CUES = re.compile(
    r"\W(?:"
    r"(i|i'll|ill|i'd|id|i will|i would|i can|i could|i should|i must|we|we'll|we'd|"
    r"we should)\s+(really\s+|please\s+|"
    r"just\s+|only\s+|also\s+|then\s+|still\s+|personally\s+|definitely\s+|actually\s+|"
    r"probably\s+|rather\s+|honestly\s+|truly\s+|at least\s+)?"
    # "I have a large family to feed and all of my food ...": "have" that tells, not claims
    # "I can get you a firewood" hands it over (_THEIRS_CUES)
    r"(get(?! (?:you|u)\b)|take|keep|"
    r"have(?! (?:an? (?!(?:hat|ball|book|basketball|package|pack)s?\b)\w+|kids|"
    r"children|family|fun|been)\b)|want|need|like|prefer|settle|go|grab|receive|be taking|"
    r"took|got|kept|"
    r"be getting|would like|"
    r"like to have|like to get|love to (?:have|get|take|keep)|would take|need to have)\b"
    r"|(i|we)('m|'re| am| are| was| were) (hoping|planning|wanting|looking|going) to (get|take|"
    r"have|keep|grab)\b"
    r"|(give|giving|leave|let|offer)\s+me\b|(give|giving|leave|offer)\s+us\b|gimme\b"
    r"|for (me|us|myself)\b"
    r"|(can|could|may) (i|we) (then |also |still |please |maybe |at least )?(get|have|take|keep)\b"
    # "since i'm only getting two balls", "i believe i'm deserving of the hat"
    r"|i'm taking\b|i'm getting\b"
    r"|(?:i'm|im|i am|we're|we are) (?:only|just|also|still) (?:taking|getting)\b"
    r"|(?:i|we) (?:deserve|am deserving of|are deserving of)\b|(?:i'm|im|we're) deserving of\b"
    r"|me\b"
    # "could you spare 2 firewood?", "you might be able to spare the firewood": given to us
    r"|(?:you|u) (?:can |could |might |would |will )?(?:be able to )?spare\b"
    # "i could give you 3 firewood if you can do 2 water and 2 food": theirs given to us
    r"|(?<=if )(?:you|u) (?:can |could )?do\b"
    # "need both balls and hat", "hi , need the hat": a want with its "I" left out, at the
    # start of a sentence or after a comma
    r"|(?:(?<=^ )|(?<=[.?!;,] ))(?:need|want)(?= (?:both|all|the|one|two|three|[0-9]|food|water"
    r"|firewood|wood|books?|hats?|balls?)\b)"
    # "throw in one hat and you have a deal", "if you throw in a ball": ours to receive
    r"|(?:(?<=^ )|(?<=[.?!;,] )|(?<=you )|(?<=u ))throw in\b)",
)
_THEIRS_CUES = re.compile(
    r"\W(?:"
    # "do you have help carrying all that firewood?" asks what they have, hands nothing over
    r"(?<!\bdo )(?<!\bdid )(?<!\bdoes )"
    r"you\s+(can\s+|could\s+|would\s+|will\s+|'ll\s+|get to\s+|may\s+)?(also\s+|then\s+|"
    r"even\s+|just\s+|still\s+|definitely\s+)?"
    # "you have fun too and good luck cooking up all that food": no item handed over
    r"(get|take|keep|have|receive|grab|got)\b(?! (?:fun|a (?:good|great|nice|safe|fun|wonderful)|"
    r"to\b|time|kids|children|family|questions?|any (?:questions?|kids)))"
    r"|you'll (get|have|take|keep)\b|you'd (get|have|take)\b"
    # "i'll take the ball and two books if you want 1 book and the hat"
    r"|(?<=if )(?:you|u) (?:really |still |also )?(?:want|need|prefer)\b"
    # "since you are getting 2 water": what they end up with, said as a fact
    r"|you('re| are|'ll be| will be|'d be| would be) (getting|taking|keeping|receiving)\b"
    r"|(give|leave|let|offer)\s+(you|u)\b|for (you|u|your)\b|yours\b"
    # "would you take 1 firewood instead?": an offer put as a question
    r"|(?:would|will|could|can) (?:you|u) (?:be willing to |like to |want to )?(?:take|"
    r"settle for)\b"
    r"|i('ll| will| can| could| would)? (give|let go of|give up|give away|part with|cede|"
    r"offer)\b"
    # "what if you took 2 firewood", "if i gave you the balls": a hypothetical past hands over
    r"|(?<=if )(?:you|u) (?:took|kept)\b|(?<=if )(?:i|we) gave\b"
    # "I might be able to get you 3 packages of water": fetched for them, so theirs
    r"|(?:i|we)(?:'ll| will| can| could| might be able to)? get (?:you|u)\b(?= (?:an?|one|two"
    r"|three|\d+|all|both|the|some|extra|more)\b))",
)
# "take all the balls, i keep everything else": an imperative at a sentence start hands over
_IMPERATIVE_HANDOVER = re.compile(
    # up to two openers: "okay then take both balls"
    r"(?:^|[.?!,]\s+)(?:(?:ok|okay|so|then|well|fine|nah|no|alright|sure)\W+){0,2}"
    r"(take|keep|have)\s+"
    r"(?=(?:all|the|both|\d+|one|two|three|a|an)\b)"
)
# "I am (reluctantly) willing to give away the 3 food": handing items over. Apart from
# _THEIRS_CUES and read only when one of its verbs is there, because it is tried at every "i".
_HANDOVER_CUES = re.compile(
    r"\W(?:(?:(i|we)('m|'re| am| are| would be| will be| can be)?"
    r"|(?:but|and) (?:am|are))"
    r"( \w+ly| more th[ae]n| very| so)? (willing|happy|"
    r"able|ready|glad|prepared|fine|ok|okay) (to|with) (give|giving|let go|letting go|part with|"
    r"parting with|cede|offer|trade|forfeit|sacrifice|surrender)\b"
    r"|(i|we)( \w+ly)?( can| could| will| would|'ll)?( \w+ly)? (give up|give away|part with"
    r"|let go of|forfeit|sacrifice|surrender)\b"
    # "we trade three firewood for 3 food": what is traded away goes to them ("for" swaps back)
    r"|(?<!if )(i|we)('ll| will| can| could| would)? (trade|swap|exchange)\b)",
)
_HANDOVER_VERBS = (
    "giv",
    "forfeit",
    "sacrific",
    "surrender",
    "part with",
    "let go",
    "letting go",
    "cede",
    "offer",
    "trade",
    "swap",
    "exchange",
)
# "I don't need the hats", "I have no use for the book": the speaker lets the item go.
_NOT_NEEDED = re.compile(
    r"\W(?:(?:i|we)\s+(?:really\s+|just\s+)?(?:don'?t|do not|didn'?t|won'?t)\s+"
    r"(?:really\s+|even\s+)?(?:need|want|care (?:about|for)|use)|(?:i|we)\s+(?:have|got|"
    r"'ve got)\s+no\s+(?:need|use)\s+for|no need for|no use for)\b",
)
# "I can't give up the hat", "no way I can give you both": a refused handover keeps the item.
_NEGATED_HANDOVER = re.compile(
    r"\W(?:(?:i|we)\s+(?:just\s+|really\s+|simply\s+)?(?:can'?t|cannot|can not|"
    r"won'?t|will not|wouldn'?t|would not|couldn'?t|could not|don'?t|do not)\s+"
    r"|(?:i'm|im|i am|we're|we are) not\s+(?:going to\s+|gonna\s+|willing to\s+|able to\s+)?"
    r"|no way (?:i|we) (?:can|could|would|will)\s+)"
    r"(?:really\s+|just\s+|possibly\s+|afford to\s+|want to\s+)?"
    r"(?:give|giving|let (?:you|u) (?:have|take|keep)|letting (?:you|u)|let go of|part with|"
    r"parting with|spare)\b",
)
_NEGATION = re.compile(r"n'?t\b|\b(?:not|never|cannot|cant|dont|wont|no way)\b")
# "everything but the hats", "all except the book": the named items go the other way.
_EXCEPT = re.compile(
    r"(?=[aeort])\b(?:everything|all|the rest|everything else)\s+(?:but|except(?: for)?|"
    r"other than|besides|minus)\s+(?P<items>(?:(?:the|a|an|one|two|three|both|\d)\s+)?[a-z]+"
    r"(?:\s*(?:,|and)\s*(?:(?:the|a|an|one|two|three|both|\d)\s+)?[a-z]+)*)",
)
# "1 food for you": the cue after the item; "if that works for you" names no owner.
# It starts with \W (jumps between word edges) and is searched on the words from the item on,
# which never start with "for" itself.
_TRAILING = re.compile(
    r"\W(?<!works )(?<!work )(?<!good )(?<!fine )(?<!fair )(?<!okay )(?<!ok )(?<!better )"
    r"(?<!easier )(?<!enough )(?<!possible )(for) (me|us|myself|"
    # "the balls are the only points for you?" asks what they are worth to them ("book is 8
    # points for me" stays a claim)
    r"(?<!points for )(?<!point for )(?:you|u))\b"
)
# "2 water, 1 food and 2 firewood to you": "to" names an owner only right after a list of
# items ("what is of more value to you, the book or the hat?" names none)
_LIST_TO = re.compile(
    r"(?:(?:\d+|one|two|three|four|a|an|the|all|both|and|,|food|water|firewood|wood|book|hat|"
    r"ball|basketball)s?\s*)+\bto (me|us|you|u)\b"
)
# the words of a list of counted items ("1 food, 3 water and 1 wood", "2 of water"), shortest
# first, for the owner said after it
_ITEM_LIST = (
    r"(?:(?:\d+|one|two|three|four|zero|no|a|an|the|all|both|and|,|/|&|of|packages?|packs?|"
    r"food|water|firewood|wood|fire|book|hat|ball|basketball|only|just)s?\s*)+?"
)
# "1 food, 3 water and 1 wood for me and 2 food and 2 wood for you", "1 food only for me": an
# owner said right after a list binds the list, whatever cue came before it
_LIST_FOR = re.compile(_ITEM_LIST + r"(?<![a-z])for (me|us|myself|you|u)\b")
# "2 of water, 1 of food, 1 of firewood and you take the rest": a bare list, then the rest
# handed over, is the speaker's own share (and "... and I take the rest" is theirs)
_LIST_THEN_REST = re.compile(
    _ITEM_LIST
    + r"(?<![a-z])(?:and |then )?(?:(?P<theirs>you|u)|i|we)(?: can| could| will| may|'ll)? "
    r"(?:have|take|get|keep) (?:all )?(?:of )?(?:the rest|the remainder|everything else|"
    r"the remaining)\b"
)
_OWNER_AFTER_REST = re.compile(
    r"\s*,?\s*(?:(?P<theirs>(?:you|u)(?: can| could| will| may)? (?:have|take|get|keep)|"
    r"(?:is|are|goes|go) (?:to )?(?:yours|you)|for (?:you|u)|to (?:you|u))"
    r"|(?:for|to) (?:me|us)|(?:i|we)(?: can| could| will|'ll)? (?:have|take|get|keep))\b"
)
_REST = re.compile(  # searched on " " + text, as the cue patterns
    r"\W(the rest|everything else|everything|all the rest|the remainder|remaining|"
    r"all else|the others)\b",
)
# "let's split the water": even shares. "how do you want to divide the water?" asks.
_SPLIT_ITEM = re.compile(
    r"(?P<asked>\bhow (?:do|would|should|shall|can|could|will|are|did) (?:you|u|we)"
    r"(?: want to| like to| wanna| plan to| going to| gonna)? )?"
    r"\b(?:split|divide|share) (?:up )?(?:the |our |all the |those )?(?:extra )?"
    r"(" + "|".join(sorted(_ITEM_WORDS, key=len, reverse=True)) + r")\b"
    r"(?! (?:evenly )?(?:for|with) (?:me|us))"
)
# Recognised speech has no full stops, so a negation or an owner in one sentence would reach
# into the next: a new sentence is assumed where a question or a proposal starts.
_CLAUSE_START = re.compile(
    # the space first, so the engine jumps from space to space; the words before it are then
    # checked behind it ("if " ends where the space does)
    r" (?<!\bif )(?<!\bway )(?<!\bwhen )(?<!\bthat )(?<!\bunless )(?<!\bso )(?<!\band )"
    r"(?<!\bbut )(?<!\bor )"
    r"(?=(?:would|could|can|will) (?:you|u)\b|how about\b|what about\b|what if\b"
    r"|(?:i'll|ill|i will|i can|i could|i would|i'd) (?:\w+ )?"
    r"(?:take|get|give|keep|need|want|do)\b)"
)
_TOKEN = re.compile(r"[a-z0-9']+|[.?!;]")
_SENTENCE_END = re.compile(r"[.?!;]")
_SENTENCE_MARKS = frozenset({".", "?", "!", ";"})  # the tokens _SENTENCE_END finds
_OF_ITEM = re.compile(r"\s+of\s+(?:the\s+|your\s+|my\s+)?([a-z]+)")
_OF_EACH = re.compile(  # searched on " " + text, as the cue patterns
    r"\W(one|1|two|2|three|3) of (?:each|everything|every item)(?P<others> else|thing else)?\b"
)


@dataclass(frozen=True)
class Claims:
    """Counts a side claims for itself (`mine`) and leaves to the other (`theirs`), per item."""

    mine: dict[str, float]
    theirs: dict[str, float]
    vague: frozenset[str] = frozenset()  # items claimed with no count ("I need firewood")

    def own_share(self, item: str, total: float | None) -> float | None:
        """How many of `item` the side keeps, from its own claim or from what it leaves."""
        if item in self.mine:
            return self.mine[item]
        if item in self.theirs and total is not None:
            return max(total - self.theirs[item], 0.0)
        return None

    @property
    def empty(self) -> bool:
        return not self.mine and not self.theirs and not self.vague

    @property
    def mentioned_mine(self) -> set[str]:
        return set(self.mine) | set(self.vague)


@lru_cache(maxsize=256)
def items_in_setting(setting: str | None) -> tuple[tuple[str, ...], float | None]:
    """The items of a split game named by the setting, and how many of each (None when unknown)."""
    if not setting:
        return (), None
    low = setting.lower()
    items = tuple(
        dict.fromkeys(_ITEM_WORDS[w] for w in re.findall(r"[a-z]+", low) if w in _ITEM_WORDS)
    )
    total_match = re.search(r"\((\d+) each\)", low)
    total = float(total_match.group(1)) if total_match else None
    return items, total


def is_split_game(setting: str | None, texts: list[str]) -> bool:
    """Whether the negotiation splits items (from the setting, else from the words used)."""
    items, _ = items_in_setting(setting)
    if len(items) >= 2 and "split" in (setting or "").lower():
        return True
    if setting and "listing price" in setting.lower():
        return False
    joined = " ".join(texts).lower()
    return (
        sum(1 for w in ("food", "water", "firewood") if w in joined) >= 2
        or sum(1 for w in ("book", "hat", "ball") if re.search(rf"\b{w}s?\b", joined)) >= 2
    )


# Words after which a bare plural starts or continues a list of whole items ("nah, hats and
# a ball for me"), unlike a modifier ("extra hats") or a verb of wanting ("I want hats").
_LIST_OPENERS = frozenset(
    {
        "and",
        ",",
        "nah",
        "ok",
        "okay",
        "so",
        "well",
        "yes",
        "yeah",
        "sure",
        "then",
        "fine",
        "alright",
        "just",
        "only",
        "about",
        "get",  # "you get books": handed over whole, like "you get the books"
        "take",
        "keep",
    }
)


def _count_word(word: str) -> float | None:
    """The count a word says ("two", "2"), or None."""
    if word in _COUNT_WORDS:
        return float(_COUNT_WORDS[word])
    return float(word) if word.isdigit() else None


_EXCEPT_WORDS = frozenset({"but", "except", "besides"})


def _count_before(tokens: list[str], index: int, total: float | None) -> tuple[float | None, bool]:
    """The count said just before an item word, and whether it was said at all.

    "two food", "all the water", "the balls" (all of them), "1 and half water";
    "the book" is one when the game does not say how many there are. A count
    of None with explicit True means "all of them" in a game of unknown size.
    """
    window = tokens[max(0, index - 4) : index]
    plural = tokens[index].endswith("s") and tokens[index] not in {"firewoods"}
    for pos in range(len(window) - 1, -1, -1):
        word = window[pos]
        if word in _SENTENCE_MARKS or word in _ITEM_WORDS or word in _EXCEPT_WORDS:
            break  # "everything but the book": the "everything" does not count the book
        if word == "half" and pos > 0 and window[pos - 1] in {"and", "a"}:
            continue
        if word in _ALL:
            if _pronoun_all(tokens, max(0, index - 4) + pos):
                break  # "since we all need food": everyone, not all of the food
            return total, True
        if word in _ORDINALS and pos > 0 and window[pos - 1] == "the":
            return _ORDINALS[word], True  # "you could take the second firewood": two in all
        if word in {"a", "an"} and tokens[index] in _COUNTABLE:
            return 1.0, True  # "a ball": one of them
        if word in {"a", "an"} and total is not None:
            return 1.0, False  # "a water supply": an article, not a count, in a game with counts
        if word in {"no", "none"} and pos != len(window) - 1:
            break  # "No, I need the firewood": an answer, not a count of zero
        count = _count_word(word)
        if count is not None:
            if pos + 2 < len(window) and window[pos + 1] == "and" and window[pos + 2] == "half":
                count += 0.5
            lower = (
                _count_word(window[pos - 2])
                if pos >= 2 and window[pos - 1] in {"or", "to"}
                else None
            )
            if lower is not None:
                count = min(count, lower)  # "2 or 3 waters": the least the speaker would take
            return count, True
    if window and window[-1] in {"the", "those", "these", "your", "my", "our"}:
        if plural:
            # "the balls", "for your hats": all of them (None: how many is not known yet)
            return total, True
        if tokens[index] in _COUNTABLE:
            return 1.0, True  # "the book": the single one
    if tokens[index] in _COUNTABLE:
        return 1.0, True  # "you can have hat and one ball": a bare singular is one
    if plural and tokens[index][:-1] in _COUNTABLE and (not window or window[-1] in _LIST_OPENERS):
        return total, True  # "i take book and hats", "nah, hats and a ball for me": all of them
    return 1.0, False


_DETERMINERS = frozenset({"the", "a", "an", "both", "your", "my", "some", "those", "these"})


def _exchanged_after(tokens: list[str], index: int) -> bool:
    """Whether the words from `index` on name what is swapped back ("for 3 water", "for all
    the hats", "for your firewood"), not a purpose ("1 food for hiking", "for the trip")."""
    word = tokens[index]
    if word in _ITEM_WORDS or word in _ALL or _count_word(word) is not None:
        return True
    if word in _DETERMINERS and index + 1 < len(tokens):
        after = tokens[index + 1]
        return after in _ITEM_WORDS or after in _ALL or _count_word(after) is not None
    return False


def _alternative(tokens: list[str], index: int) -> bool:
    """Whether the item word at `index` is one side of "X or Y" ("a book or a ball"), not
    a count range ("2 or 3 waters")."""
    after = tokens[index + 1 : index + 5]
    if after[:1] == ["or"] and any(word in _ITEM_WORDS for word in after[1:]):
        return True
    return any(
        tokens[at] == "or" and at > 0 and tokens[at - 1] in _ITEM_WORDS
        for at in range(max(0, index - 3), index)
    )


def _pronoun_all(words: list[str], pos: int) -> bool:
    """Whether the "all" at `pos` belongs to a subject ("we all", "they all"), not to an item."""
    return pos > 0 and words[pos - 1] in {"we", "they"}


def _all_before(tokens: list[str], index: int) -> bool:
    """Whether "all" is the count said before the item word at `index` ("all of the water")."""
    start = max(0, index - 4)
    for pos in range(index - 1, start - 1, -1):
        word = tokens[pos]
        if word in _SENTENCE_MARKS or word in _ITEM_WORDS or _count_word(word) is not None:
            return False
        if word in _ALL:
            return not _pronoun_all(tokens, pos)
    return False


def _said_all(tokens: list[str], index: int) -> bool:
    """Whether the count before an item word is "all of them" ("the balls", "all the water")."""
    start = max(0, index - 4)
    if any(tokens[pos] in _ALL and not _pronoun_all(tokens, pos) for pos in range(start, index)):
        return True
    window = tokens[start:index]
    return bool(window) and window[-1] in {"the", "those", "these"} and tokens[index].endswith("s")


# An item word, singular or plural, as a regex fragment: "hat", "hats", "wood", "basketballs"
ITEM_WORD = "(?:" + "|".join(word for word in _ITEM_WORDS if not word.endswith("s")) + ")s?"
_ANY_ITEM = re.compile(  # searched on " " + text, as the cue patterns
    r"\W(?:" + ITEM_WORD + r"|each|rest|everything|remainder)\b"
)


def mentions_items(text: str) -> bool:
    """Whether a turn names an item (or "each", "the rest"): without one it claims nothing."""
    return bool(_ANY_ITEM.search(" " + text.lower().replace("fire wood", "firewood")))


def items_named(text: str) -> frozenset[str]:
    """The items a turn names, by whole word: "that" does not name a hat, "wood" names firewood."""
    low = text.lower().replace("fire wood", "firewood")
    return frozenset(_ITEM_WORDS[w] for w in re.findall(r"[a-z]+", low) if w in _ITEM_WORDS)


def gives_the_rest(text: str) -> bool:
    """Whether a turn hands "the rest" to the listener ("i need both balls, you can have the
    rest"): with counts unknown the rest is no number, but it is still on offer."""
    turn = _read_turn(text)
    return turn is not None and turn.rest_owner == THEIRS and not turn.rest_only


def total_of(totals: Mapping[str, float | None] | float | None, item: str) -> float | None:
    if totals is None or isinstance(totals, (int, float)):
        return totals
    return totals.get(item)


def read_claims(
    text: str,
    totals: Mapping[str, float] | float | None,
    items: tuple[str, ...],
    default_owner: str | None = None,
) -> Claims:
    """Read who gets how many of each item in one turn, from its speaker's point of view.

    `totals` is how many of each item there are (one number for all, per item, or None).
    `default_owner` (MINE or THEIRS) takes the counted items no cue gives an owner
    ("how about 3 food for 2 firewood?"); the caller decides it from the context.
    """
    key: tuple[tuple[str, float | None], ...] | float | None
    if totals is None or isinstance(totals, (int, float)):
        key = totals
    else:
        key = tuple(sorted(totals.items()))
    return _read_claims(text, key, items, default_owner)


@dataclass(frozen=True)
class _Turn:
    """What a turn says about ownership, whatever the game's counts and the default owner.

    Why: the split reader asks about one text up to three times (counts unknown, counts
    known, a bare list read against the turn it answers); the regex work is done once.
    """

    low: str
    spans: list[tuple[int, str]]
    tokens: list[str]
    # the tokens the reader acts on: (token index, character offset, word, item or None,
    # owner of an item word from the cues alone)
    steps: list[tuple[int, int, str, str | None, str | None]]
    rest_owner: str | None
    rest_only: frozenset[str]  # "the rest of the food": the rest of that item only
    excepted: list[tuple[int, int]]  # "everything but the hats": spans whose owner flips
    each: tuple[float, bool, str] | None  # "one of each (else)": count, "else", owner
    splits: tuple[str, ...]  # "what if we split the firewood?": half of it each


@lru_cache(maxsize=4096)
def _read_turn(text: str) -> _Turn | None:
    """A turn's cues and tokens, or None when it names no item."""
    low = text.lower().replace("fire wood", "firewood")
    spaced = " " + low
    if not _ANY_ITEM.search(spaced):
        return None
    if len(low) > 40 and not _SENTENCE_END.search(low):  # a short turn is one sentence
        low = _CLAUSE_START.sub(". ", low)
        spaced = " " + low
    spans, tokens, marks = _scan(low, spaced)
    rest_owner: str | None = None
    rest_only: set[str] = set()
    for match in _REST.finditer(spaced):  # offsets in `spaced` end one later
        end = match.end() - 1
        named_after = _OWNER_AFTER_REST.match(low, end)
        if named_after:  # "the rest you have", "the rest for me": the owner is said after
            owner: str | None = THEIRS if named_after.group("theirs") else MINE
        else:
            owner = _owner_at(spans, match.start(), low)
        if not owner:
            continue
        of_item = _OF_ITEM.match(low[end:])
        if of_item and of_item.group(1) in _ITEM_WORDS:
            rest_only.add(_ITEM_WORDS[of_item.group(1)])
        rest_owner = owner
    excepted = (
        [(m.start("items"), m.end("items")) for m in _EXCEPT.finditer(low)]
        if any(w in low for w in ("but", "except", "other than", "besides", "minus"))
        else []
    )
    steps: list[tuple[int, int, str, str | None, str | None]] = []
    for index, at in marks:
        word = tokens[index]
        item = _ITEM_WORDS.get(word)
        steps.append((index, at, word, item, _owner_at(spans, at, low) if item else None))
    each: tuple[float, bool, str] | None = None
    each_match = _OF_EACH.search(spaced)
    if each_match:
        each_owner = _owner_at(spans, each_match.start(), low)
        if each_owner is not None:
            count = float(_COUNT_WORDS[each_match.group(1)])
            each = (count, bool(each_match.group("others")), each_owner)
    splits = (
        tuple(_ITEM_WORDS[m.group(2)] for m in _SPLIT_ITEM.finditer(low) if not m.group("asked"))
        if ("split" in low or "divide" in low or "share" in low)
        else ()
    )
    return _Turn(
        low, spans, tokens, steps, rest_owner, frozenset(rest_only), excepted, each, splits
    )


@lru_cache(maxsize=4096)
def _read_claims(
    text: str,
    key: tuple[tuple[str, float | None], ...] | float | None,
    items: tuple[str, ...],
    default_owner: str | None = None,
) -> Claims:
    # Cached: a session re-reads the same context lines at every turn.
    totals: Mapping[str, float | None] | float | None = dict(key) if isinstance(key, tuple) else key
    turn = _read_turn(text)
    if turn is None:
        return Claims({}, {}, frozenset())
    low, spans, tokens = turn.low, turn.spans, turn.tokens
    mine: dict[str, float] = {}
    theirs: dict[str, float] = {}
    vague: set[str] = set()
    loose: set[str] = set()  # items claimed as "the balls"/"all": a number said later wins
    last_count: float | None = None
    swapped = False  # after "2 water for ...": what follows "for" goes the other way
    owned_in_sentence: str | None = None
    for index, at, word, item, owner in turn.steps:
        # only sentence ends, "for" and item words change anything below
        if word in _SENTENCE_MARKS:
            swapped, owned_in_sentence = False, None
            continue
        if (
            word == "for"
            and owned_in_sentence
            and index + 1 < len(tokens)
            and tokens[index + 1] not in {"me", "us", "you", "myself", "my"}
            and _exchanged_after(tokens, index + 1)
        ):
            swapped = True
            continue
        if item is None:
            continue
        if owner is None and default_owner is not None:
            # a bare list is a proposal, but "if I can not have the hat, no deal" is a refusal
            sentence_start = max((low.rfind(mark, 0, at) for mark in _SENTENCE_MARKS), default=-1)
            if not _NEGATION.search(low, sentence_start + 1, at):
                owner = default_owner
        if owner is None:
            continue
        if any(a <= at < b for a, b in turn.excepted):
            owner = THEIRS if owner == MINE else MINE  # "I take everything but the hats"
        elif swapped and owner == owned_in_sentence:
            owner = THEIRS if owner == MINE else MINE
        elif not swapped:
            owned_in_sentence = owner
        count, explicit = _count_before(tokens, index, total_of(totals, item))
        if (
            not explicit
            and last_count is not None
            and index > 0
            and tokens[index - 1] == "and"
            and {"both", "each"} & set(tokens[max(0, index - 6) : index])
        ):
            count, explicit = (
                last_count,
                True,
            )  # "two of both water and food", "two each of X and Y"
        if (
            not explicit
            and index > 1
            and tokens[index - 1] in {"and", "&"}
            and tokens[index - 2] in _ITEM_WORDS
            and _all_before(tokens, index - 2)
            # "I need all the firewood and food is a large need": a new clause, not a list
            and (index + 1 >= len(tokens) or tokens[index + 1] not in _CLAUSE_VERBS)
        ):
            # "all the water and firewood": the "all" said before the first item counts
            # the second one too
            count, explicit = total_of(totals, item), True
        if explicit and _alternative(tokens, index):
            explicit = False  # "either 2 books or 2 balls": one of them, not both
        target = mine if owner == MINE else theirs
        if explicit and count is None:
            count = max(total_of(totals, item) or 0.0, 2.0)  # "the balls": all, at least two
        if explicit and count is not None:
            last_count = count
            said_all = _said_all(tokens, index)
            # the first count said for an item stands, but a number said after "the balls"
            # or "all" narrows it: "I need the balls, how about I take 1 ball"
            if item not in target or (item in loose and not said_all):
                target[item] = count
                if said_all:
                    loose.add(item)
                else:
                    loose.discard(item)
        elif owner == MINE and _cue_close(spans, at):
            vague.add(item)
    if turn.each is not None:  # "i want one of each": that many of every item
        each_count, others, each_owner = turn.each
        target = mine if each_owner == MINE else theirs
        other = theirs if each_owner == MINE else mine
        for item in items:
            if others and (item in other or item in vague):
                continue  # "you can have two of everything else": not what I claimed
            target.setdefault(item, each_count)
    for item in turn.splits:
        # "what if we split the firewood?": half of it each, whoever says it
        total = total_of(totals, item)
        if total is not None and total > 0:
            mine[item] = theirs[item] = total / 2
            vague.discard(item)
    for item in set(mine) & set(theirs):
        total = total_of(totals, item)
        if total is not None and mine[item] + theirs[item] > total:
            del mine[item]  # "you can have all the water, we have all we need": the give stands
            if item not in loose:
                # "3 water for me and 3 water and firewood for you": counted for both sides,
                # more than there is, is a slip of the tongue; neither share can be read
                del theirs[item]
    rest_owner = turn.rest_owner
    if rest_owner is not None and turn.rest_only:
        target = mine if rest_owner == MINE else theirs
        other = theirs if rest_owner == MINE else mine
        for item in turn.rest_only:
            total = total_of(totals, item)
            if item not in target and total is not None:
                target[item] = max(total - other.get(item, 0.0), 0.0)
    elif rest_owner is not None:
        target = mine if rest_owner == MINE else theirs
        other = theirs if rest_owner == MINE else mine
        for item in items:
            total = total_of(totals, item)
            if item in target:
                continue
            if total is None or (rest_owner == THEIRS and item in vague):
                if rest_owner == MINE and item not in other:
                    vague.add(item)
            elif item not in other:
                target[item] = total
            else:
                target[item] = max(total - other[item], 0.0)
    return Claims(mine, theirs, frozenset(vague - set(mine)))


_MARKS = _SENTENCE_MARKS | {"for", *_ITEM_WORDS}
_PACKAGES = frozenset({"package", "packages", "pack", "packs", "bundle", "bundles"})
# "2 packages of water", "1 pack food", "1 pack fire" (firewood said short): the item is
# named after, so the packages are not anaphora
_NOT_AFTER_PACKAGES = frozenset({"of", *_ITEM_WORDS, "fire"})
_NEXT_WORD = re.compile(r"\W*([a-z]*)")


def _scan(low: str, spaced: str) -> tuple[list[tuple[int, str]], list[str], list[tuple[int, int]]]:
    """Ownership cues and tokens of a lower-cased turn (`spaced` is " " + low).

    The last part lists the tokens the claim reader acts on (sentence ends, "for",
    item words) as (token index, character offset); it skips every other token.
    """
    # both patterns need a negation word; most turns have none, so neither is tried
    # the cue patterns start with \W: a match's end in `spaced` is one after the word's
    may_negate = "no" in low or "n't" in low or "nt " in low
    negated = [(m.start(), m.end() - 1) for m in _NOT_NEEDED.finditer(spaced)] if may_negate else []
    refused = (
        [(m.start(), m.end() - 1) for m in _NEGATED_HANDOVER.finditer(spaced)] if may_negate else []
    )
    spans = [
        (m.start(), MINE)
        for m in _MINE_CUES.finditer(spaced)
        if not any(a <= m.start() < b for a, b in negated)
    ]
    handovers = [(m.start(), THEIRS) for m in _THEIRS_CUES.finditer(spaced)]
    if "take" in low or "keep" in low or "have" in low:
        handovers += [(m.start(1), THEIRS) for m in _IMPERATIVE_HANDOVER.finditer(low)]
    if any(verb in low for verb in _HANDOVER_VERBS):
        handovers += [(m.start(), THEIRS) for m in _HANDOVER_CUES.finditer(spaced)]
    # a refused handover hands nothing over, and claims no count either: "no way I can give
    # you both" keeps one of them, not both
    spans += [cue for cue in handovers if not any(a <= cue[0] < b for a, b in refused)]
    spans += [(a, _REFUSED) for a, _ in refused]
    spans += [(a, THEIRS) for a, _ in negated]
    spans.sort()
    tokens: list[str] = []
    marks: list[tuple[int, int]] = []
    last_item: str | None = None  # the item word last named in this sentence
    for match in _TOKEN.finditer(low):
        word = match.group()
        if word in _ITEM_WORDS:
            last_item = word
        elif word in _SENTENCE_MARKS:
            last_item = None
        elif (
            word in _PACKAGES
            and last_item is not None
            and tokens
            and _count_word(tokens[-1]) is not None
            and _word_after(low, match.end()) not in _NOT_AFTER_PACKAGES
        ):
            # "if I keep 2 packages and you get 1": the packages are of the item just named
            word = last_item
        if word in _MARKS:
            marks.append((len(tokens), match.start()))
        tokens.append(word)
    return spans, tokens, marks


def _word_after(low: str, end: int) -> str:
    """The next word after a position ("" at the end of the turn)."""
    following = _NEXT_WORD.match(low, end)
    return following.group(1) if following else ""


def _cue_close(spans: list[tuple[int, str]], position: int) -> bool:
    """Whether a "mine" cue sits just before a word ("I need water"), close enough to claim it."""
    before = [start for start, who in spans if start <= position and who == MINE]
    return bool(before) and position - before[-1] <= 30


# How far (characters) an ownership cue reaches: about one clause. Recognised speech has no
# full stops, so without a limit "I need" would govern every item to the end of the turn.
_CUE_REACH = 100


def _owner_at(spans: list[tuple[int, str]], position: int, text: str) -> str | None:
    """The owner cue that governs a word: the nearest before it in the same sentence."""
    listed = _LIST_FOR.match(text, position) if "for " in text else None
    if listed:
        words = re.findall(r"[a-z]+", text[position : listed.start(1)])
        # "3 firewood for you and 1 water, 2 water for me": a list that names its first
        # item again holds two owners' shares, and the first belongs with the cue before
        if words and words[0] not in words[1:]:
            return MINE if listed.group(1) in {"me", "us", "myself"} else THEIRS
    owner: str | None = None
    for start, who in spans:
        if start > position:
            break
        if position - start > _CUE_REACH or _SENTENCE_END.search(text, start, position):
            continue
        owner = who
    if owner == _REFUSED:
        return None
    if owner is None:
        # "can you spare 3 water and 1 food for me": the cue comes after the items
        sentence_end = _SENTENCE_END.search(text, position)
        rest = text[position : sentence_end.start()] if sentence_end else text[position:]
        trailing = _TRAILING.search(rest)
        if trailing:
            owner = MINE if trailing.group(2) in {"me", "us", "myself"} else THEIRS
        elif " to " in rest:
            listed = _LIST_TO.match(rest)
            if listed:
                owner = MINE if listed.group(1) in {"me", "us"} else THEIRS
        if owner is None and ("rest" in rest or "else" in rest or "remain" in rest):
            handed = _LIST_THEN_REST.match(rest)
            if handed:
                owner = MINE if handed.group("theirs") else THEIRS
    return owner


def flip(claims: Claims) -> Claims:
    """The same claims seen from the other side."""
    return Claims(dict(claims.theirs), dict(claims.mine))


def estimate_totals(all_claims: list[Claims], items: tuple[str, ...]) -> dict[str, float]:
    """When the setting gives no counts: the most of each item any one turn accounted for."""
    totals: dict[str, float] = {}
    for claims in all_claims:
        for item in items:
            seen = claims.mine.get(item, 0.0) + claims.theirs.get(item, 0.0)
            if seen > totals.get(item, 0.0):
                totals[item] = seen
    return totals
