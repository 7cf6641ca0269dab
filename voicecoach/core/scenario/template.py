"""The commented starting point printed by `voicecoach scenarios new`.

Kept in the core (not the CLI) so a test can check that it validates: a
template that does not load would teach the wrong format.
"""

from __future__ import annotations

TEMPLATE = """\
# A voicecoach scenario. Save as scenarios/<id>.toml (or in the folder named by
# VOICECOACH_SCENARIOS_DIR), then run: voicecoach scenarios validate <file>
# The full format, with every key explained: docs/scenarios.md

id = "my-scenario"                 # lower case, digits and -; usually the file name
title = "Asking a landlord to lower the rent"
trainee_role = "tenant"            # how the feedback panel names the trainee
counterpart_role = "landlord"      # ... and the counterpart
silence_prompt_seconds = 8         # the counterpart prompts after this much silence
max_turns = 14                     # trainee turns before the counterpart calls it off

# What the trainee reads before speaking.
[brief]
situation = "Your lease ends next month; the landlord wants to raise the rent to $1,650."
role = "You are the tenant; you like the flat and have paid on time for two years."
goal = "Renew at the lowest rent you can."
target = "$1,500"
walk_away = "$1,600: above that you move."
alternative = "A similar flat two streets away at $1,580."
time_budget_minutes = 8

# Who the counterpart is and how it sounds (espeak-ng voice id, words per minute).
[persona]
name = "Mrs Patel"
voice = "gmw/en-gb-x-rp"
rate_wpm = 160
temperament = "Polite, careful with money, dislikes hassle."

# Hidden from the trainee: what good questions uncover.
[counterpart]
pressures = ["Finding a new tenant costs her a month of rent and agency fees."]
alternative_words = ["two streets away", "other flat"]

[[counterpart.interests]]
id = "reliability"
ask_words = ["important", "matters", "worry", "why"]
trade_words = ["longer lease", "two year", "two years", "eighteen months"]
worth = 2.0                        # a trade on this interest moves her twice as far
reveal = ["What I want most is a tenant who stays. Every change costs me a month."]

# The terms: numbers (with who prefers which direction) or yes/no extras.
[[terms]]
id = "rent"
label = "monthly rent"
kind = "number"
unit = "currency"
words = ["rent", "month", "dollars"]
counterpart_prefers = "high"       # the landlord wants it high
counterpart_target = 1650          # her opening number
counterpart_limit = 1520           # she never goes below this
trainee_target = 1500
trainee_walk_away = 1600
step = 40                          # her first concession; it shrinks near her limit
round_to = 5
minimum = 500                      # numbers outside this range are not about rent
maximum = 5000

[[terms]]
id = "repaint"
label = "a fresh coat of paint"
kind = "extra"
words = ["paint", "repaint", "painting"]

# Lines used in every state unless a state has its own. Several variants each;
# placeholders: {rent} (her number), {offer.rent} (the trainee's), {name}, {extra}.
[lines]
probe = ["What would you like to discuss?", "Tell me what you have in mind."]
hold = ["I think {rent} is fair for this flat.", "I'd rather stay at {rent}."]
heat = ["Let's keep this friendly. I'm staying at {rent} for now."]
nibble = ["Thank you. And you'd cover the cleaning at the end, of course? I'm at {rent}."]
reciprocate = ["If you can do that, I can do {rent}.", "That helps. {rent}, then."]
counter = ["I could come down a little: {rent}."]
accept = ["Alright, {rent} it is."]
prompt = ["Are you still there?", "Take your time."]

[states.opening]
lines.open = ["Thanks for coming by. As I wrote, the new rent would be {rent}."]

[[states.opening.transitions]]
on = ["any"]
to = "talking"

[states.talking]

[states.deal]
outcome = "deal"
lines.final = ["I'll send the new lease tonight."]

[states.walked_away]
outcome = "walk_away"
lines.final = ["I'm sorry to see you go."]

[states.impasse]
outcome = "impasse"
lines.final = ["Let's both think about it and talk next week."]

# Endings, from every state: the engine raises deal, left and stalled.
[[transitions]]
from = "*"
on = ["deal"]
to = "deal"

[[transitions]]
from = "*"
on = ["left"]
to = "walked_away"

[[transitions]]
from = "*"
on = ["stalled"]
to = "impasse"
"""
