"""concession.unpaid / concession.traded on clear and tricky turns (written for these tests)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from voicecoach.core.feedback import Flag, Utterance, assess, labels_of
from voicecoach.core.feedback.concession import adds_extra, has_condition, is_acceptance
from voicecoach.core.feedback.items import read_claims
from voicecoach.core.feedback.positions import (
    build_ledger,
    listing_price,
    read_proposals,
    split_lines,
)
from voicecoach.core.numbers import find_amounts

UNPAID = "concession.unpaid"
TRADED = "concession.traded"
CONCESSIONS = (UNPAID, TRADED)
CASINO = "splitting food, water and firewood packages (3 each)"
BOOKS_HATS_BALLS = "splitting books, hats and balls"
CASINO_ITEMS = ("food", "water", "firewood")
GAME_ITEMS = ("book", "hat", "ball")


def concession_labels(
    text: str, context: tuple[str, ...] = (), role: str | None = None, setting: str | None = None
) -> list[str]:
    labels = labels_of(assess(Utterance(text, context, role, setting)))
    return [label for label in labels if label.startswith("concession")]


HAGGLE = (
    "buyer: Would you take 400?",
    "seller: I'm asking 500 for it.",
    "buyer: 400 is really my limit.",
)

CASES: list[tuple[str, str, tuple[str, ...], str | None, str | None, list[str]]] = [
    # (name, text, context, role, setting, expected concession labels)
    ("neutral words still move", "ok, 450 then", HAGGLE, "seller", None, [UNPAID]),
    ("rubric example: go down", "Alright, I can go down to 450.", HAGGLE, "seller", None, [UNPAID]),
    (
        "rubric example: traded",
        "If you can pick it up today, I can do 450.",
        HAGGLE,
        "seller",
        None,
        [TRADED],
    ),
    (
        "provided you sign",
        "I could do 450, provided you sign for two years.",
        HAGGLE,
        "seller",
        None,
        [TRADED],
    ),
    ("in exchange for", "450 in exchange for cash on the spot.", HAGGLE, "seller", None, [TRADED]),
    ("holding is no concession", "Sorry, 500 is the price.", HAGGLE, "seller", None, []),
    (
        "first offer is not a concession",
        "I can do 500 for it.",
        ("buyer: Hi, is it available?",),
        "seller",
        None,
        [],
    ),
    (
        "buyer first offer with pickup",
        "I'd pay 300 if I can pick it up today.",
        ("seller: It's a great chair.",),
        "buyer",
        "listing price $500",
        [],
    ),
    (
        "listing price is the seller's first ask",
        "How about 420?",
        ("buyer: Would you take 350?",),
        "seller",
        "listing price $480",
        [UNPAID],
    ),
    (
        "buyer raises",
        "Fine, I'll go up to 430.",
        ("buyer: I'd pay 400.", "seller: I need 480."),
        "buyer",
        None,
        [UNPAID],
    ),
    (
        "accepting after haggling",
        "Okay, deal.",
        ("seller: It's 500.", "buyer: I can pay 400.", "seller: Meet me at 460 then."),
        "buyer",
        None,
        [UNPAID],
    ),
    (
        "accepting their first number is no give",
        "Sounds good, deal.",
        ("seller: It's 460.",),
        "buyer",
        None,
        [],
    ),
    (
        "closing half of their exchange",
        "Yes, that works!",
        ("buyer: I can pay 400.", "seller: 460 and I can deliver it to you."),
        "buyer",
        None,
        [],
    ),
    (
        "pleasantry if is no condition",
        "I can do 450. If you have any questions let me know.",
        HAGGLE,
        "seller",
        None,
        [UNPAID],
    ),
    (
        "bare 'if you can' costs nothing",
        "I can do 450 if you can.",
        HAGGLE,
        "seller",
        None,
        [UNPAID],
    ),
    ("free extra", "Fine, I'll throw in the case for free.", HAGGLE, "seller", None, [UNPAID]),
    ("split the difference", "Let's split the difference.", HAGGLE, "seller", None, [UNPAID]),
    ("relative move", "I can take $50 off.", HAGGLE, "seller", None, [UNPAID]),
    (
        "a relative move refused",
        "I can't go 100 lower, so I'll have to reject your offer.",
        HAGGLE,
        "seller",
        None,
        [],
    ),
    (
        "the counterpart's listed price is its ask",
        "ok fine, I'll go up to 16500",
        (
            "seller: Forty-eight thousand miles, and it's listed at $18,900.",
            "buyer: I can offer 14000",
            "seller: A deal this week means more to me than a few hundred dollars. $18,650.",
        ),
        "buyer",
        None,
        [UNPAID],
    ),
    ("role inferred from labels", "ok, 450 then", HAGGLE, None, None, [UNPAID]),
    ("spoken numbers", "okay four fifty then", HAGGLE, "seller", None, [UNPAID]),
    (
        "salary in words",
        "i could do ninety two thousand",
        (
            "employer: we can offer eighty five thousand",
            "candidate: i was looking for ninety five thousand",
            "employer: eighty five is our budget",
        ),
        "candidate",
        None,
        [UNPAID],
    ),
    (
        "payment days toward them",
        "Okay, we can do 45 days.",
        (
            "client: We pay at 60 days.",
            "supplier: Our terms are 30 days.",
            "client: 60 is our standard.",
        ),
        "supplier",
        None,
        [UNPAID],
    ),
    (
        "items: first split is not a concession",
        "I'd like 3 food and 2 water, you can have the rest.",
        (),
        "camper",
        CASINO,
        [],
    ),
    (
        "items: yielding with nothing back",
        "Okay, I will take 2 food and 2 water then.",
        (
            "me: I would like 3 food and 2 water, you get the rest.",
            "them: I need at least one food.",
        ),
        "camper",
        CASINO,
        [UNPAID],
    ),
    (
        "items: give one, ask one",
        "Okay, I can take 2 food, 2 water and 2 firewood.",
        (
            "me: I would like 3 food and 2 water, you get the rest.",
            "them: I need at least one food.",
        ),
        "camper",
        CASINO,
        [TRADED],
    ),
    (
        "items: condition on an item",
        "If I get both hats you can have the book and the balls.",
        ("me: i want the hats and one ball .", "them: i need the balls ."),
        "trader",
        BOOKS_HATS_BALLS,
        [TRADED],
    ),
    (
        "price: their number with 'and we have a deal' is a proposal, so a yes gives ground",
        "Fine. Sounds good to me.",
        (
            "buyer: Would you accept $1400?",
            "seller: I cannot go that low, but I can go to $1800.",
            "buyer: Go to $1750 and we have a deal.",
        ),
        "seller",
        "listing price $1895.0",
        [UNPAID],
    ),
    (
        "price: yes to their ask for an extra gives it away",
        "I could certainly do that.",
        (
            "buyer: I am thinking closer to $480?",
            "seller: It is still a great bike. I'd like at least 600.",
            "buyer: Could you deliver it?",
        ),
        "seller",
        "listing price $800.0",
        [UNPAID],
    ),
    (
        "price: yes to an ask that came with their own offer is the closing half",
        "Sure, I can do that.",
        (
            "buyer: I am thinking closer to $480?",
            "seller: I'd like at least 600.",
            "buyer: Could you deliver it if I pay cash?",
        ),
        "seller",
        "listing price $800.0",
        [],
    ),
    (
        "price: confirming the deal they just accepted gives nothing",
        "We have a deal! Thanks for buying.",
        (
            "buyer: Would you take 300?",
            "seller: I could do 380.",
            "buyer: Then 380 sounds good, thank you.",
        ),
        "seller",
        "listing price $450.0",
        [],
    ),
]


@pytest.mark.parametrize(
    ("text", "context", "role", "setting", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_concession_cases(
    text: str, context: tuple[str, ...], role: str | None, setting: str | None, expected: list[str]
) -> None:
    assert concession_labels(text, context, role, setting) == expected


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("If you can pick it up today, I can do 450.", True),
        ("I could include the training, provided you sign for two years.", True),
        ("As long as you pay cash, 450 works.", True),
        ("In return I'd need a reference.", True),
        ("I can do 1100 if you take all the utilities.", True),
        ("50 if you can be here in one hour.", True),
        ("If you take a look at the photos you will see.", False),
        ("If you have any questions let me know.", False),
        ("If you want, I can send more photos.", False),
        ("I can do that if you can.", False),
        ("If I remember right it was 500 new.", False),
        ("You must be tired after that drive.", False),
        ("You need to understand this is a fair price.", False),
        ("You'd have to pick it up yourself.", True),
        ("I would be willing to go to 18 if you want to pick it up.", True),
        ("I can do 18 if you want.", False),
        ("Is there any way if I sign a 2 year lease you could come down to 1400?", True),
        ("I'm hoping you can come down to $300.", False),
        # cash, a volume, a date or work asked with the give (rubric: costs them something real)
        ("If it's cash I'll take it", True),
        ("Ok, but I need cash.", True),
        ("Well if you are taking them all I can lower the price a bit", True),
        ("Meet me in the middle at $415 and you have to disassemble it.", True),
        ("Best I could accept would be $65 for pick up.", True),
        ("I would be willing to go to 280 for a sale today.", True),
        ("Can you do 3900 right now and pick it up yourself?", True),
        ("I will let it go for 5,300 dollars if you are coming to me.", True),
        ("ok that works, but you would pick up right?", True),
        ("I'll be there for pick up at noon.", False),
        ("If you're taking a look, note the scratch.", False),
        ("Is it cash or card you prefer?", False),
    ],
)
def test_condition_costs_the_other_side(text: str, condition: bool) -> None:
    assert (has_condition(text) is not None) == condition


@pytest.mark.parametrize(
    ("text", "accepting"),
    [
        ("Okay, deal.", True),
        ("Sounds good to me!", True),
        ("That would be ok.", True),
        ("No, that's too low.", False),
        ("Ok but how about 450?", False),
        ("What condition is it in?", False),
        ("that works for me do we have a deal", True),
        ("That seems fair.", True),
        ("is that a deal", False),
        ("I'm willing to accept your offer if you can buy it this week.", True),
        ("I am not willing to accept your offer.", False),
        ("I suppose that'll do.", True),
        ("I am ok with that if I get two waters", True),
        ("I'm fine with that offer", True),
        ("I don't think I am okay with that.", False),
        ("I think that'll work for me.", True),
        ("I don't think that would work", False),
        ("i dont think thatll work", False),
        ("Hmm, I'm not sure that would work for me. How many do you need?", False),
        ("That will do nothing for me.", False),
        # typed in a hurry, still a yes
        ("okk thank you", True),
        ("okey dokey", True),
        ("That sounds fine to me!", True),
        ("That doesn't sound fine to me.", False),
        # paying their number is a yes to it
        ("I am willing to pay that amount if you can bring it to me.", True),
        ("I'd be happy to pay your asking price.", True),
        ("I am not willing to pay that.", False),
        # the offer named, not pointed at
        ("If you can come pick up the set by tomorrow, I can accept the offer.", True),
        ("I can't accept the offer.", False),
        ("fair enough.", True),
        ("Fair enough, but 2100 is still too much.", False),
        # a limit restated after a yes word is no yes
        ("Ok. I can't go higher than 2000.", False),
        # a yes word, then a refusal of their ask
        ("yeah that not interesting to me", False),
        ("Yes, but that's not fair.", False),
        # a grudging yes, and a yes with a condition in front
        ("I suppose so, but you would have to pick it up.", True),
        ("If you pay in cash I'll make that deal", True),
        ("I guess so.", True),
        ("I can't make that deal.", False),
        # Deal or No Deal's spaced marks: "deal ." closes the turn as "deal." does
        ("in this case ; i'll have to concede and take the books . deal .", True),
        ("i need the ball or no deal .", False),
        # a no shared: "i can't make a deal then" - "okay, me neither"
        ("okay , me neither . thanks for trying .", False),
        ("sure, give me either one, that works for me", True),
    ],
)
def test_acceptance(text: str, accepting: bool) -> None:
    assert is_acceptance(text) == accepting


def test_extras_are_gives_but_descriptions_are_not() -> None:
    assert adds_extra("I can throw in the stand as well.")
    assert adds_extra("We'll deliver it for free.")
    assert adds_extra("The stand is included.") is None
    assert adds_extra("I can do a 2 year lease if you need.") == "I can do a 2 year lease"
    assert adds_extra("The ad says a 2 year lease.") is None
    assert adds_extra("how about 500 and I can even drop them off for you.")
    # asked of them, however the question opens, it is no extra of ours
    assert adds_extra("Is there any way you could maybe throw in a bottle of wine?") is None


def test_listing_price_and_ledger_positions() -> None:
    assert listing_price("listing price $2495.0") == 2495.0
    assert listing_price("splitting books") is None
    lines = split_lines(("buyer: I can pay $300", "seller: it's 2009 model, 350 firm"), "seller")
    ledger = build_ledger(lines, "seller", "listing price $400")
    assert ledger.side("price", "self") == [400.0, 350.0]
    assert ledger.side("price", "other") == [300.0]


def test_quoted_and_refused_numbers_are_not_proposals() -> None:
    text = "It retails for $450 new. I can't do $250, but I can do $300."
    assert [p.value for p in read_proposals(text, "price", 400.0, 400.0)] == [300.0]
    # a price that sells "for" is quoted ("it sells for $450 new"), but one asked or offered
    # for this sale is put forward
    assert read_proposals("It sells for $450 new.", "price", 400.0, 400.0) == []
    # a cost named, then our own "if" with our number: the number is ours
    ours = "I understand your travel costs, if you come up to $190 we have a deal"
    assert [p.value for p in read_proposals(ours, "price", 200.0, 200.0)] == [190.0]
    asked = "Would you be willing to sell for $1500 if I sign a longer lease?"
    assert [p.value for p in read_proposals(asked, "price", 2250.0, None)] == [1500.0]
    offered = "I'd be willing to sell for $350."
    assert [p.value for p in read_proposals(offered, "price", 400.0, 400.0)] == [350.0]
    # "better than" their number asks past it; said with a "not" it is a limit of ours
    better = "I think we can do a little better than $29."
    assert read_proposals(better, "price", 49.0, 49.0) == []
    limit = "I don't think I could do better than $5500, in light of the work."
    assert [p.value for p in read_proposals(limit, "price", 8000.0, 5000.0)] == [5500.0]


def test_an_extra_of_ours_for_the_price_we_ask_is_a_trade() -> None:
    context = (
        "seller: If you're willing to sign a longer lease agreement I can come down a bit.",
        "buyer: Yes I could be willing to do that. What condition is it in?",
        "seller: The area is very safe and very well kept.",
    )
    text = "Would you be willing to sell for $1500 if I move in right away and sign a longer lease?"
    assert concession_labels(text, context, "buyer", "listing price $2250") == [TRADED]


def test_sizes_marked_in_inches_are_not_proposals() -> None:
    """'The height is 36"' answers a question about the table; it moves no price."""
    asked = ("seller: It's $60.", "buyer: And the height is what? Could you do 40?")
    said = 'The height is 36", and the feet adjust by around 1 inch.'
    assert read_proposals(said, "price", 60.0, 60.0) == []
    assert read_proposals("21\u201d across. I can do 45.", "price", 60.0, 60.0)[0].value == 45.0
    assert concession_labels(said, asked, "seller", "listing price $60") == []


def test_asking_what_they_have_hands_nothing_over() -> None:
    """'Do you have help carrying all that firewood?' asks; 'you have the firewood' gives."""
    agreed = ("me: Could I have 1 firewood and all the water?", "them: Sure, I can spare that.")
    asked = "Do you have help carrying all that extra firewood? Could be heavy?"
    assert concession_labels(asked, agreed, "camper", CASINO) == []
    assert concession_labels("Ok, you have all the firewood.", agreed, "camper", CASINO) == [UNPAID]


def test_unpaid_flag_carries_span_why_and_a_tip_with_the_number() -> None:
    flags = assess(Utterance("ok, 450 then", HAGGLE, "seller"))
    flag = next(f for f in flags if f.label == UNPAID)
    assert flag.span == "450"
    assert "500" in flag.why and "450" in flag.why
    assert flag.tip.startswith("try: '") and "450" in flag.tip
    assert str(flag.severity) == "warning"


def test_split_claims_read_owner_cues_counts_and_exchanges() -> None:
    casino = CASINO_ITEMS
    claims = read_claims("I take 2 food and 1 water, you can have the rest.", 3.0, casino)
    assert claims.mine == {"food": 2.0, "water": 1.0}
    assert claims.theirs == {"food": 1.0, "water": 2.0, "firewood": 3.0}
    swap = read_claims("Can you give me one firewood for all the water?", 3.0, casino)
    assert swap.mine == {"firewood": 1.0}
    assert swap.theirs == {"water": 3.0}
    games = GAME_ITEMS
    dnd = read_claims("i'll take the book and both balls", None, games)
    assert dnd.mine == {"book": 1.0, "ball": 2.0}
    assert read_claims("the weather is nice today", 3.0, casino).empty
    # "throw in" asks for the item: the speaker's to receive, not a handover
    assert read_claims("throw in one hat and you have a deal", None, games).mine == {"hat": 1.0}
    done = read_claims("i could give you 3 firewood if you can do 2 water and 2 food", 3.0, casino)
    assert done.mine == {"water": 2.0, "food": 2.0}
    assert done.theirs == {"firewood": 3.0}
    # what they want, as the price of ours: theirs
    priced = read_claims(
        "i'll take the ball and two books if you want 1 book and the hat", None, games
    )
    assert priced.mine == {"ball": 1.0, "book": 2.0}
    assert priced.theirs == {"book": 1.0, "hat": 1.0}
    answer = read_claims("No i need the firewood as well.", 3.0, casino)
    assert "firewood" not in answer.mine  # "no" answers, it does not count zero
    both = read_claims("You can have 2 food and I'll take 2 firewood and only 1 food", 3.0, casino)
    assert both.mine == {"firewood": 2.0, "food": 1.0}
    assert both.theirs == {"food": 2.0}
    # "at least" between the subject and the verb still claims: the least one asks for
    least = read_claims("I would at least like 2 of the foods.", 3.0, casino)
    assert least.mine == {"food": 2.0}
    assert read_claims("can i at least get one ball?", None, games).mine == {"ball": 1.0}
    # "all" said before a list of items counts each of them, but not across a new clause
    listed_all = read_claims(
        "You can have all of the water and firewood if I can have all of the food.", 3.0, casino
    )
    assert listed_all.theirs == {"water": 3.0, "firewood": 3.0}
    assert listed_all.mine == {"food": 3.0}
    clause = read_claims("I really need all the firewood and food is a large need", 3.0, casino)
    assert clause.mine == {"firewood": 3.0}
    assert read_claims("could you give us all the food and water then?", 3.0, casino).mine == {
        "food": 3.0,
        "water": 3.0,
    }
    assert read_claims("i'd love to have 2 hats", None, games).mine == {"hat": 2.0}


def test_packages_with_no_item_are_the_item_just_named_and_you_got_hands_over() -> None:
    casino = CASINO_ITEMS
    kept = read_claims("If you don't need food, can I keep 2 packages and you get 1?", 3.0, casino)
    assert kept.mine == {"food": 2.0}
    asked = read_claims("I need firewood badly, could I get 2 packages?", 3.0, casino)
    assert asked.mine == {"firewood": 2.0}
    # the item named after the packages is theirs to count, not the one named before
    listed = read_claims("i want 2 pack of water, 1 pack food and 1 pack of firewood", 3.0, casino)
    assert listed.mine == {"water": 2.0, "food": 1.0, "firewood": 1.0}
    # a new sentence names no item yet: the packages stay unread
    assert read_claims("Water is nice. Can I have 2 packages?", 3.0, casino).mine == {}
    got = read_claims("What if you got 3 food and I got 3 firewood?", 3.0, casino)
    assert got.theirs == {"food": 3.0}
    assert got.mine == {"firewood": 3.0}
    # the same hypothetical past said with "took" or "if I gave you" hands over too
    took = read_claims("What if you took 2 firewood in exchange for 1 more food?", 3.0, casino)
    assert took.theirs == {"firewood": 2.0}
    gave = read_claims("Would you send over 3 waters if I gave you 2 firewood?", 3.0, casino)
    assert gave.theirs == {"firewood": 2.0}
    assert read_claims("if i gave you the balls", None, GAME_ITEMS).theirs == {"ball": 2.0}


def test_giving_in_after_keeping_two_packages_is_unpaid() -> None:
    context = (
        "them: I would like 2 food, 3 firewood and 1 water.",
        "me: If you don't care much for food, can I keep 2 packages and you get 1?",
        "them: I could use the extra food.",
    )
    flags = assess(
        Utterance(
            "Ok I guess I will give in and you can have 2 food then.",
            context,
            "camper",
            "splitting food, water and firewood packages (3 each)",
        )
    )
    assert [f.label for f in flags] == [UNPAID]


def test_a_condition_they_offered_themselves_is_no_new_get() -> None:
    offered_pickup = (
        "buyer: Would you take 400 if I pick it up tonight?",
        "seller: I'm asking 500.",
    )
    assert concession_labels("Okay, see you when you pick it up.", offered_pickup, "seller") == []
    # a move of ours tied to the cost they offered with their number: both sides move
    assert concession_labels("Fine, 450 if you pick it up.", offered_pickup, "seller") == [TRADED]
    fresh = ("buyer: Would you take 400?", "seller: I'm asking 500.")
    assert concession_labels("Fine, 450 if you pick it up.", fresh, "seller") == [TRADED]
    # the cost was their ask of us, and we only hand it back: nothing new from them
    asked_bill = (
        "seller: Could you go to 70?",
        "buyer: i could.. if you can pay one month's bill",
    )
    assert concession_labels("Let's say just 65, and you pay the bill.", asked_bill, "seller") == [
        UNPAID
    ]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "I can do $100 if you buy it today.",
            ("seller: It's $125.", "buyer: What is the least you will take if bought today?"),
        ),
        (
            "For a 2 year lease, I could drop to $3200.",
            ("seller: $3700 plus utilities", "buyer: Any way to get that closer to 2500?"),
        ),
        (  # "2000." before a capital is a price, not a model year
            "For a 12 month lease, I could take 2000. It's a great deal for the amenities!",
            ("seller: It is $2395 a month. How long a lease?", "buyer: 12 month lease"),
        ),
    ],
)
def test_a_move_tied_to_a_cost_they_named_first_is_traded(
    text: str, context: tuple[str, ...]
) -> None:
    assert concession_labels(text, context, "seller") == [TRADED]


def test_agreeing_after_they_add_delivery_is_the_closing_half() -> None:
    context = (
        "seller: I would like at least 400.",
        "buyer: Call it $300 and you have a deal.",
        "seller: $325 and I take it to your house. It is quite heavy.",
    )
    assert concession_labels("You have a deal", context, "buyer") == []
    assert adds_extra("$325 and I take it to your house.") == "I take it to your"


def test_holding_ones_number_or_stating_their_gap_gives_nothing() -> None:
    haggle = (
        "seller: Sorry but 60 is the lowest I can take.",
        "buyer: But they are used. I only have $55 to offer.",
    )
    final = "Yes they are used but new ones go for three times that $60 is my final offer"
    assert concession_labels(final, haggle, "seller") == []
    assert concession_labels("Yes, ok, 55 then.", haggle, "seller") == [UNPAID]
    gap = (
        "seller: I'm starting at $75.",
        "buyer: I would like to spend 67 dollars at the most.",
    )
    stated = "You're only asking for $8 less, and it is a quality chest."
    assert concession_labels(stated, gap, "seller") == []
    assert concession_labels("Ok, I can take $5 off.", gap, "seller") == [UNPAID]


def test_an_if_clause_of_our_own_obligation_is_no_condition() -> None:
    """'If I have to come pick it up, ...' costs the speaker, not the other side."""
    demanded = (
        "buyer: Would you accept $15.00?",
        "seller: I can accept $20 for it if you come to my house and pick it up.",
    )
    text = "If I have to come pick it up, how does $17.00 sound?"
    assert concession_labels(text, demanded, "buyer") == [UNPAID]
    assert has_condition(text) is None
    assert has_condition("You can have two books if I have the ball.") == "if I have the ball"


RENT_ASKED = ("buyer: Is parking included?", "seller: Yes, one space. The rent is $1500 a month.")
LOW_BID = ("buyer: Would you take $80?",)


@pytest.mark.parametrize(
    ("text", "context", "role", "expected"),
    [
        # an extra of ours in an "if I ..." clause, weighed against a move asked of them
        (
            "Could we possibly work out a deal if I sign a 2 year lease?",
            RENT_ASKED,
            "buyer",
            [TRADED],
        ),
        ("what if I sign a 1 year lease, what's my rent then?", RENT_ASKED, "buyer", [TRADED]),
        (
            "Would you come down a bit if I signed a multi-year lease?",
            RENT_ASKED,
            "buyer",
            [TRADED],
        ),
        # our raise with the commitment that pays for it, typed or as the recogniser writes it
        (
            "If I sign a 13 month lease, could you take $2500?",
            (*RENT_ASKED, "buyer: Could you come down? I'd like to pay $1200."),
            "buyer",
            [TRADED],
        ),
        (
            "if i sign a thirteen month lease could you take fourteen hundred",
            (*RENT_ASKED, "buyer: could you come down i'd like to pay twelve hundred"),
            "buyer",
            [TRADED],
        ),
        # the commitment named, not offered: the raise is given for nothing
        (
            "A 13 month lease is what I want anyway. Could you take $1400?",
            (*RENT_ASKED, "buyer: Could you come down? I'd like to pay $1200."),
            "buyer",
            [UNPAID],
        ),
        # ... or given as the reason for turning their number down: nothing given
        ("That's really too low for me if I am going to also deliver it.", LOW_BID, "seller", []),
        # their move as the condition of ours: a package in which both sides move
        ("I'll sign a 2 year lease if you lower the rent.", RENT_ASKED, "buyer", [TRADED]),
        # still offers: nothing asked back, or only their yes to the offer
        ("What if I throw in free delivery?", LOW_BID, "seller", [UNPAID]),
        ("What if I throw in delivery, would you be ok with that?", LOW_BID, "seller", [UNPAID]),
    ],
)
def test_an_extra_in_our_own_if_clause_is_weighed_against_what_follows(
    text: str, context: tuple[str, ...], role: str, expected: list[str]
) -> None:
    """Rubric: a give tied to something from the other side in the same utterance is traded."""
    assert concession_labels(text, context, role) == expected


# A move with no number (rubric: moving one's own number toward the other side).
BUYER_HAGGLE = (
    "seller: It's 500.",
    "buyer: I can do 400.",
    "seller: 500 is fair for it.",
)


@pytest.mark.parametrize(
    "text",
    [
        "I can come down a little on the price.",
        "Let me knock a little off for you.",
        "I might be able to lower the price.",
        "I can do a little better.",
        "I'm willing to negotiate some.",
        "I'll come down to see it tomorrow.",
        "I can't go any lower.",
        # with a condition, too: nothing is moved yet that the condition could pay for
        "If you pick it up today I can go a little lower.",
    ],
)
def test_a_seller_move_without_a_number_gives_nothing_yet(text: str) -> None:
    """Flexibility without a number moves no position: the labelled sets leave it unflagged."""
    assert concession_labels(text, HAGGLE, "seller") == []


@pytest.mark.parametrize(
    "text",
    [
        "I can raise my offer a bit.",
        "ill go up a bit if you deliver it",
        "If I would be allowed to have one cat I would be willing to pay more.",
        "Why should I pay more?",
    ],
)
def test_a_buyer_move_without_a_number_gives_nothing_yet(text: str) -> None:
    assert concession_labels(text, BUYER_HAGGLE, "buyer") == []


def test_the_number_after_a_move_without_one_is_the_give() -> None:
    """The move is read when the number comes: "I can come down a little: 450"."""
    assert concession_labels("I can come down a little, to 450.", HAGGLE, "seller") == [UNPAID]
    assert concession_labels(
        "If you pick it up today I can come down to 450.", HAGGLE, "seller"
    ) == [TRADED]


def test_split_claims_exceptions_negated_needs_and_a_narrowed_count() -> None:
    games = GAME_ITEMS
    but = read_claims("ok, i take everything but the hats", None, games)
    assert but.theirs == {"hat": 2.0} and "hat" not in but.mine
    unneeded = read_claims("i'll take only the balls. i have no need for the hats.", None, games)
    assert unneeded.mine == {"ball": 2.0}
    assert unneeded.theirs == {"hat": 2.0}
    dont = read_claims("i don't need the book, i want the hats", None, games)
    assert dont.mine == {"hat": 2.0} and dont.theirs == {"book": 1.0}
    narrowed = read_claims("i also need the balls, how about i take 1 ball and 1 hat", None, games)
    assert narrowed.mine == {"ball": 1.0, "hat": 1.0}
    # a count said first still stands against a later "all" ("2 food ... all the food you want")
    casino = CASINO_ITEMS
    first = read_claims("I take 2 food, and you can have all the water", 3.0, casino)
    assert first.mine == {"food": 2.0} and first.theirs == {"water": 3.0}


def test_confirming_the_split_they_accepted_is_no_give() -> None:
    context = (
        "me: i keep hats you get everything else",
        "them: hmm , i want the hats and books",
        "me: yea i need hats too or else its a wash",
        "them: ok , i take everything but the hats",
    )
    assert concession_labels("deal", context, "trader", BOOKS_HATS_BALLS) == []


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("Cover the delivery and I'll go up to 450.", True),
        ("Sign today and we can do 450.", True),
        ("If your references check out I could do 450.", True),
        ("If you are local, I can deliver.", False),  # the condition ends at the comma
        ("It is a great bike and I'll be sad to see it go.", False),
    ],
)
def test_condition_forms(text: str, condition: bool) -> None:
    assert (has_condition(text) is not None) is condition


def test_items_named_before_for_you_go_to_the_other_side() -> None:
    casino = CASINO_ITEMS
    offer = read_claims(
        "How about 1 food for you, 2 water for you, and 2 firewood for you?", 3.0, casino
    )
    assert offer.theirs == {"food": 1.0, "water": 2.0, "firewood": 2.0}


def test_agreeing_to_a_split_that_meets_the_last_ask_or_pays_more_is_no_give() -> None:
    setting = CASINO
    met = (
        "me: But i need 2 food 2 water and 1 firewood",
        "them: How about I get all of the food, you get all of the water?",
        "me: i need at least one food",
        "them: How about 1 food for you, 2 water for you, and 2 firewood for you?",
    )
    assert concession_labels("okay fine", met, "camper", setting) == []
    package = (
        "me: How about this. I take 2 water, you take 2 firewood and 2 of the food?",
        "them: I suggest we take 2 water, 1 firewood and 1 food and you take 1 water, "
        "2 firewood and 2 food.",
    )
    assert concession_labels("That works for me", package, "camper", setting) == []
    worse = (
        "me: I would like the 3 water, 1 food, and 1 firewood, what about that?",
        "them: My offer to you is: you get 3 water and 0 firewood and 0 food.",
    )
    assert concession_labels("Okay you have a deal.", worse, "camper", setting) == [UNPAID]


def test_spoken_numbers_without_a_dollar_sign_are_offers() -> None:
    context = ("buyer: I'd like to pay 7350.", "seller: I'm asking 12500.")
    spoken = "that price is a bit too low for me i think ten thousand would be a fair price"
    assert concession_labels(spoken, context, "seller") == [UNPAID]
    refused = "i cant do ten thousand"
    assert concession_labels(refused, context, "seller") == []
    budget = ("seller: I would only go as low as 350.", "buyer: I can do 200.")
    under = "i was hoping to keep it under three hundred"
    assert concession_labels(under, budget, "buyer") == [UNPAID]


def test_spoken_offers_read_by_their_words() -> None:
    from voicecoach.core.feedback.positions import read_proposals

    ballpark = "i am looking to pay in the ballpark of one thousand eight hundred"
    assert [p.value for p in read_proposals(ballpark, "price", 2551.0, None)] == [1800.0]
    floor = "to help a friend out five thousand five hundred im sorry i cant go any lower"
    assert [p.value for p in read_proposals(floor, "price", 7500.0, None)] == [5500.0]


@pytest.mark.parametrize(
    ("text", "reference", "value"),
    [
        ("I could go as low as 120 I think, considering you're a student.", 160.0, 120.0),
        ("Can you get a LITTLE closer? 63 maybe?", 65.0, 63.0),
        ("Would you consider something more in the ballpark of 1900?", 2599.0, 1900.0),
    ],
)
def test_bare_numbers_offered_in_other_words(text: str, reference: float, value: float) -> None:
    assert [p.value for p in read_proposals(text, "price", reference, reference)] == [value]


def test_split_claims_two_of_everything_else_adverbs_and_can_i_then_have() -> None:
    casino = CASINO_ITEMS
    rest = read_claims("I need firewood, you can have two of everything else.", 3.0, casino)
    assert rest.theirs == {"food": 2.0, "water": 2.0} and "firewood" in rest.vague
    assert read_claims("I'd personally like 2 firewood", 3.0, casino).mine == {"firewood": 2.0}
    swap = read_claims("If I give you two firewood can I then have one of the food?", 3.0, casino)
    assert swap.mine == {"food": 1.0} and swap.theirs == {"firewood": 2.0}


def test_a_yes_that_answers_then_refuses_is_no_acceptance() -> None:
    text = "Yes this is the per month price. I would not be able to go that low."
    assert not is_acceptance(text)
    assert is_acceptance("Yes, that works. See you tomorrow.")


def test_a_negated_cost_is_no_extra() -> None:
    assert adds_extra("I'm sorry, but that won't even cover the taxes.") is None
    assert adds_extra("I can provide a free year of gas.") is not None


def test_their_conditional_offer_named_back_keeps_the_tie() -> None:
    offered = (
        "buyer: I was hoping for 24000.",
        "seller: I'd be willing to deliver it if you could come up a little more.",
    )
    text = "If you will deliver it I will go up to 25000."
    assert concession_labels(text, offered, "buyer") == [TRADED]
    asked = (
        "seller: Could you go to 70?",
        "buyer: i could if you can pay one month's bill",
    )
    assert concession_labels("Let's say 65, and you pay the bill.", asked, "seller") == [UNPAID]


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("If you're willing to keep the grounds immaculate, I'd go down to 2800.", True),
        ("If you're willing to negotiate, I'm listening.", False),
        ("How about 11000 and you drop it off?", True),
        ("50 might work. I can only accept cash payments though.", True),
        ("If your credit and background check are good, I can take $1200.", True),
        ("I can take $1200 with a 1 year lease.", True),
        ("If we signed a twenty four month lease, could you do 1100?", True),
        ("You would need to sign a 12 month lease.", True),
        ("I signed a lease last year, so I know the drill.", False),
        ("I'll give you 25 if it has new batteries.", True),
        ("If it has any damage I will pass.", False),
        ("Happy to go to 400 with a smile.", False),
        ("I could do $8000 cash you pick up this week.", True),
        ("Can you pick it up?", False),
        ("Would you be willing to lower the price if I sign a 3 year lease?", True),
        ("Fine, $300, but you have to help me load it into the van.", True),
        ("I'll go to 90, but you'd have to deliver it to my place.", True),
        ("You have to see it to believe it.", False),
    ],
)
def test_more_condition_forms(text: str, condition: bool) -> None:
    assert (has_condition(text) is not None) is condition


def test_what_if_i_took_is_a_claim() -> None:
    casino = CASINO_ITEMS
    claims = read_claims("What if I took 2 food, 1 water, and 2 firewood?", 3.0, casino)
    assert claims.mine == {"food": 2.0, "water": 1.0, "firewood": 2.0}


def test_deserving_and_only_getting_claim_the_items() -> None:
    books = ("book", "hat", "ball")
    deserving = read_claims("in fairness i believe i'm deserving of the hat", None, books)
    assert deserving.mine == {"hat": 1.0}
    only = read_claims("i gave you the books since i'm only getting two balls", None, books)
    assert only.mine == {"ball": 2.0}
    closer = read_claims("we're getting closer. how about 2 hats for you?", None, books)
    assert closer.mine == {} and closer.theirs == {"hat": 2.0}


def test_everything_but_the_book_keeps_one_book() -> None:
    """The "everything" before "but" counts what is handed over, not the one book kept."""
    books = ("book", "hat", "ball")
    kept = read_claims("how about you take everything but the book", None, books)
    assert kept.mine == {"book": 1.0}
    context = ("me: the book and ball for me", "them: no deal .", "me: counter ?")
    said = "how about you take everything but the book"
    assert concession_labels(said, context, "trader", BOOKS_HATS_BALLS) == [UNPAID]


_HOLDING_OUT = (
    "me: i need all of the water and all of the food",
    "them: how about i give you three firewood for three water and three food?",
    "me: that doesn't sound like a fair trade to me.",
    "them: perhaps we can reach an agreement with further negotiating.",
)
_THEY_CLAIM_FOOD = (
    "me: I would like 2 food and 2 water.",
    "them: I really need the food, my kids eat a lot. I would like all 3 food.",
)


@pytest.mark.parametrize(
    ("context", "said", "expected"),
    [
        (_HOLDING_OUT, "I'll trade you 2 waters and 2 food for 3 firewood and 1 water", [TRADED]),
        (
            _HOLDING_OUT,
            "you can have 2 waters and 2 food in exchange for all the firewood",
            [TRADED],
        ),
        (_HOLDING_OUT, "you can have 2 waters and 2 food", [UNPAID]),
        # their claim taken as settled, another item asked for instead: the item let go is paid
        (_THEY_CLAIM_FOOD, "In that case, I will need all 3 firewood.", [TRADED]),
        (_THEY_CLAIM_FOOD, "ok, if that's the case I'd want 2 of the firewood then", [TRADED]),
        (_THEY_CLAIM_FOOD, "then i need 2 firewood", [TRADED]),
        # no new ask: nothing is traded for the item
        (_THEY_CLAIM_FOOD, "In that case, I will need the food too.", []),
    ],
)
def test_a_give_swapped_for_items_in_so_many_words_or_for_a_new_ask_is_traded(
    context: tuple[str, ...], said: str, expected: list[str]
) -> None:
    assert concession_labels(said, context, "camper", CASINO) == expected


def test_willing_to_give_up_hands_items_over() -> None:
    casino = CASINO_ITEMS
    text = "I would like a lot of water and I am willing to give up all the wood."
    assert read_claims(text, 3.0, casino).theirs == {"firewood": 3.0}
    reluctant = "I am reluctantly willing to give away the 3 food packages."
    assert read_claims(reluctant, 3.0, casino).theirs == {"food": 3.0}


def test_spoken_comparisons_and_floors() -> None:
    from voicecoach.core.feedback.positions import read_proposals

    happy = "i'd be happy at one thousand two hundred lower than that i'd feel cheated"
    assert [p.value for p in read_proposals(happy, "price", 1500.0, 1500.0)] == [1200.0]
    cap = "i'm quite sure he won't i can't go over thirty five"
    assert [p.value for p in read_proposals(cap, "price", 50.0, 20.0)] == [35.0]
    assert has_condition("i could repair it if you do four hundred and thirty") is not None


def test_splitting_an_item_one_claimed_whole_gives_half_of_it() -> None:
    setting = CASINO
    context = (
        "me: I was hoping to take three of the food as well as three of the firewood.",
        "them: The firewood is most important to us.",
    )
    assert concession_labels("What if we split the firewood?", context, "camper", setting) == [
        UNPAID
    ]


def test_agreeing_after_they_gave_up_what_we_insisted_on_is_closing() -> None:
    setting = BOOKS_HATS_BALLS
    context = (
        "me: i'd like the book and 2 hats",
        "them: no thanks . how about you get all hats and i keep the rest ?",
        "me: i have to have the book .",
        "them: ok , you get the book and one hat and i keep the balls",
    )
    assert concession_labels("deal .", context, "trader", setting) == []


def test_an_item_list_with_no_owner_is_read_against_the_turn_it_answers() -> None:
    setting = CASINO
    asked = ("me: I will give you 3 food for 3 firewood.", "them: I need some firewood.")
    assert concession_labels("How about 3 food for 2 firewood?", asked, "camper", setting) == [
        UNPAID
    ]
    games = BOOKS_HATS_BALLS
    invited = ("me: i want the hats and the ball", "them: what would you like ?")
    assert concession_labels("how about both hats and a ball", invited, "trader", games) == []


def test_trading_away_and_ordinal_counts() -> None:
    casino = CASINO_ITEMS
    trade = read_claims("How about we trade three firewood for 3 food?", 3.0, casino)
    assert trade.mine == {"food": 3.0} and trade.theirs == {"firewood": 3.0}
    conditional = read_claims("I'll accept if we can exchange one water for one food.", 3.0, casino)
    assert conditional.empty
    second = read_claims("You could take the second firewood.", 3.0, casino)
    assert second.theirs == {"firewood": 2.0}


def test_grouped_offer_words_read_the_same_as_the_plain_alternation() -> None:
    import re

    from voicecoach.core.feedback import positions

    plain = re.compile(
        r"(" + "|".join(positions._OFFER_WORDS) + r")\W{0,3}(\w+\W{1,3}){0,2}$", re.I
    )
    windows = [
        "how about ",
        "I could do ",
        "mistake was ",
        "the ballpark of ",
        "it has ",
        "$",
        "bought it for $",
        "Year ",
        "miles on it, ",
        "I think ",
    ]
    for window in windows:
        assert bool(positions._OFFER_BEFORE.search(window)) == bool(plain.search(window)), window


def test_a_refused_handover_gives_nothing() -> None:
    games = GAME_ITEMS
    assert read_claims("i can't give up the hat .", None, games).empty
    assert read_claims("there is no way i can give you both hat and ball", None, games).empty
    kept = read_claims("I need the hat, I won't give you the ball", None, games)
    assert kept.mine == {"hat": 1.0} and not kept.theirs
    assert read_claims("I can give you the hat", None, games).theirs == {"hat": 1.0}
    setting = BOOKS_HATS_BALLS
    insisted = (
        "me: hello . i need the book and the hat to make this deal . you can have all 4 balls .",
        "them: can't do that . i need the hat for sure .",
    )
    for refusal in ("i can't give up the hat .", "if i can not have the hat i can not make a deal"):
        assert concession_labels(refusal, insisted, "trader", setting) == []


def test_a_yes_to_their_question_then_a_counter_is_no_acceptance() -> None:
    context = (
        "me: What if you take one food, two firewood, and one water?",
        "them: I guess the food is really important to you? How about you give me all the "
        "firewood and you keep the water",
    )
    countered = "Yes, the food is really important. But I need at least 1 firewood."
    assert concession_labels(countered, context, "camper", CASINO) == []
    assert concession_labels("Yes, that works.", context, "camper", CASINO) == [UNPAID]


def test_bare_item_nouns_and_articles_count_in_games_of_countable_items() -> None:
    games = GAME_ITEMS
    assert read_claims("you can have hat and one ball", None, games).theirs == {
        "hat": 1.0,
        "ball": 1.0,
    }
    assert read_claims("i want a ball and the hat", None, games).mine == {"ball": 1.0, "hat": 1.0}


def test_a_bare_list_earlier_in_the_dialogue_is_the_speakers_claim() -> None:
    setting = BOOKS_HATS_BALLS
    context = (
        "them: hi , you can have hat and one ball",
        "me: one hat and 2 balls , deal ?",
        "them: one ball",
    )
    assert concession_labels("2 balls and you can keep the hat", context, "trader", setting) == [
        UNPAID
    ]


def test_a_bare_list_cut_down_from_our_own_split_is_ours_after_their_want() -> None:
    """After their "i need ...", a bare list is what we offer them, unless it names an item only
    we asked for: then it is our own split, cut down."""
    setting = BOOKS_HATS_BALLS
    context = ("me: want 2 books 1 ball", "them: i can't do that i need the ball and the hats")
    assert concession_labels("ball and 1 book is my best offer .", context, "trader", setting) == [
        UNPAID
    ]
    swapped = ("me: i would like 2 books and 1 ball", "them: i really need both books as well")
    assert concession_labels("ok then 1 book and 2 balls", swapped, "trader", setting) == [TRADED]
    # only the items they asked for: still what we offer them
    offered = ("me: i want the book and the hats", "them: i need the balls and the hats")
    assert concession_labels("the balls and one hat", offered, "trader", setting) == [UNPAID]


def test_a_cut_down_list_of_just_some_items_leaves_the_rest_to_them() -> None:
    context = (
        "me: i would like the book and the ball",
        "them: i need the book and the hats",
        "me: just the ball then",
        "them: so i get the book and the hats ?",
    )
    assert concession_labels("yes", context, "trader", BOOKS_HATS_BALLS) == []


def test_forfeit_and_sacrifice_hand_items_over() -> None:
    games = GAME_ITEMS
    totals = {"book": 1.0, "hat": 2.0, "ball": 3.0}
    forfeit = read_claims("2 balls and then i forfeit all of the hats", totals, games)
    assert forfeit.theirs == {"hat": 2.0}
    willing = read_claims("i am willing to sacrifice the book", totals, games)
    assert willing.theirs == {"book": 1.0}


def test_what_if_frames_a_proposal_not_a_condition() -> None:
    setting = BOOKS_HATS_BALLS
    context = (
        "them: what would you like",
        "me: the ball and two books .",
        "them: how about you keep all books and i keep the rest",
        "me: no . what if i get the ball and hat ?",
        "them: never",
    )
    proposal = "what if i get the ball and one book ?"
    assert concession_labels(proposal, context, "trader", setting) == [UNPAID]
    tied = "i can let you have the hat if i get both books"
    assert concession_labels(tied, context, "trader", setting) == [TRADED]


def test_owners_named_after_a_list_or_after_the_rest() -> None:
    games = GAME_ITEMS
    totals = {"book": 2.0, "hat": 1.0, "ball": 1.0}
    listed = read_claims("hat and books to me , the rest you have", totals, games)
    assert listed.mine == {"hat": 1.0, "book": 2.0} and listed.theirs["ball"] == 1.0
    swapped = read_claims("ok , hat for you , the rest for me", totals, games)
    assert swapped.theirs == {"hat": 1.0} and swapped.mine["ball"] == 1.0
    question = read_claims("what is of more value to you the book or the hat ?", totals, games)
    assert question.empty
    plural = read_claims("ok i take book and hats", {"book": 1.0, "hat": 2.0, "ball": 1.0}, games)
    assert plural.mine == {"book": 1.0, "hat": 2.0}


def test_a_bare_plural_after_an_opener_and_an_imperative_handover() -> None:
    totals = {"book": 1.0, "hat": 2.0, "ball": 2.0}
    mine = read_claims("nah , hats and a ball for me", totals, GAME_ITEMS)
    assert mine.mine == {"hat": 2.0, "ball": 1.0}
    wanted = read_claims("i want extra hats", totals, GAME_ITEMS)
    assert "hat" not in wanted.mine  # a modifier: how many is not said
    handed = read_claims("take all the balls , i keep everything else", totals, GAME_ITEMS)
    assert handed.theirs == {"ball": 2.0}
    assert handed.mine["book"] == 1.0 and handed.mine["hat"] == 2.0
    claimed = read_claims("i take the hats", totals, GAME_ITEMS)
    assert claimed.mine == {"hat": 2.0} and not claimed.theirs


def test_a_handover_with_its_subject_left_out() -> None:
    said = "we can't budge on food but are more than happy to give up all the firewood for all food"
    for text in (said, said.replace("but are", ". But are")):
        claims = read_claims(text, 3.0, CASINO_ITEMS)
        assert claims.theirs == {"firewood": 3.0} and claims.mine == {"food": 3.0}
    assert read_claims("are you happy to give up the firewood?", 3.0, CASINO_ITEMS).theirs == {}


def test_recognised_speech_starts_a_new_sentence_at_a_proposal() -> None:
    from voicecoach.core.feedback.items import MINE, read_claims

    said = (
        "oh no i couldn't take all the water myself would you be fine with one food "
        "two water and two firewood"
    )
    claims = read_claims(said, 3.0, CASINO_ITEMS, MINE)
    assert claims.mine == {"food": 1.0, "water": 2.0, "firewood": 2.0}
    refused = read_claims("there is no way i can give you both hat and ball", 1.0, GAME_ITEMS)
    assert not refused.theirs


def test_agreeing_to_their_number_that_came_with_pickup_is_the_closing_half() -> None:
    offer = (
        "seller: well the case by itself is probably worth $25 so can you do $45?",
        "buyer: I could do $40 and pick it up today",
    )
    assert concession_labels("i will take 40", offer, "seller") == []
    asked = (
        "seller: I am asking $45, they are in very good condition",
        "buyer: Would you be willing to go lower if I came by to pick it up myself?",
    )
    assert concession_labels("I could come down a little.", asked, "seller") == []
    # a counter of one's own after their pickup offer is still a move
    assert concession_labels("I can't go below 42.", asked, "seller") == [UNPAID]


def test_spoken_prices_after_a_closed_refusal_and_at_the_end_of_a_turn() -> None:
    from voicecoach.core.feedback.positions import read_proposals

    held = "i really can't go that low three thousand five hundred"
    assert [p.value for p in read_proposals(held, "price", 4000.0, None)] == [3500.0]
    refused = "i can't do three thousand five hundred"
    assert read_proposals(refused, "price", 4000.0, None) == []
    last = "we put a lot into it semi tints wired for audio extra rims three thousand two hundred"
    assert [p.value for p in read_proposals(last, "price", 4000.0, None)] == [3200.0]
    context = (
        "buyer: would you take two thousand",
        "seller: i really can't go that low three thousand five hundred",
        "buyer: the highest i can go is three thousand",
        "seller: i'm not in a hurry to sell it extra rims three thousand two hundred",
    )
    accepted = "ok three thousand two hundred is fair"
    assert concession_labels(accepted, context, "buyer", "listing price $4000.0") == [UNPAID]


def test_you_can_even_have_hands_over_and_you_have_fun_does_not() -> None:
    casino = CASINO_ITEMS
    spoken = "same here for me too you can even have all the water as well"
    assert read_claims(spoken, 3.0, casino).theirs == {"water": 3.0}
    wish = read_claims(
        "sounds good you have fun too and good luck cooking all that food", 3.0, casino
    )
    assert wish.empty


def test_an_offer_put_as_a_question_and_giving_me_name_owners() -> None:
    casino = CASINO_ITEMS
    assert read_claims("Would you take 1 firewood instead?", 3.0, casino).theirs == {
        "firewood": 1.0
    }
    assert read_claims("do you mind giving me two wood then?", 3.0, casino).mine == {
        "firewood": 2.0
    }
    # "will you accept the book and 1 ball?" asks them to accept our claim: no hand-over
    assert not read_claims("will you accept the book and 1 ball ?", None, ("book", "ball")).theirs


def test_a_give_with_an_ask_for_their_move_is_traded() -> None:
    context = ("seller: Hi, the apartment is $1900 a month.",)
    lease = "Would you be willing to lower the price if I sign a 3 year lease?"
    assert concession_labels(lease, context, "buyer") == [TRADED]
    utilities = ("buyer: I could do $1,700 but that's it.",)
    covered = "How about this. We will cover your utilities if you can do 2000"
    assert concession_labels(covered, utilities, "seller", "listing price $2100.0") == [TRADED]


def test_agreeing_after_they_offered_to_come_pick_it_up_is_the_closing_half() -> None:
    context = (
        "seller: My lowest offer is 7000",
        "buyer: Can we meet in the middle at $6750? I'd be willing to come pick it up.",
    )
    assert concession_labels("That sounds like a fair deal", context, "seller") == []
    plain = ("seller: I could do $260.", "buyer: Would you accept 250")
    assert concession_labels("That seems fair.", plain, "seller") == [UNPAID]


def test_an_item_flag_on_recognised_speech_quotes_a_few_words() -> None:
    context = (
        "me: i need all three water and two food",
        "them: i need water too, how about i take two water",
    )
    said = (
        "well i understand that you really need it for the kids and the long hike "
        "so you can have two water and i keep the rest"
    )
    flags = assess(Utterance(said, context, "camper", CASINO))
    assert flags and len(flags[0].span.split()) <= 8 and "water" in flags[0].span


def test_a_give_with_a_question_asking_them_to_deliver_is_traded() -> None:
    context = (
        "buyer: Would you take $6 for them?",
        "seller: I was asking $10, if you are willing to pick them up I can do $6.",
    )
    for said in (
        "Could you actually deliver? I'd be willing to pay $7 if you could!",
        "ok $7 then. Will you be able to deliver it to me?",
    ):
        assert concession_labels(said, context, "buyer", "listing price $10.0") == [TRADED]
    assert concession_labels("ok $7 then.", context, "buyer", "listing price $10.0") == [UNPAID]


def test_a_package_that_splits_two_items_leaves_the_third_as_it_was() -> None:
    context = (
        "me: So you're saying for me to take 1 firewood, 2 food and 3 water?",
        "them: yes while i take 2 firewood 1 food. i would be okay with that",
        "me: Could we switch? You can have 2 food and 1 firewood and I'll take 2 firewood, 1 food?",
        "them: No i need the firewood as well. it is really important to me",
    )
    gives = "what if i give you one of the waters."
    assert concession_labels(gives, context, "camper", CASINO) == [UNPAID]
    asks = gives + " could i get 2 of the firewood then?"
    assert concession_labels(asks, context, "camper", CASINO) == [TRADED]


def test_what_they_think_it_is_worth_is_their_number() -> None:
    context = (
        "buyer: Yes. But I am looking to pay only $1530",
        "seller: You can't just put an offer we need to discuss it first",
        "buyer: I only think it is worth 1530",
    )
    said = "okay I can accept that, but you will have to pay me in cash right away?"
    assert concession_labels(said, context, "seller", "listing price $1700.0") == [TRADED]
    reference = ("buyer: a new one retails for 2400 and is worth 2000 new, would you take 900?",)
    assert concession_labels("ok 900", reference, "seller", "listing price $1700.0") == [UNPAID]


def test_agreeing_to_their_number_that_came_with_their_cash_or_pickup_is_the_closing_half() -> None:
    cash = (
        "buyer: Awesome. I'm willing to pay $2950 for it",
        "seller: I can't go lower than 3250",
        "buyer: Would you agree to 3150? I'll pay cash today for it.",
    )
    assert concession_labels("deal", cash, "seller", "listing price $3500.0") == []
    plain = (*cash[:2], "buyer: Would you agree to 3150?")
    assert concession_labels("deal", plain, "seller", "listing price $3500.0") == [UNPAID]
    still_open = (
        "seller: I am asking $45, they are in very good condition",
        "buyer: That's a bit high. Would you go lower if I came by to pick it up myself?",
        "seller: I could come down a little, what were you thinking?",
        "buyer: How about 35?",
    )
    listing = "listing price $45.0"
    assert concession_labels("Sure, that'll work.", still_open, "seller", listing) == []
    closed = (*still_open[:2], "seller: I could do $42.", "buyer: How about 35?")
    assert concession_labels("Sure, that'll work.", closed, "seller", listing) == [UNPAID]


def test_agreeing_to_their_first_offer_reads_that_offer() -> None:
    context = (
        "them: i want the hat and 2 books",
        "me: can i have the hat and the ball if you can have all the books ?",
        "them: i absolutely need the hat",
    )
    said = "ok , i agree to your first offer then ."
    assert concession_labels(said, context, "trader", BOOKS_HATS_BALLS) == [UNPAID]
    assert concession_labels("ok , thanks .", context, "trader", BOOKS_HATS_BALLS) == []


def test_a_range_of_counts_claims_the_least_the_speaker_would_take() -> None:
    hoping = read_claims("I was hoping to get 2 or 3 waters", 3.0, CASINO_ITEMS)
    assert hoping.mine == {"water": 2.0}
    assert read_claims("i want zero or one food", 3.0, CASINO_ITEMS).mine == {"food": 0.0}
    context = (
        "me: It looks like we both can use some water. I was hoping to get 2 or 3 waters",
        "them: How about you can have 2 water and 1 food if you give me 2 firewood?",
    )
    said = "Ok. So I'll get 2 water and you'll get 1 water?"
    assert concession_labels(said, context, "camper", CASINO) == []


def test_a_want_with_its_subject_left_out_and_a_bare_plural_handed_over() -> None:
    theirs = read_claims("need both balls and hat . you get books", None, GAME_ITEMS)
    assert theirs.mine == {"ball": 2.0, "hat": 1.0}
    assert theirs.theirs == {"book": 2.0}
    # not a cue inside a sentence, nor before a word that is no item or count
    assert read_claims("you need to get the hat", None, GAME_ITEMS).mine == {}
    assert read_claims("need anything? you keep hats", None, GAME_ITEMS).mine == {}
    # after a greeting and a comma, as at a sentence start
    assert read_claims("hi , need the hat and one ball", None, GAME_ITEMS).mine == {
        "hat": 1.0,
        "ball": 1.0,
    }
    context = (
        "me: i'd like both balls , rest is negotiable .",
        "them: need both balls and hat . you get books",
    )
    said = "can i have 1 ball and the books , you get hat and 1 ball ?"
    # taking the books they already handed over is no get: yielding a ball is unpaid
    assert concession_labels(said, context, "trader", BOOKS_HATS_BALLS) == [UNPAID]


def test_agreeing_with_would_and_a_condition_is_a_trade() -> None:
    context = (
        "them: Can I get all 3 waters? what are your thoughts?",
        "me: I would be happy for you to have two waters if I can have one.",
        "them: Maybe I can get all 3 waters and you can have all 3 foods?",
    )
    said = "I would agree to that if I can also have two things of firewood."
    assert concession_labels(said, context, "camper", CASINO) == [TRADED]
    # they hand over all the food, never spoken of before: agreeing closes their package
    assert concession_labels("I would agree to that.", context, "camper", CASINO) == []
    assert concession_labels("I can't agree to that.", context, "camper", CASINO) == []
    nothing_back = (*context[:2], "them: Maybe I can get all 3 waters?")
    assert concession_labels("I would agree to that.", nothing_back, "camper", CASINO) == [UNPAID]


def test_a_discount_already_given_and_a_blue_book_value_are_no_positions() -> None:
    context = (
        "buyer: No, i think 7200 is as high as I can go, since it is a 13 year old car.",
        "seller: Sorry, I can't go that low, Blue Book has it listed for $8500, so I am "
        "already $1000 lower that actual value",
        "buyer: How many miles does it have?",
        "seller: Only 128K",
    )
    listing = "listing price $7500.0"
    assert concession_labels("Ok, I can do $7,350.", context, "buyer", listing) == [UNPAID]


def test_a_question_about_what_the_price_includes_adds_nothing() -> None:
    context = ("seller: Hi there! Yes, the apartment is still available, are you interested?",)
    said = "Yes I am interested does the price include utilities?"
    assert concession_labels(said, context, "buyer", "listing price $1583.0") == []


def test_accepting_a_split_one_turned_down_gives_ground() -> None:
    context = (
        "them: hello . i need the ball and one book to make this deal .",
        "me: not going to happen , offer me a better deal",
        "them: doesn't get any better than that from me .",
    )
    said = "fine , i will accept your initial offer"
    assert concession_labels(said, context, "trader", BOOKS_HATS_BALLS) == [UNPAID]
    # never turned down: agreeing to a first split is no give
    assert concession_labels(said, (context[0],), "trader", BOOKS_HATS_BALLS) == []


def test_agreeing_to_a_price_they_bundled_with_included_services_is_the_closing_half() -> None:
    context = (
        "buyer: 1241$ was what I had budgeted for.",
        "seller: What about if we offered water and garbage pickup included, could you do $1533?",
    )
    listing = "listing price $1633.0"
    assert concession_labels("Yes that sounds reasonable.", context, "buyer", listing) == []


def test_ill_do_that_agrees() -> None:
    from voicecoach.core.feedback.concession import is_acceptance

    assert is_acceptance("weell.. alright, I'll do that")
    assert not is_acceptance("I'll do that if you pick it up, what do you say? No")


_WORDS = [
    "i",
    "we",
    "I",
    "We",
    "can",
    "throw",
    "in",
    "free",
    "delivery",
    "you",
    "if",
    "no",
    "deal",
    "how",
    "about",
    "add",
    "İ",
    "ſ",
    "café",
    "is",
    "that",
    "a",
    "sign",
    "2",
    "year",
    "lease",
]


@given(
    st.lists(
        st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", ", ", ". ", "'", "-", "!", "é"])),
        max_size=14,
    )
)
@settings(max_examples=300, deadline=None)
def test_fast_patterns_match_as_their_plain_form(parts: list[tuple[str, str]]) -> None:
    """A spaced CaseBlindPattern finds what its `\\b`-led re.I form finds, at the same offsets."""
    import re

    from voicecoach.core.feedback import concession

    text = "".join(word + gap for word, gap in parts)
    for fast in (concession._EXTRA, concession._REJECT, concession._IF_YOU):
        plain = re.compile(r"\b(?=\w)" + fast._folding.pattern[2:], re.I)
        assert [m.span() for m in plain.finditer(text)] == [
            (m.start(), m.end() - 1) for m in fast.finditer(text)
        ]


def _flag(text: str, context: tuple[str, ...], role: str, setting: str | None = None) -> Flag:
    flags = [f for f in assess(Utterance(text, context, role, setting)) if f.label in CONCESSIONS]
    assert len(flags) == 1, flags
    return flags[0]


def test_split_game_tips_name_the_item_the_speaker_wanted_most() -> None:
    # they had claimed 2 water and 2 firewood: the tip asks for one more water or firewood,
    # never for the food they are giving up, nor for "the other item"
    context = (
        "me: I would like 2 water, 2 firewood and 2 food.",
        "them: I really need the food, my kids eat a lot.",
    )
    flag = _flag("ok you can have all the food", context, "camper", CASINO)
    assert flag.label == UNPAID
    assert flag.tip.startswith("try: 'You can have all the food if I get one more ")
    assert flag.tip.rstrip(".'").split()[-1] in {"water", "firewood"}
    down = _flag(
        "I can do 1 firewood then", ("me: I need 3 firewood and 1 water.",), "camper", CASINO
    )
    assert down.tip == "try: 'I can go down to 1 firewood if I get one more water.'"


def test_accepting_a_worse_split_gets_a_split_tip_not_a_number() -> None:
    worse = (
        "me: I would like the 3 water, 1 food, and 1 firewood, what about that?",
        "them: My offer to you is: you get 3 water and 0 firewood and 0 food.",
    )
    flag = _flag("Okay you have a deal.", worse, "camper", CASINO)
    assert flag.tip.startswith("try: 'I can agree to that split if I get one more ")
    assert "I can do" not in flag.tip
    hats = _flag(
        "fine, you can have both hats",
        ("me: i want the 2 hats and 1 book", "them: i need the hats"),
        "trader",
        BOOKS_HATS_BALLS,
    )
    assert hats.span == "you can have both hats"
    assert "hats" in hats.tip and "one more book" in hats.tip


def test_trade_tips_follow_the_order_of_give_and_condition() -> None:
    first = _flag("If you can pick it up today, I can do 450.", HAGGLE, "seller")
    assert first.label == TRADED and "condition came first" in first.tip
    after = _flag("I can do 450 if you can pick it up today.", HAGGLE, "seller")
    assert after.label == TRADED
    assert after.tip.endswith("'If you can pick it up today, I can do 450.'")
    package = _flag(
        "I can give you 2 firewood if I get 2 food",
        ("me: I need all 3 firewood and 1 food.",),
        "camper",
        CASINO,
    )
    assert package.label == TRADED


def test_agreeing_to_their_bare_counter_list_gives_ground() -> None:
    """'how about the hats and one ball?' names no owner, yet agreeing to it gives a ball up."""
    context = ("me: give me hats and 2 balls", "them: how about the hats and one ball ?")
    assert concession_labels("okay", context, "me", BOOKS_HATS_BALLS) == [UNPAID]
    # a question about our wants is no counter: saying yes to it gives nothing
    asked = ("me: who gets the book", "them: would you like the book ?")
    assert concession_labels("yes", asked, "me", BOOKS_HATS_BALLS) == []


def test_agreeing_to_a_hand_over_takes_only_what_is_handed() -> None:
    """'you take all hats' leaves the rest to them; 'you can have the balls also' adds."""
    asked = (
        "me: hi i would like the balls and hats and you can have the book",
        "them: no i can't",
        "me: counter offer ?",
        "them: you take all hats",
    )
    assert concession_labels("ok , deal", asked, "me", BOOKS_HATS_BALLS) == [UNPAID]
    added = (
        "them: you can have the book if i get the hat .",
        "me: its a deal . you can have the balls also .",
    )
    assert concession_labels("cool , deal .", added, "them", BOOKS_HATS_BALLS) == []


@pytest.mark.parametrize(
    "text",
    [
        "Let me think... So far I would get 2 waters, 1 firewood and 1 food. Am I correct?",
        "Yes we have. Just to clarify, I will get two packages of water and you will get one.",
        "To recap we are at 1 water, 2 food for me and 2 water 1 food for you?",
        "To confirm - I get 1 water, 2 food and 1 firewood?",
        "So I get 1 water, 2 food and 1 firewood, is that correct?",
    ],
)
def test_a_recap_that_checks_the_deal_gives_nothing(text: str) -> None:
    context = (
        "me: I would like 3 waters, 2 food and 2 firewood.",
        "them: Of course. Also 2 more of whatever extra food you may have would be great.",
    )
    assert concession_labels(text, context, "me", CASINO) == []
    proposed = text.replace("Am I correct?", "").replace("Just to clarify,", "So")
    proposed = proposed.replace("To recap we are at", "How about").replace("To confirm -", "")
    proposed = proposed.replace(", is that correct?", ".")
    assert concession_labels(proposed, context, "me", CASINO) != []  # the same split, proposed


def test_agreeing_to_a_split_that_adds_items_we_never_spoke_of_is_the_closing_half() -> None:
    context = (
        "me: i would like the hats",
        "them: would you be willing to give me the ball and 1 hat and you get 2 hats 2 books ?",
    )
    assert concession_labels("yes that works for me", context, "me", BOOKS_HATS_BALLS) == []
    fewer = ("me: i would like the hats", "them: you get 1 hat and i get the rest ?")
    assert concession_labels("yes that works for me", fewer, "me", BOOKS_HATS_BALLS) == [UNPAID]


def test_an_item_is_spoken_of_by_its_whole_word() -> None:
    # "what" holds the letters of "hat", but we never asked for a hat: a split that hands us
    # one is their package, and agreeing to it is its closing half
    asked = "me: i need all the books . what do you need ?"
    hands_a_hat = ("them: you get 2 books and 1 hat . i get 1 book and the balls .",)
    assert concession_labels("deal", (asked, *hands_a_hat), "trader", BOOKS_HATS_BALLS) == []
    only_books = ("them: you get 2 books . i get 1 book and the balls and hats .",)
    assert concession_labels("deal", (asked, *only_books), "trader", BOOKS_HATS_BALLS) == [UNPAID]


def test_insisting_on_an_item_or_refusing_one_is_no_item_list() -> None:
    # a bare item list answering "I need the hat" hands them what it names; these turns
    # name an item only to insist on it or to refuse it, and give nothing
    wanted = ("me: i would like a hat and a book", "them: i really need the hat . you get a ball")
    for said in ("the hat is a must have", "without the hat i cant make points"):
        assert concession_labels(said, wanted, "trader", BOOKS_HATS_BALLS) == []
    asked = ("me: i want 2 books and 2 balls", "them: no books but you can get 2 hats and 1 ball")
    assert concession_labels("no books no deal", asked, "trader", BOOKS_HATS_BALLS) == []
    # their offer named back, and a question about what they want, list nothing of ours
    offered = (
        "me: Well I would really prefer the 3 firewood.",
        "them: Ok, i will give you 2 firewood, you give me 3 food and 2 water. What about that?",
    )
    said = "I appreciate your offer of 2 firewood.  Why do you need 3 food?"
    assert concession_labels(said, offered, "camper", CASINO) == []
    # a real bare list still hands over what it names
    assert concession_labels("the hat then", wanted, "trader", BOOKS_HATS_BALLS) == [UNPAID]


def test_work_done_for_us_is_a_real_condition() -> None:
    context = ("seller: I'm asking 3400 for the truck.", "buyer: I can offer 2500.", "seller: No.")
    for said in (
        "If you fix the brakes, I can pay 3000.",
        "if you will replace the tires i can do 3000",
    ):
        assert concession_labels(said, context, "buyer") == [TRADED]
    # a condition that costs them nothing stays a gift
    assert concession_labels("If you like, I can pay 3000.", context, "buyer") == [UNPAID]


def test_their_split_said_back() -> None:
    ours = "me: I get 3 water, 2 food and 1 firewood, you get 1 food and 2 firewood."
    theirs = "them: How about you get 2 water, 2 food and 1 firewood, and I get the rest?"
    check, agree = (
        "So 2 water, 2 food and 1 firewood for me?",
        "Ok, 2 water, 2 food and 1 firewood.",
    )
    propose = "How about 2 water, 2 food and 1 firewood for me?"
    # a question that says their split back checks it and gives nothing
    assert concession_labels(check, (ours, theirs), "me", CASINO) == []
    # agreeing to it, or proposing it, when they have not moved, gives up a water for nothing
    assert concession_labels(agree, (ours, theirs), "me", CASINO) == [UNPAID]
    assert concession_labels(propose, (ours, theirs), "me", CASINO) == [UNPAID]
    # when their split moved toward us, taking it is the closing half of that exchange
    moved = ("them: I want 2 water, 2 food and 2 firewood.", ours, theirs)
    assert concession_labels(agree, moved, "me", CASINO) == []
    assert concession_labels(propose, moved, "me", CASINO) == []


def test_what_they_are_getting_and_what_we_should_get() -> None:
    # "you are getting" tells what goes to them; "I should get" is a claim of ours
    claims = read_claims(
        "well since you are getting 2 water I think I should get 2 firewood", 3.0, CASINO_ITEMS
    )
    assert claims.theirs == {"water": 2.0}
    assert claims.mine == {"firewood": 2.0}


def test_asking_how_to_divide_an_item_proposes_no_even_split() -> None:
    assert read_claims("How do you want to divide the water?", 3.0, CASINO_ITEMS).empty
    even = read_claims("Let's split the water.", 3.0, CASINO_ITEMS)
    assert even.mine == {"water": 1.5} and even.theirs == {"water": 1.5}
    # asked after our claim of all of it, the question gives no water away
    context = ("me: Ok. Can I have all 3 water?", "them: 3 water for what?")
    said = "How do you want to divide the water? Do you need any, or can I have all 3?"
    assert concession_labels(said, context, "me", CASINO) == []


def test_having_a_family_is_no_claim_on_the_items_after_it() -> None:
    told = "I have a large family to feed and all of my food needs to be cooked."
    assert read_claims(told, 3.0, CASINO_ITEMS).empty
    assert read_claims("I have a hat and a ball", None, ("book", "hat", "ball")).mine == {
        "hat": 1.0,
        "ball": 1.0,
    }


def test_an_item_handed_over_with_a_count_does_not_make_a_full_proposal() -> None:
    # "cook food" wants food vaguely, but "you are taking 2 foods" hands it over: the turn
    # claims only the firewood, so the water is not given up
    ours = "me: I propose I get one food, 3 firewood and 1 water."
    theirs = "them: Will you please give me one firewood? Just one."
    said = (
        "I think I will need all the firewood since you are taking 2 foods. "
        "I will need to hunt and cook food from the land."
    )
    assert concession_labels(said, (ours, theirs), "me", CASINO) == []


def test_a_difference_described_or_a_number_called_low_is_no_offer() -> None:
    for said in (
        "It's already a 40 dollar drop so I think it's very fair.",
        "Woah that's like 300 dollars less right away. I can't go that low",
        "I feel $700 is a little low",
        "Honestly 700 seems pretty steep",
    ):
        assert read_proposals(said, "price", 800.0, 800.0) == [], said
    # a difference offered is still a move
    assert [p.value for p in read_proposals("I can do 50 less", "price", 800.0, 800.0)] == [750.0]
    # "tell you what. 120 and I'll throw in ..." puts 120 forward
    opener = "Tell you what. 120 and I'll throw in this lamp shade."
    assert [p.value for p in read_proposals(opener, "price", 160.0, 160.0)] == [120.0]
    context = (
        "seller: I'm asking 160 for the lamp.",
        "buyer: I can give you 96 cash tomorrow.",
        "seller: " + opener,
        "buyer: No need for the shade.",
    )
    held = "Well that's ok but I still can't go under 120. It's already a 40 dollar drop."
    assert concession_labels(held, context, "seller") == []


def test_a_yes_after_the_deal_was_closed_gives_nothing_new() -> None:
    context = (
        "me: I would like 2 water, 2 firewood and 1 food.",
        "them: No. You get 1 water, 1 firewood and 1 food.",
        "me: I can agree to that. That sounds fair to me.",
        "them: Yes. I think we have a deal. You get 1 water, 1 firewood and 1 food.",
    )
    said = "Perfect. Feel free to enter the deal."
    assert concession_labels(said, context, "me", CASINO) == []
    # the first yes to that split is where the water was given up
    assert concession_labels(context[2][4:], context[:2], "me", CASINO) == [UNPAID]


def test_our_split_summed_up_after_their_plain_yes_gives_nothing() -> None:
    context = (
        "me: I would like 3 water, 2 food and 2 firewood.",
        "them: I need firewood and food too. I can't give you that much.",
        "me: I am ok with you taking two firewood, does that seem fair to you?",
        "them: Yes, that seems fair to me.",
    )
    # the firewood was given up in the turn they said yes to; the recap gives nothing more
    assert concession_labels(context[2][4:], context[:2], "me", CASINO) == [UNPAID]
    for recap in (
        "okay so I will take 1 firewood, 2 food and three waters",
        "So you get 2 firewood and 1 food, and I get 3 water, 2 food and 1 firewood, deal?",
    ):
        assert concession_labels(recap, context, "me", CASINO) == [], recap
    # "yes" to a question that holds their demand is no yes to a split of ours
    asked = (
        "me: i need the book and the hats .",
        "them: i need the book .",
        "me: do you refuse to give up the book in all cases ?",
        "them: yes",
    )
    given = "ok , you take the book , and i will everything else , i agree ."
    assert concession_labels(given, asked, "me", BOOKS_HATS_BALLS) == [UNPAID]


def test_if_so_after_asking_them_for_something_ties_the_move_to_it() -> None:
    context = (
        "seller: The laptop is $150.",
        "buyer: Would you take $100?",
        "seller: I can't go that low, maybe $140.",
    )
    tied = "Would you be willing to add a spare battery? If so, I could do $120."
    assert concession_labels(tied, context, "buyer") == [TRADED]
    # "if so" after a question about the item ties nothing
    untied = "Does it still have the original battery? If so, I could do $120."
    assert concession_labels(untied, context, "buyer") == [UNPAID]


def test_our_last_turn_said_again_gives_nothing_new() -> None:
    context = (
        "seller: It's $350, barely used.",
        "buyer: Would you take 250?",
        "seller: I can do $300, that's my lowest.",
        "buyer: Ok I can do $300, that seems fair.",
        "seller: Great.",
    )
    # the yes was given in the turn before; the same words again (a double send) give nothing
    assert concession_labels("Ok I can do $300, that seems fair.", context, "buyer") == []
    assert concession_labels(context[3][7:], context[:3], "buyer") == [UNPAID]
    # an earlier position said again after moving away from it is still a move
    moved = context[:3] + ("buyer: Ok, 300.", "seller: Thanks!", "buyer: Actually, 250.")
    assert concession_labels("Ok, 300.", moved, "buyer") == [UNPAID]


def test_a_yes_with_a_service_or_a_payment_asked_in_return_is_traded() -> None:
    context = (
        "seller: The desk is $300.",
        "buyer: Would you take 250?",
        "seller: How about $280?",
    )
    helped = "Yes, but is it possible for you to help me load it for that price?"
    assert concession_labels(helped, context, "buyer") == [TRADED]
    assert concession_labels("Yes, $280 is fine.", context, "buyer") == [UNPAID]
    asked = ("seller: It's $600.", "buyer: I can pay 500.", "seller: Can't, 560?", "buyer: 540?")
    advance = "Okay, I can give it to you for $540 but I will need a deposit today."
    assert concession_labels(advance, asked, "seller") == [TRADED]


def test_a_yes_tied_in_so_many_words_to_the_cost_they_offered_is_traded() -> None:
    context = (
        "seller: The TV is 1200.",
        "buyer: I can pick it up myself. If I pay with cash can I do 1000?",
    )
    for said in (
        "if you can pick up today, you have a deal.",
        "Ok, $1000 it is and you pick it up.",
        "i can do $1000 since your gonna pick it up",
        "Fine, because you are paying cash, 1000 works.",
    ):
        assert concession_labels(said, context, "seller") == [TRADED], said
    # "see you when you pick it up" closes the exchange they proposed, and ties nothing
    assert concession_labels("Okay, see you when you pick it up.", context, "seller") == []


def test_a_pleasantry_if_and_an_adverb_in_a_yes() -> None:
    context = ("seller: It's 700.", "buyer: I can do 600.", "seller: These are high end brakes.")
    # "in cash if you'd prefer" costs them nothing: the raise is still a gift
    said = "I'm willing to pay $650, in cash if you'd prefer, and pick it up myself."
    assert concession_labels(said, context, "buyer") == [UNPAID]
    assert is_acceptance("That actually sounds pretty good to me.")


def test_going_higher_is_a_real_condition() -> None:
    context = ("seller: The TV is 400.", "buyer: I'll pay $350.")
    said = "That's way less than I hoped. I can throw in delivery if you can go higher on it"
    assert concession_labels(said, context, "seller") == [TRADED]
    assert has_condition("I'll include the stand if you go a little higher")


def test_a_yes_after_a_filler_and_without_its_apostrophe() -> None:
    context = ("buyer: I can offer 10,500.", "seller: I would let it go for $11,200.")
    assert concession_labels("Hmm... Okay I guess I do that! Thanks!", context, "buyer") == [UNPAID]
    context = ("seller: Can you meet me at $4200?", "buyer: I'd go $4000")
    assert concession_labels("Thats perfect", context, "seller") == [UNPAID]
    # a point granted is no yes: "well yes, but ..."
    assert not is_acceptance("well yes, but mostly highway miles. 1750 won't buy this car.")


def test_extras_said_as_a_gift_and_words_that_only_look_like_one() -> None:
    assert adds_extra("I'm also throwing in a mattress") == "I'm also throwing in"
    assert adds_extra("I will accept 950 and the delivery cost is on me!") is not None
    # making sure of one's own budget gives them nothing
    said = "i was wondering if i could pick it up today for $60? i need to make sure i keep money"
    assert adds_extra(said) is None
    assert adds_extra("I'll make sure it's cleaned before you come") is not None
    # accepting their number that came with their own extra closes their exchange
    context = (
        "buyer: Would you be willing to accept 875 for it?",
        "seller: I will accept 950 and the delivery cost is on me!",
    )
    assert concession_labels("Okay that sounds pretty good to me!", context, "buyer") == []


def test_an_ask_recalled_is_not_put_forward_again() -> None:
    assert read_proposals("I was asking $10, but I can do $6.", "price", 10.0, 10.0)[0].value == 6
    said = "Ok, well I can't do less than $45, I had it for $60"
    assert [p.value for p in read_proposals(said, "price", 60.0, 50.0)] == [45]
    assert (
        read_proposals("My listing price was 75! It goes for 200 new.", "price", 75.0, 75.0) == []
    )
    context = ("seller: They work with any Nokia.", "buyer: Would you take $6 for them?")
    said = "I was asking $10, if you are willing to pick them up I can do $6."
    assert concession_labels(said, context, "seller", "listing price $10.0") == [TRADED]
    context = ("seller: It's a fine nightstand.", "buyer: Would you still take $50 for it?")
    said = "I would like to receive at least 60 for it. My listing price was 75!"
    assert concession_labels(said, context, "seller", "listing price $75.0") == [UNPAID]


def test_the_word_deal_at_the_end_of_a_sentence_is_not_always_a_yes() -> None:
    assert is_acceptance("That actually sounds good. Deal.")
    their = "Let's meet in the middle at 400 cash today, and we both feel okay in the deal."
    assert not is_acceptance(their)
    context = ("buyer: I'd offer 350, cash in hand.", "seller: I could do 450.", "buyer: " + their)
    assert concession_labels("That actually sounds good. Deal.", context, "seller") == [UNPAID]


def test_their_cost_that_was_already_part_of_our_number_pays_for_nothing() -> None:
    context = (
        "buyer: I've got about 1100.",
        "seller: I have an offer of 1300, so if you could match that and pick it up today we"
        " have a deal.",
        "buyer: 1200 and I will pick it up today!",
    )
    assert concession_labels("Ok I can do that.", context, "seller") == [UNPAID]
    # a pickup they add of their own accord still closes their exchange
    context = ("seller: It's 1300.", "buyer: 1200 and I will pick it up today!")
    assert concession_labels("Ok I can do that.", context, "seller") == []


def test_their_number_with_a_contract_or_a_drive_over_is_an_exchange_we_close() -> None:
    for their in (
        "If I entered a contract for 1 year, would you accept $2,760?",
        "Would you be willing to take $2,760 if I drive and come pick it up from you today?",
    ):
        context = ("seller: I would accept $2,850.", "buyer: " + their)
        assert concession_labels("Yes I would accept that deal.", context, "seller") == [], their
    context = ("seller: I would accept $2,850.", "buyer: Would you accept $2,760?")
    assert concession_labels("Yes I would accept that deal.", context, "seller") == [UNPAID]


def test_moving_it_themselves_is_a_cost_named_with_the_number() -> None:
    assert has_condition("650 and you move it yourself and pick it up, deal?") is not None
    context = ("seller: How about 675?", "buyer: Can I do $650 if I come get it today?")
    said = "650 and you move it yourself and pick it up, deal?"
    assert concession_labels(said, context, "seller") == [TRADED]


def test_a_bare_yes_to_their_ask_for_an_extra_and_an_extra_only_asked_for() -> None:
    ask = "Would you be willing to throw in something extra such as free shipping and insurance?"
    context = ("seller: I am open to negotiate but was looking for $165.", "buyer: " + ask)
    said = "I could and would if you pay the full asking price."
    assert concession_labels(said, context, "seller") == [TRADED]
    context = ("seller: It could go either way.", "buyer: Would you be willing to deliver it?")
    assert concession_labels("yes I sure can", context, "seller") == [UNPAID]
    # asking them for it gives nothing; offering it inside a question still does
    assert adds_extra(ask) is None
    assert adds_extra("Will you go to 7400 and Ill throw in free tinted windows?") is not None
    context = ("seller: I am open to negotiate but was looking for $165.",)
    assert concession_labels(ask, context, "buyer") == []


def test_a_move_after_their_yes_to_the_cost_we_asked_for_is_traded() -> None:
    context = (
        "buyer: The only problem is I can only pay $900.",
        "seller: Are you able to pay a deposit, and ready to commit to a 6 month lease?",
        "buyer: Yes I can pay a deposit and will sign that lease.",
    )
    flags = assess(Utterance("Then I can do $930", context, "seller", "listing price $979"))
    assert [f.label for f in flags] == [TRADED]
    assert "930" in flags[0].tip
    # their yes that comes with a number of theirs is answered by our move: no trade
    context = (
        "seller: Are you willing to pick it up?",
        "buyer: Yeah, I'd come scoop it up. I was thinking around 240?",
    )
    said = "All in for 275 and I'll help load it."
    assert concession_labels(said, context, "seller", "listing price $300") == [UNPAID]


def test_yes_to_their_number_whose_only_condition_is_that_number_is_unpaid() -> None:
    """Rubric: a condition counts when it costs them something; the price itself does not."""
    context = (
        "buyer: can you lower the price to 180 and i pick up and it's a deal",
        "seller: $180 for such a great bunk bed? I don't know, if you'll come up to $190 "
        "you have a deal.",
    )
    said = "$190 is fine i can do that"
    assert concession_labels(said, context, "buyer", "listing price $200") == [UNPAID]
    # ... but a turn that also offers something of theirs sets up an exchange
    context = ("seller: I need at least $430", "buyer: The most I can do is $420.")
    offered = (*context, "seller: I could repair it if you do $430")
    assert concession_labels("Ok deal!", offered, "buyer", "listing price $450") == []


def test_yes_to_their_plain_ask_is_unpaid() -> None:
    """Rubric: granting their ask (our number moved, an extra) gives ground; it paid nothing."""
    asked = ("seller: I'm asking $100, they are new.", "buyer: can you come down to 70?")
    for said in ("Yeah I can do $70.", "Absolutely, I can do that.", "yes"):
        assert concession_labels(said, asked, "seller", "listing price $100") == [UNPAID], said
    # ... but an ask that comes with something of theirs sets up an exchange
    offered = ("seller: I'm asking $100.", "buyer: could you come down to 70? I can pick it up")
    assert concession_labels("Sure, 70 works.", offered, "seller", "listing price $100") == []
    cash = "buyer: If I came and picked it up and brought cash would you be willing to come down?"
    for said in ("Sure, I can do that.", "Brother I really cannot bring it down right now"):
        assert concession_labels(said, (offered[0], cash), "seller", "listing price $100") == []
    # the same for an extra: their plain ask pays nothing, their number or cash does
    context = ("seller: It's in great shape.", "buyer: Could you deliver the table?")
    said = "Yes I can. I'll deliver it right to your door."
    assert concession_labels(said, context, "seller", "listing price $100") == [UNPAID]
    for ask in ("buyer: For $90, can you deliver it?", "buyer: will you deliver if I pay cash?"):
        assert concession_labels(said, (context[0], ask), "seller", "listing price $100") == []


def test_taking_their_number_after_their_yes_to_the_cost_we_asked_for_is_traded() -> None:
    """Rubric: the closing half of an exchange in which they just gave something back."""
    context = (
        "seller: I'd like $15 for it.",
        "buyer: Hey, $12 and you have a deal.",
        "seller: Are you paying cash?",
        "buyer: Yes, I am.",
    )
    said = "Then $12 will do it."
    assert concession_labels(said, context, "seller", "listing price $15") == [TRADED]
    # without the yes to our ask, taking their number is given for nothing
    assert concession_labels(said, context[:2], "seller", "listing price $15") == [UNPAID]
    # nor is a yes to a question that asked them for nothing
    asked_nothing = (*context[:2], "seller: Are you local?", "buyer: Yes, I am.")
    assert concession_labels(said, asked_nothing, "seller", "listing price $15") == [UNPAID]
    # as the recogniser writes it: no question mark, the ask read by its opening words
    heard = (
        "seller: i'd like fifteen dollars for it",
        "buyer: hey twelve and you have a deal",
        "seller: are you paying cash",
        "buyer: yes i am",
    )
    said = "then twelve will do it"
    assert concession_labels(said, heard, "seller", "listing price $15") == [TRADED]
    told = (*heard[:2], "seller: you are paying cash", "buyer: yes i am")
    assert concession_labels(said, told, "seller", "listing price $15") == [UNPAID]


def test_their_offered_extra_said_back_is_not_ours_to_give() -> None:
    context = (
        "seller: I can offer you the first month of rent for free, if you're able to pay 2000.",
        "buyer: 2000 would be great. Do you do any kind of background checking?",
        "seller: There is no background check at all!",
    )
    said = "I'm in. 2000 a month and the first month free. You got a deal."
    assert concession_labels(said, context, "buyer", "listing price $2400") == []
    # the extra they only asked about is still ours when we offer it
    context = ("seller: It's 2400 a month.", "buyer: Is anything else included?")
    said = "I can give you the first month free."
    assert concession_labels(said, context, "seller", "listing price $2400") == [UNPAID]


def test_a_refusal_after_a_yes_word_and_an_agreeable_price() -> None:
    # "yeah" that opens a refusal agrees to nothing
    context = ("trader: you get the hats, I keep the rest", "trader: I need the books too")
    for said in ("yeah that is not happening", "ok that doesnt work for me"):
        assert not is_acceptance(said)
        assert concession_labels(said, context, "trader", "splitting books, hats and balls") == []
    # "agreeable" is a yes: taking their 625 after holding at 650 gives 25
    context = ("buyer: Would you do 600?", "seller: Not below 650.", "buyer: Meet me at 625?")
    assert concession_labels("That is agreeable to me.", context, "seller") == [UNPAID]
    assert concession_labels("That is not agreeable to me.", context, "seller") == []


def test_the_x_it_is_idiom_puts_the_number_forward() -> None:
    context = (
        "seller: The lowest I can do is 2000.",
        "buyer: Could you do 1800 if I paint the hall for you?",
        "seller: sorry, no",
    )
    assert concession_labels("ok 2000 it is then", context, "buyer") == [UNPAID]
    # "it is" that goes on describes, it does not agree
    assert [p.value for p in read_proposals("ok 2000 it is!", "price", None, None)] == [2000]
    assert read_proposals("well, 2000 it is a lot for me", "price", None, None) == []


def test_the_listing_price_quoted_is_a_reference_not_their_offer() -> None:
    context = (
        "seller: Would you pay 1500 a month?",
        "buyer: The listing price is only $1487 and even that felt steep.",
    )
    said = "Good places are not cheap, but I would go to 1450."
    assert concession_labels(said, context, "seller", "listing price $1487") == [UNPAID]
    # the buyer reading their listing back ("I see you have a couch for 50 dollars") puts no
    # number of their own forward: their first number, after the seller's move, gives nothing
    context = (
        "seller: Hi there are you interested in my couch?",
        "buyer: Yes. I see you have a couch for 50 dollars. That is a bit too much for me.",
        "seller: If you come to pick it up, I would reduce it down to $40 for you.",
    )
    said = "That sounds good. How about 35 dollars then? I have to use gas to come and get it."
    assert concession_labels(said, context, "buyer", "listing price $50") == []


def test_a_return_or_warranty_granted_is_an_extra_and_a_worry_is_no_condition() -> None:
    assert adds_extra("I will allow a 30 day return if you are unhappy with it.") is not None
    assert adds_extra("We offer you a one year warranty on it.") is not None
    assert adds_extra("Do you offer a warranty?") is None
    # "if you're concerned ..." meets a worry, it asks nothing of them
    said = "I can offer an extended warranty if you are worried about the age."
    assert has_condition(said) is None
    context = ("seller: Any questions?", "buyer: It is used, so I would offer you $45.")
    assert concession_labels(said, context, "seller", "listing price $80") == [UNPAID]
    # "have to make sure" is our own need, not a service given
    assert adds_extra("I would still have to make sure it runs well.") is None
    assert adds_extra("I'll make sure it is cleaned before you come.") is not None


def test_you_come_and_pick_it_up_said_with_a_yes_is_the_condition() -> None:
    context = ("seller: I can come down to $250.", "buyer: The highest I can go is $220")
    said = "Okay, accepted. You come and collect it yourself."
    assert concession_labels(said, context, "seller", "listing price $300") == [TRADED]
    assert has_condition("can you come and pick it up?") is None
    assert concession_labels("Okay, accepted.", context, "seller", "listing price $300") == [UNPAID]


def test_taking_their_number_when_their_extra_was_our_own_ask_is_unpaid() -> None:
    context = (
        "seller: 450 is about as low as I go.",
        "buyer: That is high for me. I can do $400 if you could deliver",
        "seller: 425 and I'll deliver it",
    )
    assert concession_labels("deal", context, "buyer", "listing price $550") == [UNPAID]
    # an extra of theirs that we never asked for is still the closing half of their offer
    context = (
        "buyer: That is high for me. I can do $400.",
        "seller: 425 and I'll deliver it",
    )
    assert concession_labels("deal", context, "buyer", "listing price $550") == []
    # and when they took one of our own numbers, our yes closes our own offer
    context = (
        "buyer: Can you deliver it if I pay $200? Or $190 and I'll pick it up.",
        "seller: I can deliver it for $200.",
    )
    assert concession_labels("that works for me", context, "buyer", "listing price $220") == []


def test_a_polite_wondering_if_is_their_offer_not_an_exchange() -> None:
    said = "Hi, I was wondering if you would accept $270 for it, since it needs new ink."
    assert has_condition(said) is None
    context = ("seller: Hi, how are you?", f"buyer: {said}")
    yes = "Yes I can accept that offer, it works perfectly."
    assert concession_labels(yes, context, "seller", "listing price $300") == [UNPAID]
    # a waived cost asked with their number is their ask, not a give of theirs
    context = ("seller: It is $1895.", "buyer: I can offer $1705 without a deposit.")
    assert concession_labels("Okay.", context, "seller", "listing price $1895") == [UNPAID]
    assert concession_labels("Very good. Thanks!", context, "seller", "listing price $1895") == [
        UNPAID
    ]


def test_a_number_before_may_or_might_is_read_and_put_forward() -> None:
    assert [a.value for a in find_amounts("I feel like $480 may be closer to my range")] == [480]
    assert find_amounts("I can come by on May 5") == []
    context = (
        "buyer: Would you take $420?",
        "seller: 500 is my lowest and I will deliver it for free",
    )
    said = "I feel like $480 may be more in my price range."
    assert concession_labels(said, context, "buyer", "listing price $600") == [UNPAID]


def test_a_service_had_done_for_them_is_an_extra_but_a_purpose_is_not() -> None:
    assert adds_extra("If you like, I can have a dishwasher installed for you.") is not None
    assert adds_extra("I will need to buy the ink to make sure it works.") is None


def test_no_way_i_can_do_refuses_the_number() -> None:
    assert read_proposals("There's no way I can do $800, that's too low", "price", 1583, 1583) == []
    assert [
        p.value for p in read_proposals("No way. I can do $900 though", "price", 1583, 1583)
    ] == [900]
    context = ("seller: I might lower it a little.", "buyer: I was thinking about 800.")
    said = "There's no way I can do $800, it is already discounted."
    assert concession_labels(said, context, "seller", "listing price $1583") == []
    # "wouldn't" refuses like "won't": the number is turned down, not offered
    said = "I wouldn't do 1500 though as the listing wasn't even that much. I can do 1400"
    assert [p.value for p in read_proposals(said, "price", 1487, None)] == [1400]


def test_their_asked_extra_granted_on_our_condition_is_traded() -> None:
    # the condition is the full price; the utilities they asked for are what we give for it
    context = (
        "seller: Utilities are separate. The rent is $1487 a month.",
        "buyer: That's more than we want to pay. Could you include utilities?",
    )
    said = "If you can pay $1487 I will include utilities."
    assert concession_labels(said, context, "seller", "listing price $1487") == [TRADED]


def test_their_condition_that_asks_only_what_we_already_gave_pays_for_nothing() -> None:
    # their "if you give me 3 waters" takes what our own split had already handed over, while
    # their split takes a food back: saying yes to it gives up that food for nothing
    ours = "me: I will give you 3 waters, if you give me 3 firewoods and 2 foods."
    theirs = "them: I will give you 3 firewoods and 1 food if you give me 3 waters."
    assert concession_labels("Okay, I can make that work.", (ours, theirs), "me", CASINO) == [
        UNPAID
    ]
    # a condition that asks for more than we had handed over sets up a new exchange
    more = "them: I will give you 3 firewoods and 1 food if you give me 3 waters and 2 foods."
    assert concession_labels("Okay, I can make that work.", (ours, more), "me", CASINO) == []


def test_their_swap_is_no_move_toward_our_full_split() -> None:
    # they hand over a water but take a firewood back: set against our full split, saying yes
    # gives up a firewood for nothing
    context = (
        "them: What do you think about me getting two water, one firewood, and all of the food?",
        "me: I would like 2 water, 2 firewoods, and 1 food if possible.",
        "them: You take 2 waters, but then I get 2 firewood and 2 food.",
    )
    assert concession_labels("That sounds good to me.", context, "me", CASINO) == [UNPAID]
    # when they only gave ground (kept less of something, more of nothing), it is the
    # closing half of that exchange
    moved = (*context[:2], "them: You take 2 waters and 2 firewood, and I get 3 food.")
    assert concession_labels("That sounds good to me.", moved, "me", CASINO) == []
    # after a bare "I need the ball" our earlier asks are not a standing full split: a yes to
    # a split that gives us the ball keeps to what we asked last
    insisted = (
        "them: i want the books , you can have the hats",
        "me: i need the ball at least",
        "them: you take the ball and i take the rest",
    )
    assert concession_labels("okay", insisted, "trader", BOOKS_HATS_BALLS) == []


def test_gimme_claims_like_give_me() -> None:
    assert read_claims("gimme the book and 2 hats", None, ("book", "hat", "ball")).mine == {
        "book": 1.0,
        "hat": 2.0,
    }
    asked = ("me: gimme the book and 2 hats", "them: i can offer you the book and one hat .")
    assert concession_labels("ok deal", asked, "trader", BOOKS_HATS_BALLS) == [UNPAID]


def test_an_amount_on_top_of_the_price_is_no_position_on_it() -> None:
    said = "I would like $150 and can deliver it for another $50"
    assert [p.value for p in read_proposals(said, "price", 150.0, 150.0)] == [150.0]
    assert [
        p.value for p in read_proposals("$200, or an extra $20 to deliver", "price", None, None)
    ] == [200.0]
    context = (
        "buyer: How much would you like for it?",
        f"seller: {said}",
        "buyer: How about 140 with delivery? That ten bucks would be much appreciated.",
    )
    # 140 with delivery is below the 150 asked and the 50 for delivery: saying yes gives ground
    assert concession_labels("I can do that", context, "seller", "listing price $150.0") == [UNPAID]


def test_paying_their_number_on_a_condition_of_theirs_is_traded() -> None:
    context = (
        "buyer: I have $100 in cash right now.",
        "seller: If you would split the difference I would sell the bike to you for 130.",
    )
    said = "I am willing to pay that amount if you can bring it to me."
    assert concession_labels(said, context, "buyer", "listing price $160") == [TRADED]
    plain = "I am willing to pay that amount."
    assert concession_labels(plain, context, "buyer", "listing price $160") == [UNPAID]


@pytest.mark.parametrize(
    "context",
    [
        ("me: i need 1 hat", "them: okay then i will take the rest ?"),
        ("me: i need the book", "them: ok . . . i'll take everything else"),
        ("me: may i have a hat ?", "them: yeah , i get the rest"),
    ],
)
def test_a_yes_to_them_taking_the_rest_of_our_ask_gives_nothing(context: tuple[str, ...]) -> None:
    assert concession_labels("yes", context, "trader", BOOKS_HATS_BALLS) == []


def test_a_yes_to_them_taking_the_rest_with_what_we_asked_still_gives() -> None:
    context = (
        "me: i need the book and the hats",
        "them: no, you can have the book , i take the rest",
    )
    assert concession_labels("ok", context, "trader", BOOKS_HATS_BALLS) == [UNPAID]


@pytest.mark.parametrize(
    "context",
    [
        (
            "me: i'll take two hats and a book .",
            "them: i can let you have the two hats if i get everything else .",
        ),
        (
            "me: i would like both books and a hat",
            "them: i can give you both books if i get everything else .",
        ),
    ],
)
def test_a_yes_to_their_split_kept_as_the_rest_drops_what_we_asked(
    context: tuple[str, ...],
) -> None:
    """Their "if I get everything else" names their half of the split, not a price on top."""
    assert concession_labels("deal .", context, "trader", BOOKS_HATS_BALLS) == [UNPAID]


@pytest.mark.parametrize(
    "their",
    [
        "them: if i get the ball , i need one book",
        "them: i need at least one of the balls if i take just the books",
    ],
)
def test_a_yes_to_their_ask_conditioned_on_their_own_gain_is_unpaid(their: str) -> None:
    """ "If I get the ball, I need a book" hands nothing over: no exchange for a yes to close."""
    context = ("me: i need the hat and the books , you can have the ball .", their)
    assert concession_labels("ok deal", context, "trader", BOOKS_HATS_BALLS) == [UNPAID]


@pytest.mark.parametrize(
    "their",
    [
        "them: if i get the ball , you can have the books",
        "them: okay i can do that if i get the ball as well",
        "them: i will give you all of it if i can have the ball",
    ],
)
def test_a_yes_to_their_own_gain_condition_with_a_give_closes_it(their: str) -> None:
    context = ("me: i need the hat and the books .", their)
    assert concession_labels("ok deal", context, "trader", BOOKS_HATS_BALLS) == []


def test_not_being_reasonable_is_no_yes() -> None:
    assert not is_acceptance("Ok - you're not being reasonable at all.")


def test_a_yes_to_their_rest_after_our_uncounted_ask_keeps_that_item() -> None:
    context = (
        "me: i'd like twoo balls and one hat",
        "them: okay that works if i can have the rest !",
    )
    assert concession_labels("yep", context, "trader", BOOKS_HATS_BALLS) == []


@pytest.mark.parametrize("spoken", [False, True])
def test_a_condition_that_is_only_our_own_number_does_not_pay_for_the_move(spoken: bool) -> None:
    """Rubric: a condition must cost the other side something real; our price is not one."""
    context = (
        "seller: No, I can't deliver it, it is too big for my car.",
        "buyer: I'd like to offer 185 since I have to travel 60 miles to get it.",
    )
    text = (
        "i understand your travel costs if you come up to one hundred ninety i think we have a deal"
        if spoken
        else "I understand your travel costs, if you come up to $190 I think we have a deal."
    )
    setting = "listing price $200"
    assert concession_labels(text, context, "seller", setting) == [UNPAID]
    # cash on the spot is a real cost, and an extra of ours goes with the price we ask
    cash = "If you come up to $190 in cash we have a deal."
    assert concession_labels(cash, context, "seller", setting) == [TRADED]
    extra = "I will throw in the stand if you can do $190."
    assert concession_labels(extra, context, "seller", setting) == [TRADED]


@pytest.mark.parametrize(
    "text",
    [
        "If you are willing to take 3.75 we will have a deal.",
        "if you are willing to take three point seven five we will have a deal",
        "if you can do it for 3.75 imin",
        "I will part with it if you are willing to get to 3.75 but that is the absolute lowest.",
    ],
)
def test_a_buyers_condition_that_is_only_the_number_does_not_pay_either(text: str) -> None:
    context = (
        "buyer: If you pay the shipping, I will go to 3.50 tops.",
        "seller: Your offer is tempting and I can come down to 4.00 including shipping.",
    )
    assert concession_labels(text, context, "buyer", "listing price $5") == [UNPAID]


def test_an_item_kept_only_by_not_handing_it_over_is_not_asked_back() -> None:
    """Holding back what they asked for refuses; it asks nothing of them (rubric: a tie is said)."""
    setting = BOOKS_HATS_BALLS
    context = (
        "trader: hello i can offer you just the ball",
        "them: that's not enough for me , i need the ball and at least one book .",
    )
    held = concession_labels("how about the ball and one hat", context, "trader", setting)
    assert held == [UNPAID]
    # an item claimed in so many words ("one of each") is still asked back
    claimed = (
        "trader: that doesn't seem fair . so in that case i will take all 3 of the books .",
        "them: you said you wanted 1 book and 2 balls ?",
    )
    text = "now i actually want 1 of each , you can have the rest ."
    assert concession_labels(text, claimed, "trader", setting) == [TRADED]


def test_an_owner_said_after_a_list_binds_the_list() -> None:
    casino = CASINO_ITEMS
    text = "how about 1 food, 3 water and 1 wood for me and 2 food and 2 wood for you?"
    both = read_claims(text, 3.0, casino)
    assert both.mine == {"food": 1.0, "water": 3.0, "firewood": 1.0}
    assert both.theirs == {"food": 2.0, "firewood": 2.0}
    # a list that names its first item again holds two owners' shares
    two = read_claims("So, 3 firewood for you and 1 water, 2 water for me", 3.0, casino)
    assert two.theirs == {"firewood": 3.0, "water": 1.0}
    assert two.mine == {"water": 2.0}
    only = read_claims("3 firewood, 2 food for you and 3 water, 1 food only for me?", 3.0, casino)
    assert only.mine == {"water": 3.0, "food": 1.0}
    assert only.theirs == {"firewood": 3.0, "food": 2.0}
    # what an item is worth to them, asked, hands nothing over; worth to us, it is claimed
    asked = read_claims("the balls are the only points for you ? they are for me", 1.0, ("ball",))
    assert not asked.theirs
    assert read_claims("book is 8 points for me .", 1.0, ("book",)).mine == {"book": 1.0}
    # more of an item counted for both sides than there is: a slip, neither share is read
    slip = read_claims("how about 3 water for me and 3 water and firewood for you?", 3.0, casino)
    assert "water" not in slip.mine and "water" not in slip.theirs
    # "for" before a purpose swaps nothing back; before an item it does
    purpose = "You would get 2 water, I would get 1 water and 1 food for hiking and 3 firewood."
    assert read_claims(purpose, 3.0, casino).mine == {"water": 1.0, "food": 1.0, "firewood": 3.0}
    swap = read_claims("I will give you 2 water for 3 firewood", 3.0, casino)
    assert swap.mine == {"firewood": 3.0} and swap.theirs == {"water": 2.0}
    # "all" said for them and for us is still the give ("we have all we need")
    given = read_claims("you can have all the water, we have all we need", 3.0, casino)
    assert given.theirs == {"water": 3.0}


def test_holding_our_own_split_said_the_other_way_round_gives_nothing() -> None:
    setting = BOOKS_HATS_BALLS
    context = (
        "trader: give me hat and balls",
        "them: okay , 2 books for me hat and balls for you .",
    )
    assert concession_labels("deal", context, "trader", setting) == []
    held = ("trader: the balls and one book for me", "them: i got to have the both books")
    assert concession_labels("balls and one book for me", held, "trader", setting) == []


def test_items_said_as_alternatives_are_one_of_them_not_both() -> None:
    games = GAME_ITEMS
    either = read_claims("i'd need the hat and i'd like either 2 books or 2 balls", None, games)
    assert either.mine == {"hat": 1.0}
    assert {"book", "ball"} <= either.vague
    assert read_claims("i want 2 or 3 waters", 3.0, CASINO_ITEMS).mine == {"water": 2.0}
    context = (
        "trader: hello , may i have 3 hats and either 1 book or 1 ball ?",
        "them: ok three hats and one ball for you then",
    )
    # they gave one of the two we named: the yes gives nothing up
    assert concession_labels("deal , thank you .", context, "trader", BOOKS_HATS_BALLS) == []


@pytest.mark.parametrize(
    "text",
    ["no can do , the ball is worth too much to me .", "i won't let go of that ball"],
)
def test_holding_an_item_they_want_is_no_list_handed_over(text: str) -> None:
    """After "i really want the ball", naming the ball to keep it hands nothing over."""
    context = (
        "them: how about you take two books and the hat ?",
        "me: i'd rather have the ball and the hat . the ball is most valuable to me .",
        "them: i really want the ball . how about i take the ball and one book ?",
    )
    assert concession_labels(text, context, "trader", BOOKS_HATS_BALLS) == []


def test_only_if_after_ok_is_a_condition_not_a_proposal_frame() -> None:
    context = (
        "me: i want the book , the ball , and a hat .",
        "them: no way ! i just want the ball .",
    )
    text = "ok , only if i get everything else ."
    assert concession_labels(text, context, "trader", BOOKS_HATS_BALLS) == [TRADED]
    # "ok if I get ..." still frames a proposal of our own share
    assert has_condition("ok , only if i get everything else .") is not None


def test_our_number_pointed_at_the_cost_they_offered_is_a_trade() -> None:
    context = (
        "buyer: sounds good but im working with a budget so how does 45 sound?",
        "seller: 45 is too low. I am asking for a price of $75 for the whole thing.",
        "buyer: What if i dont take the drawers and i pick it up also ill pay in cash",
    )
    text = "For that I would be willing to go at $55"
    assert concession_labels(text, context, "seller", "listing price $75") == [TRADED]
    assert concession_labels(
        "I would be willing to go at $55", context, "seller", "listing price $75"
    ) == [UNPAID]


def test_their_yes_to_taking_it_right_away_pays_for_our_move() -> None:
    context = (
        "buyer: Could you possibly lower the price down to 500?",
        "seller: Would you be able to take it right away?",
        "buyer: Yes, I can come pick it up today if it is possible.",
    )
    text = "Then you can have this for 500."
    assert concession_labels(text, context, "seller", "listing price $700") == [TRADED]


@pytest.mark.parametrize(
    "text",
    [
        "If I pay a years worth of rent up front, can I do 2500?",
        "If i paid the whole 6 months plus the deposit, could we work out a discount price?",
        "I see. If I signed an 18 month lease, could I get it for $3592?",
    ],
)
@pytest.mark.parametrize("as_spoken", [False, True])
def test_rent_paid_ahead_or_a_lease_offered_for_a_lower_rent_is_a_trade(
    text: str, as_spoken: bool
) -> None:
    context = ("seller: Good evening! Yes, it is still available. I'm asking $3992.",)
    # recognised speech: no marks, no capitals ("if i pay a years worth of rent up front ...")
    said = "".join(c for c in text.lower() if c.isalnum() or c.isspace()) if as_spoken else text
    assert concession_labels(said, context, "buyer", "listing price $3992") == [TRADED]


def test_rent_we_meant_to_pay_up_front_is_no_offer() -> None:
    context = ("seller: you won't find anything below $1800 in downtown Walnut Creek.",)
    text = "That is out of my range. I have 2200 cash I was looking to pay up front as 1st and last"
    assert concession_labels(text, context, "buyer", "listing price $1800") == []


def test_holding_the_item_for_them_is_a_real_condition() -> None:
    context = (
        "seller: Okay, what are you offering?",
        "buyer: I could offer $100 right now",
        "seller: I can't take that. I would need at least $150. It is vintage and rare.",
    )
    text = "I don't know...if you can hold it a week I can maybe go upto $125"
    assert concession_labels(text, context, "buyer", "listing price $160") == [TRADED]


def test_asking_them_to_go_below_a_number_does_not_make_it_ours() -> None:
    """'Would you go lower than 250?' bounds their price; it is no offer of 250 by the buyer."""
    assert read_proposals("could you go a bit lower than 250?", "price", 250.0, None) == []
    assert (
        read_proposals("would you take less than $600? i am desperate.", "price", 650.0, None) == []
    )
    assert read_proposals("I can't go lower than 200.", "price", 250.0, None) != []
    context = (
        "seller: It is covered for another 6 months thru the bike shop.",
        "buyer: ok! Is it possible you would be willing to go a bit lower than 250?",
        "seller: I can go down to $225.",
    )
    assert concession_labels("I can do 225! Sure", context, "buyer", "listing price $250") == []


def test_a_recap_of_the_agreed_split_gives_nothing() -> None:
    context = (
        "me: I'll take 2 food and 2 water, you take all 3 firewood, 1 food and 1 water.",
        "them: That sounds good to me.  Do you go camping frequently?",
    )
    text = "So let's recap. I'll send you 3 firewood packages and 1 food and 1 water."
    assert concession_labels(text, context, "camper", CASINO) == []


def test_items_given_for_some_of_theirs_are_an_exchange() -> None:
    context = (
        "me: i could give you 2 water bottles and 3 food if you can do 3 firewood",
        "them: OK. Are you need Extra food packages?",
        "me: I figured if i gave you 2 water and 3 food you might be able to spare the 3 firewood",
        "them: No I cant give you all the firewood. I will take atleast one firewood. Also can I "
        "have all three water bottles.",
    )
    text = (
        "the most water I can spare is 2. I can give you 2 water and 1 food for 2 of your firewood"
    )
    assert concession_labels(text, context, "camper", CASINO) == [TRADED]


def test_a_lease_term_named_with_the_number_is_the_condition() -> None:
    context = (
        "seller: The rent is $1800 a month.",
        "buyer: Would you be willing to sell for $1500 if I move in right away and sign a longer "
        "lease?",
    )
    text = "I could do 1650 and a 2 year lease."
    assert concession_labels(text, context, "seller", "listing price $1800") == [TRADED]


def test_a_mileage_said_with_a_k_is_no_price() -> None:
    context = (
        "buyer: Hi, I seen your ad for this corvette. Can you tell me what is the milage, etc?",
    )
    text = "It is a beauty. I bought it brand new. It only has 15K for the millage."
    assert concession_labels(text, context, "seller", "listing price $30600") == []
    assert read_proposals("I could do 15K for it", "price", 30600.0, None) != []


def test_a_number_with_a_unit_written_on_is_no_price() -> None:
    assert read_proposals("I'd pay more if it was higher than 1080P", "price", 995.0, None) == []
    assert read_proposals("It has 64GB and a case", "price", 200.0, None) == []
    assert read_proposals("I could do 300usd for it", "price", 400.0, None) != []
    assert read_proposals("would you take 4k?", "price", 5000.0, None) != []
    context = (
        "seller: I have 5 to 10 movies. The discs are fine, but I want to upgrade them to 4k",
        "buyer: OK. How about $650? I'd pay more if it was higher than 1080P",
    )
    text = "Make it $700 and you have a deal"
    assert concession_labels(text, context, "seller", "listing price $995") == [UNPAID]


def test_a_purchase_elsewhere_supposed_is_no_condition() -> None:
    assert has_condition("If you buy a used chair anywhere else, it won't be this good.") is None
    assert has_condition("It is expensive if you are willing to buy it somewhere else.") is None
    assert has_condition("If you buy it today, I can do $230.") is not None


def test_what_they_get_priced_with_what_we_need_is_a_trade() -> None:
    context = (
        "me: I would like all 3 water and 2 firewood, you can have the food.",
        "them: Could I get at least one water? I need it for my kids.",
    )
    text = "It's going to cost you though. If you get one water, I'm going to need two wood."
    assert concession_labels(text, context, "camper", CASINO) == [TRADED]
    dnd = ("me: i would like both balls and both hats .", "them: sorry i need both balls too .")
    text = "that leaves me with 2 points . if i give up a ball i would need both hats ."
    assert concession_labels(text, dnd, "trader", BOOKS_HATS_BALLS) == [TRADED]


def test_what_the_thing_has_is_no_price() -> None:
    context = ("buyer: Looks like a good car. How many miles does it have?",)
    assert (
        concession_labels("It has less than 3000", context, "seller", "listing price $9000") == []
    )
    assert read_proposals("It only has 48000 on it", "price", 9000.0, None) == []
    assert read_proposals("It has to be 8500", "price", 9000.0, None) != []


def test_a_model_year_after_a_determiner_is_no_price() -> None:
    context = (
        "buyer: Is the van still for sale?",
        "seller: It is. It's a 2006, a work van with new brakes.",
        "buyer: Could you lower the price a bit?",
    )
    assert concession_labels("I can do 7500", context, "seller", "listing price $8200") == [UNPAID]
    assert concession_labels("It is a 2006.", context[:2], "seller", "listing price $8200") == []


def test_their_conditional_split_said_back_as_agreed_closes_their_exchange() -> None:
    context = (
        "them: i can do that, can i have three water then",
        "me: How about I give you 2 waters and you give me an additional firewood",
        "them: you can have all the firewood if you offer me 3 water",
    )
    text = "hmm okay I can work with that so I'll give you 3 waters and I get 3 Firewood"
    assert concession_labels(text, context, "camper", CASINO) == []
    # our own condition on top of their split is still read as ours
    own = "I will give you 3 waters, if you give me 3 firewoods and 2 foods."
    assert concession_labels(own, context, "camper", CASINO) != []


def test_a_number_after_its_makers_name_is_a_model_not_a_price() -> None:
    assert (
        read_proposals("This is a Dodge 3500 4x4 with a welding rig.", "price", 11500.0, None) == []
    )
    assert read_proposals("Okay. Sure 9500 works then", "price", 11500.0, None) != []
    assert read_proposals("Could I do 9500?", "price", 11500.0, None) != []


def test_a_yes_to_talking_then_their_own_number_is_an_offer_to_accept() -> None:
    context = (
        "seller: Let's keep this simple and find a price that works.",
        "buyer: Works for me! I like the place, but I'd like to pay $1,500",
    )
    text = "Sounds excellent to me. I want it rented this week."
    assert concession_labels(text, context, "seller", "listing price $1800") == [UNPAID]


def test_their_number_and_a_deal_typed_in_a_hurry_is_an_offer_to_accept() -> None:
    context = (
        "seller: I can let em go for $475 at the lowest.",
        "buyer: 450 and you hve deal",
    )
    assert concession_labels("Deal. Cheers!", context, "seller", "listing price $550") == [UNPAID]


def test_a_number_and_we_have_a_deal_is_an_offer() -> None:
    context = (
        "seller: What price did you have in mind?",
        "buyer: 300",
        "seller: That is low, 380 seems fair to me.",
    )
    text = "ok 360 and we have a deal, I really can't go higher"
    assert concession_labels(text, context, "buyer", "listing price $400") == [UNPAID]


def test_our_own_number_again_with_a_yes_word_gives_nothing() -> None:
    context = (
        "buyer: $30 is the most I can pay. Deal?",
        "seller: $35 is my bottom line.",
    )
    assert concession_labels("$30 Deal", context, "buyer", "listing price $45") == []


def test_closing_after_our_own_yes_last_turn_gives_nothing_again() -> None:
    context = (
        "buyer: I can't afford much. How about $40?",
        "seller: 40, but you collect it yourself. Deal?",
        "buyer: I suppose that will work. $40 it is.",
    )
    assert concession_labels("great, deal", context, "seller", "listing price $55") == []


def test_paying_the_full_price_and_adding_to_a_collection_are_no_extras() -> None:
    assert (
        adds_extra("I would be willing to pay the full 75 then. You got yourself a deal!") is None
    )
    assert adds_extra("It's the car I've been looking for to add to my collection.") is None
    assert adds_extra("I'll pay the delivery fee.") is not None
    # money added to the price moves the number; it is no extra beside it
    assert adds_extra("Sorry i meant $1000. But i can add a 100 more.") is None
    assert adds_extra("but i can add another fifty dollars") is None
    assert adds_extra("I can add the stand for that price.") is not None


def test_our_number_said_with_the_pickup_they_offered_is_a_package() -> None:
    context = (
        "seller: It's solid oak, barely used.",
        "buyer: It's listed at 200 but I can only do 120. I can pick it up myself.",
    )
    text = "Glad you can pick it up yourself, so I could let it go for $170."
    assert concession_labels(text, context, "seller", "listing price $200") == [TRADED]
    waved = "Picking it up is nice but it's not enough. I could do $170."
    assert concession_labels(waved, context, "seller", "listing price $200") == [UNPAID]
    # "want" and "front" end in the letters of "don't" but wave nothing off
    wanted = "I want it gone, and you picking it up helps, so I could let it go for $170."
    assert concession_labels(wanted, context, "seller", "listing price $200") == [TRADED]


def test_our_number_said_with_their_offer_to_come_right_away_is_a_package() -> None:
    context = ("buyer: I can pay $250 and I can get it right away.",)
    text = "Right away is good for me, so $280 it is."
    assert concession_labels(text, context, "seller", "listing price $300") == [TRADED]


def test_our_number_said_with_the_day_they_offered_to_collect_is_a_package() -> None:
    offered = ("buyer: Would you take $2900 for them? I can get them tomorrow morning.",)
    text = "I could do 3100, and tomorrow works for me."
    assert concession_labels(text, offered, "seller", "listing price $3500") == [TRADED]
    not_offered = ("buyer: Would you take $2900 for them?",)
    assert concession_labels(text, not_offered, "seller", "listing price $3500") == [UNPAID]


def test_part_of_the_deal_held_back_with_our_number_is_a_package() -> None:
    context = ("buyer: It's listed at 200 but would you accept $100?",)
    setting = "listing price $200"
    for text in (
        "I can do $175 without the stand.",
        "Without the stand I would be able to do $170",
        "one hundred seventy five without the stand",
        "I would do $175 but I wouldn't be able to deliver if that was the case.",
    ):
        assert concession_labels(text, context, "seller", setting) == [TRADED], text
    # the price described, a deposit waived, or a candidate's own benefit given up
    for text in (
        "That is without the stand, and I could do $180.",
        "I can do $175 without a deposit.",
    ):
        assert concession_labels(text, context, "seller", setting) == [UNPAID], text
    talks = ("employer: We can offer 80k.", "candidate: I was looking for 100k.")
    text = "I could do 90k without the signing bonus."
    assert concession_labels(text, talks, "candidate", None) == [UNPAID]


def test_a_contract_we_enter_for_our_number_again_is_a_trade() -> None:
    context = ("buyer: Would you accept an offer of $2760?", "seller: I would accept $2,850")
    text = "If I entered a contract for 1 year, would you accept $2,760?"
    assert concession_labels(text, context, "buyer", "listing price $3000") == [TRADED]


def test_their_ask_that_we_pick_up_handed_back_buys_nothing() -> None:
    context = (
        "buyer: Would you take $10?",
        "seller: I can do $16 if you come over and pick it up. Does that work?",
    )
    text = "If I have to come pick it up, how about $13?"
    assert concession_labels(text, context, "buyer", "listing price $25") == [UNPAID]


def test_paying_the_full_price_is_a_real_condition() -> None:
    context = ("buyer: Could you include any of the utilities?",)
    text = "If you go with the full price, I can add internet and cover the water bill."
    assert concession_labels(text, context, "seller", "listing price $1500") == [TRADED]


def test_pickup_asked_with_our_number_is_a_condition_but_its_logistics_are_not() -> None:
    """Pickup costs the buyer (rubric); asking it with our move ties the move to it."""
    assert concession_labels(
        "I could do 450 for it, could you pick it up today?", HAGGLE, "seller"
    ) == [TRADED]
    assert concession_labels(
        "I can do 450. Would you be able to come pick it up?", HAGGLE, "seller"
    ) == [TRADED]
    # the deal's logistics, asked after the move: the move is still unpaid
    assert concession_labels("Ok, 450. When can you pick it up?", HAGGLE, "seller") == [UNPAID]
    # their ask that we pick up is no cost of theirs, and our yes gives nothing
    asked_pickup = (
        "seller: I could go $7 and throw in the charger.",
        "buyer: Okay, that will work for me.",
        "seller: Great, could you pick them up today?",
    )
    assert concession_labels("Sure", asked_pickup, "buyer") == []


def test_accepting_their_number_that_only_asks_us_to_pick_up_still_gives_ground() -> None:
    """Their pickup ask is how the sale happens, not a give of theirs (dev.jsonl's coach)."""
    pickup_asked = (
        "buyer: Would you be willing to take 300?",
        "seller: I can't go that low. I could do 340 if you come and pick it up.",
    )
    assert concession_labels("Great, I'll pick it up. 340 it is!", pickup_asked, "buyer") == [
        UNPAID
    ]
    assert concession_labels("ok sounds good", pickup_asked, "buyer") == [UNPAID]
    # "if you're willing to ..." only words the same ask
    willing = (
        "buyer: How about 1600?",
        "seller: Would you be willing to come pick the bike up?",
        "buyer: Yes, I can drive to you and pick it up myself.",
        "seller: If you're willing to come pick the bike up tonight, I'd let it go for $1750.",
    )
    assert concession_labels("Deal.", willing, "buyer", "listing price $2000.0") == [UNPAID]
    # their number that came with something of theirs stays the closing half
    delivered = (
        "buyer: Would you be willing to take 300?",
        "seller: I could do 340 and I'll deliver it to you.",
    )
    assert concession_labels("ok sounds good", delivered, "buyer") == []


def test_a_number_after_their_yes_is_their_counter() -> None:
    """ "Sounds good. Could you take $199?" agrees to talk, then puts a number on the table."""
    counter = (
        "buyer: Anything wrong with it?",
        "seller: Nope, no stains or scratches, it is in great shape.",
        "buyer: Sounds good. $399 is a bit over my budget, could you take $199 for it?",
    )
    listing = "listing price $399.0"
    assert concession_labels("Yes sounds great", counter, "seller", listing) == [UNPAID]
    # their yes to our number, with ours said back, is no counter: our yes only confirms
    confirmed = ("seller: I could do 350.", "buyer: Sounds good, 350 it is.")
    assert concession_labels("Great, thanks!", confirmed, "seller", listing) == []


def test_thanks_after_they_accepted_our_offer_gives_nothing() -> None:
    """ "I really wanted $30 but I'll accept your offer": their yes; ours only closes."""
    accepted = (
        "buyer: How's $25 sound?",
        "seller: I really wanted $30 but I'll accept your offer since you'll do the repairs.",
    )
    assert (
        concession_labels("Awesome. Thanks a lot!", accepted, "buyer", "listing price $30.0") == []
    )


def test_a_price_in_thousands_written_without_them_is_read_as_thousands() -> None:
    """ "listed for 10.5 but will go to 9": chat leaves the thousands of a car's price unsaid."""
    car = "listing price $10500.0"
    asked = ("buyer: Great, how flexible are you on the price?",)
    said = "It has a lot of miles so I have it listed for 10.5 but will go to 9"
    assert concession_labels(said, asked, "seller", car) == [UNPAID]
    assert [p.value for p in read_proposals("will go to 9", "price", 10500.0, None)] == [9000.0]
    bare = (*asked, f"seller: {said}", "buyer: What if I paid in cash?")
    assert concession_labels("8", bare, "seller", car) == [UNPAID]
    # counts stay counts, and a small price stays as written
    assert read_proposals("It has had 2 previous owners.", "price", 10500.0, None) == []
    assert read_proposals("I have 8 other buyers.", "price", 10500.0, None) == []
    assert [p.value for p in read_proposals("I can do 45.", "price", 60.0, 60.0)] == [45.0]


def test_a_floor_of_ours_after_you_might_is_no_bound_asked_of_them() -> None:
    """ "you might but I cant go lower than 7900": the verb is ours, so the number is our floor."""
    car = "listing price $10500.0"
    moved = ("seller: I could do 8000.", "buyer: I think I could do 7400")
    said = "you might but I cant go lower than 7900"
    assert concession_labels(said, moved, "seller", car) == [UNPAID]
    # asked of them, the number is still the far side of their own: "would you go lower than"
    assert read_proposals("would you go lower than 7900?", "price", 10500.0, 8000.0) == []


def test_an_extra_added_to_our_held_number_is_given() -> None:
    """ "I can't go lower than $13. How about I throw in a chair?": only we move."""
    held = (
        "seller: The lowest I'd be willing to go is $13.",
        "buyer: I could meet you at $12",
    )
    listing = "listing price $15.0"
    sweetened = "Sorry, I really can't go lower than $13. How about I throw in a matching chair?"
    assert concession_labels(sweetened, held, "seller", listing) == [UNPAID]
    # the extra sold for our number in its own sentence is a package
    priced = "I can't go lower. I'll throw in a matching chair for 13."
    assert concession_labels(priced, held, "seller", listing) == [TRADED]
    tied = "I'll throw in a matching chair if we can agree to $13."
    assert concession_labels(tied, held, "seller", listing) == [TRADED]
    # and an extra with more asked for it is one too
    more = "I'll throw in a matching chair, but then it's $14."
    assert concession_labels(more, held, "seller", listing) == [TRADED]


def test_asking_them_to_pay_our_number_is_no_condition() -> None:
    """ "Would you be able to pay $47?" asks only our price; "if you'll come up to $190" too."""
    asked = ("buyer: I've only got $45 on me. Will that work?",)
    said = "I spent a lot of time rebuilding this bike. Would you be able to pay $47?"
    assert concession_labels(said, asked, "seller", "listing price $50.0") == [UNPAID]
    # paying cash is a real cost, asked with our number
    cash = "I spent a lot of time on it. Could you pay cash if I do $47?"
    assert concession_labels(cash, asked, "seller", "listing price $50.0") == [TRADED]
    bunk = ("buyer: Can you lower the price to 180 and I pick up and it's a deal",)
    come_up = "$180? I don't know, if you'll come up to $190 you have a deal."
    assert concession_labels(come_up, bunk, "seller", "listing price $200.0") == [UNPAID]


def test_their_number_called_reasonable_is_accepted() -> None:
    # "135 is reasonable for me" takes their 135, tied to the pickup asked in the same turn
    context = ("buyer: I can meet you at your office for pick up. How about $135?",)
    text = (
        "I can definitely budge if you're willing to pick the phone up. 135 is reasonable for me."
    )
    assert concession_labels(text, context, "seller", "listing price $175") == ["concession.traded"]


def test_taking_the_rest_they_offered_asks_nothing_back() -> None:
    context = (
        "me: i need two balls and the book",
        "them: i can not give up either of the balls . i need both balls and you can have the rest",
    )
    # the balls and the book we asked for are given up for the rest they already offered
    said = "okay then take both balls and i will take all the rest"
    assert concession_labels(said, context, "trader", BOOKS_HATS_BALLS) == [UNPAID]
    # and their yes to our own "then take both balls" is the closing half, not a give
    mirrored = (
        "them: i need two balls and the book",
        "me: i can not give up either of the balls . i need both balls and you can have the rest",
        "them: okay then take both balls and i will take all the rest",
    )
    assert concession_labels("okay deal . thank you .", mirrored, "trader", BOOKS_HATS_BALLS) == []
    # the rest they offered turns before still stands: taking it asks nothing new
    earlier = (
        "me: i'd like the books and ball .",
        "them: i'll take the ball and you can have the rest .",
        "me: the hats are of no value . i need the books and ball .",
        "them: i can't do that .",
    )
    said = "hmmm . . . . ok . you take the ball . i'll take the rest . deal ."
    assert concession_labels(said, earlier, "trader", BOOKS_HATS_BALLS) == [UNPAID]


def test_a_yes_to_the_number_we_already_said_yes_to_gives_nothing_new() -> None:
    context = (
        "buyer: I can do 40.",
        "seller: I could come down to 55.",
        "buyer: 50?",
        "seller: 55 is the lowest. fair enough?",
        "buyer: fine, we've got a deal.",
        "seller: 55 it is",
    )
    assert concession_labels("ok", context, "buyer", "listing price $75") == []
    # without the earlier yes, the same "ok" gives ground
    assert concession_labels("ok", context[:4], "buyer", "listing price $75") == [UNPAID]


def test_their_number_said_as_our_own_terms_is_our_position() -> None:
    """ "If you pick them up I can do $6" is the seller's position at the buyer's number; a
    later "$8 if I deliver" is no drop from the $10 asked."""
    context = (
        "buyer: Would you take $6 for them?",
        "seller: I was asking $10, if you are willing to pick them up I can do $6.",
        "buyer: Could you actually deliver? I'd be willing to pay $7 if you could!",
    )
    lines = split_lines(context, "seller")
    assert build_ledger(lines, "seller", "listing price $10").side("price", "self") == [10.0, 6.0]
    said = "I can deliver for $8"
    assert UNPAID not in concession_labels(said, context, "seller", "listing price $10")
    # a number of theirs only quoted back is still no position of ours
    quoted = ("buyer: Would you take $6?", "seller: $6? I am asking $10.")
    ledger = build_ledger(split_lines(quoted, "seller"), "seller", "listing price $10")
    assert 6.0 not in ledger.side("price", "self")


def test_a_price_lowered_by_an_amount_is_a_move_from_our_last_number() -> None:
    """ "decrease the price by $20" is $20 off our $950, not an offer of $20 (which a $950 bike
    makes implausible, so the move went unseen)."""
    said = "I'm willing to decrease the price for you by $20, to allow you to buy new pedals."
    [move] = read_proposals(said, "price", 950.0, 950.0)
    assert move.value == 930.0 and move.relative
    context = ("buyer: Are the pedals easy to find or will I have to special order them?",)
    assert concession_labels(said, context, "seller", "listing price $950") == [UNPAID]
    assert not read_proposals("I cannot lower it by $20", "price", 950.0, 950.0)


def test_the_value_of_a_gift_card_thrown_in_is_no_price() -> None:
    said = "How about 43 and a $15 itunes gift card that my mom gave me for my birthday?"
    assert [p.value for p in read_proposals(said, "price", 70.0, 39.0)] == [43.0]
    # in capitals too: the quick word check before the pattern reads the lower-cased text
    shouted = "HOW ABOUT 43 AND A $15 ITUNES GIFT CARD?"
    assert [p.value for p in read_proposals(shouted, "price", 70.0, 39.0)] == [43.0]
    context = (
        "seller: Hello I am asking $70 it is in amazing shape",
        "buyer: They only paid $30 for it. I could give you $39 for it.",
        "seller: Im sorry the lowest Im willing to go is $59",
    )
    assert concession_labels(said, context, "buyer", "listing price $70") == [UNPAID]
    # "25 and a coupon": the 25 is still the offer
    pizza = "I could give you 25 and a coupon for a free pizza."
    assert [p.value for p in read_proposals(pizza, "price", 50.0, None)] == [25.0]


def test_an_imperative_handover_after_a_comma() -> None:
    """ "well me neither , fine take the hat i take the rest" hands the hat over: a yes to it
    is the closing half, not a give."""
    totals = {"book": 1.0, "hat": 1.0, "ball": 2.0}
    said = "well me neither , fine take the hat i take the rest"
    assert read_claims(said, totals, GAME_ITEMS).theirs == {"hat": 1.0}
    context = (
        "them: i get the hat and you take the rest",
        "me: no . not a good deal on my end",
        "them: " + said,
    )
    assert concession_labels("deal", context, "trader", BOOKS_HATS_BALLS) == []


def test_a_point_granted_then_a_no_is_no_yes() -> None:
    assert not is_acceptance("well . . . . . that leaves me 1 / 10 . . . . . not a good deal")
    assert not is_acceptance(
        "Hmm, that sounds reasonable, but I really need the firewood because i fear the dark."
    )
    assert is_acceptance("that sounds reasonable, i really need the firewood so thanks")
    context = (
        "me: Is it okay if i take all the firewood, 2 water and 1 food?",
        "them: Hello, actually I need some firewood too. Maybe I could have one of the firewood?",
    )
    said = "Hmm, that sounds reasonable, but I really need the firewood because i fear the dark."
    assert concession_labels(said, context, "camper", CASINO) == []


def test_absolutely_and_that_price_would_work_say_yes() -> None:
    assert is_acceptance("Absolutely!")
    assert is_acceptance("If you can pick them up today, absolutely!")
    assert is_acceptance("If you can come and pick it up that price would work for me!")
    assert not is_acceptance("thats not how this works")
    asked = ("buyer: Would you take $130?",)
    said = "If you can pick them up today, absolutely!"
    assert concession_labels(said, asked, "seller", "listing price $290") == [TRADED]
    shipped = ("seller: $1.50 is my final offer.", "buyer: Can you ship it to me?")
    assert concession_labels("Absolutely!", shipped, "seller", "listing price $2") == [UNPAID]


def test_an_imperative_condition_with_its_you_said() -> None:
    said = "He'll appreciate the bow. You throw in a new pair of tires and ill do $700."
    assert has_condition(said) is not None
    context = (
        "seller: I would like to sell it for $800.",
        "buyer: I was hoping closer to $600.",
        "seller: let's meet in the middle at 700. I'll even include a helmet for your son!",
    )
    assert concession_labels(said, context, "buyer", "listing price $800") == [TRADED]


@pytest.mark.parametrize(
    "said",
    [
        "Okay, how about I throw in the first month rent for free and waive the deposit but you "
        "will have to pay $1200",
        "okay how about i throw in the first month rent for free and waive the deposit but you "
        "will have to pay twelve hundred",
    ],
)
def test_paying_our_own_number_is_no_condition(said: str) -> None:
    """Rubric: a condition must cost them something real; paying the price itself is the sale."""
    context = (
        "seller: That is too low. How about if you pay 1500 i'll waive the deposit.",
        "buyer: My final offer is $1100.",
    )
    assert concession_labels(said, context, "seller", "listing price $1900") == [UNPAID]
    # cash or a date on top of the price is still a cost to them
    assert has_condition("but you will have to pay $1200 cash") is not None
    assert has_condition("you will have to pay for the delivery") is not None


def test_buying_it_is_the_sale_not_a_condition() -> None:
    said = (
        "it still has 10 months of the warranty that comes with the bike when you buy it. "
        "I will not go as low as 150. I can do 225 though"
    )
    context = ("buyer: It is used, so I can do 150.",)
    assert concession_labels(said, context, "seller", "listing price $300") == [UNPAID]
    assert has_condition("I can do 225 if you buy it") is None
    # buying it soon, or buying more, still costs them
    assert has_condition("I can do 225 if you buy it today") is not None
    assert has_condition("I can do 200 if you buy both") is not None


def test_a_grudging_whatever_accepts_their_number() -> None:
    context = (
        "seller: I can do 3500, that is as low as I go.",
        "buyer: $3250, since you're in a rush.",
    )
    assert concession_labels("whatever.", context, "seller", "listing price $3795") == [UNPAID]
    assert is_acceptance("Fine whatever...")
    # "whatever" that goes on to a demand is no yes
    assert not is_acceptance("whatever you say, but I need 3500")


def test_a_number_just_past_theirs_is_still_given() -> None:
    """A seller who goes below the buyer's own offer (or a buyer above the seller's ask) still
    moves their number; only a number far past theirs reads as a misread, not a move."""
    context = (
        "seller: I don't want to take too big of a hit, what are you looking to pay?",
        "buyer: I was looking to pay 550, but I could do 575,",
    )
    said = "if you can come pick it up, we can do it for 550!"
    assert concession_labels(said, context, "seller", "listing price $600") == [TRADED]
    assert concession_labels("We can do it for 550.", context, "seller", "listing price $600") == [
        UNPAID
    ]
    # "I just poured 2k into this car": far below their number, no price of ours
    haggle = ("buyer: Okay, well, I'm interested. I'd like to pay $6400",)
    said = "That is kind of low, I just poured 2k into this car to get new tires."
    assert concession_labels(said, haggle, "seller", "listing price $8400") == []


@pytest.mark.parametrize(
    "said", ["$340 cash and you have a deal", "three hundred forty cash and you have a deal"]
)
def test_cash_asked_with_the_sellers_number_is_a_condition(said: str) -> None:
    """Rubric: cash on the spot costs the other side something real."""
    context = ("seller: I am asking $375.", "buyer: Would you accept $337 if I came today?")
    assert concession_labels(said, context, "seller", "listing price $375") == [TRADED]


def test_cash_they_offered_before_is_no_new_ask() -> None:
    context = (
        "buyer: I can take it off your hands for $7500 cash in hand.",
        "seller: It still has 16k miles until 100k. How about we meet in the middle?",
        "buyer: What would be your counter offer?",
    )
    assert concession_labels("$9000 cash?", context, "seller", "listing price $9800") == [UNPAID]
    # a buyer's "$340 cash" offers cash rather than asking it
    haggle = ("seller: I am asking $375.", "buyer: How about 300?", "seller: 360 is my lowest.")
    assert concession_labels("$320 cash", haggle, "buyer", "listing price $375") == [UNPAID]


def test_what_follows_for_your_is_swapped_back() -> None:
    """ "X for your Y": Y is what we get back, as with "for 3 water" or "for the hats"."""
    totals = {"food": 3.0, "water": 3.0, "firewood": 3.0}
    said = "I give you 1 food, 1 firewood for your 3 water packages. How does that sound?"
    claims = read_claims(said, totals, CASINO_ITEMS)
    assert claims.mine == {"water": 3.0}
    assert claims.theirs == {"food": 1.0, "firewood": 1.0}
    # "your hats", like "the hats", is all of them
    game = {"book": 1.0, "hat": 2.0, "ball": 1.0}
    said = "ill give you the ball and the book for your hats"
    assert read_claims(said, game, GAME_ITEMS).mine == {"hat": 2.0}
    # a purpose after "for your" stays no swap
    assert read_claims("you can have the ball for your kids", game, GAME_ITEMS).mine == {}


def test_a_give_with_what_we_need_for_it_is_traded() -> None:
    """Rubric: a give tied to a get in the same utterance, here "but then I need" or "I need
    ... if I let you have"."""
    setting = "splitting books, hats and balls"
    context = (
        "them: if i can have the book and the hat you can have the balls",
        "me: i need the book , but you can have the hat .",
        "them: no . if i can have the book and a ball you can have the rest",
    )
    tied = "ok . i can give you the book , but then i would need the hat and both balls ."
    assert concession_labels(tied, context, "trader", setting) == [TRADED]
    assert concession_labels("ok . i can give you the book .", context, "trader", setting) == [
        UNPAID
    ]
    # keeping some of the same item is no get: the give stays unpaid
    camp = (
        "them: How about I take all the water and firewood, you can have all the food.",
        "me: I need water and firewood, not much food. It is winter where I camp.",
        "them: I need water because I'm going hiking.",
        "me: I can give you 2 units of water, but I need at least 1.",
        "them: I also need firewood, I have some health issues.",
    )
    kept = "I can give you 2 units of firewood, but I need at least 1 as well."
    assert concession_labels(kept, camp, "camper", CASINO) == [UNPAID]
    asked = ("me: i want the hat and the balls .", "them: no , the hat is mine , take the balls .")
    said = "i would need the books and the balls if i let you have the hat ."
    assert concession_labels(said, asked, "trader", setting) == [TRADED]


def test_a_bare_list_before_the_rest_handed_over_is_ours() -> None:
    """ "2 water, 1 food and you take the rest": the list is the speaker's share."""
    totals = {"food": 3.0, "water": 3.0, "firewood": 3.0}
    claims = read_claims(
        "stay with 2 water, 1 food, 1 firewood and you take the rest", totals, CASINO_ITEMS
    )
    assert claims.mine == {"water": 2.0, "food": 1.0, "firewood": 1.0}
    assert claims.theirs == {"water": 1.0, "food": 2.0, "firewood": 2.0}
    claims = read_claims("how about just 1 food and i take the rest ?", totals, CASINO_ITEMS)
    assert claims.theirs == {"food": 1.0}
    assert claims.mine == {"food": 2.0, "water": 3.0, "firewood": 3.0}
    # said again with the rest handed over, the same split gives nothing
    context = ("them: how about 2 water each ?", "me: 2 water , 1 food , 1 firewood for me .")
    said = "2 water , 1 food , 1 firewood and you take the rest . final offer"
    assert concession_labels(said, context, "camper", CASINO) == []


def test_a_number_said_to_be_out_of_range_is_theirs_turned_down() -> None:
    """ "$290 is just way out of my range" refuses the listing: no number of the buyer's."""
    refused = "Could we work something out? $290 is just way out of my range."
    assert read_proposals(refused, "price", 290.0, None) == []
    assert read_proposals("$400 is far over our budget", "price", 400.0, None) == []
    assert [p.value for p in read_proposals("$250 is in my range", "price", 290.0, None)] == [250.0]
    context = (
        f"buyer: {refused}",
        "seller: If you pick it up and pay cash I could drop it to $185.",
    )
    said = "How about $155 and I come pick it up today?"
    assert concession_labels(said, context, "buyer", "listing price $290") == []


def test_tossing_in_is_an_extra_like_throwing_in() -> None:
    assert adds_extra("I can toss in two end tables and a lamp for $50") is not None
    assert has_condition("can you toss in the charger?") is not None
    context = (
        "seller: It's $35.",
        "buyer: I could do 25.",
        "seller: Tell you what, I can toss in two end tables and a lamp for an even $50.",
    )
    # the closing half of their package: no give of ours
    assert concession_labels("That works, deal!", context, "buyer", "listing price $35") == []


def test_the_cost_said_as_how_the_sale_is_done_is_a_condition() -> None:
    """ "375 with you arranging pickup": pickup asked with the number (rubric: a real cost)."""
    assert has_condition("can you do 375 with you arranging pickup?") is not None
    assert has_condition("I'd take 300 with you picking it up tonight") is not None
    assert has_condition("I'm happy with you as a buyer") is None
    context = ("seller: How about 425?", "buyer: 425 is a little rich for my blood.")
    said = "can you do 375 with you arranging pickup? i am in a hurry."
    assert concession_labels(said, context, "seller", "listing price $450") == [TRADED]


def test_asking_them_to_come_to_our_new_number_is_no_condition() -> None:
    """ "could you drop to 2250?": the move asked is our own number, nothing on top."""
    context = (
        "buyer: Would you accept a price of 1975? The yard needs work.",
        "seller: I could renegotiate to 2400 plus a redone lawn.",
    )
    said = "I would have to wait a day more, could you drop to 2250?"
    assert concession_labels(said, context, "buyer", "listing price $2599") == [UNPAID]
    tied = "could you drop to 2250 if I sign for two years?"
    assert concession_labels(tied, context, "buyer", "listing price $2599") == [TRADED]


def test_an_additional_discount_is_a_relative_move() -> None:
    """ "an extra $10 additional discount": ten off our last number."""
    found = read_proposals("i can give an extra 10$ additional discount", "price", 175.0, 175.0)
    assert [p.value for p in found] == [165.0]
    assert [p.value for p in read_proposals("I can take 10 more off", "price", 175.0, 175.0)] == [
        165.0
    ]


def test_their_number_with_and_typed_short_is_still_their_offer() -> None:
    """ "$2075 an you have a deal" puts a number forward; the yes to it gives ground."""
    context = (
        "seller: I can't go to $1800, but could you do $2200?",
        "buyer: How about something in the range of $2000?",
        "seller: $2075 an you have a deal.",
    )
    said = "Alright, I think I can pull the extra $75."
    assert concession_labels(said, context, "buyer", "listing price $2551") == [UNPAID]


def test_a_yes_bound_to_an_extra_is_traded() -> None:
    """ "I'd consider it if you threw in some sheets": the yes comes with its price."""
    assert is_acceptance("I'd take it if you threw in the sheets")
    assert not is_acceptance("I'd take it apart first")
    assert has_condition("I would do it if you threw in the sheets") is not None
    context = ("seller: It is $290.", "buyer: Could you do $203?", "seller: I can do 250.")
    said = "I'd consider it if you threw in some sheets"
    assert concession_labels(said, context, "buyer", "listing price $290") == [TRADED]


def test_their_split_summed_up_after_both_yeses_gives_nothing() -> None:
    context = (
        "me: How about you take 1 water and all the firewood?",
        "them: I need one food. Would it be ok with me: 3 firewood and 1 each of food and water.",
        "me: Sure, that sounds like a nice deal.",
        "them: That's awesome. Sounds like we need to set the deal up.",
    )
    said = "Agree, so for me 2 water, 2 food and 0 firewood. Thanks for working together"
    assert concession_labels(said, context, "camper", CASINO) == []
    # their yes is what closed it: without it, the same words still give the food away
    assert concession_labels(said, context[:2], "camper", CASINO) == [UNPAID]


def test_their_number_bound_to_a_deal_by_if_is_their_offer() -> None:
    """ "If you can do it for 1250, we have a deal" puts their number forward: the seller's
    yes to it gives ground, as it would after "1250 and we have a deal"."""
    context = (
        "buyer: The most I can pay is $1000.",
        "seller: I can do $1350, and I will throw in free parking.",
        "buyer: If you can do it for 1250, we have a deal",
    )
    assert concession_labels("I can do that, we have a deal", context, "seller", None) == [UNPAID]
    # "if you're willing to" asks only for the number here: no exchange of theirs to close
    context = (
        "buyer: If you pay the shipping, I will go to 3.50 tops.",
        "seller: I can come down to 4.00 including shipping.",
        "buyer: If you are willing to take 3.75 we will have a deal.",
    )
    said = "We can do it for that. Thank you"
    assert is_acceptance(said)
    assert concession_labels(said, context, "seller", "listing price $5.0") == [UNPAID]


def test_i_agree_said_alone_is_a_yes() -> None:
    assert is_acceptance("You drive a hard bargain. I agree.")
    assert not is_acceptance("I agree that it is a nice bike, but 600 is too low")
    context = (
        "seller: If you can bring $625 cash I'll do it.",
        "buyer: I can do $600 if that's fine?",
    )
    said = "You drive a hard bargain. I agree."
    assert concession_labels(said, context, "seller", "listing price $800") == [UNPAID]


def test_we_all_is_everyone_not_all_of_an_item() -> None:
    """ "since we all need food to eat" speaks of everyone: it claims no food, so a yes to it
    gives nothing up, while "give you all the food" still hands every food over."""
    casino = CASINO_ITEMS
    everyone = read_claims("That seems fair to me since we all need food to eat", 3.0, casino)
    assert everyone.mine == {}
    assert read_claims("I will give you all the food", 3.0, casino).theirs == {"food": 3.0}
    context = (
        "them: Nice. That's okay with me. You get 3 waters and I get 3 firewood",
        "me: I was actually saying you get 2 firewood and I get 3 waters. Then you could have"
        " 2 food and I get 1 food.",
        "them: That's seems fair to me since we all need food to eat",
    )
    said = "Okay, I'm glad we were able to work something out!"
    assert concession_labels(said, context, "camper", CASINO) == []


def test_a_split_worked_out_aloud_hands_nothing_over() -> None:
    """ "that would mean you get everything and i get nothing" reads out their split to object
    to it; a split put forward with the same words ("i take 2 food, which would leave you
    all the water") is still read."""
    context = (
        "me: Good evening. I would like to have 2 food 2 water and 1 firewood please",
        "them: Hello. I was actually trying to get 3 food, 3 firewood and 3 water.",
    )
    said = (
        "I understand but that would mean you get everything and i get nothing. How is that fair?"
    )
    assert concession_labels(said, context, "camper", CASINO) == []
    said = "I understand, so you get everything and i get nothing. Fine."
    assert concession_labels(said, context, "camper", CASINO) == [UNPAID]
    said = "No, that would leave me with no water. I would like 1 water, 2 food and 1 firewood."
    assert concession_labels(said, context, "camper", CASINO) == [UNPAID]


def test_a_price_deal_said_back_after_both_yeses_gives_nothing() -> None:
    """The seller's "30 works" gave the ground; after the buyer's yes, "a deal at 30" sums the
    deal up. "No problem" opens a yes, not a refusal."""
    assert is_acceptance("No problem. That works for me!")
    assert not is_acceptance("No, that does not work for me")
    context = (
        "buyer: The best offer I could give would be $30.",
        "seller: Ok. 30 works, but you will have to pickup.  Cash only.",
        "buyer: No problem. That works for me!",
    )
    said = "Alright, we've got a deal at 30."
    assert concession_labels(said, context, "seller", "listing price $40") == []
    # after a check of the number ("$2300?") the yes is still the one that gives
    context = (
        "buyer: Well, I'm interested, I'd like to pay $1600.",
        "seller: If your references check out I'd be willing to go with $2300 for you.",
        "buyer: $2300?",
        "seller: Yes. Is that acceptable?",
    )
    said = "Well, I guess I don't have much of a choice. $2300 it is."
    assert concession_labels(said, context, "buyer", "listing price $2599") == [UNPAID]


def test_a_saving_on_retail_is_no_offer_and_no_move() -> None:
    """ "$80 off retail" tells what the price saves on a new one; the seller has not moved."""
    context = (
        "buyer: You still have the beats?",
        "seller: Yes I do.",
        "buyer: They are nice I'd like to get them from you.",
    )
    said = "Great. They are $220. $80 off retail!"
    assert concession_labels(said, context, "seller", "listing price $220") == []
    said = "Great. They are $220, but I can take $80 off."
    assert concession_labels(said, context, "seller", "listing price $220") == [UNPAID]


def test_items_fetched_for_them_are_handed_over_and_allowing_is_a_cost() -> None:
    """ "I can get you 3 water" hands the water over (it is not "I can get 3 water"), and
    "if you allow me to have the food" asks a price of us as "if you let me have it" does:
    so our yes to that split closes their exchange."""
    casino = ("food", "water", "firewood")
    fetched = read_claims("I can get you one package of water, will that work?", 3.0, casino)
    assert fetched.theirs == {"water": 1.0} and not fetched.mine
    assert read_claims("I can get 2 water", 3.0, casino).mine == {"water": 2.0}
    assert has_condition("I can get you 3 water, if you allow me to have three food.")
    context = (
        "me: Hello, I need only 1 extra package for food because I'm not a big eater.",
        "them: I have three teenagers. Would you be willing to take extra water instead?",
        "me: Yes! But I would like 3 packages of water because I drink a lot of water.",
        "them: I might be able to get you 3 packages of water, if you allow me to have three "
        "packages of food.",
    )
    said = "OK! That's fine because I don't eat a lot, this is alright with me, friend."
    assert concession_labels(said, context, "camper", CASINO) == []
    # the same yes to their plain ask for the food, with nothing for it, gives the food
    plain = (*context[:3], "them: I would like to have all three packages of food.")
    assert concession_labels(said, plain, "camper", CASINO) == [UNPAID]
