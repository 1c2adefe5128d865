"""The groups of spaCy entity labels newsledger reads, each named once.

A stage that asks "is this a name?", "can this act?" or "is this a place?"
of a token or mention takes its set from here, so two stages never answer
the same question with two lists.
"""

from __future__ import annotations

# Proper names (not numbers, dates, money or quantities).
NAME_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT", "LAW", "WORK_OF_ART"})
# Who can act, speak of, or be acted on in a report: people, organisations, peoples and nationalities ("the
# Kurds"), and states named by their place ("Iran said"). An event's agents and patients, 5W1H's who, the
# subject a loaded word needs, the owner of a counted figure, the PLOVER baseline's actors.
ACTOR_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# A name that makes the phrase holding it name an actor of its own, for labels (extract/framing.py): "the
# Hamas leader" holds one; "the Iraqi prime minister" holds only a nationality and is a description.
OWN_NAME_TYPES = frozenset({"PERSON", "ORG", "FAC"})
# Places: countries, cities and states; other locations; buildings, airports, roads.
PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
# Points and stretches of time as the tagger labels them (not durations it reads as numbers).
TIME_TYPES = frozenset({"DATE", "TIME"})
