"""emotion.overreach: strong emotion used as leverage, or composure lost (feedback-rubric.md).

Two layers. First rules: the principle ("overuse of emotional appeals weakens
your position") names concrete families of behaviour, each with a
recognisable wording: contempt and insults aimed at the other side, heated
threats, pleading and guilt-tripping, melodrama, swearing, and shouting. A
small lexicon per family is explainable in the panel (the span that
triggered it), runs in microseconds, and works on recogniser text because
no family depends on punctuation alone. Shouting in text ("!!", capitals)
is the one punctuation cue; it is discounted when the words are plainly
happy ("yay!!", "SOLD!"), since enthusiasm about a shared result is not
overreach.

Then a small word-weight model (`overreach_model`), because most angry turns
in everyday talk carry their heat in ordinary words no phrase names ("you're
late again"). It only speaks above its threshold and when no calm guard
applies: plainly happy words, politeness, a calm statement of a limit, or
price and item talk, where its everyday-quarrel weights mislead ("give me the
hat", "no, 520"); heat in negotiations is the rules' job.

In audio, a clear jump in loudness or pitch over the speaker's own baseline
counts as shouting even when the words are polite.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from voicecoach.core.feedback.lexicon import (
    CALM_GUARD,
    NEGATION_BEFORE,
    NEGOTIATION_TALK,
    TermPattern,
    compile_terms,
    normalise,
)
from voicecoach.core.feedback.overreach_model import load_model
from voicecoach.core.feedback.prosody import ProsodyReading, VoiceBaseline
from voicecoach.core.transcript import Flag, Severity

LABEL = "emotion.overreach"


@dataclass(frozen=True)
class _Family:
    """One kind of overreach: its trigger phrases and what the panel says about it."""

    name: str
    terms: tuple[str, ...]
    severity: Severity
    why: str
    tip: str
    negatable: bool = True
    pattern: TermPattern = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "pattern", compile_terms(self.terms))


_CONTEMPT_TERMS: tuple[str, ...] = (
    r"(?:thats|this is|its|how|so|absolutely|completely|just) (?:ridiculous|absurd|insulting"
    r"|outrageous"
    r"|pathetic|laughable|obscene|disgusting|a joke|an insult|nonsense|unacceptable|insane)",
    r"(?:what an?|such an?|absolutely|insultingly) (?:terrible|awful|horrible|lousy|pathetic"
    r"|insulting)"
    r" (?:offer|price|deal|service|idea|excuse|joke)",
    r"worst (?:\w+ )?(?:ever|ive ever|i have ever|in my life|in history)",
    r"(?:why|what|how|where|who) on earth",
    # "how many times do I have to say it?", not "how many times have you used it?"
    r"how many (?:more )?times (?:(?:do|did|must|should|will|would|have|has|am|are|can|could) )?"
    r"(?:i|we|(?:you|u) (?:need|have|got|want|gonna))",
    r"for the last time",
    r"(?:a|one) (?:hundred|thousand|million) times",
    r"(?:none of your|mind your own) business",
    r"leave me alone",
    r"back off",
    r"(?:knock|cut) it out",
    r"i dont (?:believe|trust) you",
    r"you never (?:listen|help|care|think|learn)",
    r"you always (?:do this|say that|say this|forget|complain|lie)",
    r"whats the big idea",
    r"(?<!at a )(?<!for a )ridiculous(?! (?:low|cheap|good))",
    r"absurd",
    r"insulting",
    r"(?:i am|im|i feel|feeling|i was) (?:really |very |so |quite |a bit |a little )?"
    r"insulted",
    r"ignorant(?:ly)? (?:low|cheap|offer|price|of you)",
    r"an insult",
    r"outrageous",
    r"pathetic",
    r"laughable",
    r"what a (?:joke|rip ?off|scam|waste|mess|nerve|cheek)",
    r"(?:is this|this is|thats) a joke",
    r"(?:are|were) you (?:kidding|joking|crazy|insane|nuts|out of your mind|deaf|blind|stupid"
    r"|dumb|drunk)",
    # "are you mad. what can I do without water": not "are you mad at me?", which asks
    r"(?:are|r) (?:you|u) mad(?= *[.?!,]| *$)",
    r"you (?:must|have to|gotta|got to|have got to|ve got to) be (?:kidding|joking)",
    r"(?:you|they) cant be serious",
    # disbelief thrown back at their offer: "seriously?", "seriously . you're gonna go straight
    # to that" (not "Seriously! 2020 is the year to ...", agreement). "Are you serious?" is
    # left out: in everyday talk (DailyDialog) it is surprise far more often than anger.
    r"^seriously(?= *[?.])",
    r"kidding me",
    r"give me a break",
    r"who do you think you are",
    r"how dare you",
    r"(?:rip|ripping|ripped|screw|screwing|cheat|cheating|cheated|con|conning|scam|scamming"
    r"|rob|robbing)"
    r" (?:me|us) off",
    r"(?:a|what a|total|complete|such a|its a|thats a) (?:ripoff|rip off|rip-off)",
    r"(?:highway|daylight) robbery",
    r"(?:a|total|complete) (?:scam|ripoff|rip off|joke|disgrace)",
    r"scammers?",
    r"crooks?",
    # an accusation of running a con: "what kind of operation are you running here?"
    r"bait and switch",
    r"(?:one of those|a|some) baiting",
    r"what (?:kind|sort) of (?:operation|game|scam|racket|con) (?:are you|is this)",
    r"(?:are you|youre|you are) trying to (?:scam|cheat|con|rip off|swindle|trick|fool|low ?ball"
    r"|high ?ball) (?:me|us)",
    r"(?:youre|you are|are you) (?:a |an |such an? )?(?:liar|thief|crook|cheat|cheater|idiot"
    r"|moron|fool"
    r"|joke|clown|jerk|lunatic|greedy|delusional|dreaming|out of your mind|crazy|insane|nuts"
    r"|drunk|stupid|dumb|nothing)",
    # their competence run down: "if you're so incompetent at camping, stay home"
    r"(?:youre|you are|are you) (?:so |such |really |completely |totally |just )?(?:an )?"
    r"(?:incompetent|clueless|useless|hopeless|pathetic)",
    r"you (?:liar|thief|crook|cheater|idiot|moron|fool|jerk|clown|bastard|loser)",
    # a verdict on their character: "I think you are a bad person", "your rude manner"
    r"(?:youre|you are|your) (?:\w+ )?(?:a |an |such an? )?(?:bad|terrible|horrible|awful|evil"
    r"|cruel|mean|nasty|selfish|greedy|heartless|rude|pathetic)"
    r" (?:person|people|human|man|woman|negotiator|manner|attitude)",
    # "you must think me a fool", "do I look like an idiot?": sarcasm at their view of us
    r"(?:you must|do you|you) (?:think|take) (?:me|us|im|i am) (?:for )?(?:a|an|some)"
    r" (?:fool|idiot|moron|sucker|rich man|millionaire)",
    r"do (?:i|we) look (?:like|that) (?:a |an )?(?:fool|idiot|stupid|dumb|rich|a millionaire"
    r"|i was born yesterday)",
    r"(?:i|we) (?:wasnt|werent|was not|were not) born yesterday",
    # "very mature.": sarcasm said as a turn or sentence of its own
    r"^(?:real|very|so|how) mature(?: of you)?(?= *[.!?]| *$)",
    r"(?:thats|that is) (?:real|very|so|how) mature(?: of you)?(?= *[.!?]| *$)",
    # not a third party in a story: "some idiot in Europe got too close to a bear"
    r"(?:idiot|moron|imbecile|jerk|loser|sucker)s?(?! (?:in|who|that|at|on) )",
    # a slur on their politics or character: "you are probably a white supremacist"
    r"(?:racist|bigot|white supremacist|nazi)s?",
    # "I'm going to ignore that nonsense": their proposal dismissed with contempt
    r"(?:that|this|your|such|the|what) (?:nonsense|nonesense|rubbish|bullshit)",
    # their ask mocked with one of our own: "and I want a million dollars"
    r"(?:i|and) (?:\w+ )?(?:want|would like|like) a (?:million|billion|zillion) (?:dollars|bucks)",
    # a scolding: "I've been very patient with you"
    r"(?:ive|i have) been (?:very |really |more than |extremely |so )?patient with (?:you|u)",
    r"stupid(?! (?:expensive|cheap|good|fast|easy|simple|low|high|nice|fun|questions?))",
    r"dumb(?! ?bells?| questions?)",  # "sorry about the dumb question": at oneself
    r"shut up",
    r"get out of my (?:store|shop|office|house|face|way|sight|car|room)",
    r"(?<![a-z] )get lost",
    r"(?:yeah right|nice try|thanks for nothing)",
    r"(?:whatever you say|big deal|so what)(?= *[!.]| *$)",
    r"in your dreams",
    r"dream on",
    r"not in a million years",
    r"over my dead body",
    r"waste of (?:my|our) time",
    r"wasting (?:my|our) time",
    r"(?:total|complete|utter) (?:garbage|junk|rubbish|crap|nonsense)",
    r"(?:piece of|load of) (?:junk|garbage|crap|rubbish|shit)",
    r"(?:sick|tired) (?:and tired )?of",
    r"fed up",
    r"(?:ive|i have) had it(?= *(?:with|up to)| *[.!]* *$)",
    r"had enough",
    r"enough is enough",
    r"i cant (?:stand|bear) (?:it|this|that|you|your|him|her|them|any ?more)",
    r"i cant take (?:it|this|that|you|any) ?(?:any ?more|no more)",
    r"i hate (?:you|this|that|it|your)\b",
    r"makes? my blood boil",
    r"drives? me (?:crazy|nuts|mad|insane|up the wall)",
    r"(?:im|i am|really|getting|so) (?:furious|livid|outraged|pissed|fuming|disgusted)",
    r"(?:im|i am|really|getting) (?:angry|mad)",
    r"furious",
    r"livid",
    r"fuming",
    r"pissed",
    r"disgusted",
    r"(?:unbelievable|incredible)[.!?]* (?:how|that|you)",
)

_THREAT_TERMS: tuple[str, ...] = (
    r"or else(?= *[.!?]| *$| (?:ill|i will|youll|you will|i am|im))",
    r"youll (?:regret|be sorry|pay for)",
    r"you will (?:regret|be sorry|pay for)",
    r"(?:ill|i will|im going to|im gonna|gonna) (?:sue|report|call the police|call the cops"
    r"|ruin"
    r"|destroy|make you pay|make sure (?:you|everyone)|post (?:a|bad)|tell everyone|expose)",
    r"see you in court",
    r"(?:im|i am) calling (?:the )?(?:police|cops|my lawyer)",
    r"(?:wring|break|kick) (?:your|his|her) (?:neck|ass|butt|face|teeth)",
    r"beat the (?:hell|crap|shit) out",
    r"to hell with",
    r"go to hell",
    r"(?:last|final) warning",
)

_PLEADING_TERMS: tuple[str, ...] = (
    r"(?:im|i am) (?:begging|pleading)",
    r"i beg (?:you|of you)",
    r"begging (?:you|here)",
    r"please,? please",
    # a bare plea closing the sentence: "I have kids so I need it, please help me"
    r"please help (?:me|us)(?: (?:friend|please|out))?(?= *[.!?]| *$)",
    r"pretty please",
    r"(?:im|i am|were|we are|so|getting|really|quite|pretty|very|actually) desperate",
    # the other side blamed for one's hardship: "why won't you help my kids?"
    r"why (?:wont|wouldnt) you (?:\w+ )?help (?:me|us|my|our)",
    r"desperately",
    r"desperation",
    r"(?:in|of) (?:\w+ )?(?:dire|desperate|urgent) need",
    # hardship laid on the table: "I wouldn't have enough money for food this week"
    r"(?:dont|doesnt|didnt|wont|wouldnt|cant|couldnt|not) (?:have |has |had )?enough money"
    r" (?:for|to) (?:\w+ ){0,3}(?:food|eat|rent|feed|dinner|groceries|live|survive)",
    r"i really really (?:need|want)",
    r"i (?:need|want) (?:this|it) (?:so|really) (?:bad|badly)",
    # not "I have a heart condition"
    r"(?:have|show) (?:a heart(?! of| condition| problem| issue| disease| attack| murmur)"
    r"|some mercy|mercy|pity|some pity|a little mercy)",
    r"take pity",
    r"for the love of god",
    r"for gods sake",
    r"you(?:d| would| will|ll|re| are)? (?:be )?(?:ruin|ruining|destroy|destroying) (?:my|our)",
    r"(?:ruin|ruins|ruined|destroy|destroys) my (?:life|day|week|month|year|family)",
    r"break(?:ing|s)? my heart",
    r"youre (?:killing|breaking) me",
    r"(?:ill|i will|we will|well|my (?:kids|family|children) will|im going to|were going to|"
    r"gonna) (?:literally |actually |really |probably )?(?:die|starve|freeze|be homeless"
    r"|lose everything)",
    r"(?:they|he|she|we|my (?:kids|kid|family|children|child|wife|husband|son|daughter|baby"
    r"|babies)) "
    r"(?:may|might|could|will|would) (?:die|starve|freeze to death)",
    # death itself, whoever it falls on: "if my veins shut down I could die"
    r"(?:i|(?:some|one|all|most) of us|my (?:friend|friends|group|people)) (?:may|might|could"
    r"|will|would) die(?! (?:of|from) (?:happiness|laughter|joy|embarrassment|boredom)"
    r"| laughing)",
    # "we are dying of hunger", "I don't want my friend to die of asthma"
    r"(?:dying|starving) of (?:hunger|thirst|cold|dehydration|starvation)",
    r"(?:want|let|watch) (?:my|our) (?:\w+ )?(?:kids|kid|family|children|child|wife|husband|son"
    r"|daughter|baby|friend|friends|group|people) (?:to )?die",
    # guilt trip: the cost of saying no laid on the other side ("let my kids go hungry")
    r"(?:let|leave|watch|make) (?:my|our) (?:kids|children|family|son|daughter|baby|babies"
    r"|wife|husband|little ones) (?:go )?(?:hungry|starve|starving|freeze|freezing|suffer"
    r"|thirsty|cold|without)",
    r"how (?:can|could|will|would|am|are|do) (?:i|we) (?:going to |gonna |supposed to )?"
    r"(?:survive|live|feed my|feed our)",
    r"(?:life|matter) (?:or|and) death",
    r"world of (?:hurt|pain|trouble)",
    r"(?:at|on) (?:my|the) wits end",
    r"end of my rope",
    r"(?:im|i am|were) (?:drowning|doomed|screwed|ruined|finished)",
    r"(?:only|last) hope",
    r"i have nothing left",
    r"i cant live without",
    r"how could you (?:do|say)",
    r"how can you (?:do|say|live with)",
    r"after (?:everything|all) (?:ive|i have|we have|weve) (?:done|given)",
    r"shame on you",
    r"you should be ashamed",
    r"ashamed of yourself",
)

# Sarcasm and condescension: contempt dressed up as politeness or as a rhetorical question.
_CONDESCENSION_TERMS: tuple[str, ...] = (
    r"(?:id|i would|i had) (?:hope|think|expect|assume)(?: that)?"
    r" (?:you|youd|a seller|the seller|the owner|someone|anyone)(?: \w+){0,2}"
    r" (?:know|knew|understand|be able|remember)",
    r"you of all people",
    r"surely you (?:know|understand|can see|realize|realise|must)",
    r"do you even (?:know|read|look|understand|listen|care)",
    r"did you even (?:read|look|check|listen|bother)",
    r"(?:its|this is|thats) not rocket science",
    r"a child could",
    r"any (?:idiot|fool)",
    r"(?:obviously|clearly) you (?:dont|didnt|have no|know nothing|havent)",
    r"you (?:clearly|obviously) (?:dont|didnt|have no|know nothing|havent)",
    r"gee,? thanks",
    r"oh (?:great|wonderful|perfect|brilliant|joy),? (?:just|another|so now|now)",
    r"yeah,? sure you (?:are|do|did|will|can)",
    r"what a surprise",
    r"how convenient",
    r"(?:i )?(?:could|couldnt) care less",
    r"good luck (?:with that|selling|finding|getting|trying to)",
    r"(?:who|nobody|no one|noone) in (?:their|his|her) right mind",
    r"(?:are you|you) (?:even|actually) (?:serious|listening)",
    # "grow up" said to someone, not "kids grow up so fast"
    r"(?:please|just|need to|should|time to|why dont you) grow up(?! (?:to|too|with|so|fast"
    r"|in|big|quickly|together))",
    r"(?<![a-z] )grow up(?! (?:to|too|with|so|fast|in|big|quickly|together))",
    r"(?:dont|do not|stop) (?:be|being) (?:so )?(?:emotional|dramatic|childish|sensitive"
    r"|touchy|hysterical|immature|ridiculous|silly|stupid|difficult|unreasonable|greedy"
    r"|selfish)",
    r"(?:act|be) (?:like )?(?:an adult|a grown ?up|your age)",
    r"(?:do|did|can) you not (?:understand|get|read|hear|see)",
    r"(?:order|boss|push) (?:me|us) around",
    # exasperated repetition: "as I have explained now twice"
    r"as i(?:ve| have)? (?:already |now )?(?:explained|said|told you|mentioned) (?:now |it )?"
    r"(?:twice|three times|(?:so )?many times|over and over)",
    r"(?:dont|do not|stop|quit) (?:patroniz|patronis|condescend)\w*",
    r"(?:youre|you are|your) being (?:so |very |really |totally |completely )?(?:unfair"
    r"|unreasonable|greedy|selfish|ridiculous|difficult|rude|childish|stubborn|impossible)",
)

_SWEARING_TERMS: tuple[str, ...] = (
    r"fuck\w*",
    r"f\*+\w*",
    r"shit\w*",
    r"bullshit",
    r"damn(?:it| it)?(?! (?:good|fine|nice|great))",
    r"goddamn\w*",
    r"dammit",
    r"crap",
    r"bloody (?:hell|\w+)",
    r"what the (?:hell|heck|fuck)",
    r"the hell",
    r"hell no",
    r"screw (?:you|this|that|it)",
    r"piss\w*",
    r"bitch\w*",
    r"bastards?",
    r"asshole\w*",
)

_BLAME_TERMS: tuple[str, ...] = (
    r"you promised",
    r"you (?:should|could|might) have (?:told|said|asked|called|warned|mentioned|known"
    r"|checked)",
    r"why (?:didnt|did|wont|would) you (?:lie|tell me|listen)",
    r"why dont you (?:listen|watch where|ever|get it)",
    r"you (?:lied|tricked|cheated|set me up|screwed)",
    r"you (?:really |totally |completely )?(?:messed|screwed|blew) (?:up|it)",
    r"(?:dont|do not|not) (?:like|liking|appreciate|appreciating) your (?:attitude|tone)",
    # calling them a liar to their face: "Don't lie to me.", "you're lying"
    r"(?:dont|do not|stop|quit) (?:lie|lying) to (?:me|us)",
    r"(?:youre|you are) (?:just )?lying(?! down)",
    r"(?:its|thats|this is|all) your (?:own )?fault",
    r"not my fault",
    r"you keep (?:saying|changing|asking|lowering|raising|moving|interrupting|ignoring|pushing"
    r"|wasting|lying"
    r"|making|sticking|overriding|yapping|blabbering)",
    r"how (?:could|dare) you",
    r"i dont buy (?:it|that|this)(?= *[.!?]| *$)",
    r"i dont buy your",
    r"dont give me that",
    r"(?:dont|stop|quit) (?:evading|evade|dodging|dodge|ducking|duck|shirking|shirk) "
    r"(?:your|the|my)",
    r"(?:your|more|no more|enough) excuses",
    r"i dont (?:want|need) to hear",
    r"(?:thats|youre|you are|youve|you have) (?:crossing|crossed|over) the line",
    r"out of line",
    r"(?:driving|drives|drove) me (?:crazy|nuts|mad|insane|up the wall)",
    r"bugs me",
    r"you bug me",
    r"how rude",
    r"(?:so|very|really|extremely|incredibly) rude",
    r"take a hike",
    r"get over it",
    r"not again(?= *[.!?]| *$)",
    r"i told you (?:to|not to|already|a hundred|before)",
    # not an illness: "the elevation makes me sick if I'm not careful"
    r"makes? me (?:sick(?! if| when| in the| at night| on)|wanna puke|want to puke"
    r"|want to scream)",
    r"(?:im|i am|were|we are) not (?:gonna|going to) (?:let|take|put up with)"
    r" (?:this|that|it|you|them)",
    r"(?:so|really|very|how|its|thats|is) annoying",
    r"(?:im|i am|really|getting) (?:annoyed|irritated|frustrated|impatient)",
    r"i (?:have|want to make|wish to make) a complaint",
    r"(?:thats|this is|its|totally|completely|simply|just) unacceptable",
    r"(?:stab|stabs|stabbed|stabbing) (?:me|us) in the back",
    r"what are you going to do about it",
    r"(?:and )?youre telling me",
    r"says who",
    r"(?:give|gimme) me my (?:money|refund)",
    r"i (?:really )?hate (?:you|this|that|it|your|the way)\b",
    r"disgusting",
    r"(?:you|youre|you are) (?:always|never) (?:late|wrong|listening|on time|here)",
)

_FAMILIES: tuple[_Family, ...] = (
    _Family(
        "contempt",
        _CONTEMPT_TERMS,
        Severity.CRITICAL,
        "Contempt or anger at the other side makes them dig in; overuse of emotion weakens your "
        "position.",
        "Name the gap calmly instead: try 'We're still far apart on this; "
        "what would you need to move closer?'",
    ),
    _Family(
        "threat",
        _THREAT_TERMS,
        Severity.CRITICAL,
        "A heated threat replaces leverage with pressure and invites a fight; power comes from "
        "your alternative, not your temper.",
        "State your alternative calmly: try 'If we can't get closer, I have another option I'll "
        "take.'",
    ),
    _Family(
        "pleading",
        _PLEADING_TERMS,
        Severity.WARNING,
        "Pleading or guilt-tripping tells them how badly you need the deal, which weakens your "
        "position.",
        "Ask for a trade instead of sympathy: try 'That's my limit; if it works for you, "
        "I can close today.'",
    ),
    _Family(
        "blame",
        _BLAME_TERMS,
        Severity.WARNING,
        "Blame and irritation aimed at the other side put them on the defensive; overuse of "
        "emotion weakens your position.",
        "Describe the problem and ask for a fix: try 'That isn't what we agreed; "
        "how can we put it right?'",
    ),
    _Family(
        "condescension",
        _CONDESCENSION_TERMS,
        Severity.WARNING,
        "Sarcasm and condescension read as contempt and make the other side defensive; "
        "overuse of emotion weakens your position.",
        "Ask instead of scoring a point: try 'Could you tell me a bit more about its history?'",
    ),
    _Family(
        "swearing",
        _SWEARING_TERMS,
        Severity.WARNING,
        "Swearing reads as lost composure; negotiation has to stay strategic even when it gets "
        "emotional.",
        "Pause, then state the point plainly: try 'That doesn't work for me; here's what would.'",
    ),
)

_SHOUTING_WHY = (
    "Shouting reads as lost composure and makes the other side dig in; overuse of emotion weakens "
    "your position."
)
_SHOUTING_TIP = (
    "Lower the volume and name the issue: try 'I hear you; that number doesn't work for me yet.'"
)

_EXCLAMATION_RUN = re.compile(r"[!?]*![!?]*!|!\s*!")
_EXCLAMATION = re.compile(r"!")
# An angry face typed with a refusal, a brush-off or a challenge is anger aimed at the other
# side ("No😡", "This is not the deal we agreed on 😡", "Fine whatever...😡", "aw come on, we
# need firewood too 😡"); beside neutral or friendly words it is a tic or a joke, so alone it
# counts for nothing.
_ANGRY_FACE = re.compile("[\U0001f620\U0001f621\U0001f92c\U0001f47f\U0001f4a2]")
# a question closed by the face, or asked twice over ("fair???"): a challenge, not a query
# ("Oh that's nice. 😡 How badly would you need these items?" asks)
_CHALLENGE = re.compile(r"\?\s*" + _ANGRY_FACE.pattern + r"|\?\?")
_REFUSING = compile_terms(
    (
        r"no",
        r"nope",
        r"not",
        r"never",
        r"dont",
        r"doesnt",
        r"isnt",
        r"arent",
        r"cant",
        r"wont",
        r"unacceptable",
        r"walk away",
        r"whatever",
        r"come on",
    )
)
_ANGRY_FACE_WHY = (
    "An angry face with a refusal reads as anger at the other side; overuse of emotion weakens "
    "your position."
)
_CAPS_WORD = re.compile(r"\b[A-Z]{2,}\b")
# Acronyms and chat words that are written in capitals without any heat.
_CAPS_OK = frozenset(
    [
        "OK",
        "OKAY",
        "LOL",
        "LMAO",
        "OMG",
        "TV",
        "DVD",
        "CD",
        "AM",
        "FM",
        "GPS",
        "USB",
        "HD",
        "TX",
        "CA",
        "NY",
        "LA",
        "USA",
        "US",
        "UK",
        "EU",
        "BMW",
        "VW",
        "GMC",
        "SUV",
        "AC",
        "AWD",
        "FWD",
        "RWD",
        "ABS",
        "MPG",
        "MSRP",
        "OBO",
        "ASAP",
        "FYI",
        "BTW",
        "PM",
        "ID",
        "VIN",
        "ATM",
        "DIY",
        "II",
        "III",
        "IV",
        "HI",
        "I",
        "A",
    ]
)
# "no worries", "no problem": a reassurance, cheer and not a refusal (read by both lists below)
_REASSURANCE = r"(?:worries|problem)"
# Words that mark a shout as happy: enthusiasm about a result is not overreach.
_HAPPY = compile_terms(
    (
        r"yay",
        r"yes",
        r"yeah",
        r"great",
        r"awesome",
        r"perfect",
        r"wonderful",
        r"fantastic",
        r"excellent",
        r"amazing",
        r"thanks?",
        r"thank you",
        r"sold",
        r"deal",
        r"love",
        r"happy",
        r"glad",
        r"congrat\w*",
        r"welcome",
        r"nice",
        r"cool",
        r"sweet",
        r"hooray",
        r"woo+h?o+",
        r"good",
        r"enjoy",
        r"lol",
        r"haha\w*",
        r"excited",
        r"hello",
        r"hi",
        r"hey",
        r"will do",
        r"sorry",
        r"me too",
        r"same (?:here|for me|with me|to you)",
        r"no " + _REASSURANCE,
        r"of course",
        r"sure",
        r"absolutely",
        r"definitely",
        r"agreed",
        r"ok",
        r"okay",
        r"fun",
        r"steal",
        r"blessing",
    )
)
_UNHAPPY = compile_terms(
    (
        r"no(?! " + _REASSURANCE + r"\b)",
        r"not",
        r"never",
        r"dont",
        r"cant",
        r"wont",
        r"stop",
        r"why",
        r"enough",
        r"wrong",
        r"hell",
        r"bad",
        r"listen",
        r"what",
        r"way",
        r"come on",
        r"get out",
        r"ridiculous",
        r"kidding",
        r"seriously",
    )
)

# Words of refusal or exasperation that make scattered "!" or capitals read as a shout.
_EXASPERATED = compile_terms(
    (
        r"stop",
        # "enough!", "enough already", not the quantity ("we don't have enough firewood")
        r"enough(?= *$| *[.!?,;]| (?:already|of|is)\b)",
        r"hell",
        r"ridiculous",
        r"kidding",
        r"seriously",
        r"get out",
        r"come on",
        r"why",
        r"unfair",
        r"no way",
        r"not again",
        r"how dare",
        r"shut up",
    )
)

_PROSODY_WHY = (
    "Your voice rose clearly above your own level this session; heat makes the other side dig in, "
    "even when the words are polite."
)
_PROSODY_TIP = (
    "Slow down and lower your voice, then say the point plainly: "
    "try 'Let me be clear about my limit.'"
)


_HEAT_WHY = (
    "The turn reads as irritated or accusing; heat makes the other side dig in, and overuse of "
    "emotion weakens your position."
)
_HEAT_TIP = (
    "Say what you need without the edge: try 'That isn't what I expected; can we sort it out?'"
)


def calm_guard(normal: str) -> bool:
    """Turns the model must not flag: plainly happy, polite, a calm limit, or price/item talk."""
    if _HAPPY.search(normal) is not None and _UNHAPPY.search(normal) is None:
        return True
    return CALM_GUARD.search(normal) is not None or NEGOTIATION_TALK.search(normal) is not None


def _negated(normal: str, start: int) -> bool:
    """Whether the words just before `start` deny the phrase ("not ridiculous")."""
    return NEGATION_BEFORE.search(normal, max(0, start - 40), start) is not None


def _cheered(text: str, run_start: int) -> bool:
    """Whether the sentence a run of "!" closes is plainly happy.

    Read on that sentence too, not only the whole turn: "Me too!!!! That is what I am most
    excited about" cheers, though its later "what" sours the whole.
    """
    # the sentence starts after the last mark before the run (or at the turn's start)
    start = max(text.rfind(mark, 0, run_start) for mark in ".?!") + 1
    sentence = normalise(text[start:run_start])
    return _HAPPY.search(sentence) is not None and _UNHAPPY.search(sentence) is None


def _shouting_span(text: str, normal: str) -> str | None:
    """The shouted part of a typed turn.

    A turn written mostly in capitals, or with a run of "!", is a shout unless its words
    are plainly happy or cooperative ("SOLD!", "yay!!", "Will do!!!"). Capitalised words
    or "!" scattered through ordinary text are as often emphasis or cheer ("a BEAUTIFUL
    flat", "Of course! Made by Curtis!"), so they count only beside words of refusal or
    exasperation ("No! Stop! Not again!").
    """
    caps_words = [w for w in _CAPS_WORD.findall(text) if w not in _CAPS_OK]
    mostly_caps = False
    if len(caps_words) >= 2:  # letters are counted one by one only then (most turns: not)
        letters = [c for c in text if c.isalpha()]
        mostly_caps = len(letters) >= 8 and sum(c.isupper() for c in letters) >= 0.6 * len(letters)
    run = _EXCLAMATION_RUN.search(text)
    scattered = len(caps_words) >= 3 or len(_EXCLAMATION.findall(text)) >= 3
    if not (mostly_caps or run is not None or scattered):
        return None
    unhappy = _UNHAPPY.search(normal) is not None
    plainly_happy = _HAPPY.search(normal) is not None and not unhappy
    if mostly_caps and not plainly_happy:
        return " ".join(caps_words)
    if run is not None and not (plainly_happy or _cheered(text, run.start())):
        return text[max(0, run.end() - 60) : run.end()].strip()
    if scattered and _EXASPERATED.search(normal) is not None:
        return " ".join(caps_words) if len(caps_words) >= 3 else text[-60:].strip()
    return None


# One pass that tells whether any family can match at all: most turns match none, and one
# scan is cheaper than one per family (the families are still read in order when it does).
_ANY_FAMILY = compile_terms(tuple(term for family in _FAMILIES for term in family.terms))


def _rule_flag(text: str, normal: str) -> Flag | None:
    """The phrase families, then shouting in text: the explainable, high-precision layer."""
    for family in _FAMILIES if _ANY_FAMILY.search(normal) else ():
        for match in family.pattern.finditer(normal):
            if family.negatable and _negated(normal, match.start()):
                continue
            return _flag(family, match.group(0))
    shout = _shouting_span(text, normal)
    if shout is not None:
        return Flag(LABEL, Severity.WARNING, shout, _SHOUTING_WHY, _SHOUTING_TIP)
    if not text.isascii():
        faces = _ANGRY_FACE.findall(text)
        # one face beside a refusal or a question put to them ("fair??? You have 3 people and I
        # have 10😡"), or a run of them anywhere ("I'll need that 😡😡😡"): said again and
        # again, the anger is the message, as with a run of capitals
        if faces and (
            len(faces) > 1 or _CHALLENGE.search(text) or _REFUSING.search(normal) is not None
        ):
            return Flag(LABEL, Severity.WARNING, faces[0], _ANGRY_FACE_WHY, _SHOUTING_TIP)
    return None


def rules_flag(text: str) -> bool:
    """Whether the rules alone flag `text` (the model's training script combines with this)."""
    return _rule_flag(text, normalise(text)) is not None


def heat_score(text: str) -> float | None:
    """The heat model's log-odds for `text`, or None when a calm guard applies or no model ships.

    Public so the benchmarks can trace the detection / false-alarm curve over thresholds.
    """
    model = load_model()
    normal = normalise(text)
    if model is None or calm_guard(normal):
        return None
    return model.logit(normal, text)


def _model_flag(text: str, normal: str) -> Flag | None:
    """The heat model's verdict, unless a calm guard from the rubric applies."""
    model = load_model()
    if model is None or calm_guard(normal):
        return None
    if model.logit(normal, text) < model.threshold:
        return None
    return Flag(LABEL, Severity.WARNING, model.trigger(normal), _HEAT_WHY, _HEAT_TIP)


def _flag(family: _Family, span: str) -> Flag:
    return Flag(label=LABEL, severity=family.severity, span=span, why=family.why, tip=family.tip)


def detect_overreach(
    text: str,
    context: Sequence[str],
    prosody: ProsodyReading | None = None,
    baseline: VoiceBaseline | None = None,
) -> list[Flag]:
    """Flag emotional overreach in one trainee turn; at most one flag (the strongest family).

    Args:
        text: the turn as typed or recognised.
        context: earlier turns as "speaker: text" lines (unused by the word rules today;
            kept so the contract does not change when context-aware rules are added).
        prosody: the turn's measured voice, when it had audio.
        baseline: the speaker's running voice baseline; the caller observes the reading after this.
    """
    del context  # the word rules judge the turn itself; see docstring
    normal = normalise(text)
    flag = _rule_flag(text, normal) or _model_flag(text, normal)
    if flag is not None:
        return [flag]
    if prosody is not None and baseline is not None:
        reason = baseline.is_raised(prosody)
        if reason is not None:
            return [Flag(LABEL, Severity.WARNING, reason, _PROSODY_WHY, _PROSODY_TIP)]
    return []
