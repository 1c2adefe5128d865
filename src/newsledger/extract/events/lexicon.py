"""Words that make events: PLOVER trigger lemmas, object and particle types, actor and place words.

Plain sets and small pure functions over strings, so the rules can be read
and tested without the model.
"""

from __future__ import annotations

from ..attribution.lexicon import NOT_CONTENT_NOUNS, SPEECH_VERBS


def _by_type(words: dict[str, str]) -> dict[str, str]:
    return {lemma: event_type for event_type, lemmas in words.items() for lemma in lemmas.split()}


# Lemmas per PLOVER type, after the CAMEO categories each type merges.
VERB_TRIGGERS: dict[str, str] = _by_type({
    "AGREE": "agree offer promise pledge accept consent",
    "CONSULT": "meet visit consult negotiate confer telephone phone mediate discuss",
    "SUPPORT": "support endorse praise back commend hail welcome applaud defend recognize recognise sign "
               "ratify apologize apologise forgive",
    "COOPERATE": "cooperate collaborate extradite",
    "AID": "aid assist help donate contribute arm",
    "CONCEDE": "concede yield relent pardon accede",
    "RETREAT": "retreat withdraw evacuate release free surrender resign demobilize demobilise disarm",
    "INVESTIGATE": "investigate inspect search probe interrogate",
    "DEMAND": "demand urge insist order",
    "DISAPPROVE": "accuse condemn criticize criticise denounce blame decry deplore complain sue indict "
                  "allege rebuke reprimand",
    "REJECT": "reject refuse veto decline dismiss rebuff renege defy",
    "THREATEN": "threaten warn",
    "PROTEST": "protest demonstrate rally boycott riot march picket",
    "MOBILIZE": "station deploy mobilize mobilise",
    "SANCTION": "sanction embargo suspend sever",
    "COERCE": "raid arrest detain expel deport seize confiscate ban outlaw demolish evict quell enter storm "
              "imprison jail censor occupy besiege blockade destroy sentence convict",
    "ASSAULT": "attack assault bomb assassinate shoot murder massacre ambush torture stab behead kill wound "
               "injure kidnap abduct hijack beat rape execute lynch",
    "FIGHT": "clash fight battle shell bombard invade strafe",
})
NOUN_TRIGGERS: dict[str, str] = _by_type({
    "AGREE": "agreement pledge",
    "CONSULT": "meeting talk visit summit negotiation consultation mediation",
    "COOPERATE": "cooperation",
    "AID": "aid assistance asylum",
    "CONCEDE": "ceasefire truce amnesty concession",
    "RETREAT": "withdrawal retreat evacuation release resignation surrender",
    "INVESTIGATE": "investigation inspection search probe inquiry hearing",
    "DEMAND": "demand",
    "DISAPPROVE": "accusation condemnation criticism complaint lawsuit",
    "REJECT": "rejection refusal veto",
    "THREATEN": "warning ultimatum",  # not "threat": "poses a threat" describes, it threatens no one
    "PROTEST": "protest demonstration rally boycott riot march strike sit-in",
    "MOBILIZE": "deployment mobilization mobilisation",
    "SANCTION": "sanction embargo",
    "COERCE": "raid arrest detention expulsion deportation seizure crackdown siege curfew blockade "
              "occupation ban",
    "ASSAULT": "attack assault bombing shooting killing massacre assassination ambush kidnapping abduction",
    "FIGHT": "clash fighting battle shelling invasion offensive airstrike",
})
# Verbs typed by their object's lemma (checked before VERB_TRIGGERS).
_RESTRICTIONS = "curfew ban restriction sanction embargo blockade siege emergency measure law control boycott"
_TIES = "tie relation"
_AID_THINGS = "aid assistance asylum arm weapon food medicine supply loan grant credit money fund funding relief equipment"
_ROUTES = "road bridge street highway railway route border entrance access traffic roadway port crossing"
_MISSIONS = "diplomat ambassador envoy peacekeeper observer inspector mission staff agency"
OBJECT_TYPES: dict[str, list[tuple[frozenset[str], str]]] = {}
for _verbs, _objects, _type in (
    ("lift ease relax end", _RESTRICTIONS, "CONCEDE"),
    ("impose declare", "curfew ban restriction blockade emergency law censorship", "COERCE"),
    ("impose", "sanction embargo", "SANCTION"),
    ("establish restore resume upgrade normalize normalise improve strengthen", _TIES, "SUPPORT"),
    ("break sever cut downgrade freeze suspend", _TIES, "SANCTION"),
    ("share exchange", "intelligence information evidence data", "COOPERATE"),
    ("provide give send deliver supply ship hand grant extend", _AID_THINGS, "AID"),
    ("block blockade", _ROUTES, "PROTEST"),
    ("expel withdraw recall", _MISSIONS, "SANCTION"),
    ("deny", " ".join(NOT_CONTENT_NOUNS) + " admission admittance allocation", "REJECT"),
    ("host", "meeting talk summit conference visit delegation leader minister president", "CONSULT"),
):
    for _verb in _verbs.split():
        OBJECT_TYPES.setdefault(_verb, []).append((frozenset(_objects.split()), _type))
# Verbs that only carry the event noun they govern ("held talks", "issued a warning").
LIGHT_VERBS = frozenset(
    "issue stage hold launch mount open conduct carry begin start make reach wage lodge file take undertake "
    "lead organize organise declare".split()  # not "announce": "announced the seizure" reports a seizure
)
# Verbs with a particle: "cracked down", "pulled out".
_PARTICLE_TYPES = {("crack", "down"): "COERCE", ("pull", "out"): "RETREAT", ("pull", "back"): "RETREAT",
                   ("break", "off"): "SANCTION", ("call", "off"): "SANCTION"}
# Verbs that only report what someone said: never events ("said", "told").
REPORTING_VERBS = SPEECH_VERBS - VERB_TRIGGERS.keys()
# Cooperation that, announced for later, is an intent (AGREE).
_COOPERATIVE = {"AID", "COOPERATE", "CONSULT", "SUPPORT", "RETREAT", "CONCEDE"}
_INTENT_WORDS = {"willing", "ready", "prepared", "plan", "intend", "decide", "expect", "eager", "determined"}
_FUTURE_AUX = {"will", "shall", "would", "'ll"}
# Triggers that are events only when a security force does them.
_FORCE_ONLY = {"enter", "storm"}
_FORCE_WORDS = {
    "police", "force", "troop", "soldier", "army", "military", "security", "officer", "agent",
    "policeman", "gendarme", "commando", "militia", "guard",
}
# Doers whose violence is armed combat (PLOVER's FIGHT), not an assault.
_MILITARY_WORDS = {"army", "troop", "soldier", "military", "navy", "warplane", "jet", "artillery", "tank",
                   "marine", "helicopter", "gunship", "force"}
# Head nouns of phrases that name actors (people and organized groups).
_PEOPLE_NOUNS = set((
    "official leader minister president premier government member people person civilian refugee rebel "
    "militant insurgent guerrilla guerilla fighter protester demonstrator worker student activist party "
    "group organization organisation authority administration council court parliament delegation "
    "diplomat ambassador envoy spokesman spokeswoman spokesperson prisoner hostage detainee suspect "
    "citizen resident villager journalist reporter doctor opposition regime country nation family child "
    "woman man victim employee union company faction movement coalition alliance committee agency "
    "ministry commission cabinet senate congress legislature tribe community farmer landowner settler "
    "peacekeeper observer inspector mediator negotiator king queen prince emir chief commander general "
    "cleric bishop pope mayor governor lawmaker legislator senator judge prosecutor nationalist separatist "
    "partner ally neighbor neighbour candidate voter"
).split()) | _FORCE_WORDS
_PERSONAL_PRONOUNS = {"it", "they", "he", "she", "we", "them", "him", "her", "us"}
_POSSESSIVE_PRONOUNS = {"its", "their", "his", "her", "our", "my", "your"}
_RELATIONAL_PREPS = {"to", "with", "against", "on", "toward", "towards", "between"}
_NOUN_PATIENT_PREPS = {"of", "on", "against", "with", "between"}
# Casualty verbs are events of their own only with someone doing them;
# "two were killed" is a figure, attached to the event around it.
_CASUALTY_VERBS = {"kill", "wound", "injure"}
# Types whose events are violent incidents with a day of their own (a shooting, a raid, a clash).
VIOLENT_TYPES = frozenset({"ASSAULT", "FIGHT", "COERCE"})
# Types that report one violent incident in different words: aligned together, one main event's kin.
FORCE_FAMILY = VIOLENT_TYPES | {"MOBILIZE"}


def family(event_type: str) -> str:
    """``force`` for the types of ``FORCE_FAMILY``, else the type itself."""
    return "force" if event_type in FORCE_FAMILY else event_type
_PLACE_PREPS = {"in", "at", "near", "inside", "outside", "around", "across", "throughout"}
_PLACE_NOUNS = {
    "camp", "district", "city", "town", "village", "capital", "province", "region", "area", "border",
    "base", "prison", "compound", "entrance", "street", "square", "neighborhood", "neighbourhood",
    "north", "south", "east", "west", "northwest", "northeast", "southwest", "southeast", "suburb",
    "headquarters", "building", "airport", "port", "territory", "country", "state", "county",
}
_CASUALTY_LINK_PREPS = {"during", "in", "amid", "after", "following"}
_RELATIVE_PRONOUNS = {"which", "who", "that", "whom"}
_DEFINITE = {"the", "this", "that", "these", "those"}
