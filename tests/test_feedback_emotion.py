"""emotion.overreach: clear positives and negatives per family, the tricky ones, and robustness."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from voicecoach.core.feedback.emotion import detect_overreach
from voicecoach.core.feedback.lexicon import normalise
from voicecoach.core.transcript import Severity


def spoken(text: str) -> str:
    """Recogniser-style: lower case, no punctuation, apostrophes dropped."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


OVERREACH = [
    "Please grow up, and don't be so emotional.",
    "Again don't patronize me.",
    "As I have explained now twice, it is obviously food.",
    "We need all the food, two of our members are diabetic and they may die!",
    "I am about to walk, you are being so unfair",
    "Fine, I'll just let my kids go hungry then.",
    "How am I supposed to survive out there with no water?",
    "That's ridiculous, nobody would pay that.",
    "Are you kidding me? That car is falling apart.",
    "You're ripping me off and you know it.",
    "Please, I'm begging you, I really really need this.",
    "You'd be ruining my whole week if you say no.",
    "This is insane, worst offer I've ever seen.",
    "Lower it or else I'll post a bad review everywhere.",
    "What the hell is wrong with this price",
    "I'm desperate, my kids will starve if this falls through.",
    "How dare you ask that much for this junk",
    "Why did you lie to me about the mileage",
    "How many times do I have to say it, the price is firm.",
    "Thirty dollars for all that, are you mad?",
    "I am insulted. How about I take 2 water and you take the rest.",
    "I'm sick and tired of your games.",
    "You're the owner, I'd think you would know that.",
    "Did you even read my last message?",
    "Good luck selling it at that price.",
    # "if not" is "otherwise" here, not a denial of what follows
    "3,800 firm, if not good luck trying to find someone who pays that much.",
    "Sorry, but my baby could die if she doesn't eat.",
    "I understand, but if my veins shut down I could die.",
    "We were drinking only water for the whole week. We are dying of hunger.",
    "We are passing a steep incline and I don't want my friend to die of asthma.",
    "Okay. I fear some of us may die of thirst, but I will give you 1 water.",
    "Get lost, you jerk.",
    "If you're so incompetent at going camping, maybe you should stay home.",
]

CALM = [
    "Kids grow up so fast, don't they?",
    "I think you are being very fair about this.",
    "I'm useless at camping, so I need the firewood.",
    "As I said before, the price is 400.",
    "I'm not trying to be difficult, just careful.",
    "That view! I could die of happiness up there.",
    "We hope the puppy won't grow up too big.",
    "Fine, 450 works for me.",
    "That's fine, I'll take it.",
    "Great, that works for me!",
    "yay!!",
    "SOLD!",
    "That's more than my budget allows.",
    "I'm sorry to hear about your move, I hope it goes well.",
    "I really need the firewood, it gets cold at night.",
    "I don't mean to insult you, but could you do 300?",
    "That's not ridiculous at all, it's a fair ask.",
    "Our baby could use the extra blanket if you can spare one.",
    "It is in great condition and has a new battery.",
    "What would you need to make this work?",
    "I'm not crazy about the colour, but the price is right.",
    "Wow, thank you so much!! I'm excited to pick it up.",
    "It's stupid cheap for what you get.",
    "Perfect, sorry about the dumb question. I only have a budget of 400, could that work?",
    "I can't take that deal, but I can take 2 books.",
    "I've had it for two years and it runs fine.",
    "I could take the books, or else the hats, your choice.",
    "If I get lost on the trail I will need more water.",
    "Giving it away at a ridiculous price of 40.",
    # an illness or a story, not an insult or a plea
    "I need the water because I have a heart condition.",
    "Some idiot in Europe got too close to a bear for a selfie. Too funny.",
    # their experience asked, not an exasperated "how many times"
    "How many times have you gone camping?",
]


@pytest.mark.parametrize("text", OVERREACH)
def test_overreach_flagged(text: str) -> None:
    flags = detect_overreach(text, [])
    assert [f.label for f in flags] == ["emotion.overreach"]
    flag = flags[0]
    assert flag.span and flag.span in normalise(text)  # the words that triggered it, as read
    assert flag.severity in (Severity.WARNING, Severity.CRITICAL)
    assert "try" in flag.tip.lower() and flag.why.endswith(".")


@pytest.mark.parametrize("text", OVERREACH)
def test_overreach_survives_recogniser_text(text: str) -> None:
    assert detect_overreach(spoken(text), []) != []


@pytest.mark.parametrize("text", CALM)
def test_calm_not_flagged(text: str) -> None:
    assert detect_overreach(text, []) == []
    assert detect_overreach(spoken(text), []) == []


def test_span_is_the_trigger() -> None:
    (flag,) = detect_overreach("Honestly, that's ridiculous for a used bike.", [])
    assert "ridiculous" in flag.span


@pytest.mark.parametrize(
    "text",
    [
        "NO WAY AM I PAYING THAT",
        "Stop!!! Just stop lowballing me",
        "Why would I do that?!?!",
        "Come on! Enough! Why won't you move!",
        "That is 1800 below my price!!",
        "Yes, I read it. But no!! Not at that price",
    ],
)
def test_shouting_in_text(text: str) -> None:
    assert [f.label for f in detect_overreach(text, [])] == ["emotion.overreach"]


@pytest.mark.parametrize(
    "text",
    [
        "LOL ok",
        "Does it have AWD and GPS?",
        "Deal!! See you at 5",
        "Will do!!!",
        "Of course! It's made by Curtis! Great brand!",
        "Perfect! Enjoy your new home! You won't regret it!",
        "It has a BEAUTIFUL view and FREE parking INCLUDED.",
        "no worries!!!",
        "Same for me!!",
        "Me too!!!! That is what I am most excited about.",
    ],
)
def test_capitals_and_bangs_without_heat(text: str) -> None:
    assert detect_overreach(text, []) == []


def test_an_angry_face_counts_only_with_a_refusal_a_brush_off_a_challenge_or_in_a_run() -> None:
    """Rubric: anger aimed at the other side; a stray or playful emoji is not (dev.jsonl)."""
    for text in (
        "No\U0001f621",
        "My son has asthma, I'll definitely need that \U0001f621\U0001f621\U0001f621",
        "This is not the deal we agreed on \U0001f621",
        "UNACCEPTABLE! \U0001f620",
        "Fine whatever...\U0001f621",
        "aw come on, we need firewood too \U0001f621",
        # a challenge: the face closes a question, or the question is asked twice over
        "would you drink water contaminated with sewage? \U0001f621",
        "fair??? You have 3 people and I have 10\U0001f621",
        "This doesn't seem very fair to me at all.\U0001f621 Now you want more things.",
    ):
        [flag] = detect_overreach(text, [])
        assert flag.span in ("\U0001f621", "\U0001f620"), text
    for text in (
        "Oh that's nice. \U0001f621 How badly would you need these items?",
        "Let's hurry because I want to get as far away as possible from girls with an ax\U0001f621",
        "Since it's hot there, I get thirsty and dry real quick. \U0001f621",
        "Come on over whenever you like \U0001f642",
    ):
        assert detect_overreach(text, []) == [], text
    assert detect_overreach("I'm getting impatient and will leave soon.", [])


def test_tokenised_corpus_text_is_read_like_typed_text() -> None:
    assert detect_overreach("That ’ s ridiculous .", []) != []
    assert detect_overreach("are you kidding me", []) != []


@settings(max_examples=200, deadline=None)
@given(st.text(), st.lists(st.text(), max_size=3))
def test_no_exception_on_arbitrary_text(text: str, context: list[str]) -> None:
    flags = detect_overreach(text, context)
    assert all(f.label == "emotion.overreach" for f in flags)


def test_dailydialog_neutral_turns_rarely_flagged() -> None:
    """Held-out DailyDialog: calm turns flagged at most 1% (the product must not cry wolf)."""
    folder = shared_path("corpora", "dailydialog", "validation")
    texts = (folder / "dialogues_validation.txt").read_text(encoding="utf-8").splitlines()
    labels = (folder / "dialogues_emotion_validation.txt").read_text(encoding="utf-8").splitlines()
    calm = flagged = 0
    for line, codes in zip(texts, labels, strict=True):
        for turn, code in zip(line.split("__eou__")[:-1], codes.split(), strict=True):
            if code == "0":
                calm += 1
                flagged += bool(detect_overreach(turn.strip(), []))
    assert calm > 7000
    assert flagged / calm <= 0.01


@pytest.mark.parametrize(
    "text",
    [
        "I'm in dire need of a new mattress, my bed got bed bugs",
        "I am in desperate need of extra camping supplies",
        "Yes, good morning. Don't evade your responsibility",
        "That's more than your list price. What kind of operation are you running here?",
        "Is this one of those baiting things?",
        "Are you trying to scam me with that number?",
        "It's like a desert here. I'll literally die from dehydration without water.",
    ],
)
def test_desperation_blame_a_charge_of_a_con_and_melodrama_are_overreach(text: str) -> None:
    """Typed and recognised alike."""
    assert detect_overreach(text, ())
    assert detect_overreach(text.lower().replace(",", "").replace(".", "").replace("'", ""), ())


@pytest.mark.parametrize(
    "text",
    [
        "Don't forget the bait for fishing!",
        "What kind of business are you in?",
        "I'll really enjoy the campfire.",
    ],
)
def test_bait_a_business_question_and_plain_adverbs_are_calm(text: str) -> None:
    assert not detect_overreach(text, ())


def test_sarcasm_about_how_they_see_us_is_overreach() -> None:
    for text in (
        "You must think me a fool or a rich man. $2500/mo and I'll stay the year",
        "Do I look like I was born yesterday?",
        "i wasnt born yesterday",
    ):
        assert [f.label for f in detect_overreach(text, ())] == ["emotion.overreach"], text
    for text in ("I think you are right", "Do you think I am a good fit for the place?"):
        assert detect_overreach(text, ()) == [], text


def test_calling_them_a_liar_and_a_sarcastic_very_mature_are_overreach() -> None:
    for text in (
        "Diabetics can eat less food because of the small meals. Don't lie to me.",
        "you're lying to me about the mileage",
        "very mature .",
        "That's real mature of you.",
    ):
        assert [f.label for f in detect_overreach(text, ())] == ["emotion.overreach"], text
    for text in (
        "The trees here are very mature and give lots of shade.",
        "I was lying down when you called.",
        "I would never lie to you about the condition.",
    ):
        assert detect_overreach(text, ()) == [], text


def test_enough_as_a_quantity_does_not_make_emphasis_a_shout() -> None:
    # capitals for emphasis beside "not enough firewood": a need, not exasperation
    said = "Fair, but her tent is NOT GOOD and we lack enough firewood; she is ALREADY cold."
    assert detect_overreach(said, ()) == []
    # "enough!" itself is exasperation, and the same capitals then read as a shout
    assert detect_overreach("That is ENOUGH, I am DONE WITH THIS", ())
    assert detect_overreach("Enough already. STOP THE GAMES NOW, ok?", ())


@pytest.mark.parametrize(
    "text",
    [
        "Honestly I think you are a selfish person, so I'm done here.",
        "Your rude manner is not helping.",
        "Do you not understand what firm means?",
        "Please don't try to boss me around.",
        "You really messed up by turning down my deal.",
        "I'm not liking your attitude, so it's this split or nothing.",
        "We are in pretty desperate need of water.",
        "I wouldn't have enough money for food this week if I paid that.",
        "I won't even answer that nonsense, try again.",
        "Anyone who asks that is probably a bigot.",
        "My kids are sick and the water ran out. Please help me.",
        "I need all the food for my family, please help us friend",
        # mockery, a scolding, a plea for mercy, a charge of lowballing
        "You want every hat? Sure, and I want a million dollars.",
        "I've been more than patient with you, take the offer.",
        "Please show some mercy, my kids will go hungry.",
        "Now you're trying to lowball me after all that?",
        "Let's drop that nonesense and talk real numbers.",
        # desperation, blame for one's hardship, contempt for the offer
        "Yes!! We are actually pretty desperate for a new apartment.",
        "Why won't you help my kids? I did all the giving.",
        "I am willing to negotiate, but 12 dollars is ignorantly low.",
    ],
)
def test_a_verdict_on_their_character_rebukes_and_hardship_pleas_are_overreach(
    text: str,
) -> None:
    """Insults, condescension, blame and pleading in the rubric's sense; typed and recognised."""
    assert detect_overreach(text, ())
    assert detect_overreach(spoken(text), ())


@pytest.mark.parametrize(
    "text",
    [
        "I'm a bad person to ask about engines, sorry.",
        "Do you not need the firewood at all?",
        "I like your attitude, let's make a deal.",
        "Is there enough money left for food after rent?",
        "I have enough money for food, I just need the water.",
        "Could you please help me with the pickup time?",
        "Please help me understand what you need most.",
        "It's not nonsense to ask for a receipt.",
        "I don't mean to lowball you, but 200 is my budget.",
        "Thanks for being patient with me while I checked.",
        "If I had a million dollars I'd take all of it, but I don't.",
        "Why don't you help me understand what you need most?",
        "I'm not desperate, I can wait for a better price.",
    ],
)
def test_lookalikes_of_insults_rebukes_and_hardship_are_calm(text: str) -> None:
    assert not detect_overreach(text, ())


def test_calling_them_drunk_or_stupid_is_overreach() -> None:
    for text in ("ha , you are drunk ! i need both books", "are you drunk?", "you're stupid"):
        assert [f.label for f in detect_overreach(text, ())] == ["emotion.overreach"], text
    for text in ("I was drunk at the party", "Are you driving it over?"):
        assert detect_overreach(text, ()) == [], text


def test_seriously_thrown_back_at_their_offer_is_overreach() -> None:
    for text in ("seriously?", "seriously . you're going straight to that ."):
        assert [f.label for f in detect_overreach(text, ())] == ["emotion.overreach"], text
    for text in ("Seriously! This year has been wild.", "I am seriously interested in it."):
        assert detect_overreach(text, ()) == [], text
