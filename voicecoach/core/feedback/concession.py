"""concession.unpaid and concession.traded: is ground given, and is it tied to a get?

The rubric's principle: "concessions should be traded, not given". A turn
gives ground when, against the positions read from the context
(`positions.Ledger`, `items.Claims`), it moves the speaker's own number
toward the other side, accepts a number the speaker had resisted, adds an
extra, or claims fewer items than before. The give is traded when the same
turn ties it to something that costs the other side something real (a
condition on pickup, cash, a date, a term; an item asked back); it is not
a concession at all when it is the speaker's first offer or the closing half
of an exchange the other side just set up. Only the standard library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from voicecoach.core.case_blind import CaseBlindPattern
from voicecoach.core.feedback import items as split_items
from voicecoach.core.feedback.positions import (
    CONTRACTED_NOT,
    HIGH_ROLES,
    NOT_WORDS,
    OTHER,
    SELF,
    Ledger,
    Line,
    build_ledger,
    infer_self_role,
    read_proposals,
    split_lines,
    split_move,
    term_of,
)
from voicecoach.core.numbers import NUMBER_WORDS, find_amounts
from voicecoach.core.transcript import Flag, Severity

UNPAID = "concession.unpaid"
TRADED = "concession.traded"
_TERMS = ("price", "percent", "days", "weeks", "months", "years")


# A condition that costs the other side something real. "if you have any questions" does not.
_IF_YOU = CaseBlindPattern(
    # "I was wondering if you would take $270": a polite ask, not a condition
    r"\W(?<!wondering )(?<!wonder )(?<!wondered )"
    r"(if|when|once)\s+(you|u|ya|ur|your)\b(?P<rest>[^.?!;]{0,60})",
    spaced=True,
)
# The items of the split games, when a setting does not name them
_ALL_ITEMS = ("food", "water", "firewood", "book", "hat", "ball")
_COSTLY = re.compile(
    r"\b(pick|picks|picked|come|comes|coming|collect|get it|grab|pay|pays|paid|cash|sign|signs|"
    r"cover|buy|"
    r"take (it|them|the|care|delivery|possession|all|on|over)|commit|agree|meet|bring|do \$?\d|"
    # "if you can be here in one hour": coming quickly is a cost too
    r"be (here|there|over) (in|within|by|today|tonight|tomorrow|before|at)|"
    r"go (up|to)|make it|(go|come|bid|pay|offer) (a )?(little |bit )?(higher|more)\b|"
    r"accept|lease|move in|close|decide|handle|deliver|send|up to|raise|increase|bump|include|"
    r"throw|threw|toss|tossed|waive|today|tonight|now|tomorrow|"
    r"this (week|evening|afternoon|morning|weekend)|"
    # a volume: "if you are taking them all"
    r"taking (it|them|all|both|everything)|"
    r"give|gave|giving|let me|leave me|allow (?:me|us)|spare (?:me|us)|trade|refer|recommend|"
    r"review|order|purchase|settle|transfer|"
    r"venmo|paypal|deposit|upfront|up front|in full|contract|year|month|sign|haul|load|"
    r"can do|could do|come up|come down|bundle|\d|credit|background|references?|"
    # their own move toward us: "I'll sign a 2 year lease if you lower the rent"
    r"lower|reduce|drop|knock|cut|discount|go down|take off|shave|"
    # work done for the other side: "if you will update the fluids", "if you fix the brakes"
    r"fix|fixes|repair|replace|update|service (it|the)|clean|detail|paint|install|assemble|mow|"
    r"maintain|change the|"
    # keeping it for them, turning other buyers away: "if you can hold it a week"
    r"hold (?:it|them|on to it|onto it)\b|"
    # "if you go with the full price, I can get you cable": no haggling is a cost to them
    r"(?:full|asking|list|listed|listing) (?:price|amount)|"
    # a number said in words, as a recogniser writes it ("if you do four hundred")
    r"hundred|thousand|grand|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    # "if you're willing to keep the grounds immaculate": a commitment, unless only to talk
    r"(willing|able|happy|ready|prepared) to (?!negotiate|consider|talk|think|look|discuss|chat|"
    r"hear|listen|wait|work with)\w+)",
    re.I,
)
_NUMBER_WORDS = (
    r"(?:(?:"
    # "nine k", "three point seven five": a number as the recogniser spells it
    + "|".join(
        sorted(NUMBER_WORDS | {"grand", "and", "point", "k"}, key=lambda word: (-len(word), word))
    )
    + r")\s*)+"
)
# an amount as typed or spelled ("2250", "9k", "3.75", "nine hundred"), for the patterns that
# read a number said as the whole of an ask
_AMOUNT = r"(?:\d[\d,.]*k?|" + _NUMBER_WORDS + r")"
# "if you come up to $190": the condition asks only that they take the number we move to,
# which costs them nothing beyond the price itself (rubric: a condition must cost them
# something real); "if you come up to 125 in cash" still ties the move to cash
_PRICE_ONLY_IF = re.compile(
    r"^(?:if|when|once)\s+(?:you|u|ya)(?:'ll|'d|'re)?\s+(?:can\s+|could\s+|would\s+|will\s+)?"
    # "if you are willing to take 3.75", "if you can do it for 9k"
    r"(?:(?:are\s+|be\s+)?(?:willing|able|happy|ok|okay)\s+to\s+)?"
    r"(?:go|come up|come|do|pay|meet me|bump (?:it )?up|make it|take|accept|get|show up with)"
    r"(?:\s+up)?(?:\s+it)?(?:\s+(?:to|at|for))?\s*"
    r"(?:\$\s*)?" + _AMOUNT + r"\s*(?:\$|dollars|bucks|usd)?"
    r"(?:\s*(?:a|per|/|\\)\s*month)?\s*[,.;!]?\s*"
    # ... and what it buys is only the yes: "we have a deal", "it's yours", "i'm in"
    r"(?:$|(?:then\s+)?(?:i think\s+)?(?:we|you)(?:'ve|'ll|'re| have| will| can| could| would)?"
    r"\s*(?:be able to )?(?:have |got |make |call it )?(?:a |it a )?deal\b|(?:it'?s|its) yours\b"
    r"|deal\b|i'?m in\b|imin\b|i am in\b"
    # or only our limit said again: "... get to 680 but that is the absolute lowest"
    r"|but (?:that'?s|that is|it'?s|it is) (?:the |my )?(?:absolute |very )?"
    r"(?:low|high|best|limit|final))",  # "lowest" may be cut short by the clause's length
    re.I,
)
_MAIN_CLAUSE = re.compile(
    r",\s*(?:i|we|then)\b|\s(?:i|we)\s(?:can|could|will|would)\b|\s(?:ill|i'll)\b", re.I
)
_FREE_IF = re.compile(
    r"^\s*('re|are|were)?\s*(interested|ok|okay|fine|happy|curious|around|free|available|"
    # a worry met, not a price asked: "an extended warranty if you're concerned about ..."
    r"concerned|worried|unhappy|unsure|not (sure|happy|satisfied)|dissatisfied)\b"
    # "if you want", but not "if you want to pick it up": that is the cost itself
    r"|^\s*((want|wanna|'d like|would like|'d prefer|would prefer)"
    r"(?! (to )?(pick|come|pay|sign|buy|grab|collect|get it|"
    r"take it|take them))|like|have any|had any|need any|need anything|don't mind|"
    r"do not mind|prefer|think|see|look|check|read|wish|please|are still|still)\b"
    # "the warranty that comes with the bike when you buy it": the sale itself, no cost on top
    r"|^\s*(?:(?:'re|are) (?:going to |gonna )?)?(?:buy|purchase)(?:ing)? "
    r"(?:it|them|this|that|the \w+)\s*$"
    r"|^\s*(can|could)\s*$",
    re.I,
)
_CONDITION_PHRASES = CaseBlindPattern(
    r"\W(as long as|so long as|provided( that)?|providing|on (the )?condition|only if|in exchange|"
    # "... but you will have to pay $1200": only our price said again, no cost beyond it
    r"in return|in trade|you('d| would| will|'ll)? (have|need) to "
    r"(pay(?!\s*\$?\s*" + _AMOUNT + r"\s*(?:dollars|bucks)?\s*(?:[.!?]|$))|pick|come|sign|bring|"
    r"cover|take|buy|agree|commit|get|give|leave|move|handle|ship|haul|load|deliver|"
    r"help (me |us )?(load|move|carry|lift)|(dis)?assemble|dismantle|lift|carry|promise)|"
    # cash asked with our give: "if it's cash I'll take it", "ok, but I need cash"
    r"if (it'?s|it is|its|it'?s paid|paid) (in |with )?cash|(has|have|needs?) to be (in )?cash|"
    r"but (i|we)('ll| will| would)? need (it in )?cash|"
    # the cost named as what the number is for: "$65 for pick up", "280 for a sale today"
    r"(?<=\d )for (a )?pick ?-?up|for (a )?((quick |cash )?sale today|you today)|"
    r"pick (it |them )?up yourself|"
    # "can you do 375 with you arranging pickup?": the cost as how the sale is done
    r"with (you|u) (picking (it |them )?up|arranging (the )?(pick ?-?up|transport|delivery)"
    r"|coming (to|and) (get|pick|grab|collect)|paying (in )?cash)|"
    r"you must (pay|pick|come|sign|bring|cover|take|buy|agree|commit)|"
    # "ok that works, but you would pick up right?"
    r"but you('ll| will| would|'d)? (pay|cover|bring|take|pick|come|get)|"
    r"and you (pay|cover|bring|pick|come|sign|drop|deliver|ship|handle|"
    r"take care|throw in|include|move it|move them|haul|load|collect)|you pay\b|you cover\b|"
    r"only (accept|take)s? (cash|venmo|paypal|zelle)|cash only|"
    # "what if I give you one of the waters. could I get 2 of the firewood then?"
    r"(can|could|may) (i|we) (get|have|take|keep)\b[^.?!]{0,40}?\b(then|in that case)"
    r"(?=\W*$|\W*[.?!/])|"
    r"(?<!how about )(?<!what about )(?<!what if )if (i|we) (can |could )?(also |"
    r"still )?(get|have(?! to\b)|keep|take)|if (i|we) ('?m |am |are |would be |were |could be )?"
    r"(allowed|permitted)|for ((\d|one|two|three|all|both|some) of )?(your|the) (water|food|"
    r"firewood|book|hat|ball)s?|"
    # a longer commitment asked with the number: "I can take $1200 with a 1 year lease", or
    # offered as ours with it: "If I sign a 13 month lease, could you take $2500?"
    # a plain "you pick it up" said with the number: "I could do $8000 cash you pick up"
    r"(?<!when )(?<!if )(?<!once )(?<!before )(?<!after )(?<!can )(?<!could )(?<!will )"
    r"(?<!would )(?<!do )(?<!did )(?<!until )(?<!to )you (pick (it |them )?up|"
    r"come (and |to )?(pick|get|grab|collect)\b)|"
    r"(with|on|for|and|(?:i|we) sign(?:ed)?) (a |an )?(\d+|"
    # spelled, as the recogniser writes them: "a thirteen month lease", "twenty four months"
    r"(?:(?:twenty|thirty|forty)[ -]?)?(?:one|two|three|four|five|six|seven|eight|nine)|ten|"
    r"eleven|twelve|(?:thir|four|fif|six|seven|eigh|nine)teen|twenty|thirty|forty)"
    r"[ -](year|month)s?( long)? "
    r"(lease|contract|term|commitment)|"
    # what the item must come with: "I'll give you 25 if it has new batteries"
    r"if (it|they|the \w+) (has|have|comes? with|includes?|came with)\b(?! (any|a lot|some) "
    r"(damage|issues?|problems?)))\b",
    spaced=True,
)
# an ask that the other side move: "can you come down to 70?", "would you lower the price?"
_MOVE_ASK = (
    r"(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+|be willing to\s+|be will to\s+|"
    r"consider\s+)?(?:lower|drop|reduce|come down|go down|bring (?:it|the price) down)\b"
)
_ASK_EXTRA = CaseBlindPattern(
    r"\W(?=[bciw])(?:((can|could|would|will)\s+(you|u)|(is|would)\s+it\s+(be\s+)?possible\s+for\s+"
    r"(you|u)\s+to)\s+(please\s+|also\s+|actually\s+|"
    # "can you pay $490?" asks only our price of them, not something more
    r"at least\s+|be able to\s+)?(take care of|pay(?!\s*\$?\s*(?:\d|"
    + _NUMBER_WORDS
    + r"))|cover|deliver|"
    r"ship|include|throw in|toss in|add|waive|drop it off|bring|fix|repair|handle|install|paint|"
    r"clean|replace|hold|lower the deposit|help (me|us) (move|load|carry|lift))\b"
    # a payment asked with our yes: "... $540 but I will need some advance today"
    r"|but (i|we)('ll| will| would| do)? need (a |an |some )?(advance|deposit|down payment)\b"
    # asking them to move in the same breath as one's own give: "would you lower the price if
    # I sign a 3 year lease?"
    r"|"
    + _MOVE_ASK
    # the same ask inside our own "if I ...": "if I sign a 2 year lease you could come down"
    + r"|if (i|we) [^.?!]{0,40}?\b(you|u) (could|can|would) (come|go|bring (it|the price)) down\b)",
    spaced=True,
)
# Pickup asked of them with our own number: "$50 for it, could you pick up today?". Read only
# on our turn: theirs asking us to pick up is the logistics of a sale, not a cost they bear.
# Not the logistics of a deal made: "when can you pick it up?".
_ASK_PICKUP = CaseBlindPattern(
    r"\W(?<!when )(?<!where )(?<!time )(can|could|would|will)\s+(you|u)\s+(be able to\s+)?"
    r"(come\s+(and\s+)?)?pick\s+((it|them|this|that|the\s+\w+)\s+)?up\b",
    spaced=True,
)


def _our_condition(text: str) -> str | None:
    """The condition our own turn sets: any real condition, a give priced with what we need
    for it, or pickup asked of them."""
    condition = has_condition(text)
    if condition is not None:
        return condition
    tie = _GIVE_THEN_NEED.search(text)
    if tie:
        return _clause(text, tie.start())
    low = text.lower()
    if "pick" in low:
        pickup = _ASK_PICKUP.search(text)
        if pickup:
            return _clause(text, pickup.start())
    if "if so" in low:
        asked = _ASK_THEN_IF_SO.search(text)
        if asked:
            return asked.group(1).strip()
    return None


# "Would you throw in an oil change? If so I could swing $27000": the question is the condition
_ASK_THEN_IF_SO = re.compile(
    r"(?:^|[.!?]\s+)((?:would|could|can|will)\s+(?:you|u)\b[^.!?]*\?)\s*if so\b", re.I
)


# "please throw in the stand": read only when the words are there (speed, same matches)
_ASK_INCLUDE = CaseBlindPattern(
    r"(^|[.!?,;]\s*)(please\s+)?(throw in|include)\s+(the|a|an|your|those|that)\b"
)
# The speaker adds something of value: an extra, a service, a waived cost.
_EXTRA = CaseBlindPattern(
    r"\W(?:(i|we)\b(?:(?!\byou\b|\bif\b|\bdoes\b|\bdid\b)[^.?!]){0,30}?\b"
    # "to add to my collection" is a purpose, not an extra
    # "I can add 100 more" is money on the price, not an extra
    r"(throw in|throw that in|throw it in|throwing in|toss in|toss that in|toss it in|tossing in|"
    r"include|add in|"
    r"add(?! to (my|our)\b)(?! (?:a |an |another )?(?:\$|\d|" + _NUMBER_WORDS + r"\b))|"
    r"deliver|drop (?:it|them|that|those|these|everything) off|bring it|waive|"
    r"provide|(take|drop|drive|haul) (it|them) (over |off )?(to|by|at) (you|your)|"
    r"cover the|cover your|pay for the|pay the(?! (full|whole|entire|asking|list|listed|listing|"
    r"price|\$|\d))|pay your|help (you )?(load|move|carry)|"
    r"give you (my|a|the|an|free)|"
    # "I'll make sure it's clean", not "I need to make sure I keep money for tolls"
    r"not require|not charge|skip the|get it (tuned|cleaned|detailed|fixed)|"
    # "to make sure it works" (need to, have to, buy the ink to ...) is a purpose, not a service
    r"(?<!to )make sure(?! (i|we|i'm|im)\b)|install|"
    r"have (it|them|(a|an|the|your) \w+) (installed|delivered|fixed|repaired|replaced|cleaned)|"
    # a return or a warranty granted: "I will allow up to 30 day return"
    r"(allow|offer|give you|honou?r)\b[^.?!]{0,20}\b(return|refund|warranty|guarantee)|"
    r"(fix|repair|replace|detail|clean) (it|them|the \w+) (for you|before|first|up)|"
    # "if I signed a multi-year lease", "sign a 2 year contract"
    r"sign(ed)? (an? )?(longer|multi[ -]?year|(\d+|one|two|three|four|five|six|twelve|eighteen)"
    r"[ -](year|month)s?) ?(lease|contract)?|"
    # rent paid ahead: "if I pay a year's worth of rent up front", "paid the whole 6 months"
    r"(?<!looking to )(?<!hoping to )(?<!planning to )pa(y|id) (\w+ ){0,5}?(up ?front|in advance"
    r"|ahead)|"
    r"pa(y|id) (you )?(the |a )?(whole|full|entire|first) ((\d+|one|two|three|four|five|six|"
    r"twelve)[ -])?(months?|years?)\b|"
    r"(do|take) (a |an )?(\d+|one|two|three|four|five|six|twelve|eighteen)[ -](year|month)s? "
    r"(lease|contract)|"
    # "if I entered a contract for 1 year", "enter into a 2-year lease"
    r"enter(ed|ing)? (into )?(a |an |the )?([\w-]+ ){0,2}?(lease|contract)|"
    r"do (all )?(the )?(grounds ?keeping|yard ?work|maintenance|shoveling|repairs|landscaping))\b"
    r"|(free (delivery|shipping|installation|month|tuning|detail|case)|for free|at no (extra )?"
    r"(cost|charge)|half off|no deposit|waive the|no (application|rental|cleaning) fee|"
    r"first month (free|half)|throw in|toss in|i could include|i can include|"
    # "the delivery cost is on me"
    r"(delivery|shipping|gas|fees?|taxes|cost)( costs?| fees?| charges?)? (is|are|will be|'s)"
    r" on (me|us))\b)",
    spaced=True,
)
_CLAUSE_END = re.compile(r"[?!;]|\.(?!\d)")  # not the point of "3.75"
_I_WE = re.compile(r"\b(i|we)\b", re.I)
_SENTENCE_SPLIT = re.compile(r"[.?!]")


def _unpunctuated(text: str) -> bool:
    """Whether a turn has no sentence marks: recognised speech, whose clauses show no ends."""
    return _SENTENCE_SPLIT.search(text) is None


_NEGATED_EXTRA = re.compile(NOT_WORDS, re.I)
_NOT_EXTRA = re.compile(r"\b(is|are|was|were|comes|come) (included|free)\b|\bincluded\b", re.I)
# read with .match: a yes at the start of the turn
_ACCEPT_OPENING = CaseBlindPattern(
    # a filler first: "Hmm... Okay I guess I do that!" (not "well yes, but ...": a point granted)
    r"\W*((hmm+|um+|uh+|well|oh|ah+)\W+(?=ok|sure|fine|alright|all right|deal))?"
    r"(ok+(ay)?|okey|okie|k|sure|yes|yeah|yep|yup|deal|fine|alright|all right|agreed|perfect|great|"
    r"excellent|awesome|cool|done|sold|very good|fair enough|absolutely|certainly"
    # a grudging yes said alone: "whatever." to their number (not "whatever you want, but")
    r"|whatever(?=\W*$))\b"
)
_ACCEPT = CaseBlindPattern(
    r"\W(sounds (pretty |really |very |quite |so )?(good|great|fair|reasonable|ok|okay|fine|"
    r"excellent|perfect|wonderful|awesome|fantastic|amazing|doable|acceptable|agreeable|"
    r"like a (deal|plan))|that'?ll work|(that|(that|this|your) (price|offer|number|amount))"
    r" (works|would work|could work|will work)|works for me|i accept|accepted|"
    r"i('ll| will) take (it|them|that)|"
    # "We can do it for that", "You drive a hard bargain. I agree."
    r"(i|we) (can|could) do it (for|at) that\b|(?<![a-z] )i agree(?=\W*(?:[.!]|$))|"
    r"(we|you) (have|got) (a|yourself a) deal|it'?s a deal|let'?s do (it|that|this)|"
    r"(i|we) (can|could) (certainly |definitely |surely |probably )?"
    r"(do |live with |work with |accept |pay )?that|"
    r"(that|this|it) (seems|looks) (fine|ok|okay|fair|good|great|reasonable|agreeable)|"
    r"that('s|s| is| would be| will be| should be) (fine|ok|okay|fair|good|great|"
    r"acceptable|agreeable|reasonable|a deal|perfect|excellent|wonderful|awesome)|"
    # "Deal." at the end, not "... we both feel we did okay in the deal."
    r"(?<!the )(?<!this )(?<!that )(?<!our )(?<!your )(?<!any )deal(?: ?[.!])*\s*$|"
    r"i('ll| will) pay (it|that|the)|(i'll|i will|i) accept|"
    r"see you (tonight|tomorrow|then|soon)|it'?s yours|if we (do|go with) (this|that|it)|"
    r"(i|we)('d| would| could| can| will| do|'m| am|'re| are)? ((be )?(willing|happy|glad) to )?"
    r"(agree to|accept|go with|pay) (that|this|it|your|the (offer|price|deal|terms))\b|"
    r"(i'll|i will|we'll|we will) do (that|it)\W*$|"
    # "I suppose so, but you would have to pick it up", "if you pay cash I'll make that deal"
    r"(i|we) (suppose|guess) so\b|"
    # a yes bound to its condition: "I'd consider it if you threw in some sheets"
    r"(i|we)('d| would) (consider|do|take|accept) (it|that|this)(?= if (you|u)\b)|"
    # not "I don't think I am okay with that", "not sure if I'm ok with it"
    r"(?<!think )(?<!sure )(?<!if )(?<!whether )(i'?m|i am|we'?re|we are) (ok|okay|fine|good|"
    r"cool|happy) with (that|this|it)\b|(i|we)('ll| will| can| could)? make (that|this|the) deal\b|"
    r"(that|this|it)('ll| will| would| should) do\W*$|"
    # "If you can pick them up today, absolutely!": the yes after its condition
    r"(?<=, )(absolutely|certainly|of course|sure|yes|ok|okay|deal)\W*$)",
    spaced=True,
)
# Agreement that cannot be an answer to a question ("yes, I'd pay 115" is an offer).
_STRONG_ACCEPT = re.compile(
    r"(?=[dilstwy])"  # skip positions no alternative starts at
    r"\b(sounds (pretty |really |very |quite |so )?(good|great|fair|reasonable|"
    r"like a (fair |good |great )?deal)|that works|"
    r"works for me|i(?:'ll| will)? accept|(we|you) (have|got) (a|yourself a) deal|it'?s a deal|"
    r"(?<!the )(?<!this )(?<!that )(?<!our )(?<!your )(?<!any )deal(?: ?[.!])*\s*$|"
    r"let'?s do (it|that|this))",
    re.I,
)
# "Works for me! I'm interested, but I'd like to do it for $1,800": a yes to talking, then
# their own number
_BUT = re.compile(r"\bbut\b", re.I)


def _counter_after_yes(their: str, term: str, reference: float | None) -> bool:
    """Whether a number follows their yes: "Sounds good. Could you take $199?" counters."""
    cut = _BUT.search(their) or _STRONG_ACCEPT.search(their)
    return cut is not None and bool(read_proposals(their[cut.end() :], term, reference, None))


# "Go to $1795 and we have a deal": a number put forward, not a yes to ours
_PROPOSED_DEAL = re.compile(
    # "and" typed short too: "$2075 an you have a deal", "$50 & we have a deal"
    r"(?:\b(?:and|an|n)|&) (?:we|you|u)(?:'ve| have)? (?:have|hve|hav|got) "
    r"(?:a |yourself a )?deal"
    # "If you can do it for 1250, we have a deal": the deal is bound to their number
    r"|\bif (?:you|u)\b(?:[^.!?]|\.(?=\d)){0,60}?\W(?:then )?(?:we|you|u)(?:'ll| will)? "
    r"(?:have|got) (?:a |yourself a )?deal",
    re.I,
)
_CONFIRM_DEAL = CaseBlindPattern(
    r"\W(so )?(do we have|is it|is that|have we got) a deal\W*$", spaced=True
)
_REJECT = CaseBlindPattern(
    r"\W(?:(no deal|not (going to|gonna|able|happening|interest\w*|acceptable|fair|"
    r"(?:being )?reasonable)|"
    r"can'?t|cannot|can not|could not|will not|won'?t|doesn'?t work|does not work|"
    r"too (high|low|much|steep)|no way|not enough|never|decline|pass on|how about|what about|"
    r"counter)\b"
    # "I don't think that would work", "not sure that'll work for me"
    r"|(?:don'?t|do not|dont) think (?:that|this|it)(?:'?ll|'?s)?\b"
    r"|not sure (?:if )?(?:that|this|it)(?:'?ll| would| will| can| could)? work\b"
    r"|(is that|is this|does that|would that|will that|do we have)\b[^.!]*\bdeal\W*$)",
    spaced=True,
)
# read with .match: "no, ..." (not "no problem, that works for me")
_REJECT_OPENING = CaseBlindPattern(r"\W*no\b(?!\W*(?:problem|prob|worries|doubt)\b)")


def _rejects(text: str) -> bool:
    """Whether a turn turns down what is on the table ("no, ...", "can't", "how about")."""
    return _REJECT_OPENING.match(text) is not None or _REJECT.search(text) is not None


_REFUSAL = CaseBlindPattern(
    r"\W(not (be )?able to (go|do|accept|take|come)|(can'?t|cannot|couldn'?t|won'?t) (go|do|accept|"
    r"take|come) (that|so|any|as) (low|high|lower|higher|much|far)|too (low|high|steep)|"
    # "I can't go higher than 2000": a limit restated, not a yes to theirs
    r"(can'?t|cannot|couldn'?t|won'?t) (go|pay|offer|do) (any )?(higher|lower|above|below)|"
    r"that'?s not enough|no deal|not a (good|fair|great) deal"
    # "that sounds reasonable, but I really need the firewood": a point granted, then a no
    r"|but (i|we) (really|still|truly|definitely) (need|want)"
    # "okay, me neither" to "i can't make a deal then": the no shared, not a yes
    # (not "give me either one")
    r"|me (neither|either)(?! (the|a|an|one|of|way|this|that|those|these|\d))"
    r"|neither (can|do|will) (i|we)"
    r")\b",
    spaced=True,
)


@dataclass(frozen=True)
class Give:
    """Ground given in a turn: what kind, the words that show it, the new number if any."""

    kind: str  # "move", "accept", "extra", "items"
    span: str
    new_value: float | None = None
    old_value: float | None = None
    term: str = "price"
    wanted: str | None = None  # split games: the item to ask for back (the tip names it)


# "Cover the delivery and I'll go up to 450": an imperative, then the give; read at sentence starts.
_IMPERATIVE_CONDITION = re.compile(
    r"\W*(?:ok(?:ay)?,? |well,? |so,? |then,? )?(?:you |u )?(cover|pay|sign|pick|throw in"
    r"|include|bring|commit to|agree to|give me|add|take care of|handle)\b[^.?!;]{1,60}\band "
    r"(i|we)('ll| will| can| could|ll)\b",
    re.I,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?;])\s*")
# what every _IMPERATIVE_CONDITION match holds, read on the text lower-cased (speed only)
_IMPERATIVE_TIE = re.compile(r"and (?:i|we)(?:'ll| will| can| could|ll)\b")


# a purchase elsewhere supposed, as an argument: "if you buy a used chair anywhere else"
_ELSEWHERE = re.compile(
    r"\b(?:(?:anywhere|somewhere) else|elsewhere|from (?:someone|somebody|anyone) else)\b", re.I
)


# what they get, then what we need for it: "if you get one water, I'm going to need two
# wood", "if i give up a ball i would need both hats" - the give is priced in the same breath
_GIVE_THEN_NEED = re.compile(
    r"\bif (?:(?:you|u) (?:get|take|have|want|keep|are getting|are taking)"
    r"|(?:i|we) (?:give|let you have|part with|am giving|'m giving))\b"
    r"(?=[^.?!]{0,50}?,? (?:then )?(?:i|we)(?:'ll| will| would|'d|'m going to| am going to|"
    r"'m gonna| am gonna)? ?(?:need|want|take|get|keep|have|require)\b)",
    re.I,
)


# a give, then what we need for it said in the same breath: "i can give you the book, but then
# i would need the hat and all of the balls", "i will need every other object if i let you have
# the hat" (a split game's give; the plain insistence "but i need" with no give is no tie)
_GIVE_BUT_NEED = re.compile(
    r"\b(?:(?:i|we) (?:can |could |will |would )?(?:give|let you have|part with|hand over)"
    r"|(?:i|we)'ll (?:give|let you have)|(?:you|u) (?:can|could|may) (?:have|take|keep))\b"
    r"[^.?!]{0,60}?,? but (?:then )?(?:i|we)(?:'d| would| will|'ll| do)? "
    r"(?:really |still |definitely )?(?:need|want|require)\b"
    r"|\b(?:i|we)(?:'d| would| will|'ll)? (?:need|want|require)\b[^.?!]{0,50}?"
    r"\bif (?:i|we) (?:give|let you have|part with|hand over)\b",
    re.I,
)


_OTHER_ITEMS = re.compile(r"\b(every other|everything else|all the rest|the rest)\b", re.I)


# A swap said in so many words: the give and its get in one breath
_SWAP_FOR = re.compile(
    r"\b(?:trade|swap|exchange)\b[^.?!]{0,60}?\bfor\b[^.?!]*|\bin (?:exchange|return) for\b[^.?!]*",
    re.I,
)


# "in that case, I'll need 3 firewood": the turn takes the other side's last claim as settled
_GIVEN_THAT = re.compile(
    r"\W*(?:(?:ok|okay|well|alright|hmm+|i see)\W+)?(?:in that case|if that'?s the case"
    r"|if that is the case|if so|if that'?s so|then)\b",
    re.I,
)


def _yields_to_their_claim(text: str, lines: Sequence[Line], setting: str | None) -> Give | None:
    """The item the other side just claimed, let go of by a turn that asks for another instead.

    Why: "if that's the case, I'll need 3 firewood" answers their claim on an item the
    speaker had claimed too; it gives that item up, priced by the new ask (rubric: a give
    tied to a get is traded).
    """
    opener = _GIVEN_THAT.match(text)
    last = lines[-1] if lines else None
    if opener is None or last is None or last.speaker != OTHER or is_acceptance(text):
        return None  # "okay, then the deal you mentioned earlier": a yes, read as one
    items, total = split_items.items_in_setting(setting)
    items = items or _ALL_ITEMS
    theirs = split_items.read_claims(last.text, total, items)
    ours: set[str] = set()
    for line in lines:
        if line.speaker == SELF:
            ours |= set(split_items.read_claims(line.text, total, items).mine)
    contested = [
        item for item in items if item in ours and (item in theirs.mine or item in theirs.vague)
    ]
    if not contested:
        return None
    return Give("items", text[: opener.end()].strip(), None, None, contested[0])


def _need_for_the_give(text: str) -> str | None:
    """The words that price a split-game give with another item we need, or None.

    A get is another item ("..., but then i would need the hat"); "I can give you 2 firewood,
    but I need at least 1 as well" only keeps some of the same one.
    """
    tie = _GIVE_BUT_NEED.search(text)
    if tie is None:
        return None
    clause = _clause(text, tie.start())
    if len(split_items.items_named(clause)) > 1 or _OTHER_ITEMS.search(clause):
        return clause
    return None


def has_condition(text: str) -> str | None:
    """The words of a real condition on the other side, or None.

    "if you pick it up today" and "provided you sign for two years" count;
    "if you have any questions" and a bare "if you can" do not.
    """
    match = _CONDITION_PHRASES.search(text)  # spaced: start() is the start in `text`
    if match:
        return _clause(text, match.start())
    low = text.lower()
    # the imperative form needs "and I'll" or the like: skip the sentence walk without it
    if not text.isascii() or _IMPERATIVE_TIE.search(low):
        for start in _SENTENCE_START.finditer(text):
            imperative = _IMPERATIVE_CONDITION.match(text, start.end())
            if imperative:
                return _clause(text, imperative.start(1))
    for found in _IF_YOU.finditer(text):
        # the condition's own words: "if you are local, I can deliver" ends at the comma
        rest_start, rest_end = found.span("rest")
        rest = _MAIN_CLAUSE.split(text[rest_start - 1 : rest_end - 1], maxsplit=1)[0]
        if _FREE_IF.search(rest) or _ELSEWHERE.search(rest):
            continue
        if _COSTLY.search(rest):
            return _clause(text, found.start())
    asks = [_ASK_EXTRA.search(text)]  # spaced: start() is the start in `text`
    if not text.isascii() or "include" in low or "throw in" in low:
        asks.append(_ASK_INCLUDE.search(text))
    starts = [ask.start() for ask in asks if ask]
    if starts:
        return _clause(text, min(starts))  # the first, as one search over both forms
    return None


def _clause(text: str, start: int) -> str:
    """The words from `start` to the end of their clause (at most 80 characters), for a span."""
    while start < len(text) and text[start] in " ,.;!?":
        start += 1
    end = _CLAUSE_END.search(text[start:])
    stop = start + end.start() if end else len(text)
    return text[start : min(stop, start + 80)].strip()


# a question put to them, open up to the extra's words: "would you be willing to ... ?"
_ASKED_OF_THEM = re.compile(
    r"(?:^|[.!?]\s*)(?:(?:\w+,?\s+)?(?:would|could|can|will)\s+(?:you|u)\b"
    # "is there any way you could ... throw in a bottle of wine?"
    r"|(?:is there )?(?:any|a) (?:way|chance) (?:that )?(?:you|u)\b)[^.!?]*$",
    re.I,
)


_OWN_OFFER = re.compile(r"\b(i|we|ill|id)\b", re.I)


def adds_extra(text: str) -> str | None:
    """The words with which the speaker adds something of value, or None."""
    for match in _EXTRA.finditer(text):
        start, end = match.start(), match.end() - 1  # spaced: the words are text[start:end]
        words = text[start:end]
        window = text[max(0, start - 20) : end + 20]
        if _NOT_EXTRA.search(window) and not _I_WE.search(words):
            continue
        if match.group(1) and _NEGATED_EXTRA.search(words):
            continue  # "that won't even cover the taxes": no extra given
        asked = None if match.group(1) else _ASKED_OF_THEM.search(text, 0, start)
        if asked and not _OWN_OFFER.search(text, asked.start(), start):
            # "would you throw in free shipping?": an extra asked for, not given (but "will
            # you go to 7400 and I'll throw in free tinted windows?" offers it)
            continue
        # "if you ..., I can deliver" is the closing half handled by conditions; keep it
        return words.strip()
    return None


# an "if I ..." clause up to the words it holds (no comma or sentence end in between)
_OUR_IF = re.compile(r"\bif\s+(?:i|we)\b[^.?!;,]*$", re.I)
# what the question asks of them in return: "what's my rent then?", "could we work out a deal"
# (not "would you be ok with that?", which only asks them to take the offer)
_ASKS_RETURN = re.compile(
    r"\b(price|rent|cost|discount|lower|less|cheaper|come down|go down|knock|off|reduce|"
    r"work out|change)\b",
    re.I,
)
_CLAUSE_LEAD = re.compile(r"^\W*(?:(?:what|so|and|but|ok|okay|well|then)\b)?\W*", re.I)


def _sentence_bounds(
    text: str, start: int, end: int, marks: re.Pattern[str] = _SENTENCE_SPLIT
) -> tuple[int, int]:
    """Where the sentence holding text[start:end] begins, and where it ends (past its mark)."""
    begin = max((m.end() for m in marks.finditer(text, 0, start)), default=0)
    stop = marks.search(text, end)
    return begin, stop.end() if stop else len(text)


def _rest_of_our_if(text: str, extra: str) -> str | None:
    """The rest of the sentence when the extra sits in an "if I ..." clause of ours, or None.

    "what if I sign a 1 year lease, what's my rent then?" -> "what's my rent then?";
    a bare "what if I throw in delivery?" has no rest, and stays an offer.
    """
    at = text.find(extra)
    if at < 0:
        return None
    start, stop = _sentence_bounds(text, at, at + len(extra), _CLAUSE_END)
    head = _OUR_IF.search(text, start, at + len(extra))
    if head is None:
        return None
    after = text[at + len(extra) : stop]
    comma = after.find(",")
    if comma < 0 and _unpunctuated(text):
        comma = 0  # recognised speech: no comma or mark ends the "if" clause, so keep it all
    rest = text[start : head.start()] + (after[comma:] if comma >= 0 else after[-1:])
    return _CLAUSE_LEAD.sub("", rest, count=1) or None


def _asked_as_question(text: str, rest: str) -> bool:
    """Whether the rest of our "if I ..." sentence asks; recognised speech has no "?" to show it.

    "if i paid the whole six months could we work out a discount price"
    """
    if rest.rstrip().endswith("?"):
        return True
    return _unpunctuated(text) and _SPOKEN_ASK.search(rest) is not None


_SPOKEN_ASK = re.compile(r"(?:would|could|can|will) (?:you|u|we|i)\b", re.I)


def is_acceptance(text: str) -> bool:
    """Whether the turn agrees to what is on the table, without a counter of its own."""
    head = text.strip()
    if not head:
        return False
    if not (_ACCEPT_OPENING.match(head) or _ACCEPT.search(head)):
        return False
    first_clause = _SENTENCE_SPLIT.split(head, maxsplit=1)[0]
    confirm = _CONFIRM_DEAL.search(first_clause)  # spaced: start() is the start in the clause
    if confirm and _STRONG_ACCEPT.search(first_clause, 0, confirm.start()):
        # spoken "that works for me do we have a deal": agreement, then a check, no stop between
        first_clause = first_clause[: confirm.start()]
    if _rejects(first_clause):
        return False
    # "Yes, it's per month. I would not be able to go that low.": an answer, then a refusal
    return not _REFUSAL.search(head)


def _other_gave(line: str) -> bool:
    """Whether the other side's last turn set up an exchange or added something (closing half).

    A condition that asks only for the number itself ("if you'll come up to $190 you have a
    deal") costs them nothing (rubric), so it sets up no exchange for our yes to close,
    unless the turn also offers something of theirs ("I could repair it if you do $430").
    """
    if adds_extra(line) or _TERMS_BEYOND_THE_ASK.search(line):
        return True
    condition = has_condition(line)
    if _EXCHANGE_WORDED.search(line) and not (condition and _PRICE_ONLY_IF.match(condition)):
        return True  # "if you're willing to ...", unless only to take a number
    if condition is None:
        return False
    if _PRICE_ONLY_IF.match(condition):
        # an offer of theirs outside the condition ("I could repair it if you do $430"),
        # not the yes inside it ("if you take 3.75 we will have a deal")
        return _OWN_GIVE_START.search(line.replace(condition, " ")) is not None
    if _ASK_EXTRA.match(condition) or _ASK_INCLUDE.match(condition):
        # their plain ask of us ("will you deliver it?", "can you come down to 70?") offers
        # nothing for what it asks, so our yes to it closes no exchange; an extra asked with
        # a number of theirs ("for $60, can you deliver it?") is their price for it
        if _OWN_GIVE_START.search(line) or _offers_their_cost(line):
            return True
        return not _MOVE_ASKED.match(condition) and bool(find_amounts(line))
    return True


def _offers_their_cost(line: str) -> bool:
    """Whether their turn offers pickup, cash or a coming of theirs with what it asks.

    "If I came and picked it up and brought cash, would you come down?": the ask is paid.
    """
    return _THEY_OFFER.search(line) is not None or _PICKUP_OR_CASH.search(line) is not None


# their ask that we move, read at the start of a condition has_condition returned
_MOVE_ASKED = re.compile(r"\W*" + _MOVE_ASK, re.I)
# "could you drop to 2250?": the move asked of them is to our own number, which is the give
# itself and no cost on top (but "... drop to 2250 if I sign for a year" asks more)
_MOVE_TO_OUR_NUMBER = re.compile(
    r"^"
    + _MOVE_ASK
    + r"(?:\s+(?:it|the price|the rent))?\s+to\s+(?:\$\s*)?"
    + _AMOUNT
    + r"\s*(?:\$|dollars|bucks)?\s*(?:[.?!]|$)",
    re.I,
)


# Terms of theirs beside a condition: a lease, an item left out, a service included
_THEIR_TERMS = (
    r"\b(with|for) (a|the)? ?(\d+|one|two|three|four|five|six|twelve)[ -](year|"
    r"month)s? (lease|contract|term)"
    # "without the stand" gives something up; "without a deposit" asks us to waive a cost
    r"|\bwithout (the|a|any)\b(?! (deposit|fees?|tax|taxes|charges?|interest|security))"
    # "what if we offered water and garbage pickup included, could you do $1533?"
    r"|\b(we|i)('d| would| could| can| will)? offer(ed)? [^.?!]{0,40}\bincluded\b"
)
# (the lookahead skips positions no alternative starts at)
_TERMS_BEYOND_THE_ASK = re.compile(r"(?=[fiw])(?:" + _THEIR_TERMS + ")", re.I)
# ... or an exchange worded as one: "if you're willing to ..."
_WILLING_IF = r"\bif you('re| are) willing to\b"
_EXCHANGE_WORDED = re.compile(_WILLING_IF, re.I)
_OTHER_TERMS = re.compile(r"(?=[fiw])(?:" + _THEIR_TERMS + "|" + _WILLING_IF + ")", re.I)


# The other side offers something of its own with its number or its ask: picking the item
# up, cash, coming today. Moving or agreeing right after is the closing half of that exchange.
_THEY_OFFER = re.compile(
    r"(?=[ai])(?:\b(?:if|and) (?:i|we)(?:'ll| will| can| could| would)? "
    r"(?:dr[io]ve (?:over )?and )?(?:came|come|pick(?:ed)?|paid|pay|bring|brought)\b"
    r"(?: by| over| today| tonight| in cash| cash| it| them| up| to pick| pick)"
    # a longer commitment: "if I entered a contract for 1 year, would you accept $2,760?"
    r"|\bif (?:i|we)(?:'d| would| could| can| will)? (?:sign(?:ed)?|enter(?:ed)?(?: into)?|"
    r"commit(?:ted)?(?: to)?) (?:to )?(?:a |an |the )?[^.?!]{0,25}\b(?:lease|contract)"
    r"|\b(?:i|we)(?:'d| would|'ll| will| can| could)? (?:be )?(?:(?:willing|happy|glad|able) to )?"
    r"(?:come )?(?:pick (?:it|them) up|come (?:by|get it|to you)|pay (?:you )?(?:in )?cash)\b"
    r"|\band (?:(?:i|we)(?:'ll| will| can| could)? )?(?:pick (?:it|them) up|come (?:by|get it)|pay "
    r"(?:in )?cash)\b)",
    re.I,
)


def _moved_toward(new: float, own: float, other: float | None, direction: int) -> bool:
    if other is not None and abs(own - other) > 1e-9:
        if (
            direction
            and direction * (new - own) < -1e-9
            and direction * (new - other) < -1e-9
            and abs(new - other) <= abs(own - other) + 1e-9
        ):
            # past their number, by no more than the gap was ("I could do 575" - "we can do
            # it for 550"): still given; far past it is more likely a number misread
            return True
        return abs(new - other) < abs(own - other) - 1e-9
    if direction:
        return direction * (new - own) < -1e-9
    return False


# "... $60 is my final offer": our own number held, so a "yes" in the turn agrees to nothing
_HOLDING = re.compile(r"\b(final|lowest|bottom line|firm|best i can)\b", re.I)


def _holds(text: str, own: float) -> bool:
    """Whether the turn names our own number as final ("$60 is my final offer")."""
    return _HOLDING.search(text) is not None and any(
        abs(amount.value - own) < 1e-9 for amount in find_amounts(text)
    )


def _our_last_turn_named(value: float, ledger: Ledger, term: str) -> bool:
    """Whether our last turn put `value` forward for `term`."""
    return any(
        abs(p.value - value) < 1e-9
        for p in read_proposals(ledger.last_self_line, term, ledger.reference, None)
    )


def _named_last_turn(value: float, other: float | None, ledger: Ledger, term: str) -> bool:
    """Whether our last turn said yes to their number and they said yes back: that turn gave
    the ground, this one, naming it again, sums the deal up. (Not after "$2300?", a check, nor
    after a condition of ours they did not take up.)"""
    return (
        other is not None
        and abs(value - other) < 1e-9
        and is_acceptance(ledger.last_self_line)
        and is_acceptance(ledger.last_other_line)
        and _our_last_turn_named(value, ledger, term)
    )


def _numeric_gives(text: str, ledger: Ledger, lines: Sequence[Line]) -> list[Give]:
    gives: list[Give] = []
    said = {term_of(a) for a in find_amounts(text)}
    for term in _TERMS:
        if term not in said and term not in ledger.positions:
            continue
        own = ledger.last(term, SELF)
        other = ledger.last(term, OTHER)
        proposals = read_proposals(text, term, ledger.reference, own)
        other_values = set(ledger.side(term, OTHER))
        fresh = [p for p in proposals if p.value not in other_values]
        chosen = (fresh or proposals)[-1] if proposals else None
        restating = chosen is not None and own is not None and abs(chosen.value - own) < 1e-9
        if chosen is not None and not restating:
            if own is None:
                continue  # a first number gives nothing up
            if _named_last_turn(chosen.value, other, ledger, term):
                continue  # "30 works, cash only" - "that works for me" - "a deal at 30": said
            if _moved_toward(chosen.value, own, other, ledger.direction if term == "price" else 0):
                kind = "accept" if other is not None and chosen.value == other else "move"
                gives.append(Give(kind, chosen.text, chosen.value, own, term))
            continue
        if own is not None and other is not None and abs(own - other) > 1e-9:
            if split_move(text):
                gives.append(Give("move", "split the difference", (own + other) / 2, own, term))
            elif (
                term == "price"
                # "$14. Deal?": our own number again, not a yes to theirs ("I wanted $30 but
                # I'll accept your offer" is a yes)
                and not (restating and not _BUT.search(text))
                and is_acceptance(text)
                and not _holds(text, own)
            ):
                their = ledger.last_other_line
                offered = read_proposals(their, term, ledger.reference, None)
                if not offered or (
                    is_acceptance(their)
                    and _STRONG_ACCEPT.search(their)
                    and not _PROPOSED_DEAL.search(their)
                    and not _counter_after_yes(their, term, ledger.reference)
                ):
                    continue  # nothing on the table, or they accepted and this confirms
                value = offered[-1].value
                if abs(value - own) < 1e-9:
                    continue  # they accepted our number: closing, not giving
                if _our_last_turn_named(value, ledger, term):
                    continue  # we named their number last turn: that turn gave, this one closes
                theirs = ledger.side(term, OTHER)
                if (
                    len(theirs) > 1
                    and abs(theirs[-2] - value) < 1e-9
                    and ledger.last_self_line
                    and is_acceptance(ledger.last_self_line)
                ):
                    # "we've got a deal" - "great" - "55 it is" - "ok": our yes was given already
                    continue
                if _moved_toward(value, own, None, ledger.direction):
                    gives.append(Give("accept", text.strip()[:60], value, own, term))
    return gives


def _item_gives(
    text: str, lines: Sequence[Line], setting: str | None
) -> tuple[list[Give], str | None]:
    """Gives in a split game, and the words asking for more of another item (None if none)."""
    items, total = split_items.items_in_setting(setting)
    if not items:
        items = _ALL_ITEMS
    spoken = [line for line in lines if line.speaker is not None]
    totals: dict[str, float] | float | None = total
    if total is None:
        first_pass = [split_items.read_claims(x.text, None, items) for x in spoken]
        first_pass.append(split_items.read_claims(text, None, items))
        totals = split_items.estimate_totals(first_pass, items)
    previous_own: dict[str, float] = {}
    claimed_before: set[str] = set()
    previous_other: dict[str, float] = {}
    offered_before_last: dict[str, float] = {}  # what they had offered us before their last turn
    offered_to_me: dict[str, float] = {}  # the most of each item the other side has offered us
    previous_given: dict[str, float] = {}  # what our own earlier turns handed to them
    last_other: split_items.Claims | None = None
    last_other_line: Line | None = None  # the turn `last_other` was read from
    their_splits: list[split_items.Claims] = []  # each of their turns that named counts
    other_before_last: dict[str, float] = {}
    second_last: split_items.Claims | None = None  # the claims of the turn before the last
    refused_theirs = False  # we turned down a split of theirs ("not going to happen")
    named_every_item = False  # our latest split gave a count for every item
    last_own: dict[str, split_items.Claims] = {}  # each side's latest split, for bare lists
    for at, line in enumerate(spoken):
        claims = _claims_of(
            line.text,
            totals,
            items,
            spoken[at - 1] if at else None,
            line.speaker,
            last_own.get(line.speaker or ""),
        )
        if claims.mine or claims.theirs:
            last_own[line.speaker or ""] = claims
        if at == len(spoken) - 2:
            second_last = claims
        if line.speaker == SELF and their_splits and _rejects(line.text):
            refused_theirs = True
        if claims.empty:
            continue
        if line.speaker == SELF:
            claimed_before |= claims.mentioned_mine
            named_every_item = all(item in claims.mine or item in claims.theirs for item in items)
            previous_own.update(_shares(claims, totals, items))
            previous_given.update(claims.theirs)
            if claims.theirs and not claims.mine and not claims.vague:
                for item in items:  # "you take the hats": what is not named stays ours
                    previous_given.setdefault(item, 0.0)
        else:
            flipped = split_items.flip(claims)
            offered_before_last = dict(offered_to_me)
            for item in items:
                given = flipped.own_share(item, split_items.total_of(totals, item))
                if given is not None and item not in claims.vague:
                    offered_to_me[item] = max(offered_to_me.get(item, 0.0), given)
            other_before_last = dict(previous_other)
            for item in items:
                kept = claims.own_share(item, split_items.total_of(totals, item))
                if kept is not None:
                    previous_other[item] = kept
            last_other = claims
            last_other_line = line
            if claims.mine or claims.theirs:
                their_splits.append(claims)
    current = _claims_of(
        text, totals, items, spoken[-1] if spoken else None, SELF, last_own.get(SELF)
    )
    earlier = _EARLIER_OFFER.search(text)
    if earlier and their_splits and is_acceptance(text):
        # "ok, I agree to your first offer then": the split accepted is that earlier one
        which_start, which_end = earlier.span(1)  # spaced: one past the word in `text`
        named = (
            their_splits[0]
            if text[which_start - 1 : which_end - 1] in {"first", "original", "initial"}
            else their_splits[-1]
        )
        if named is not last_other:
            other_before_last = {}
            offered_before_last = {}
        last_other = named
    gives: list[Give] = []
    asked: str | None = None
    own_now = _shares(current, totals, items)  # what this turn leaves us of each item

    def ask_back(term: str) -> str | None:
        """The item to ask for in return: the one the speaker has claimed most of before."""
        others = [item for item in items if item != term and item in previous_own]
        return max(others, key=lambda item: previous_own[item]) if others else None

    if current.empty and is_acceptance(text) and _deal_closed(spoken):
        return [], None  # "perfect, feel free to enter the deal": the yes was given before
    if (
        not current.empty
        and spoken
        and spoken[-1].speaker == OTHER
        and _restates_their_split(own_now, previous_other, totals)
    ):
        # "so 2 water, 1 food and 2 wood for me then?": their split said back. A question
        # checks it; said as agreement it is the yes to their split, and when they moved in
        # their last turn it is the closing half of that exchange.
        if text.rstrip().endswith("?") and not _PROPOSES.search(text) and not is_acceptance(text):
            return [], None
        if _deal_closed(spoken):
            return [], None  # the split both sides already said yes to, summed up
        if last_other_line is spoken[-1] and (
            any(
                previous_other.get(item, -1.0) < other_before_last.get(item, -1.0) - 1e-9
                for item in items
            )
            # "you can have all the firewood if you offer me 3 water": their exchange, set up
            or (has_condition(spoken[-1].text) is not None and has_condition(text) is None)
        ):
            return [], None
    if (
        not current.empty
        and second_last is not None
        and _plain_yes_to_ours(spoken, second_last, totals, items)
        and has_condition(text) is None
        and not _ALSO.search(text)
        and not _hands_over_more(current, own_now, second_last, totals)
    ):
        # "so I take 3 food and you take the rest, deal?" after their plain yes to our
        # split: the deal summed up, not a new give (unless it sets a condition or hands
        # over more than that split: "ok, you have all the firewood", "a firewood too")
        return [], None
    named_now = split_items.items_named(text)
    if not current.empty and (previous_own or claimed_before):
        # "... you can have the rest" - "then take both balls and i will take all the rest":
        # the rest they offered (in any turn of theirs), taken, is no new ask
        rest_offered = any(
            line.speaker == OTHER and split_items.gives_the_rest(line.text) for line in spoken
        )
        for item in items:
            share = own_now.get(item)
            before = previous_own.get(item)
            offered = offered_to_me.get(item, 0.0)
            if (
                share is None
                and item in current.vague
                and offered == 0.0
                and not rest_offered
                and (before == 0.0 or (before is None and item not in claimed_before))
            ):
                asked = asked or _item_span(
                    text, item
                )  # "I'll need some food": an item not asked for before, nor offered
                continue
            if (
                share is not None
                and before is None
                and item not in claimed_before
                and share > offered
                # kept only by not being handed over ("how about the ball and one hat" to
                # their ask for a book): holding it back asks nothing of them
                and (item in named_now or item in current.mine)
            ):
                asked = asked or _item_span(text, item)
                continue
            if share is None or before is None:
                continue
            if share < before - 1e-9:
                gives.append(
                    Give("items", _item_span(text, item), share, before, item, ask_back(item))
                )
            elif share > max(before, offered) + 1e-9:
                asked = asked or _item_span(
                    text, item
                )  # more than we asked and more than they offered: a get
        for item, count in current.theirs.items():
            given = previous_given.get(item)
            already = any(give.term == item for give in gives)
            if given is not None and count > given + 1e-9 and not already:
                gives.append(
                    Give("items", _item_span(text, item), None, None, item, ask_back(item))
                )
        if gives:
            return gives, asked
    last_spoken = spoken[-1] if spoken else None
    if (
        last_other is not None
        and last_spoken is not None
        and last_spoken.speaker == OTHER
        and (
            earlier
            or not split_items.read_claims(last_spoken.text, totals, items).empty
            # a bare list of theirs ("how about the hats and one ball?"), but not a question
            # about our wants ("would you like the book?", "so you think you need 2 firewood?")
            or (last_other_line is last_spoken and not _YOU.search(last_spoken.text))
        )
        and (previous_own or claimed_before or refused_theirs)
        and is_acceptance(text)
    ):
        # Agreeing to their split: a give if it leaves us less than we asked, unless they
        # moved or set a condition first (the closing half), or we ask something back now.
        # They moved first (keep less of some item than before): the closing half. A
        # condition of theirs that asks only for what our own split had already handed over
        # ("... if you give me 3 waters") pays for nothing. Nor is a swap of theirs (a water
        # handed over, a firewood taken back) a move toward our full split.
        asks_nothing_new = bool(last_other.mine) and all(
            count <= previous_given.get(item, -1.0) + 1e-9
            for item, count in last_other.mine.items()
        )
        kept_now = {
            item: share
            for item in items
            if (share := last_other.own_share(item, split_items.total_of(totals, item))) is not None
        }
        took_back = named_every_item and any(
            share > other_before_last[item] + 1e-9
            for item, share in kept_now.items()
            if item in other_before_last
        )
        their_condition = has_condition(last_spoken.text)
        closing = (
            their_condition is not None
            and not asks_nothing_new
            and not _ONLY_THE_REST.match(their_condition)
            # "if i get the ball, i need one book": a condition on their own gain, with
            # nothing handed to us, sets up no exchange; it only asks more of us
            # ("okay i can do that if i get the books as well" closes ours; "i will give you
            # all of it if i can have the food" hands over what the reader cannot count)
            and not (
                _OWN_GAIN_IF.match(their_condition)
                and not last_other.theirs
                and not _HANDS_OVER.search(last_spoken.text)
                and not is_acceptance(last_spoken.text)
            )
        ) or (
            not took_back
            and any(share < other_before_last.get(item, -1) for item, share in kept_now.items())
        )
        accepted = _shares(split_items.flip(last_other), totals, items)
        if (
            last_other.theirs
            and not last_other.mine
            and not last_other.vague
            and not _ALSO.search(last_spoken.text)
        ):
            for item in items:  # "you take all hats": what they hand over is all we get
                accepted.setdefault(item, 0.0)
        elif last_other.theirs and _THE_REST.search(last_spoken.text):
            for item in last_other.vague:  # "2 hats if I get everything else": no ball is ours
                accepted.setdefault(item, 0.0)
        # ... or their last split gives us more of something than they had offered before
        closing = (
            closing
            or not took_back
            and any(
                share > offered_before_last[item] + 1e-9
                for item, share in accepted.items()
                if item in offered_before_last
            )
        )
        # Their split gives us more of something than we asked: a package they set up,
        # and agreeing to it is its closing half.
        said_before = split_items.items_named(
            " ".join(line.text for line in spoken if line.speaker == SELF)
        )
        closing = closing or any(
            share > previous_own[item] + 1e-9
            if item in previous_own
            else share > 0 and item not in said_before  # an item we never spoke of
            for item, share in accepted.items()
        )
        if closing and not asked:
            return [], None
        if any(
            own_now.get(item, -1.0) > share + 1e-9 and item in named_now
            for item, share in accepted.items()
        ):
            return gives, asked  # "yes, ... but I need at least 1 firewood": a counter, not a yes
        for item in items:
            accepted_share = accepted.get(item)
            before = previous_own.get(item)
            if before is None and item in claimed_before:
                before = 1.0  # we asked for some of it, without a number
            if accepted_share is not None and before is not None and accepted_share < before - 1e-9:
                gives.append(
                    Give("accept", text.strip()[:60], accepted_share, before, item, ask_back(item))
                )
        if refused_theirs and not (previous_own or claimed_before) and not asked:
            # rubric: accepting an offer one had resisted before gives ground, numbers or not
            wanted = [item for item in items if last_other.mine.get(item)]
            term = wanted[0] if wanted else "split"
            gives.append(Give("accept", text.strip()[:60], None, None, term))
    return gives, asked


_ALSO = re.compile(r"\b(also|too|as well|plus)\b", re.I)  # "you can have the balls also"
# A turn that sums up the deal to check it ("just to confirm, I get 2 water ...", "am I
# correct?") proposes nothing new, so it gives nothing.
_RECAP = CaseBlindPattern(
    r"\W(am i (correct|right)|just to (clarify|confirm|be clear|recap)|to recap|so to confirm|"
    r"to confirm|is that (correct|right)\?|did i get that right|what do you mean"
    r"|let'?s recap|let me recap)(?!\w)",
    spaced=True,
)
_YOU = re.compile(r"\b(you|u|ya)\b", re.I)
_EARLIER_OFFER = CaseBlindPattern(
    r"\W(first|original|initial|previous|earlier|last|other) (offer|deal|proposal|split|idea)\b",
    spaced=True,
)


# "So, it looks like we have reached a compromise", "we have a deal": agreement stated
_DEAL_REACHED = CaseBlindPattern(
    r"\W(?:we(?:'ve| have)? (?:reached|got|have|made|struck) (?:a |an )?(?:deal|compromise|"
    r"agreement)|(?:it'?s|that'?s) a deal)\b",
    spaced=True,
)


# A yes of theirs that counters or checks ("ok, but I need ...", "ok fine, is that your best
# offer", "yes if you add a hat") is no plain yes
_YES_WITH_MORE = re.compile(
    r"\?|n't|\b(but|if|need|want|what|how|only|is (that|this)|no|dont|cant|wont)\b", re.I
)


_ASKS_THEIR_DEMAND = re.compile(r"\byou (really |still )?(refuse|insist|need|require)\b", re.I)


def _plain_yes_to_ours(
    spoken: Sequence[Line],
    ours_read: split_items.Claims,
    totals: dict[str, float] | float | None,
    items: tuple[str, ...],
) -> bool:
    """Whether their last turn is a bare yes to the split of our turn before it.

    `ours_read` is that turn's claims, as `_item_gives` read them.
    """
    if len(spoken) < 2 or spoken[-1].speaker != OTHER or spoken[-2].speaker != SELF:
        return False
    theirs = spoken[-1].text
    ours = spoken[-2].text
    if (
        _YES_WITH_MORE.search(theirs)
        or _ASKS_THEIR_DEMAND.search(ours)  # "yes" to "do you refuse ...?" holds theirs
        or _EARLIER_OFFER.search(theirs)  # "ok the first deal was cool": not ours
        or not is_acceptance(theirs)
        or has_condition(theirs) is not None
        or not split_items.read_claims(theirs, totals, items).empty
    ):
        return False
    # our yes to their split, or a split of ours with counts; not a question
    return is_acceptance(ours) or bool(ours_read.mine or ours_read.theirs)


def _hands_over_more(
    current: split_items.Claims,
    own_now: dict[str, float],
    ours_before: split_items.Claims,
    totals: dict[str, float] | float | None,
) -> bool:
    """Whether an item we hand over now leaves us less of it than our turn before did."""
    for item in current.theirs:
        before = ours_before.own_share(item, split_items.total_of(totals, item))
        if before is not None and own_now.get(item, before) < before - 1e-9:
            return True
    return False


def _deal_closed(spoken: Sequence[Line]) -> bool:
    """Whether our last turn said yes to their split and their turn since said yes back."""
    if len(spoken) < 2 or spoken[-1].speaker != OTHER or spoken[-2].speaker != SELF:
        return False
    ours, theirs = spoken[-2].text, spoken[-1].text
    return (is_acceptance(ours) or _DEAL_REACHED.search(ours) is not None) and (
        _ACCEPT_OPENING.match(theirs.strip()) is not None or is_acceptance(theirs)
    )


def _restates_their_split(
    own: dict[str, float],
    their_kept: dict[str, float],
    totals: dict[str, float] | float | None,
) -> bool:
    """Whether our shares of two or more items are exactly what their standing split leaves us."""
    if len(own) < 2:
        return False
    for item, share in own.items():
        total = split_items.total_of(totals, item)
        kept = their_kept.get(item)
        if total is None or kept is None or abs(total - kept - share) > 1e-9:
            return False
    return True


def _claims_of(
    text: str,
    totals: dict[str, float] | float | None,
    items: tuple[str, ...],
    answered: Line | None,
    speaker: str | None,
    own_before: split_items.Claims | None = None,
) -> split_items.Claims:
    """A turn's claims; a bare item list with no owner is read against the turn it answers.

    "how about 3 food for 2 firewood?", "the ball and two books ." after "what would you
    like": no one is named, so `_default_owner` decides from `answered`; `own_before` is the
    speaker's own last split, which a list cut down from it revises.
    """
    claims = split_items.read_claims(text, totals, items)
    if (
        speaker == OTHER
        and answered is not None
        and answered.speaker == SELF
        and not claims.theirs
        and not claims.empty
        and _THE_REST.search(text)
        and not split_items.items_named(text)
    ):
        # their "i'll take the rest" after our "i need 1 hat": the rest is what we did not ask
        # for, not every item (nor, with counts only guessed, that 1 hat as well); so a yes to
        # it gives nothing up. (Our own "the rest" is left as read: the coach's labels take
        # it as a claim made in return.)
        asked = split_items.read_claims(answered.text, totals, items)
        if asked.mine and not asked.theirs:
            rest = set(items) - asked.mentioned_mine  # "twoo balls": asked for, if not counted
            return split_items.Claims({}, dict(asked.mine), frozenset(rest))
    if claims.empty and answered is not None:
        owner = _default_owner(answered, speaker or SELF)
        listed = split_items.read_claims(text, totals, items, owner)
        if owner == split_items.THEIRS and own_before is not None and own_before.mine:
            # "ball and 1 book is my best offer" after our "2 books 1 ball" and their "i need
            # the ball and the hats": a book only we asked for makes it our own list, cut down
            wanted = split_items.read_claims(answered.text, totals, items).mentioned_mine
            if wanted and any(
                item in own_before.mine and item not in wanted for item in listed.theirs
            ):
                listed = _only_these(
                    text,
                    split_items.read_claims(text, totals, items, split_items.MINE),
                    totals,
                    items,
                )
        if not listed.empty and not _not_a_list(text):
            return listed
    return claims


# "just the hats", "only 2 books": the items named are all the speaker keeps
_ONLY_THESE = re.compile(
    rf"\b(?:just|only) (?:the |\d+ |one |two |three |a )?{split_items.ITEM_WORD}\b", re.I
)


def _only_these(
    text: str,
    claims: split_items.Claims,
    totals: dict[str, float] | float | None,
    items: tuple[str, ...],
) -> split_items.Claims:
    """Claims with what a "just the hats" leaves unnamed handed to the other side."""
    if not claims.mine or claims.theirs or claims.vague or not _ONLY_THESE.search(text):
        return claims
    rest = {}
    for item in items:
        total = split_items.total_of(totals, item)
        if item not in claims.mine and total is not None:
            rest[item] = total
    return split_items.Claims(dict(claims.mine), rest) if rest else claims


_HANDS_OVER = re.compile(
    r"\b(?:give|giving|offer|let) (?:you|u)\b|\byou (?:can|could|may) (?:have|take|get|keep)\b",
    re.I,
)
_OWN_GAIN_IF = re.compile(r"(only )?if (i|we) (can |could )?(get|keep|have|take|receive)\b", re.I)
# "the rest", "all the rest", "everything else" (not "everything": that claims every item)
_REST_WORDS = r"(?:rest|every ?thing else|the remainder)"
_THE_REST = re.compile(rf"\b{_REST_WORDS}\b", re.I)
# "... if I get everything else": the other half of their own split, no price on top of it
_ONLY_THE_REST = re.compile(
    rf"(only )?if (i|we) (can |could )?(get|keep|have|take) (all )?(the )?{_REST_WORDS}$", re.I
)
# Items named in a sentence that is no list: insisting on one ("the hat is a must have",
# "without the hat i can't make points") or refusing one ("no books no deal").
_NOT_A_LIST = re.compile(
    rf"\b(?:without (?:the |a |any |my |your |that )?{split_items.ITEM_WORD}\b"
    rf"|{split_items.ITEM_WORD} (?:is|are) "
    r"(?:a must|essential|necessary|non ?-?negotiable|vital|crucial)\b"
    rf"|^\W*no {split_items.ITEM_WORD}\W*(?:no deal\W*)?$"
    # "I appreciate your offer of 2 firewood. Why do you need 3 food?": theirs, asked about
    r"|\byour offer of\b|\bwhy (?:do|would|did) (?:you|u) (?:need|want)\b)",
    re.I,
)
# Holding one: "the ball is worth too much to me", "i won't let go of that book". Searched
# only when one of its verbs is in the text (`_HOLD_WORDS`): most turns have none (speed).
_HOLDS_ITEM = re.compile(
    rf"{split_items.ITEM_WORD} (?:is|are) (?:worth (?:too much|a lot|more)|too (?:valuable"
    r"|important))\b"
    r"|\b(?:won\W?t|will not|can\W?t|cannot|not going to|not gonna) (?:let go of|give up"
    rf"|part with) (?:the |that |my |this |those )?(?:\w+ )?{split_items.ITEM_WORD}\b",
    re.I,
)
_HOLD_WORDS = ("worth", "too ", "let go", "give up", "part with")


def _not_a_list(text: str) -> bool:
    """Whether items named with no owner insist on, refuse or hold one rather than list a split."""
    if _NOT_A_LIST.search(text):
        return True
    low = text.lower()
    return any(word in low for word in _HOLD_WORDS) and _HOLDS_ITEM.search(text) is not None


_ASKS_WHAT_WE_WANT = CaseBlindPattern(
    r"\W(?:what (would|do|will) (you|u) (like|want|need|prefer)|which (would|do) (you|u))",
    spaced=True,
)
_STATES_OWN_WANT = CaseBlindPattern(
    r"\W(?:(i|we)('d| would| really| still| also| just)? (need|want|like|prefer)|let me have"
    r"|(can|could|may) (i|we) (have|get|take|keep)|give me)\b",
    spaced=True,
)


def _default_owner(last: Line, speaker: str = SELF) -> str:
    """Whose share an item list with no owner names, from the turn it answers.

    After the other side says what it needs ("I need another item", "let me have two
    hats") it is what we offer them; otherwise, "what would you like?" included, a bare
    list is our own counter-proposal.
    """
    if (
        last.speaker not in (None, speaker)
        and _STATES_OWN_WANT.search(last.text)  # the rarer of the two first (speed)
        and not _ASKS_WHAT_WE_WANT.search(last.text)
    ):
        return split_items.THEIRS
    return split_items.MINE


def _shares(
    claims: split_items.Claims, totals: dict[str, float] | float | None, items: tuple[str, ...]
) -> dict[str, float]:
    """What a turn leaves its speaker of each item, filling in what a full proposal implies.

    A turn that claims counts for two or more items ("I take 2 food and 1
    water") leaves the items it does not name to the other side; a turn that only
    hands items over ("you can have two waters") keeps the unnamed ones.
    """
    shares: dict[str, float] = {}
    for item in items:
        share = claims.own_share(item, split_items.total_of(totals, item))
        if share is not None:
            shares[item] = share
    named = set(claims.mine) | set(claims.theirs) | set(claims.vague)
    if len(named) < 2 or set(claims.theirs) == set(claims.mine):
        # "you have 2 food and 1 firewood, I take 1 food and 2 firewood": that part only
        return shares
    for item in items:
        if item in named or item in shares:
            continue
        # an item both wanted vaguely and handed over with a count ("you are taking 2 foods
        # ... cook food") is theirs: it does not make the turn a full proposal
        if claims.mine and len(set(claims.mine) | (claims.vague - set(claims.theirs))) >= 2:
            shares[item] = 0.0
        elif claims.theirs and not claims.vague and not claims.mine:
            total = split_items.total_of(totals, item)
            if total is not None:
                shares[item] = total
    return shares


def _item_span(text: str, item: str) -> str:
    """The words up to the item, within its clause and at most eight of them.

    Recognised speech has no commas or full stops, so its clause would run from the start
    of the turn; the panel quotes the few words that matter.
    """
    match = re.search(rf"[^,.;?!]*\b{item}\w*", text, re.I) or _IMPLIED_ITEMS.search(text)
    if not match:
        return " ".join(text.split()[:8])
    return " ".join(match.group(0).split()[-8:])


# an item no word names, claimed by "the rest" or "everything else"
_IMPLIED_ITEMS = re.compile(r"[^,.;?!]*\b(?:rest|else|remainder|each|everything)\b", re.I)


def _fmt(value: float | None) -> str:
    if value is None:
        return "that"
    return f"{value:,.0f}" if value >= 100 or value == int(value) else f"{value:g}"


def detect_concessions(
    text: str,
    context: Sequence[str],
    role: str | None = None,
    setting: str | None = None,
) -> list[Flag]:
    """Flag a turn that gives ground: `traded` when tied to a get, else `unpaid`."""
    if not text or not text.strip():
        return []
    flags = _concessions(text, context, role, setting)
    if flags and (_RECAP.search(text) or _said_again(text, context, role)):
        return []  # read last: the few turns with a give pay for it (speed, same verdicts)
    return flags


_NOT_WORDS = re.compile(r"\W+")


# "that would mean you get everything", "so that means i get 2 food": a split worked out aloud
_WHAT_IT_MEANS = re.compile(
    r"\b(?:that|this|which|it)\s+(?:(?:would|will)\s+(?:mean|leave)|means|leaves)\b(?!\s+a lot)",
    re.I,
)


def _reads_out_a_split(text: str) -> bool:
    """Whether the turn's items are only named in working out what a split means for each side.

    "I understand but that would mean you get everything and i get nothing. How is that fair?"
    reads out their split to object to it; it hands nothing over. A yes said with it, or items
    named before the words or in another sentence ("That leaves me with very little. Can I
    have 1 water?"), are read as usual.
    """
    if _WHAT_IT_MEANS.search(text) is None or is_acceptance(text) or _unpunctuated(text):
        return False  # recognised speech: no mark shows where the reading-out ends
    for sentence in _SENTENCE_SPLIT.split(text):
        cue = _WHAT_IT_MEANS.search(sentence)
        # "i take 2 food which would leave you all the water": a split put forward, read out
        if split_items.mentions_items(sentence if cue is None else sentence[: cue.start()]):
            return False
    return True


def _said_again(text: str, context: Sequence[str], role: str | None) -> bool:
    """Whether the turn repeats our own last turn word for word: nothing new is given."""
    ours = [line.text for line in split_lines(context, role) if line.speaker == SELF]
    return bool(ours) and (
        _NOT_WORDS.sub(" ", ours[-1].lower()).strip() == _NOT_WORDS.sub(" ", text.lower()).strip()
    )


def _concessions(
    text: str, context: Sequence[str], role: str | None, setting: str | None
) -> list[Flag]:
    lines = split_lines(context, role)
    # The cheap tests come first: most turns give nothing, and the role and condition
    # matter only once a give is found (same verdicts, fewer passes over the text).
    if split_items.is_split_game(setting, [text, *(line.text for line in lines)]):
        if not split_items.mentions_items(text) and not is_acceptance(text):
            return []  # no item named and nothing agreed to: no claim, so no give
        if _reads_out_a_split(text):
            return []
        gives, asked = _item_gives(text, lines, setting)
        if not gives and asked:
            yielded = _yields_to_their_claim(text, lines, setting)
            if yielded is not None:
                return [_traded(yielded, asked, text, package=True)]
        if not gives:
            return []
        self_role = infer_self_role(lines, role)
        condition = _our_condition(text)
        if (
            condition
            and not condition.lower().startswith("only")
            and _PROPOSAL_IF.search(text, 0, max(text.find(condition), 0))
        ):
            condition = None  # "what if I get the ball and one book?": a proposal, not a tie
        if condition is None:
            condition = _need_for_the_give(text)
        if condition is None:
            swap = _SWAP_FOR.search(text)  # "I'll trade you 2 waters and 2 food for 3 firewood"
            condition = swap.group() if swap else None
        give = gives[0]
        if condition:
            return [_traded(give, condition, text)]
        if asked:
            return [_traded(give, asked, text, package=True)]
        return [_unpaid(give, self_role)]
    extra = adds_extra(text)  # read once: the gate below and the verdict both need it
    if not (
        find_amounts(text)
        or split_move(text)
        or is_acceptance(text)
        or extra
        or _MODAL_YES.match(text)
    ):
        return []  # no number, split, acceptance, extra or move: nothing can be a give
    self_role = infer_self_role(lines, role)
    ledger = build_ledger(lines, self_role, setting)
    gives = _numeric_gives(text, ledger, lines)
    if extra and _their_extra_said_back(extra, lines):
        extra = None  # "2000 a month and the first month free": their offer said back
    asked_back = None
    rest = _rest_of_our_if(text, extra) if extra and not gives else None
    if rest is not None and _rejects(rest):
        extra = None  # "that's too low if I'm also delivering": a reason, nothing given
    elif rest is not None and _asked_as_question(text, rest) and _ASKS_RETURN.search(rest):
        # "could we work out a deal if I sign a 2 year lease?": the extra is tied to their move
        asked_back = rest.strip(" ,?")
    granted = None if gives or extra else _granted_ask(text, ledger.last_other_line)
    if not gives and not extra and not granted:
        return []
    condition = _our_condition(text) or asked_back
    if not condition and self_role in _PROVIDER_ROLES:
        condition = _cash_asked(text, lines)
    if granted:
        gives.append(Give("extra", granted, None, ledger.last("price", SELF)))
    # whether their last turn set up an exchange: read only when a verdict depends on it
    elif not gives and (condition or not _other_gave(ledger.last_other_line)):
        gives.append(Give("extra", extra or "", None, ledger.last("price", SELF)))
    if not gives:
        return []
    give = gives[0]
    if (
        condition
        and not extra
        and (_PRICE_ONLY_IF.match(condition) or _MOVE_TO_OUR_NUMBER.match(condition))
    ):
        condition = None  # an extra with it is still bundled with our price: a package
    if give.kind == "extra" and not condition and _prices_the_extra(text, extra or "", ledger):
        condition = "your price in return"  # an extra bundled with one's own price ask: a package
    if condition and _offered_already(condition, ledger.last_other_line):
        # "see you when you pick it up" after they offered to pick it up: no new get
        if give.kind == "accept":
            # "if you can pick up today, you have a deal": the yes is tied to their cost in
            # so many words (rubric: a condition in the same utterance); "see you when you
            # pick it up" only closes the exchange they proposed
            return [_traded(give, condition, text)] if _STATED_TIE.match(condition) else []
        their = ledger.last_other_line
        their_tie = has_condition(their)
        if not (their_tie and adds_extra(their)) and (
            give.kind != "move" or (their_tie and not _THEY_OFFER.search(their))
        ):
            # A number of ours tied to a cost they offered or named ("400 if I pick it
            # up?" - "450 if you pick it up") is a package in which both move; their ask of
            # us handed back ("if you pay the bill" - "65, and you pay the bill") buys
            # nothing. Other gives: only their own conditional offer ("I'll deliver if you
            # come up") stays a tie.
            condition = None
    # "Are you able to pay a deposit and sign a 6 month lease?" - "Yes I can" - "Then I can
    # do $930": their yes to the cost we asked for is what our move pays for
    if (
        give.kind in ("move", "accept")
        and not condition
        and _their_yes_to_our_ask(ledger.last_self_line, ledger.last_other_line)
    ):
        return [_paid_by_their_yes(give, text)]
    if give.kind == "accept" and not condition:
        their = ledger.last_other_line
        # The closing half of an exchange the other side just set up, or of their number or
        # ask that came with pickup or cash: "$35 if I came by to pick it up myself?" -
        # "sure". A counter of our own ("$350 and we have a deal") is still a move of ours.
        # Their offer may also still be open from before our last turn: "... if I came by to
        # pick it up?" - "what were you thinking?" - "35?" - "sure".
        exchanged = (
            bool(_THEY_OFFER.search(their)) and not _our_cost_back(their, ledger.last_self_line)
        ) or (
            # "$400 if you could deliver" - "425 and I'll deliver it": the delivery was our
            # own ask, so it pays for nothing
            _other_gave(their) and not _our_ask_granted(their, ledger.last_self_line)
        )
        # their number that only asks us to pick it up or pay cash sets up no exchange
        if (exchanged and not _only_pickup_asked(their)) or _THEY_OFFER.search(
            _their_open_offer(lines)
        ):
            # "i can do $60 since your gonna pick it up": the yes tied in so many words to
            # the cost they offer is a trade stated in the same utterance (rubric)
            reason = _REASON_TIE.search(text)
            return [_traded(give, _clause(text, reason.start()), text)] if reason else []
    if give.kind == "move" and not condition:
        # "I can pick it up." - "It's great that you can pick it up yourself, I could let it go
        # for $140": our number said with the cost they offered, a package in which both move
        condition = _their_cost_echoed(text, ledger.last_other_line) or _their_cost_pointed_to(
            text, ledger.last_other_line
        )
        if not condition and self_role in _PROVIDER_ROLES:
            condition = _held_back(text)
    if condition:
        return [_traded(give, condition, text)]
    return [_unpaid(give, self_role)]


# Pickup or cash asked of us with their number: "I could do 600 if you come and pick it up".
_PICKUP_OR_CASH = re.compile(
    r"\b(pick(ing)? (it |them |the \w+ )?up|come (and |to )?(get|pick|grab|collect)|cash)\b", re.I
)


def _only_pickup_asked(their: str) -> bool:
    """Whether their offer's only condition is that we pick it up or pay cash.

    Accepting it still gives ground (dev.jsonl's coach: "accepts 600 plus own pickup,
    nothing asked back"): picking up is how the sale happens, not something they gave.
    """
    condition = has_condition(their)
    return (
        condition is not None
        and _PICKUP_OR_CASH.search(condition) is not None
        and not adds_extra(their)
        # "if you're willing to come pick it up tonight" only words the same ask
        and not _TERMS_BEYOND_THE_ASK.search(their)
    )


# a day or time to collect it, a cost that falls on the buyer
_COLLECTION_DAY = (
    r"(?:today|tonight|tomorrow|right away|this (?:evening|afternoon|morning|weekend))"
)
# "I can pick it up", "if I came to pick it up today": the cost offered in the first person
_THEY_OFFER_THEMSELVES = re.compile(
    r"\b(?:i|we)(?:'d| would|'ll| will| can| could)? (?:be )?(?:(?:willing|happy|glad|able) to )?"
    r"(?:came|come|pick (?:it |them )?up|pay (?:you )?(?:in )?cash|bring (?:you )?cash|"
    # "I can get it this evening": the date they offer to collect it
    r"get (?:it|them) " + _COLLECTION_DAY + r")\b",
    re.I,
)


def _their_cost_echoed(text: str, their: str) -> str | None:
    """Our words that repeat a pickup, cash or date the other side just offered, or None."""
    if not _THEY_OFFER_THEMSELVES.search(their):
        return None  # "if you come and pick it up": their ask of us, handed back buys nothing
    offered = _costs_named(their) & _THEIR_SIDE_COSTS
    for echo in _CONCRETE_COST.finditer(text):
        if _cost_key(echo) not in offered:
            continue
        begin, end = _sentence_bounds(text, echo.start(), echo.start())
        if not _WAVED_OFF.search(text[begin:end]):  # not "cash sounds nice but that's not enough"
            return _clause(text, echo.start())
    return None


_WAVED_OFF = re.compile(r"\b(?:but|however|not|no)\b|" + CONTRACTED_NOT, re.I)


# "For that I would be willing to go at $55" after their pickup and cash: our number pointed,
# in so many words, at the cost they just offered
_POINTS_BACK = re.compile(
    r"(?:^|[.!?]\s*)((?:(?:ok(?:ay)?|well|alright|sure),? )?(?:for that|in that case|if so|"
    r"that being the case|with that))\b",
    re.I,
)


def _their_cost_pointed_to(text: str, their: str) -> str | None:
    """Our words that tie our number back to a cost the other side just offered, or None."""
    if not (_THEY_OFFER.search(their) or _OTHER_TERMS.search(their)):
        return None
    pointer = _POINTS_BACK.search(text)
    return _clause(text, pointer.start(1)) if pointer else None


# the last word of a number said in words ("three forty", "two grand"), for the patterns that
# follow a number
_SPELLED_AMOUNT = "|".join(sorted(NUMBER_WORDS | {"grand"}))


# Those who hand over the goods or the service: what they hold back is the other side's loss.
# (A candidate's "without the bonus" is one more thing the candidate gives up.)
_PROVIDER_ROLES = HIGH_ROLES - {"candidate", "employee"}
# Part of the deal held back with our lower number: "$2600 without the spot", "without the
# accessories I would be able to do $70", "$175 but I wouldn't be able to deliver". The
# other side gives that part up for the price, a package in which both move. "That is
# without the partition" only describes the price, and a waived deposit is a cost dropped.
_HELD_BACK = re.compile(
    r"(?:\d|\b(?:it|dollars|bucks|" + _SPELLED_AMOUNT + r"))"
    r"\s*(?:\w+ )?without (?!(?:the |a |any |my )?(?:deposit|fees?\b|tax|charges?|interest|"
    r"security|profit|problems?|issues?))[a-z]"
    r"|(?:^|[.!?]\s*)without (?:the |a |any |my )?\w+[^.?!]{0,30}\b(?:i|we)\b"
    r"(?:'d| would| could| can| will|'ll)"
    r"|\bbut (?:i|we) (?:would(?: not|n'?t)|won'?t|will not|can(?:'?t|not)|could(?:n'?t| not))"
    r"(?: be able to)? deli(?:e)?ver",  # "deliever" typed in a hurry
    re.I,
)


# "$340 cash and you have a deal", "I would take $250 in cash": cash on the spot asked with
# the number of the side that hands the goods over (a buyer's "$340 cash" offers it instead)
_CASH_ASKED = re.compile(
    r"(?:\d|\b(?:" + _SPELLED_AMOUNT + r"))"
    r"\s*(?:k|dollars|bucks)?,?\s+(?:in\s+)?cash\b",
    re.I,
)


def _cash_asked(text: str, lines: Sequence[Line]) -> str | None:
    """The words that ask cash with our number, or None (also when they offered cash before:
    "$7500 cash in hand" - "$9000 cash?" asks nothing new of them)."""
    if "cash" not in text.lower() or any(
        line.speaker == OTHER and "cash" in line.text.lower() for line in lines
    ):
        return None
    match = _CASH_ASKED.search(text)
    return _clause(text, match.start()) if match else None


def _held_back(text: str) -> str | None:
    """The words that hold part of the deal back with our number, or None."""
    match = _HELD_BACK.search(text)
    return _clause(text, match.start()) if match else None


# "how about ...?", "what if ...?", "can I ...?": a question that proposes, not one that checks
_PROPOSES = re.compile(
    r"\b(how about|what about|what if|how does|would you|could you|can you|could i|can i|"
    r"could we|can we|let'?s|i'?ll|i will|i can)\b",
    re.I,
)
# "what if", "how about if", "would it be ok if": the "if" frames a proposal of our own share,
# so the items after it are a claim (counted by the item reader), not a cost to the other side
_PROPOSAL_IF = re.compile(r"\b(what|how about|ok|okay|alright|fine|mind|cool)\W+(then\W+)?$", re.I)

_CONCRETE_COST = re.compile(
    r"\b(pick(ed|ing)? (it |them )?up|cash|deliver\w*|bill|utilities|sign\w*|lease|"
    + _COLLECTION_DAY
    + r"|shipping|deposit|haul|load)\b",
    re.I,
)


# A condition said as one: "if ...", "and you pick it up", "as long as ..."
_STATED_TIE = re.compile(
    r"(?:if|and|provided|providing|as long as|so long as|only if|on condition)\b", re.I
)


# our yes given for their cost, said as the reason: "since you're picking it up", "because
# you can pay cash today"
_REASON_TIE = re.compile(
    r"\b(?:since|because|as|seeing as|given that) (?:you|your|ur|u)(?:'re| are|re| will|'ll| can|"
    r" could| r)?(?: (?:gonna|going to|willing to|able to|coming to))? (?:\w+ )?"
    r"(?:pick(?:ing)? (?:it |them )?up|(?:come|coming) (?:to )?(?:get|pick|grab)|(?:pay|paying) "
    r"(?:in )?cash|(?:bring|bringing) cash|(?:come|coming) (?:by|over|today|tonight))\b",
    re.I,
)


def _their_open_offer(lines: Sequence[Line]) -> str:
    """Their turn before our last, when our last named no number: an exchange still open.

    "Would you go lower if I came by to pick it up?" - "I could come down a little, what
    were you thinking?" - "How about 35?": the pickup still comes with their number.
    """
    spoken = [line for line in lines if line.speaker is not None]
    if len(spoken) < 3 or spoken[-1].speaker != OTHER or spoken[-2].speaker != SELF:
        return ""
    if spoken[-3].speaker != OTHER or find_amounts(spoken[-2].text):
        return ""
    return spoken[-3].text


def _names_price(line: str) -> bool:
    return any(term_of(amount) == "price" for amount in find_amounts(line))


_QUESTION_TO_THEM = re.compile(r"\b(?:would|could|can|will|are|do) (?:you|u)\b[^.!?]*\?", re.I)
_SPOKEN_QUESTION_TO_THEM = re.compile(
    r"(?:\w+ ){0,2}?(?:would|could|can|will|are|do) (?:you|u)\b.*", re.I
)


_CONTENT_WORD = re.compile(r"[a-z]{3,}")
_NOT_CONTENT = frozenset({"the", "and", "can", "could", "will", "would", "for", "you", "your"})


def _their_extra_said_back(extra: str, lines: Sequence[Line]) -> bool:
    """Whether every word of the extra is in a turn where they offered an extra of their own."""
    words = set(_CONTENT_WORD.findall(extra.lower())) - _NOT_CONTENT
    if not words:
        return False
    return any(
        words <= set(_CONTENT_WORD.findall(line.text.lower())) and adds_extra(line.text)
        for line in lines
        if line.speaker == OTHER
    )


def _their_yes_to_our_ask(our_line: str, their_line: str) -> bool:
    """Whether their last turn says yes to a cost we asked of them with no price of ours."""
    if not their_line or _names_price(our_line) or _names_price(their_line):
        # their yes with a number of theirs is answered by our move, not paid by it
        return False
    if "?" in our_line:
        asked = _QUESTION_TO_THEM.search(our_line)
    elif _unpunctuated(our_line):
        # recognised speech has no question mark: the ask is read by its opening words
        asked = _SPOKEN_QUESTION_TO_THEM.match(our_line)
    else:
        return False
    if not asked or not _CONCRETE_COST.search(asked.group()):
        return False
    return bool(_ACCEPT_OPENING.match(their_line) or is_acceptance(their_line))


def _cost_key(match: re.Match[str]) -> str:
    """A cost mention by the first four letters of its word ("pick", "cash", "toda")."""
    return match.group(1).lower()[:4]


def _costs_named(text: str, pattern: re.Pattern[str] = _CONCRETE_COST) -> set[str]:
    """The concrete costs a turn names, each by its `_cost_key`.

    `pattern` narrows which mentions count (its group 1 is the cost's word): by default any.
    """
    return {_cost_key(m) for m in pattern.finditer(text)}


# the costs that fall on the buyer's side: pickup, cash, a day or time to collect it
_THEIR_SIDE_COSTS = frozenset(
    _costs_named("pick it up, cash, today, tonight, tomorrow, right away, this evening")
)


def _our_cost_back(their_line: str, our_line: str) -> bool:
    """Whether the cost they offer is one we had already tied to our own number.

    "... if you match 1300 and pick it up today, we have a deal" - "1200 and I will pick
    it up today!": the pickup was part of our 1300, so it does not pay for the drop.
    """
    if not our_line or not find_amounts(our_line):
        return False
    theirs = _costs_named(their_line)
    return bool(theirs) and theirs <= _costs_named(our_line)


# a service we asked of them with our number: "$400 if you could deliver"
_ASKED_SERVICE = re.compile(
    r"\b(?:if|can|could|would|will) (?:you|u) (?:\w+ ){0,2}?(deliver|ship|haul|load)", re.I
)


def _our_ask_granted(their_line: str, our_line: str) -> bool:
    """Whether the service they add is one we had asked of them with our own number.

    "$400 if you could deliver" - "425 and I'll deliver it": the delivery was our ask, so
    taking their 425 moves 25 for nothing new.
    """
    ours = {amount.value for amount in find_amounts(our_line)} if our_line else set()
    if not ours or any(amount.value in ours for amount in find_amounts(their_line)):
        return False  # "... $200? Or $190 and I'll pick it up" - "deliver for $200": ours taken
    asked = _costs_named(our_line, _ASKED_SERVICE)
    theirs = _costs_named(their_line)
    return bool(asked) and bool(theirs) and theirs <= asked


# where our condition ends and our own give begins: "if you can pay $1487 | I will include ..."
_OWN_GIVE_START = re.compile(r"\b(?:i|we)(?:'ll| will| can| could| would)\b", re.I)


def _offered_already(condition: str, their_line: str) -> bool:
    """Whether the cost named in our condition is one the other side itself just offered."""
    costs = _costs_named(_OWN_GIVE_START.split(condition, maxsplit=1)[0])
    if not costs or not their_line:
        return False
    return bool(costs & _costs_named(their_line))


# a bare modal as the answer to their ask: "I could, if you pay the full asking price"
_MODAL_YES = CaseBlindPattern(
    r"\W*(?:(?:yes|sure|yeah)\W+)?(?:i|we) (?:can|could|would|will)"
    r"(?: and (?:can|could|would|will))?(?=\W*$|\W+(?:if|but|as long|provided|only)\b|\W*[,.!])"
)


# "would you be willing to throw in something extra?": read only as their ask, since in our
# own turn "would you be willing to ..." mostly asks them to take our number
_ASK_WILLING = CaseBlindPattern(
    r"\W(can|could|would|will)\s+(you|u)\s+be willing to\s+(throw in|include|add|deliver|ship|"
    r"cover|waive|bring it|drop it off|fix|repair|install)\b",
    spaced=True,
)


def _granted_ask(text: str, their_line: str) -> str | None:
    """Our yes to their ask for an extra ("Could you deliver it?" - "I could do that"), or None.

    Rubric: saying yes to something extra the other side asks for gives it away, like
    offering it. Not when their ask came with something of theirs ("... if I pay cash"),
    nor when our yes names a number (a price answer, read by the number rules).
    """
    if not their_line or find_amounts(text):
        return None
    if not (is_acceptance(text) or _MODAL_YES.match(text)):
        return None
    ask = _ASK_EXTRA.search(their_line) or _ASK_WILLING.search(their_line)
    if ask is None or _offers_their_cost(their_line) or _CONDITION_PHRASES.search(their_line):
        return None
    if _IF_YOU.search(their_line) or find_amounts(their_line):
        return None
    return text.strip()[:60]


# The extra priced in its own sentence: "I'll install sat/nav for 14500", "for 160, I'll throw
# in the screen protector", "I'll throw in two cleanings if we can agree to $1819"; not "I'll
# give it to you for $50 and I'll deliver it", where the number prices the item
_FOR_PRICE = (
    r"(?:for|at) (?:the |a |just |only |another |an extra |an additional )?"
    r"(?:full |asking |listed |list )?(?:price (?:of )?)?\$?\s*\d"
)
_PRICE_AFTER_EXTRA = re.compile(
    r"\b" + _FOR_PRICE + r"|\bif (?:we|you|u) (?:can |could |would )?(?:agree|settle|leave|do|meet"
    r"|make|call|accept|take|pay|go|come|stay|keep)\b[^.?!]{0,30}?\$?\s*\d",
    re.I,
)
_PRICE_BEFORE_EXTRA = re.compile(r"^\W*" + _FOR_PRICE + r"[\d,.k]*\s*,|\bif (?:we|you|u)\b", re.I)


def _prices_the_extra(text: str, extra: str, ledger: Ledger) -> bool:
    """Whether the turn asks a price for its extra: our first number, more than our last, or
    our number named with the extra in one sentence.

    "I can't go lower than $13. How about I throw in a chair?" holds our number and adds
    to it: only we move, so the extra is given (rubric: "Fine, I'll throw in the case for
    free"); "I'll install sat/nav for 14500" sells the extra for our number, a package.
    """
    own = ledger.last("price", SELF)
    other = set(ledger.side("price", OTHER))
    held = False
    for proposal in read_proposals(text, "price", ledger.reference, None):
        if proposal.value in other:
            continue
        if own is None or (proposal.value - own) * ledger.direction > 0:
            return True
        held = True
    if not held:
        return False
    at = text.find(extra) if extra else -1
    if at < 0:
        return False
    opens, closes = _sentence_bounds(text, at, at)
    return bool(
        _PRICE_AFTER_EXTRA.search(text, at, closes)
        or _PRICE_BEFORE_EXTRA.search(text[opens:at].lstrip())
    )


_ASKS: dict[str, str] = {
    "seller": "you can pick it up today",
    "dealer": "you can sign today",
    "vendor": "you can pick it up today",
    "landlord": "you sign a twelve-month lease",
    "lessor": "you sign a twelve-month lease",
    "supplier": "you commit to a two-year term",
    "freelancer": "you pay half up front",
    "contractor": "you pay half up front",
    "consultant": "you pay half up front",
    "sales": "you sign this week",
    "candidate": "we add a salary review at six months",
    "employee": "we add a salary review at six months",
    "buyer": "you include delivery",
    "tenant": "you cover the parking space",
    "client": "you extend the deadline by a week",
    "customer": "you include delivery",
    "procurement": "you extend the warranty to two years",
    "employer": "you can start on the first",
}


_SPLIT_TERMS = frozenset({*_ALL_ITEMS, "split"})
_COUNTED_ITEMS = frozenset({"book", "hat", "ball"})  # said with a plural "s"; food, water are not


def _ask_for(role: str | None, give: Give) -> str:
    """A concrete get to ask for: in a split game the item the speaker wanted most, else by role."""
    if give.term in _SPLIT_TERMS:
        return f"I get one more {give.wanted}" if give.wanted else "I get more of what I need most"
    return _ASKS.get((role or "").lower(), "you can commit today")


def _count_words(count: float, item: str) -> str:
    """'1 hat', '2 hats', '2 water': how a count of an item is said."""
    plural = item in _COUNTED_ITEMS and count != 1
    return f"{_fmt(count)} {item}{'s' if plural else ''}"


def _unpaid(give: Give, role: str | None) -> Flag:
    ask = _ask_for(role, give)
    if give.kind == "items":
        if give.new_value == 0:
            every = f"{give.term}s" if give.term in _COUNTED_ITEMS else give.term
            tip = f"try: 'You can have all the {every} if {ask}.'"
        elif give.new_value is not None:
            tip = f"try: 'I can go down to {_count_words(give.new_value, give.term)} if {ask}.'"
        else:
            tip = f"try: 'I can let the {give.term} go if {ask}.'"
        why = "You claimed less than before and asked nothing back; a give with no get is pocketed."
    elif give.kind == "accept" and give.term in _SPLIT_TERMS:
        tip = f"try: 'I can agree to that split if {ask}.'"
        why = "You accepted a split that leaves you less than you asked, and got nothing for it."
    elif give.kind == "accept":
        tip = f"try: 'I can do {_fmt(give.new_value)} if {ask}.'"
        why = "You accepted a number you had resisted without getting anything for it."
    elif give.kind == "extra":
        tip = f"try: 'I can add that if {ask}.'"
        why = "You added something of value unasked; extras are currency, trade them."
    else:
        tip = f"try: 'If {ask}, I can do {_fmt(give.new_value)}.'"
        why = (
            f"You moved from {_fmt(give.old_value)} to {_fmt(give.new_value)} without asking for "
            "anything in return; concessions should be traded, not given."
        )
    return Flag(UNPAID, Severity.WARNING, give.span, why, tip)


def _paid_by_their_yes(give: Give, text: str) -> Flag:
    """Credit for a move made once they had agreed to the cost we asked of them."""
    why = "You moved only once they had agreed to what you asked: a trade, not a gift."
    value = f" I can do {_fmt(give.new_value)}" if give.new_value is not None else " I can move"
    tip = f"Good trade; name what you got as you move: 'With that agreed,{value}.'"
    return Flag(TRADED, Severity.INFO, text.strip()[:80], why, tip)


def _traded(give: Give, tie: str, text: str, package: bool = False) -> Flag:
    """Credit for a trade; the tip says how to make the next one land even better.

    Why the order matters: a give said before its condition is heard as given ("450, if you
    pick it up" - the other side hears 450), so the coaching is to lead with the condition.
    """
    why = "You gave ground and tied it to something from the other side: a trade, not a gift."
    tie = tie.strip()
    at_tie = text.find(tie)
    at_give = text.find(give.span)
    if package:
        tip = (
            "Good trade: the give and the get are one package. If they take only the give,"
            " put it back on the table."
        )
    elif 0 <= at_tie < at_give:
        tip = "Well done: the condition came first, so the give was heard as conditional."
    elif (
        give.new_value is not None
        and give.kind in {"move", "accept"}
        and give.term not in _SPLIT_TERMS
    ):
        lead = tie if tie.lower().startswith("if you") and len(tie) <= 45 else "If you ..."
        lead = lead[0].upper() + lead[1:]
        tip = (
            "Good trade; say the condition first so it is heard: "
            f"'{lead}, I can do {_fmt(give.new_value)}.'"
        )
    else:
        tip = (
            "Good trade; say the condition first so the give is heard as conditional: "
            "'If you ..., I can ...'"
        )
    return Flag(TRADED, Severity.INFO, tie, why, tip)
