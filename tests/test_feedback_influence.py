"""influence.push and influence.question: positives, negatives, the tricky ones, robustness."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.core.feedback.influence import PUSH, QUESTION, detect_influence
from voicecoach.core.transcript import Severity


def spoken(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", text.lower())).strip()


def labels(text: str, context: Sequence[str] = ()) -> list[str]:
    return [f.label for f in detect_influence(text, context)]


PUSHES = [
    "Let's be reasonable here, you don't need all of it.",
    "Trust me, this is the best deal you'll find.",
    "You need to understand that this price is already low.",
    "Believe me, you won't find a better one anywhere.",
    "You should be willing to give a little too.",
    "I know what's best for you here.",
    "It's a great price, it won't last long.",
    "You have to accept that the market has changed.",
    "Then you will have to compromise.",
    "Surely you don't need ALL of the firewood?",
    "Kids go to bed early, you won't need as much firewood.",
    "You should have enough from your default package for a nice fire.",
    "She is resting at camp, so she will do fine with less water.",
    "You are going to have to toss something back our way.",
    "Well, you can't have everything you want.",
    "Fact is you should be throwing in the first month for free.",
]

OPEN_QUESTIONS = [
    # their reasons and their valuation, asked
    "Hmm that's going to be hard for me because I also get cold. what other reasons do you have?",
    "Do you have reasons for wanting food?",
    "What's most valued to you?",
    "What items are of preference for you today?",
    "what is priority pls tell me",
    "Would you mind sharing your top priority item with me?",
    "Would you mind telling me what you need the water for?",
    "Why is gathering food an issue for you?",
    "Is there anything in particular you're hoping to get?",
    "How stocked up are you on food and firewood?",
    "What are you going to use your water for?",
    "Any items in particular you need for your trip?",
    "How long will you be camping for?",
    "How are you with food?",
    "What kind of trip are you planning?",
    "Is your main concern the delivery date?",
    "How much water do you think you would drink?",
    "What matters most to you in this deal?",
    "What would you need to make this work?",
    "Why is the date important to you?",
    "What are your most important items?",
    "How do you feel about extra firewood?",
    "I need water the most, what about you?",
    "Water is the lowest for me. What about you?",
    "Is firewood something you want the most?",
    "Is there anything in particular you need for your trip?",
    "What are you going to use the truck for?",
    "Is there a reason you need the extra water?",
    "how many packs you want",
    "Me too, do you have any priority items that you really need?",
    "hi, what help you need?",
    "Can I ask why you do not want food as much?",
    "why?",
    "So are there any supplies you are trying to collect extra of for this trip?",
    "How important are they to you?",
    "How much water will you be packing with you?",
    "Sounds good. How long is your camping trip?",
    "How many nights will you be camping for?",
    "Great! What extra supplies would you like to bring?",
]

NEITHER = [
    "Do you want to trade firewood for food?",
    "What is the priority of me getting the water?",
    "How long have you had it?",
    "What would you like for it?",
    "What kind of price are you looking for?",
    "What kind of work have you done on it?",
    "What's your best price?",
    "What do you propose?",
    "How many miles does it have?",
    "How long is the lease?",
    "How about you take 1 firewood and I take 2?",
    "Is there any chance you can meet at 400?",
    "I can do 450 if you pick it up today.",
    "What can I tell you about it?",
    "I don't want to push you, take your time.",
    "How much do you want for it?",
    "How much would you like to pay for the battery?",
    "What do you think of 850?",
    "Are you looking at the ad I posted?",
    "Are you interested in buying it today?",
    "What are you looking for for it?",
    "If you lower it to 230 I can assure you that I can pick it up quickly.",
    "I'll take that offer, but you have to buy the stand too.",
    "I'm good! I'm looking forward to my camping trip this weekend. How about you?",
    "What do you think about me getting two water, one firewood, and all of the food?",
    "What do you think of if I take 3 of the food supplies?",
    "What you need is a lower price.",
    "Why not, let's do it.",
    # an ultimatum persuades no one: overreach when heated, never push
    "2 hats, take it or leave it.",
    # their needs asked about or taken as given, not told to them
    "So you don't need the firewood at all?",
    "If you don't need the food, can I have it?",
    "You don't need to worry about the delivery.",
    "I can trade you anything you don't need.",
    "That is my final offer, take it or leave it.",
    # an invitation to ask about the product, and a supposition: neither tells them anything
    "Hi there, sure thing. What do you need to know, or any questions?",
    "If you need to see it first, come by on Saturday.",
    "Then you would still have plenty of water, and I get the firewood.",
    "Do you think you will be okay with just 1 water?",
]


@pytest.mark.parametrize("text", PUSHES)
def test_push_flagged(text: str) -> None:
    flags = detect_influence(text, [])
    push = [f for f in flags if f.label == PUSH]
    assert len(push) == 1
    assert push[0].severity is Severity.WARNING and push[0].span and "try" in push[0].tip.lower()
    assert PUSH in labels(spoken(text))


@pytest.mark.parametrize("text", OPEN_QUESTIONS)
def test_open_question_credited(text: str) -> None:
    flags = detect_influence(text, [])
    credit = [f for f in flags if f.label == QUESTION]
    assert len(credit) == 1 and credit[0].severity is Severity.INFO
    assert PUSH not in [f.label for f in flags]
    assert QUESTION in labels(spoken(text))  # no "?" needed


@pytest.mark.parametrize("text", NEITHER)
def test_price_and_product_questions_not_credited(text: str) -> None:
    assert labels(text) == []
    assert labels(spoken(text)) == []


def test_statement_about_their_needs_is_not_a_question() -> None:
    assert labels("I can understand why water would be important to you. I need food.") == []
    assert labels(spoken("I can understand why water would be important to you.")) == []


def test_greeting_then_statement_is_not_a_needs_question() -> None:
    assert labels("hi how are you im interested in your three bedroom flat") == []
    assert labels("how are you feeling about the extra firewood") == [QUESTION]


def test_long_pitch_without_a_question_is_push() -> None:
    pitch = (
        "This bike is in excellent condition, it has brand new tires and a great frame. "
        "It rides perfectly and the quality is the best you can get at this level. "
        "I have kept it in the garage all winter, it has new brakes, a new chain and "
        "every feature you could want, honestly it is worth far more than I am asking for it."
    )
    assert labels(pitch) == [PUSH]
    assert labels(pitch + " What will you mostly use it for?") == [QUESTION]


def test_push_and_credit_in_one_turn() -> None:
    assert sorted(labels("Trust me, it's worth it. But what do you need it for?")) == [
        PUSH,
        QUESTION,
    ]


@settings(max_examples=200, deadline=None)
@given(st.text(), st.lists(st.text(), max_size=3))
def test_no_exception_on_arbitrary_text(text: str, context: list[str]) -> None:
    for flag in detect_influence(text, context):
        assert flag.label in (PUSH, QUESTION)


def test_a_why_question_is_not_told_to_ask_why_next() -> None:
    why = detect_influence("Why is the date important to you?", [])
    what = detect_influence("What matters most to you in this deal?", [])
    assert [f.label for f in why] == [f.label for f in what] == [QUESTION]
    assert "why is that important" not in why[0].tip.lower()
    assert "why is that important" in what[0].tip.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Why are you selling it?",
        "Well, let's negotiate friend! What interests you the most?",
        "hmmm, well what are you looking to get",
        "I plan to hike while I am camping. Do you have specific plans?",
        "I think I would like some firewood to start off with. We like big fires. What about you?",
        "Food is high on my list, and water is fairly low on my list... you?",
        "I can really use 2 wood and 2 food.  What about yourself?",
    ],
)
def test_their_motives_and_their_side_asked_back_are_credited(text: str) -> None:
    assert QUESTION in labels(text)


def test_asking_back_after_small_talk_is_not_credited() -> None:
    # nothing of the speaker's own wants was put on the table first
    assert QUESTION not in labels(
        "I am doing okay but am in need of some supplies. What about you?"
    )
    assert QUESTION not in labels("I'm fine thanks... you?")


def test_where_they_stand_on_an_item_is_an_open_question() -> None:
    for text in ("Where do you stand on water? We're low.", "where do you stand on the firewood"):
        assert "influence.question" in labels(text), text
    assert detect_influence("Where do you stand when you fish?", ()) == []


@pytest.mark.parametrize(
    "text",
    [
        "We could use more water. Are you short on anything?",
        "are you running low on food?",
        "Fine thanks, any particular item you're looking for?",
        "what value does that split give you?",
        "How much worth does the hat have for you?",
    ],
)
def test_their_shortfall_and_their_own_valuation_are_needs_questions(text: str) -> None:
    assert labels(text) == [QUESTION]


@pytest.mark.parametrize(
    "text",
    [
        "Are you out of your mind?",
        "I am short on cash.",
        "what value is it new?",
        # a price asked back, a request for a verdict, their need said as a fact
        "My offer is 300. What's yours?",
        "Let me know if you want it.",
        "Let me know what you think.",
        "It sounds like you need water too.",
        "Would that be good for you?",
        "I will be needing 3 water and 2 firewood.",
        # their price, and why the item is sold
        "I could come down a little, how much were you thinking?",
        "Are you flexible on the price?",
        "Only 5 months old, may I ask why you're selling?",
    ],
)
def test_lookalikes_of_needs_questions_are_not_credited(text: str) -> None:
    assert QUESTION not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Now can you summarize your needs?",
        "What is the least valuable item for you?",
        "which is the most important one to you?",
        "I'm hoping for firewood, then food. How about you?",
    ],
)
def test_their_needs_summed_up_ranked_or_asked_back_after_our_own(text: str) -> None:
    assert labels(text) == [QUESTION]


def test_summing_up_an_offer_or_a_hope_about_the_weather_is_not_a_needs_question() -> None:
    for text in ("Let me summarize your offer: 300.", "I'm hoping for a sunny day. How about you?"):
        assert detect_influence(text, ()) == [], text


def test_their_needs_question_handed_back_is_credited() -> None:
    answer = "Firewood, due to the area that we are going to. How about you?"
    asked = ("them: Hello!", "them: Which item do you need the most?")
    assert QUESTION in labels(answer, asked)
    # after small talk, "how about you?" is small talk too
    greeted = ("them: Hello, how are you doing today?",)
    assert QUESTION not in labels("I'm fine. How about you?", greeted)
    assert QUESTION not in labels(answer)


@pytest.mark.parametrize(
    "text",
    [
        "And what would you like in return",
        "What do you want in exchange?",
        "What would be your budget?",
        "I don't wanna give it away but how much are you able to spend?",
        "what can you afford",
    ],
)
def test_what_they_want_back_and_their_budget_are_needs_questions(text: str) -> None:
    assert labels(text) == [QUESTION]


def test_what_they_would_pay_asks_a_price_not_their_budget() -> None:
    assert QUESTION not in labels("How much would you pay for it?")


@pytest.mark.parametrize(
    "text",
    [
        "Is there a particular reason you want to make that dish?",
        "What could I do to get you home in this car today?",
        "What can I do to make this work for you?",
        "Is water your least preferred item?",
        "Is water your medium or low priority item?",
        "How many members are in your household?",
    ],
)
def test_their_reasons_what_moves_them_and_their_ranking_are_needs_questions(text: str) -> None:
    """Rubric: 'why is the date important?', 'what would you need to make this work?'."""
    assert labels(text) == [QUESTION]


@pytest.mark.parametrize(
    "text",
    [
        "What can I do to lower the price?",
        "Is there a particular reason for the price?",
        "Water is your least preferred item, so I'll take it.",
        "Water is your low priority item, so I'll take it.",
    ],
)
def test_our_own_moves_and_statements_of_their_ranking_are_not_needs_questions(
    text: str,
) -> None:
    assert QUESTION not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "yeah sure, I will share with you all the food. What about firewood?",
        "Water is really important for me as well. How about firewood or food?",
        "what about the food",
    ],
)
def test_asking_where_they_stand_on_an_item_at_the_end_is_a_needs_question(text: str) -> None:
    assert labels(text) == [QUESTION]
    assert labels(spoken(text)) == [QUESTION]  # no sentence marks: the turn's end still asks


def test_the_item_asked_after_a_comma_is_a_needs_question_but_a_verdict_asked_is_not() -> None:
    assert labels("That's okay, what about the firewood?") == [QUESTION]
    # "what do you think" after a split asks their verdict on it, not where they stand
    assert QUESTION not in labels(spoken("I'll take two food and the wood, what do you think?"))


@pytest.mark.parametrize(
    "text",
    [
        "And what about water? I was hoping to get an extra bottle or two if possible.",
        "how about the books and the hat?",
        "How about 2 firewood?",
        # a choice left to them, or their number fished for
        "Just tell me which bundle you want.",
        "It's up to you which one you want to keep.",
        "I'll give you the food or the water, whichever you need more.",
        "What were you thinking for the price?",
        "I can come down a little. What were you thinking?",
        "I need to know what my budget is and you need to know it too.",
    ],
)
def test_an_item_asked_for_or_proposed_is_not_a_needs_question(text: str) -> None:
    """A lead-in to our own want, a bundle or a count proposes; a choice left to them or a
    price fished for asks nothing about them; none explores."""
    assert QUESTION not in labels(text)
    assert QUESTION not in labels(spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "So your second priority is water, then?",
        "Are you most interested in the food?",
        "Are you interested in extra firewood at all? Making s'mores is super fun!",
        "Oh yeah, that's for sure. What camping item do you prioritize?",
        "ok, tell me why you need the extra food. because it would be nice with my water",
        "You need water the most?",
        "Thank you for discussing this so openly! Is your main objective to get one of each?",
    ],
)
def test_their_priorities_checked_back_are_needs_questions(text: str) -> None:
    assert labels(text) == [QUESTION]


def test_their_priority_said_as_a_fact_is_not_a_question() -> None:
    assert QUESTION not in labels("I know you need water the most.")
    assert QUESTION not in labels("Are you interested in my bike?")


@pytest.mark.parametrize(
    "text",
    [
        "That sucks. What supplies do you require? My family loves to grill.",
        "What is it that you need?",
        "I can work with what you share. Is there a certain amount of food you need?",
        "How about you let me know what you're most in the market for?",
        "How many people are in your party?",
        "how much is hat to you ?",
        "would you rather have that than have everything but the hat ?",
        # through a relative clause, a ranking or a use
        "What are the sorts of things that you need for the trip?",
        "Could I ask what supplies you most need?",
        "So what is the item that you value the most?",
        "Which items were you looking for?",
        "Which one is your top item?",
        "What's more important for you, water or firewood?",
        "Sure, the hats are yours. How come you want the ball?",
        "What are you using the extra water for?",
        "Do your kids drink a lot of water?",
        "Are you going to require much firewood?",
        "Your priorities were water and then food, right?",
        "What are your reasons for moving out?",
        # after our own needs (counted, or a shortfall), "what about you?" asks for theirs
        "I'm a bit short on water, so I'd like a fair share of it. What about you?",
        "I need 3 packs of firewood and 1 food. What about you?",
        "So water and food are your most pressing needs?",
        # asked back after our own priority, put as a request, or their need checked back
        "Water matters most to me. What's yours?",
        "Please let me know your requirements.",
        "Let me know how many packs of firewood you would need.",
        "Any health reasons that make you need that much water?",
        "I'll take the books; is the hat of high value to you?",
        "Is their anything your hoping to get?",
        "Sure, I can spare a water, but you want food as well?",
        # "needing", a softener before the need, asked indirectly, or their interest
        "That might work. What reasons do you have for needing those?",
        "I'm excited too, are there any supplies that you really need?",
        "I was wondering what your preferences are for the extra items we can bring?",
        "Same, I need food. Will firewood be of interest to you as well?",
        # a preference with words between, their other options
        "do you have a particular item preference?",
        "will anything else work for you? like i take the ball and the books",
        "What else would work for you?",
        # their valuation, their flexibility, their needs asked in the present
        "are the hats worth anything to you ?",
        "what is the value of hats to you ?",
        "How important to you is firewood? It's hot here.",
        "Would you be more flexible on food or water?",
        "Yes, I would. How much food were you needing?",
        "I will need a little water. Are you going to be needing a lot of water?",
        "Is there an item you would like over the others?",
        "May I ask why?",
        "Are you by yourself?",
        # the problem put to both, their wants
        "I really need two firewoods to cook with though. How can we make this work?",
        "how could we make that better",
        "Nice parks are close as well. Are you looking for something in particular?",
        "Ok, do you have any interest in any fire wood?",
        "Yes, I believe that is good. Now how about your need for water?",
        "I could give you two food and keep one. What is your status on firewood?",
        "Are you looking for any specific items?",
        "Maybe we could trade. What is it that you are most in need of?",
        # their worries, conditions and company set their needs
        "Are you worried about running out of supplies at all?",
        "I could use a little to cook with. Is it hot where you will be?",
        "We are low on water. How are things looking your way?",
        "Does that sound okay to you guys? How many are in your group?",
    ],
)
def test_their_needs_asked_in_other_words_are_needs_questions(text: str) -> None:
    """Other words for the same probe: what they require, how much an item is worth to them,
    "what ... that you need", "which is your top", "what are you using it for"."""
    assert labels(text) == [QUESTION]
    assert labels(spoken(text)) == [QUESTION]


@pytest.mark.parametrize(
    "text",
    [
        "I need food the most, how bout you?",
        "Me too! I am in great need of water and food. How about you?",
    ],
)
def test_how_bout_you_after_our_needs_hands_the_question_back(text: str) -> None:
    assert labels(text) == [QUESTION]


def test_asking_what_they_think_of_our_split_or_small_talk_is_not_a_needs_question() -> None:
    assert QUESTION not in labels("I take 2 firewood and 1 food. Let me know what you think")
    assert QUESTION not in labels("It could be better, but it's cool. How bout you?")
    assert QUESTION not in labels("I am in the market for a newer tv and I came across your ad.")


@pytest.mark.parametrize(
    "text",
    [
        "I assume you value water the least?",
        "Great! Anything else that you need with it?",
        "are you hiking alone?",
        "Do you have a small group, like I do?",
        "I was wondering how much food and water your looking for so we can split accordingly",
    ],
)
def test_their_lowest_priority_their_party_and_anything_else_they_need_are_needs_questions(
    text: str,
) -> None:
    assert labels(text) == [QUESTION]


def test_anything_else_they_need_to_know_is_about_the_product() -> None:
    assert QUESTION not in labels("Anything else you need to know about the bike?")


@pytest.mark.parametrize(
    "text",
    [
        "I'd like to keep 3 firewood if possible. Are there supplies that you would like?",
        "Are you bringing guest?",
    ],
)
def test_supplies_they_would_like_and_who_they_bring_are_needs_questions(text: str) -> None:
    assert labels(text) == [QUESTION]


@pytest.mark.parametrize(
    "text",
    [
        "It's warm where I'm going. How do you feel about you get 2 wood and I get 1?",
        "do you want extra firewood if I take extra water?",
        "What are your thoughts on taking less? That's kinda pricey.",
        # a number of more than one digit, with or without its dollar sign
        "Yeah, how do you feel about $85?",
        "How would you feel about 25 for the desk?",
        "Any thoughts on 450?",
        "how would you feel about me getting 2 water, 1 wood, 1 food",
        "Well, how would you feel about getting all the food and I get all the firewood?",
    ],
)
def test_a_proposal_put_as_a_question_about_their_feelings_is_not_credited(text: str) -> None:
    assert QUESTION not in labels(text)
    assert QUESTION in labels("How do you feel about the firewood?")


@pytest.mark.parametrize(
    "text",
    [
        "Your horses could probably graze, and you can just catch a fish for dinner.",
        "I get that it's cold, but why not wear a thicker jacket?",
        "You can always boil the lake water, so the water should be mine.",
        "With what you save on gas you could easily pay the asking price.",
        "Your group can surely get by with the basic supplies.",
        "Honestly, you can survive without the extra firewood.",
        "You already have your basic supplies; this food is just extra.",
        "Your basic supplies will keep your kids warm enough.",
        "The basic package was enough for a trip like yours.",
        "The additional packages are just a bonus, you know.",
        "You can always bring an extra blanket, that beats a fire.",
        "There are stores near the campground, so you could just buy more food there.",
        "Nope. $55. I can't go higher and you need to get rid of them.",
        "You can't just put an offer, we need to discuss it first.",
        "If you want something else you are going to have to negotiate for it.",
    ],
)
def test_waving_their_need_away_is_push(text: str) -> None:
    """Telling them how easily they could do without is "I know what's best for you"."""
    assert labels(text) == [PUSH]
    assert PUSH in labels(spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "I'll give you the extra firewood so you can boil more water easily.",
        "If you can just find some dry wood, could you spare a water?",
        "Could you probably catch fish where you're going?",
        "We can always boil water from the stream, so take the water.",
        "You said you could get by with one firewood, so here is the deal.",
        "If you can manage with two waters, I'll take the third.",
        "Do you think you can survive without the firewood?",
        "We all have the basic package, but my group is bigger this year.",
        "Do you already have the basic supplies with you?",
        "Can you always bring your own cooler?",
        "Do you need to get rid of them soon?",
        "Could you buy more food on the way there?",
        "I need to get rid of them before I move.",
    ],
)
def test_a_give_a_question_or_our_own_fallback_is_not_push(text: str) -> None:
    assert PUSH not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "What do you want the most?",
        "Which supplies do you want the most?",
        "Ok, what are some of your priorities?",
        "what are your values ?",
    ],
)
def test_what_they_want_most_and_some_of_their_priorities_are_needs_questions(text: str) -> None:
    assert QUESTION in labels(text)
    assert QUESTION in labels(spoken(text))


def test_what_they_want_for_the_item_still_asks_a_price() -> None:
    assert QUESTION not in labels("What do you want for the table?")


def test_their_need_checked_back_with_right_is_a_needs_question() -> None:
    assert labels("So you'll want some of the food, right?") == [QUESTION]
    assert QUESTION not in labels("So you want 2 food, right?")  # their split said back
    assert QUESTION not in labels("You need to pay the deposit, right?")


def test_an_emoji_before_the_item_question_is_read_past() -> None:
    flags = detect_influence("Sure, you can have 1 of the wood. 🙂  What about the water?", ())
    assert [(f.label, f.span) for f in flags] == [(QUESTION, "what about the water")]


def test_small_talk_about_supplies_then_what_about_you_is_not_a_needs_question() -> None:
    assert QUESTION not in labels("Doing fine, just short of a few supplies. How about you?")


@pytest.mark.parametrize(
    "text",
    [
        "Ok. What are you thinking?",
        "I can live with that split. What is your opinion?",
        "What are your thoughts?",
        "What would you think of an offer of 350 for the lamp?",
    ],
)
def test_their_verdict_asked_for_bare_is_not_a_needs_question(text: str) -> None:
    assert QUESTION not in labels(text)
    assert QUESTION not in labels(spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "Great. What's your third most needed item?",
        "I can't go that low. Is there anything I could do for you to make it work?",
        "Anything in particular you have a big need for?",
        "Are some of the supplies more important to you than the rest?",
        "What are you thinking of doing with the firewood?",
    ],
)
def test_their_ranking_what_would_help_them_and_what_matters_more_are_needs_questions(
    text: str,
) -> None:
    assert QUESTION in labels(text)
    assert QUESTION in labels(spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "Ok. And between the water and firewood, which is most important?",
        "Well, what is it that you're looking for?",
        "I see. Can you please explain why?",
        "Thanks so much. For firewood, what would make you the happiest?",
        "So firewood is your next biggest concern?",
    ],
)
def test_their_ranking_reasons_and_wishes_asked_are_needs_questions(text: str) -> None:
    assert QUESTION in labels(text)
    assert QUESTION in labels(spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "Water is the one which is most important to me.",
        "I can explain why: it gets cold at night.",
        "That would make me happy.",
    ],
)
def test_our_own_ranking_and_reasons_are_no_question(text: str) -> None:
    assert QUESTION not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Is there any way you could consider coming down on the monthly costs?",
        "Did you want to see the place? This weekend is good.",
        "When did you want me to come get it?",
        "Then $12 will do it.  Do you need help loading it?",
    ],
)
def test_a_move_asked_of_them_or_an_offer_of_help_is_not_a_needs_question(text: str) -> None:
    """'Is there any way you could ...' asks them to move; an offer of ours explores nothing."""
    assert QUESTION not in labels(text)
    assert QUESTION not in labels(spoken(text))


def test_is_there_anything_you_need_is_still_a_needs_question() -> None:
    assert labels("Is there anything you need for the trip?") == [QUESTION]


@pytest.mark.parametrize(
    "text",
    [
        "I will trade you my 2 food for 3 of your waters. Accept this or I will walk away.",
        "No, I've given you the better deal. Take 2 water and 1 food or I will walk away.",
        "Please accept it or we both end up with nothing.",
    ],
)
def test_our_offer_pressed_with_a_walk_out_is_push(text: str) -> None:
    assert PUSH in labels(text)
    assert PUSH in labels(spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "I will take 1 water and 2 food. That is my last offer or I will walk.",
        "I can take it or leave it, the firewood is not important to me.",
        "Take your time, or we can talk again tomorrow.",
    ],
)
def test_our_own_take_or_a_calm_choice_is_not_a_walk_out_push(text: str) -> None:
    assert PUSH not in labels(text)
    assert PUSH not in labels(spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "That strikes me as a rather uneven split. What is your #1 need?",
        "what is your number one priority",
        "First though, can you tell me your preferences ranking for the 3 items?",
        "i would like the hat as well , are the books valuable to you ?",
        "I am curious how many people will be camping in your party?",
        "I can do that! What's your next highest priority?",
        "I could use water the most, you?",
        "Yes! Did you bring any food to start?",
        "I have more water than I need. How is your water supply?",
    ],
)
def test_their_top_need_and_their_ranking_asked_are_needs_questions(text: str) -> None:
    assert labels(text) == [QUESTION]


@pytest.mark.parametrize(
    "text",
    ["I really need water though. Are you sure you need that much?", "What is your number?"],
)
def test_doubt_and_a_price_asked_are_not_needs_questions(text: str) -> None:
    assert QUESTION not in labels(text)


@pytest.mark.parametrize(
    "text",
    [
        "Yes there are a few at 2295 do you need more information?",
        "Alright. Did you have a price in mind? And did you want to know anything?",
        "Awesome, I think that's fair to both of us. Do you want to go over anything else?",
        "Food's pretty important to me. How would you feel about letting me have all 3 of those?",
    ],
)
def test_help_offered_the_close_and_a_proposal_asked_are_not_needs_questions(text: str) -> None:
    assert QUESTION not in labels(text)
    assert QUESTION not in labels(spoken(text))


@pytest.mark.parametrize(
    "text",
    [
        "What's the reason why you are trying to get rid of it?",
        "Understood. How many people will be with you?",
        "Your most needed item is water or food?",
        "sure what other preferences would you like",
        "Me neither, so what are some of the supplies that you think you would need?",
        "Firewood would be nice. What are your prefernces?",
    ],
)
def test_their_reasons_company_ranking_and_wants_asked_are_needs_questions(text: str) -> None:
    assert labels(text) == [QUESTION]


@pytest.mark.parametrize(
    "text",
    [
        "so how do you want to divide the firewood",
        "I will take just 1 food and 3 firewood. Would you prefer an option like that?",
        "Ok, do you want to look at the house?",
    ],
)
def test_how_to_split_a_proposal_checked_or_a_viewing_offered_are_not_needs_questions(
    text: str,
) -> None:
    assert QUESTION not in labels(text)


def test_a_preference_question_typed_without_its_you() -> None:
    """ "Do have a preference for food?" asks theirs; "i do have a preference" states ours."""
    assert labels("I am not that interested in food. Do have a preference for food?") == [QUESTION]
    assert labels("i do have a preference for food") == []
    assert labels("I don't need anything else, that works for you") == []


def test_our_own_worry_status_or_weather_is_not_a_needs_question() -> None:
    assert QUESTION not in labels("What is the status of my order?")
    assert QUESTION not in labels("I am worried about the cold at night.")
    assert QUESTION not in labels("Is it hot in here or is it just me?")
    assert QUESTION not in labels("How many are left in stock?")


def test_looking_forward_and_a_price_looked_for_are_not_needs_questions() -> None:
    assert QUESTION not in labels("Great, we have a deal. Are you looking forward to camping?")
    assert QUESTION not in labels("How much are you looking for for it?")
