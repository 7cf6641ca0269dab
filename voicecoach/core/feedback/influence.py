"""influence.push and influence.question: persuading versus understanding (feedback-rubric.md).

The sales principle is "influence, not persuasion: first understand your
buyers, then help them decide". Two detectors read the same turn:

- push: the speaker tells the other side what to think or do ("trust me",
  "you need to understand", "it won't last long") or pitches at length
  without asking anything, in place of finding out what matters to them;
- question (a credit): an open question about the other side's needs,
  priorities, situation or feelings ("what matters most to you?",
  "how do you feel about the firewood?"). Questions about the product, the
  facts or the price ("what's your best price?") are not credited: they do
  not explore the other side.

Questions are recognised by their words, not only by "?", because spoken
turns arrive without punctuation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from voicecoach.core.feedback.items import ITEM_WORD
from voicecoach.core.feedback.lexicon import NEGATION_BEFORE, compile_terms, normalise
from voicecoach.core.feedback.positions import speaker_and_text
from voicecoach.core.transcript import Flag, Severity

PUSH = "influence.push"
QUESTION = "influence.question"

_PUSH_WHY = (
    "Pushing your view ('I know better') replaces understanding; influence, not persuasion: "
    "find out what matters to them first."
)
_PUSH_TIP = "Ask instead of telling: try 'What would you need to see to feel good about this?'"
_PITCH_WHY = (
    "A long pitch with no question leaves you guessing what they value; influence, not persuasion: "
    "understand the buyer first."
)
_PITCH_TIP = "Stop after one point and ask: try 'What matters most to you in a bike like this?'"
_QUESTION_WHY = (
    "An open question about their needs is how influence works: understanding the other side "
    "opens trades you could not see."
)
_QUESTION_TIP = "Keep going: follow their answer with 'why is that important to you?'"
# a "why" question has already asked for the reason: the next step is to show it was heard
_WHY_QUESTION_TIP = "Keep going: sum up their answer in your own words before you propose anything."

_PUSH = compile_terms(
    (
        r"trust me",
        r"believe me",
        r"take my word",
        r"i (?:can )?(?:promise|guarantee|assure) you(?! (?:that )?(?:i|we|ill|well)\b)",
        r"let me tell you",
        r"i tell you(?= *[.!,]| *$)",
        r"i(?:m| am) telling you",
        # not asked ("what do you need to know?") nor supposed ("if you need to see it")
        r"(?<!do )(?<!did )(?<!if )(?<!when )(?<!unless )"
        r"(?:you|u) (?:need|have|got|ought|gotta) to (?:understand|realize|realise|accept|admit"
        r"|see|know"
        r"|consider|remember|think about|recognize|recognise|appreciate|be reasonable|be fair"
        r"|trust|listen"
        r"|stop|agree|act now|decide now|hurry)",
        r"(?:you|u) (?:should|must|better|had better) (?:be willing|understand|realize|realise"
        r"|accept|know"
        r"|admit|see|consider|trust|listen|take (?:this|it|the)|buy|jump|grab|act|agree"
        r"|be (?:happy|glad"
        r"|grateful|thankful|reasonable)|appreciate|give|sacrifice|stop|just)",
        r"(?:you|u) really (?:should|need to|have to|must)",
        r"(?:you|u) (?:will|ll|are going to|re going to|gonna) (?:just )?have to (?:compromise"
        r"|accept|agree|understand|settle|give (?:in|up|me)|take (?:it|this|that)|live with|deal"
        r" with|trust|negotiate|toss|throw|budge|bend)",
        # "you can't have it all", "fact is you should be throwing in the first month"
        r"(?:you|u) (?:cant|can not|cannot) have (?:it all|everything|all of it)\b",
        r"(?:you|u) should be (?:throwing|giving|offering|paying)\b(?![^.!?]*\?)",
        # how they must deal told to them: "you can't just put an offer, we need to discuss it"
        r"(?:you|u) (?:cant|can not|cannot) just (?:put|make|throw|say|ask|demand|expect)\b",
        # their own interest told to them: "you need to get rid of them"; not asked
        r"(?<!do )(?<!if )(?<!since )(?:you|u) (?:need|have|want) to (?:get rid of|unload)"
        r" (?:it|them|this|these|those)(?![^.!?]*\?)",
        r"i know (?:whats|what is) (?:best|good|right) for you",
        r"i know better",
        r"(?:youre|you are) (?:wrong|mistaken|not thinking)",
        r"you dont (?:understand|get it|know what)",
        r"(?:wont|will not|doesnt|does not) last (?:long|forever)",
        r"(?:going|selling|go) fast",
        r"(?:wont|will not|never) find (?:a |anything )?(?:better|cheaper|another)",
        r"(?:cant|can not|cannot) (?:go wrong|beat (?:this|that|it))",
        r"(?:its|this is|thats) a no ?brainer",
        r"(?:youd|you would) be (?:crazy|foolish|silly|stupid|a fool|mad|insane) (?:not )?to",
        r"(?:anyone|everyone|any(?:body)?) (?:would|else would) (?:jump|kill|love|pay)",
        r"(?:best|better) (?:deal|price|offer) (?:youll|you will|you are going to|youre going to"
        r"|you can)"
        r" (?:ever )?(?:find|get|see)",
        r"(?:its|this is|that is|thats) (?:the|a) (?:best|great|fair|good) (?:price|deal|offer)"
        r"(?: for (?:a|an|the|this|that)\b[^.!?]{0,30})?[.,!]? (?:it|this|that) (?:wont|will not)",
        r"(?:lets|let us|please|come on|just) be (?:reasonable|realistic|sensible)",
        # our offer pressed with a walk-out: "accept this or I will walk away", "take 2 water
        # and 1 food or I will walk", "please accept it or we both end up with nothing"
        # (an imperative: not "I will take 1 water ... that is my last offer or I will walk")
        r"(?<!i )(?<!we )(?<!ill )(?<!will )(?<!would )(?<!can )(?<!could )(?<!to )"
        r"(?:accept|take)\b[^.!?]{0,60}\bor (?:else )?(?:i|we)(?: will| am going to| are going to"
        r"|ll)? (?:just )?(?:walk|leave|both (?:end up with|get) nothing|end up with nothing"
        r"|get nothing)",
        r"whereas (?:i|we) (?:need|have|really)",
        r"you (?:only|just|merely) (?:need|want) (?:it|them|that|this) for",
        # telling them what they do not need ("I know what's best for you"): "you won't need
        # as much firewood", "surely you don't need all of it"; not "if/since you don't need",
        # and not a question ("so you don't need the food?" asks, even when spoken)
        r"(?<!if )(?<!sure )(?<!anything )(?<!said )(?<!that )(?<!since )(?<!saying )"
        r"(?<!reason )(?<!what )(?<!whatever )(?<!because )(?<!so )(?<!oh )"
        r"you (?:wont|will not|dont|do not|wouldnt|would not) (?:even |really |actually )?need"
        r"(?! to\b)(?![^.!?]*\?)",
        r"surely you (?:dont|do not|wont|will not) (?:even |really )?need",
        # the same told the other way round: "you should have enough from your default package",
        # "she will do well with less water"; not asked ("do you think you will be ok with ...")
        r"(?<!if )(?<!think )(?<!sure )(?:you|she|he) (?:should|will|ll|would|d)"
        r" (?:still )?(?:have enough|do (?:well|fine|ok|okay|just fine|alright) with"
        r" (?:less|fewer|only|just))(?![^.!?]*\?)",
        # their need waved away with how easily they could do without: "your dogs could
        # probably hunt for something", "why not wear warm clothing?", "you could easily pay
        # the full price"; not the purpose of a give ("so you can boil more water easily")
        r"(?<!so )(?<!said )(?<!if )(?:you|your \w+) (?:can|could|should|might) (?:probably"
        r"|easily|just|always|simply) (?:\w+ )?(?:hunt|fish|forage|gather|catch|wear|boil"
        r"|purify|make do|get by|find)\b(?![^.!?]*\?)",
        r"why not (?:just )?(?:wear|gather|hunt|fish|forage|find|boil|pack|bring)\b",
        r"(?:you|u) (?:can|could) always (?:bring|pack|buy|get)\b(?![^.!?]*\?)",
        # "perhaps there are stores near your campground--you might then purchase extra food there"
        r"(?:you|u) (?:might|could|can) (?:then |just |easily )?(?:purchase|buy) (?:extra|more"
        r"|some|any|additional) (?:food|water|firewood|wood|supplies)\b(?![^.!?]*\?)",
        r"you (?:can|could) easily (?:pay|afford)",
        # "you can survive without them", "I think you can make it off the basic supplies"
        r"(?<!if )(?<!so )(?<!said )(?<!you think )(?:you|u|your \w+) (?:can|could|should|will"
        r"|ll|would) (?:probably |easily |just |still |surely )?(?:make it|make do|get by"
        r"|survive|manage|live|cope) (?:off|on|with|without)\b(?![^.!?]*\?)",
        # their need waved off with what they already have: "you already have your basic
        # supplies, these are just bonus", "your basic supplies should keep you fed", "the
        # basic supplies were enough for your trip"; not ours ("we all have the basic package")
        r"(?:you|u) (?:already |also |still )?have (?:your|the) basic (?:supplies|package|pack"
        r"|stuff)(?![^.!?]*\?)",
        r"your basic (?:supplies|package|pack|stuff) (?:should|will|would|are|is|were)",
        r"basic (?:supplies|package|pack|stuff) (?:were|was|are|is|should be|will be)"
        r" (?:more than )?enough",
        r"(?:additional|extra|other) (?:supplies|packages|items) are (?:just|only)"
        r" (?:extra|bonus|a bonus)",
        r"(?:these|those|they) are (?:just|only) (?:bonus|extra)",
        r"the rest (?:is|are) (?:just )?(?:extra|bonus)",
    )
)

# Open questions about the other side: their needs, wants, priorities, situation, feelings.
_NEEDS = (
    r"(?:need|needs|needing|want|wants|looking for|look for|hoping|hope|prefer|preference"
    r"|preferences"
    r"|priority|priorities|prioriti[sz]e"
    r"|important|matters?|value|care about|care most|interested in|plans?|planning|going to do"
    r"|gonna do"
    r"|use (?:it|them|this|that|the \w+|your \w+) for|situation|concerns?|worried|worries|budget"
    r"|timeline"
    r"|deadline"
    r"|constraints?|feel|feeling|thinking|take on|think about|think of|opinion|ideal|work for you"
    r"|would help"
    r"|help you|make (?:this|it|that) work|like to (?:have|get|see|do|bring|take)|requirements?"
    r"|looking to (?:get|have|take|bring)|require|in the market for)"
)
# Their side asked back: "what about you?", and after our own priority "what's yours?".
# Credited only after our own priorities or their question to us (`_RETURNED` below).
_ASKED_BACK = (
    r"(?:what|how) (?:about|bout) (?:you|yourself|u)",
    r"(?:whats|what is|what are|and|how about|what about) (?:yours|urs)",
)
_QUESTION = compile_terms(
    (
        # "how are you, I'm interested in ...": a greeting, then a new sentence (spoken text)
        r"(?!how (?:are|r|do|have) (?:you|u|ya)(?: doing| been| today)?"
        r" (?:im|i|we|my|hope|hi|hello|fine|good|great|thanks)\b)"
        r"(?:what|which|how|why) (?:\w+ ){0,4}(?:do|does|would|will|are|is|did|can|could) (?:you"
        r"|your|u|ya)\b"
        r"(?: \w+){0,6} " + _NEEDS,
        r"(?:what|which|how|why) (?:\w+ ){0,2}(?:matters|is important|is most important|are your)"
        r"(?: \w+){0,4} (?:to|for) (?:you|your)",
        r"(?:whats|what is|what are|what would be|what will be) (?:some of |any of )?(?:your|ur)"
        r" (?:\w+ ){0,2}(?:situation|status|values"
        r"|take|priority|priorities"
        r"|needs?|plans?"
        r"|concerns?|budget|timeline|deadline|goal|goals|prefer\w*|most important"
        r"|most needed|least needed|most wanted|least wanted|main|biggest"
        r"|ideal|thoughts|story|reasons?|use|constraints?|requirements?)",
        *(asked + r"(?= *[?.!]| *$)" for asked in _ASKED_BACK),
        r"(?:what|how) about your (?:needs?|side|family|group|priorit(?:y|ies)|status|situation"
        r"|supply|supplies|preferences?|plans?)",
        r"and you\b[?]",
        r"why (?:do|would|is|are|does) (?:you|it|that|the \w+|this)(?: \w+){0,5}"
        r" (?:need|want|important|matter|matters|prefer|so|such)",
        # "is their something your more interested in?": the homophones typed for each other;
        # not "is there any way you could come down?", which asks a move of them
        r"is (?:there|their) (?:anything|something|any (?!chance|way)\w+|a (?:certain|specific"
        r"|particular) \w+)"
        r"(?: \w+){0,3} (?:you|your|youre|youd)",
        # "any items in particular you need?", "how stocked up are you on food?"
        r"any(?:thing)? (?:\w+ ){0,3}(?:you|u) (?:have (?:a |any )?(?:\w+ )?)?(?:need|want|prefer"
        r"|would like|are looking for|care about)(?! to know)",
        # who they travel with sets their needs: "are you hiking alone?", "do you have a small
        # group, like I do?"
        r"(?:are|r) (?:you|u) (?:hiking|camping|going|traveling|travelling) (?:alone|solo"
        r"|by yourself|with)",
        r"(?:do|will) (?:you|u) have a (?:small|large|big) (?:group|family|party)",
        r"(?:are|r) (?:you|u) (?:bringing|taking) (?:a |any |your )?(?:guests?|anyone|anybody|kids"
        r"|children|family|friends|people)",
        r"any (?:\w+ ){0,3}(?:youre|ur|u are|you are) (?:looking for|hoping for|needing|after)",
        # their shortfall: "are you short on anything?", "are you low on water?"
        r"(?:are|r) (?:you|u) (?:\w+ )?(?:(?:short|low|lacking|missing) (?:on|of|in) \w+"
        r"|out of (?!your|ur|my|the|this|that|here|line|touch)\w+)",
        # their own valuation, which only they know: "what value does that give you?"
        r"(?:what|how much) (?:value|points?|worth) (?:\w+ ){0,3}(?:give|gives|get|have for)"
        r" (?:you|u)",
        r"how much (?:is|are) (?:the |a |that |those )?\w+ (?:worth )?to (?:you|u)",
        # "are the hats worth anything to you?", "what is the value of hats to you?"
        r"(?:is|are) (?:the |a |that |those )?\w+ worth (?:anything|much|a lot|more|less|the most"
        r"|most)(?: \w+){0,2} to (?:you|u)",
        r"what (?:is|s) the value of (?:the |a )?\w+ (?:to|for) (?:you|u)",
        # "how important to you is firewood?"
        r"how important (?:to|for) (?:you|u) (?:is|are)",
        # "would you be more flexible on food or water?": where they can give, so what matters
        r"(?:would|are|r) (?:you|u) (?:be )?(?:more |less )?flexible (?:on|with|about|in) "
        r"(?:the )?" + ITEM_WORD,
        # "how much food were you needing?" (not "how much were you thinking?": their price)
        r"how much \w+ (?:were|was) (?:you|u) (?:needing|wanting|hoping)",
        r"may i ask why(?= *\?| *$)",
        r"(?:are|r) (?:you|u) (?:alone|by yourself|on your own)",
        r"(?:would|do) (?:you|u) rather",
        r"how (?:\w+ ){0,2}(?:are|r) (?:you|u) (?:on|with|for) \w+",
        r"how (?:long|often|far|many people|many of you|many (?:nights|days|weeks))"
        r" (?:\w+ ){0,2}(?:will|are|do|would|did)"
        r" (?:you|u)",
        r"how much (?:\w+ ){0,2}(?:is|are|would be) (?:required|needed|necessary) for (?:you|u)",
        r"what (?:would|do) (?:you|u) like(?: best| most)?$",
        r"(?:are|is) there (?:any(?: \w+){0,5}|an? \w+|\w+) (?:that )?you (?:really |most |truly )?"
        r"(?:want|need|prefer|care|would like)",
        r"(?:going to be|be|is|are) (?:a |the )?(?:priority|important|essential|useful) (?:to"
        r"|for) (?:you|u)",
        # "are some of them more important to you than others?"
        r"(?:is|are) (?:\w+ ){1,4}(?:more|most|less|least|very|really) important (?:to|for)"
        r" (?:you|u)",
        # "is you ..." is no question ("it really is you will never want ..." when spoken)
        r"(?:(?:do|would|will|are|did) you|(?:do|does|would|will|are|is|did) your \w+)"
        r"(?: \w+){0,3} (?:need|want|prefer|needing|wanting"
        r"|have (?:any |specific |special |big )?plans"
        r"|have (?:any|a)(?: \w+){0,2} preferences?|have enough|value|care|feel|going to need"
        r"|planning|plan|hoping|require|going to require)",
        # "will anything else work for you?", "what else would suit you?": their options
        r"(?<!need )(?<!want )(?:what|anything|something) else (?:\w+ ){0,2}(?:work|works|suit"
        r"|suits) (?:for )?(?:you|u)\b",
        # "do have a preference for food?": the "you" lost in typing or recognition
        r"^do have (?:any|a)(?: \w+){0,2} preferences?",
        # "will firewood be of interest to you as well?", "are the books of any use to you?"
        r"(?:are|is|be) (?:the |a |any )?\w+(?: \w+)? (?:of )?(?:any |high |much |great |little "
        r"|more |less |low |no |very |really )?(?:value|interest|use|important|a priority|useful"
        r"|valuable) (?:to|for) (?:you|u)",
        # who comes with them: "how many people will be camping in your party?"
        r"how many (?:people|of you|members|persons|kids|children) (?:\w+ ){0,3}(?:in|with) "
        r"(?:your|ur) (?:party|group|family|camp|crew|team|household)",
        r"tell me (?:about|what|more about|why|how) (?:\w+ ){0,3}(?:you|your)",
        # "can you summarize your needs?", "what is the least valuable item for you?"
        r"(?:summarize|summarise|describe|explain|share|list|lay out|go over|tell me) your"
        r" (?:\w+ )?"
        r"(?:needs?|priorit\w+|preferences?|situation|concerns?|requirements?)",
        r"(?:what|which) (?:is|are|would be) (?:the |your )?(?:most|least) (?:valuable|important"
        r"|useful|needed|necessary)(?: \w+){0,2} (?:for|to) (?:you|u)",
        # "is firewood something you want the most?": their priority, asked item by item
        r"(?:is|are) (?:the )?\w+(?: \w+)? (?:something|what|the (?:thing|item|one)) (?:that )?"
        r"(?:you|u|your \w+) (?:want|need|value|prefer|care about)",
        r"what (?:brings|brought) you",
        # "what is your #1 need?", spoken "what is your number one priority"
        r"(?:whats|what is|what are) (?:your|ur) (?:#|number |no )(?:1|one) (?:need|priority"
        r"|item|concern|goal)",
        # their position on an item: "where do you stand on water?"
        r"where (?:do|does) (?:you|u|your \w+) stand (?:on|with)",
        # what moves them: "what interests you the most?", "why are you selling it?"
        r"what (?:interests|concerns|worries) (?:you|u)",
        r"why (?:are|r) (?:you|u) (?:selling|moving|getting rid of|letting go of|parting with)",
        # "... both of those are fairly low on my list... you?": their side, asked back
        r"^you$",
        r"(?:most|least|priority|priorities|first|top),? (?:you|u)$",  # "water the most, you?"
        # what they brought sets their needs: "did you bring any food?", "how is your water
        # supply?" (not "where are you camping?": small talk, most often after the deal)
        r"(?:did|will|are) (?:you|u) (?:bring|pack|bringing|packing) (?:any |enough |much |some )?"
        + ITEM_WORD,
        r"how (?:is|are) (?:your|ur) (?:\w+ )?(?:supply|supplies|stock|situation)",
        # their situation: "how are you with food?", "what kind of trip are you planning?"
        r"how (?:are|r|is) (?:you|u|ya|your \w+)(?: doing| fixed| set)? (?:with|on|for) \w+",
        r"what (?:kind|sort|type) of (?!price|offer|deal|number|discount|work)(?:\w+ ){1,2}"
        r"(?:are|will|would|do) (?:you|u) (?:camping|going|planning|doing|hoping|using|cooking"
        r"|staying|expecting|working)",
        r"(?<![a-z] )(?:is|are) (?:your|ur) (?:main |biggest |top |first )?(?:focus|concern"
        r"|priority|worry|objective|goal)",
        # their priorities checked back: "so your second priority is water, then?", "are you
        # most interested in the food?", "you need water the most?" (only said as a question)
        r"(?:your|ur) (?:main |top |first |second |third |biggest |highest |lowest |bottom )?"
        r"(?:priority|priorities|objective|goal|goals) (?:is|are|was|were)\b",
        r"(?:are|r) (?:you|u) (?:most|more|mostly) interested in",
        # "are you interested in extra firewood at all?": their want, asked item by item
        r"(?:are|r) (?:you|u) (?:still |really )?interested in (?:the |extra |more |any |some )?"
        + ITEM_WORD,
        # "so firewood and water are your two most pressing needs?"
        r"(?:is|are) (?:your|ur) (?:\w+ ){0,3}(?:needs|priorities|concerns?)$",
        # "between the water and firewood, which is most important?": their ranking, item by item
        r"which (?:one |item |of (?:them|those|these|the two) )?(?:is|would be) (?:the )?"
        r"(?:most|more|least|less) (?:important|valuable|needed|useful)$",
        # "can you please explain why?", "what would make you the happiest?"
        r"(?:can|could|would) (?:you|u) (?:please )?(?:explain|tell me|share) why",
        r"what (?:would|will|could) make (?:you|u) (?:the )?(?:happ\w+|comfortable|satisfied)",
        r"(?:you|u) (?:need|want|prefer|value) (?:the )?\w+ (?:the )?(?:most|least)$",
        r"what would (?:it take|make (?:this|it) work|help|you need|work for you)",
        # the problem put to both sides: "how can we make this work?"
        r"how (?:can|could|do|would|should) we make (?:this|that|it) (?:work|better)",
        # their worries and conditions set their needs: "are you worried about running out of
        # supplies?", "is it hot where you will be?", "how are things looking your way?"
        r"(?:are|r) (?:you|u) (?:\w+ )?(?:worried|concerned|nervous) (?:about|that)",
        r"(?:is it|will it be|does it get|is the weather) (?:going to be |very |really )?(?:hot"
        r"|cold|chilly|warm|freezing|dry|rainy|humid) (?:where|at|in) (?:you|u|your)",
        r"how (?:are|is) (?:things|it|everything) (?:looking|going) (?:on )?(?:your|ur)"
        r" (?:way|end|side)",
        r"how many (?:are|r) (?:in|with) (?:your|ur) (?:party|group|family|camp|crew|team)",
        # "are you looking for something in particular?", "do you have any interest in water?"
        r"(?:are|r) (?:you|u) looking for (?:something|anything"
        r"|any (?:specific|particular|special) \w+)",
        r"(?:do|would) (?:you|u) have (?:any |an |much |some )?interest in",
        # what they want for a give of ours: "and what would you like in return?"
        r"what (?:would|do|will) (?:you|u) (?:like|want|need|prefer) (?:in return|in exchange)",
        # "how much food your looking for": "your" written for "you're"
        r"how much(?: \w+){0,3} your (?:looking|hoping) for",
        r"how (?:badly|much|many)(?: \w+){0,3} (?:(?:do|would|will) )?(?:you|u|ya)"
        r"(?: think you| think youd| think youll)?(?: would| will| might)?"
        r" (?:need|want|like|use|eat|drink|go through|burn|bring|pack|carry|be bringing"
        r"|be packing|be carrying)",
        # their trip, which sets their needs: "how long is your camping trip?"
        r"how (?:long|many (?:nights|days|people)) (?:is|are|will be) (?:in |with |on )?(?:your|ur)"
        r" (?:\w+ )?(?:trip|stay|camping|vacation|visit|group|family|party)",
        r"is there a (?:particular |specific |special )?reason (?:why )?(?:you|your)",
        r"(?:whats|what is) the (?:main )?reason (?:why |that )?(?:you|your)",
        # who comes along sets their needs: "how many people will be with you?"
        r"how many (?:people|of you|kids|children|others|guests) (?:will be |are |are going |is "
        r"going )?(?:with|coming with|joining|traveling with|camping with) (?:you|u)",
        # their ranking, asked as a statement with a question mark: "your most needed item is
        # water or food?"
        r"(?:your|ur) (?:most|least) (?:needed|important|valuable|wanted|preferred)"
        r" (?:\w+ )?(?:is|are)\b",
        r"(?:what|which) (?:\w+ ){0,2}(?:preferences?|priorit\w+|needs) (?:do|would|will)"
        r" (?:you|u)",
        # what would move them: "what could I do to get you home in this car?"
        r"what (?:can|could|would|should) (?:i|we) do (?:to|for) (?:\w+ ){0,4}(?:you|u)\b",
        r"anything (?:else )?(?:i|we) (?:can|could) do (?:to|for) (?:\w+ ){0,4}(?:you|u)\b",
        # "is water your least preferred item?": their priority, asked item by item
        r"(?:is|are) (?:the )?\w+ (?:your|ur) (?:least|most) (?:prefer\w*|important|valuable"
        r"|needed|wanted|favou?rite)",
        # "is water your medium or low priority item?", "is food your top priority?"
        r"(?:is|are) (?:the )?\w+ (?:your|ur) (?:(?:high|higher|highest|low|lower|lowest|medium|"
        r"middle|top|first|second|third|main|biggest|last)(?: or |/)?){1,2} ?priorit(?:y|ies)",
        # "do you have any priority items that you really need?", "what help you need?"
        r"(?:do|would|will) you have any(?: \w+){0,5} (?:you|u)(?: \w+)? (?:need|want|prefer"
        r"|value|care)",
        r"(?:do|would|will) you have (?:any |a )?(?:top )?(?:priority|priorities)",
        r"what (?:is it (?:that )?|\w+ )?(?:(?:you|u) (?:need|want|prefer|are looking for)"
        r"|youre looking for)$",
        # "let me know what you're most in the market for", not "let me know what you think"
        r"let me know what (?:\w+ )?(?:you|u|youre|you are)(?: most| really)? (?:need|want|prefer"
        r"|looking for|in the market for|hoping for)",
        # "can I ask why you do not want food as much?", a bare "why?" after their refusal
        r"why (?:you|u) (?:\w+ ){0,2}(?:need|want|prefer|value|care)",
        r"^why$",
        r"(?:are|is) there any(?: \w+){0,5} (?:that )?you (?:are|re) (?:trying|hoping|looking"
        r"|wanting|planning) to",
        r"how (?:important|valuable|useful|necessary|essential) (?:is|are|would|will)(?: \w+){0,3}"
        r" (?:to|for) (?:you|u)",
        # their budget asked the long way: "how much are you able to spend?", "what can you
        # afford?" (as "what is your budget?"; "how much would you pay?" asks a price)
        r"how much (?:\w+ ){0,2}(?:can|could|are|r) (?:you|u) (?:able to )?(?:afford|spend)",
        r"what (?:can|could) (?:you|u) afford",
        r"(?:whats|what is|what are) (?:her|his|their)"
        r" (?:budget|situation|needs?|priorit\w+|timeline)",
        # "what items are of preference for you?", "what is priority pls tell me"
        r"(?:what|which) (?:\w+ ){0,2}(?:are|is) (?:of )?(?:a |the |most |your )?(?:preference"
        r"|priority|priorities|importance|interest|value) (?:for|to) (?:you|u)",
        r"(?:whats|what is|what are) (?:the )?(?:\w+ )?priorit(?:y|ies)\b(?! (?:of|for) (?:me|us))",
        # "would you mind sharing your top priority item?", "... telling me what you need it for?"
        r"(?:would|do) you mind (?:sharing|telling|letting me know|explaining)(?: \w+){0,2}"
        r" (?:your (?:\w+ )?(?:priorit\w*|needs?|preferences?|reasons?|situation|plans?)|what"
        r" (?:\w+ ){0,2}(?:you|u) (?:need|want|prefer)|why (?:you|u))",
        r"what (?:you|u|your \w+) (?:need|want|use) (?:the |that |those |all )?\w+ for\b",
        # the need asked in a relative clause: "what are the kind of things that you need?",
        # "what camping supplies you most need?", "what is the item that you prefer the most?"
        # (not embedded in a statement: "tell me which bundle you want", "up to you which one")
        r"(?<!tell me )(?<!to you )(?<!pick )(?<!know )(?<!choose )(?<!decide )"
        r"(?:what|which) (?:(?!if\b|i\b|me\b|we\b|and\b|but\b|ever\b)\w+ ){1,6}(?:that |which )?"
        r"(?:you|u) (?:think (?:you|u) )?(?:most |really |mostly |more |would |will |might )?"
        r"(?:need|want|prefer|require|value|care about"
        # "what is it that you are most in need of?"
        r"|(?:are|re) (?:most |really |mostly )?in need of)",
        # what they were after: "what items were you looking for specifically?"
        r"(?:what|which) (?:\w+ ){0,3}(?:were|was) (?:you|u) (?:looking for|hoping for|needing"
        r"|wanting|planning)",
        # which item ranks where for them: "which item is your highest?", "what's more
        # important to you, food or water?"
        r"(?:which|what) (?:\w+ )?(?:is|are) (?:your|ur) (?:highest|lowest|top|biggest|first"
        r"|second|third|last|main|most important|least important)",
        r"(?:whats|what is|which is|which are|what are) (?:more|most|less|least) (?:important"
        r"|valuable|valued|useful|needed|necessary|pressing)(?: \w+){0,2} (?:to|for) (?:you|u)",
        # their reasons asked: "what other reasons do you have?", "do you have reasons for
        # wanting food?"
        r"(?:what|which) (?:other |\w+ )?reasons? (?:do|would|did|does) (?:you|u)",
        r"(?:do|would|did) (?:you|u) have (?:any |other |some |a )?(?:other )?reasons? "
        r"(?:for|why|to)\b",
        r"how come (?:you|u)(?: \w+){0,2} (?:need|want|prefer|value|care)",
        # what they will use it for: "what are you using all the firewood for?"
        r"what (?:are|r|will|would) (?:you|u) (?:be )?using (?:\w+ ){0,3}for",
        # how much of an item they go through: "do you drink a lot of water?"
        r"(?:do|will|would) (?:you|u|your \w+) (?:\w+ )?(?:drink|eat|use|burn|go through)"
        r" (?:a lot|lots|much|more|extra|plenty)",
        # their need checked back: "so you're going to want some firewood, right?"
        r"(?:(?:youre|you are|u are|ur) going to |youll |youd |(?:you|u) (?:will |would )?)"
        r"(?:need|want|prefer)(?! to\b)(?: (?!\d|one\b|two\b|three\b|all\b)\w+){1,4},?"
        r" (?:right|correct)$",
        # what lies behind their need: "any medical issues that make you need so much water?"
        r"(?:what|any (?:\w+ ){0,3}(?:that|which)) (?:makes?|made) (?:you|u|your \w+)"
        r" (?:need|want|prefer|require)",
        # their need checked back: "but you need firewood as well?"
        r"(?:you|u) (?:also |still )?(?:need|want) (?:some |the |more |extra )?\w+"
        r" (?:as well|too|also)$",
        # an ask put as a request: "let me know your requirements"
        r"let me know (?:your|ur) (?:\w+ )?(?:needs?|requirements?|priorit\w+|preferences?"
        r"|situation|concerns?|plans?)",
        # asked the indirect way: "I was wondering what your preferences are for the items?"
        r"(?:what|which) (?:your|ur) (?:\w+ )?(?:needs|requirements|priorities|preferences|plans"
        r"|concerns) are\b",
        # "why is gathering food an issue for you?"
        r"why (?:is|are|would) (?:\w+ ){1,3}(?:an issue|a problem|a concern|important|a priority"
        r"|necessary|needed|essential|difficult|hard|so important) (?:for|to) (?:you|u)",
    )
)
# Questions that look like needs questions but ask for a price or a proposal: not credited.
_NOT_EXPLORING = compile_terms(
    (
        r"(?:what|how much)(?: \w+){0,3} (?:do|would|will) you (?:want|pay|take|give|offer|propose"
        r"|accept)"
        r"(?: (?:for|to pay for))? (?:it|this|that|them|the (?!most\b|least\b)\w+)?$",
        r"how much (?:\$ )?(?:(?:do|would|will|are) )?you"
        r" (?:want|willing|asking|pay|take|give|offer|like|thinking"
        r"|looking|have)",
        r"what (?:do|would) you (?:propose|suggest|offer)",
        r"what (?:do|would) you think (?:about|of)"
        r" (?:this|that|it|my|me|if|us|the price|\$?\d+|[a-z]+ hundred|[a-z]+ thousand"
        r"|(?:an|a|our) (?:offer|price|deal|counter))",
        # their verdict asked for, bare, like "what do you think?": "what are you thinking?",
        # "what is your opinion?" (not "what are you thinking of doing?")
        r"what (?:are|r) (?:you|u) thinking$",
        r"(?:whats|what is|what are) (?:your|ur) (?:opinion|thoughts)$",
        r"looking (?:for|to get) for (?:it|this|that|them)",
        r"(?:whats|what is) your (?:best |lowest |final |highest )?(?:price|offer|number(?! one)"
        r"|counter|bottom line)",
        r"what price",
        r"what (?:kind|sort|type) of (?:price|offer|deal|number|discount|counter)",
        # an offer of ours or logistics put as a question: "did you want to see the place?",
        # "when did you want me to come get it?", "do you need help loading it?"
        r"(?:do|did|would) you (?:want|like) (?:it|to buy|to meet|to come|to see|to pick|to look"
        r"|to view|to check|to visit|to test)",
        # how to split put to them: "so how do you want to divide the firewood", and a
        # proposal checked: "would you prefer an option like that?"
        r"how (?:do|would|should) (?:you|u) (?:want|like|wish) to (?:divide|split|share|handle)",
        r"(?:would|do) you prefer (?:an? |this |that )?(?:option|deal|offer|arrangement|split)",
        r"(?:do|did|would) you (?:want|need|like) (?:me|us) to",
        r"(?:do|did|would) you (?:want|need|like) (?:any |some )?(?:help|a hand) (?:with|loading"
        r"|carrying|moving|getting|picking)",
        # "do you want to trade firewood for food?": a proposal put as a question
        r"(?:do|would|will) you (?:want|like|be willing) to (?:trade|swap|exchange|split)",
        r"how (?:do|would|will) you (?:like to )?pay",
        # a proposal put as a question about their feelings or wants: "how do you feel about
        # you get 2 wood and I get 1?", "do you want extra firewood if I take extra water?",
        # "what are your thoughts on taking less?"
        r"(?:how (?:do|would)|what do) you (?:feel|think) about (?:(?:(?:you|u|me|i|us|we) )?"
        r"(?:get|take|have|getting|taking|having|letting|giving|trading)|(?:my|this|that|the)"
        r" (?:offer|deal|proposal"
        r"|split|price)|\$?\d+)",
        r"(?:do|would) you (?:want|like) (?:\w+ ){0,3}if (?:i|we)\b",
        r"thoughts on (?:taking|going|paying|accepting|doing|a lower|less|my offer|the price"
        r"|\$?\d+)",
        # doubt, not a probe: "are you sure you need that much?"
        r"(?:are|r) (?:you|u) (?:sure|certain) (?:that )?(?:you|u|your \w+) (?:really )?(?:need"
        r"|want|require)",
        # "what do you need to know?", "do you need more information?" invite questions
        # about the product, not about them; "do you want to go over anything else?" the close
        r"(?:do|did|would) you (?:need|want|like) to know",
        r"(?:do|did|would) you (?:need|want|like) (?:any |some )?(?:more |other |further )?"
        r"(?:info|information|details|pictures|photos)",
        r"(?:do|did|would) you (?:need|want|like) to (?:go over|discuss|talk about) (?:anything"
        r"|something)",
    )
)
_CLAUSE = re.compile(r"[^.?!;\n]+[.?!;]*")
_QUESTION_WORD_START = re.compile(
    r"^(?:(?:so|and|but|well|ok|okay|oh|hi|hello|great|then|also|now),? )*"
    r"(?:what|which|how|why|where|when|who|do|does|did|is|are|would|will|can|could|should|have|has"
    r"|tell|(?:please )?let me know)\b"
)
_PITCH_WORDS = compile_terms(
    (
        r"great",
        r"excellent",
        r"perfect",
        r"best",
        r"amazing",
        r"awesome",
        r"beautiful",
        r"brand new",
        r"like new",
        r"mint",
        r"condition",
        r"quality",
        r"deal",
        r"worth",
        r"steal",
        r"bargain",
        r"loaded",
        r"reliable",
        r"features?",
        r"guarantee\w*",
        r"luck\w*",
        r"wont regret",
    )
)
_PITCH_MIN_WORDS = 45
_PITCH_MIN_CLAIMS = 4


def _clauses(normal: str) -> list[str]:
    """Sentence-like pieces; a turn without punctuation is one piece."""
    pieces = [m.group(0).strip() for m in _CLAUSE.finditer(normal)]
    return [p for p in pieces if p]


def _is_question_clause(clause: str) -> bool:
    return clause.endswith("?") or _QUESTION_WORD_START.match(clause) is not None


# "I can understand why water would be important to you": a wh-clause inside a statement.
_EMBEDDED = re.compile(
    r"\b(?:understand|see|know|knew|realize|realise|get|understood) (?:why|what|how)\b"
)


# "... what about you?" explores only after the speaker has put their own priorities on the
# table ("I need water the most, followed by food. What about you?")
_RETURNED = re.compile("|".join((*_ASKED_BACK, r"and you", r"you")))
_PRIORITY_TALK = re.compile(
    r"\b(?:most|least|lowest|highest|top|priority|priorities|important|followed by|more than"
    r"|value|values|(?:high|low) on (?:my|the|our) list"
    # "I would like some firewood to start off with. What about you?": a want of an item
    r"|(?:need|need of|want|like|prefer|hoping for|hope for|use)"
    r" (?:some |the |more |extra |all (?:the )?|a lot of "
    r"|(?:\d|one|two|three) (?:packs? |packages? )?(?:of )?)?"
    + ITEM_WORD
    # "I'm kind of low on water. What about you?": a shortfall of ours on the table
    + r"|(?:low|short) on (?:food|water|firewood|wood))\b"
)


_ITEM = rf"(?:the )?{ITEM_WORD}"
# "... what about the food?" ending a turn asks where they stand on an item, like "where do
# you stand on water?"; "how about" asks it only of one item or a choice ("how about firewood
# or food?"): "how about the books and the hat?" proposes a bundle; "... and the wood, what do
# you think?" asks it too
_ITEM_ASKED = (
    rf"(?:what (?:is )?about {_ITEM}(?: (?:and|or) {_ITEM})?|how about {_ITEM}(?: or {_ITEM})?)"
)
_ITEM_STANCE = re.compile(
    # an emoji or a dash before it ("🙂 what about the food?") leads in like "and"
    r"\W*(?:(?:and|so|ok|okay|now|but|yea|yeah|then|well)\W+)*"
    rf"(?:{_ITEM_ASKED}|{_ITEM} what do (?:you|u) think)"
)
# The same ending a sentence after other words: "that's okay, what about the firewood?", and
# spoken text, which has no sentence marks ("thats okay what about the firewood"). Not "...
# the wood what do you think", which asks their verdict on a split when it follows one.
_ITEM_STANCE_AT_END = re.compile(rf"(?<![^\s,]){_ITEM_ASKED}$")


# an emoji or dash the item question may lead in with; the flag's span starts at the words
_LEADING_NON_WORD = re.compile(r"^\W+")


def _exploring_question(normal: str, context: Sequence[str] = ()) -> str | None:
    """The open needs question in the turn, if any.

    When the turn before ours asked about our needs, "how about you?" hands that question
    back even when our answer names no priority.
    """
    # Typed text shows its sentences; spoken text has no punctuation at all.
    has_marks = any(mark in normal for mark in ".?!")
    clauses = _clauses(normal)
    for at, clause in enumerate(clauses):
        bare = clause.rstrip(".?!; ")
        if _NOT_EXPLORING.search(bare):
            continue
        match = _QUESTION.search(bare)
        if match is None and at == len(clauses) - 1:
            match = _ITEM_STANCE.fullmatch(bare) or _ITEM_STANCE_AT_END.search(bare)
        if match is None or _EMBEDDED.search(bare, max(0, match.start() - 30), match.start()):
            continue
        if (
            _RETURNED.fullmatch(match.group(0))
            and not _PRIORITY_TALK.search(normal)
            and not _asked_of_us(context)
        ):
            continue  # "I'm good! How about you?": small talk handed back, not a needs probe
        # With punctuation present, only sentences written as questions count;
        # spoken text has none, so the question words carry it alone.
        if has_marks and not clause.endswith("?") and _QUESTION_WORD_START.match(clause) is None:
            continue
        return _LEADING_NON_WORD.sub("", match.group(0))
    return None


def _asked_of_us(context: Sequence[str]) -> bool:
    """Whether the turn before ours was a needs question ("Which item do you need most?")."""
    if not context:
        return False
    _, said = speaker_and_text(context[-1] or "")
    return _exploring_question(normalise(said)) is not None


def _asks_anything(normal: str) -> bool:
    return any(_is_question_clause(c) for c in _clauses(normal))


def _push_span(normal: str) -> str | None:
    for match in _PUSH.finditer(normal):
        if NEGATION_BEFORE.search(normal, max(0, match.start() - 40), match.start()):
            continue
        return match.group(0)
    return None


def detect_influence(text: str, context: Sequence[str]) -> list[Flag]:
    """Flag pushing (warning) and credit open needs questions (info) in one trainee turn.

    Args:
        text: the turn as typed or recognised.
        context: earlier turns as "speaker: text" lines, oldest first; the last one is read
            for a needs question put to us.
    """
    normal = normalise(text)
    flags: list[Flag] = []
    span = _push_span(normal)
    if span is not None:
        flags.append(Flag(PUSH, Severity.WARNING, span, _PUSH_WHY, _PUSH_TIP))
    else:
        n_words = len(normal.split())
        if n_words >= _PITCH_MIN_WORDS and not _asks_anything(normal):
            claims = _PITCH_WORDS.findall(normal)
            if len(claims) >= _PITCH_MIN_CLAIMS:
                flags.append(
                    Flag(PUSH, Severity.WARNING, ", ".join(claims[:4]), _PITCH_WHY, _PITCH_TIP)
                )
    question = _exploring_question(normal, context)
    if question is not None:
        tip = _WHY_QUESTION_TIP if question.startswith("why") else _QUESTION_TIP
        flags.append(Flag(QUESTION, Severity.INFO, question, _QUESTION_WHY, tip))
    return flags
