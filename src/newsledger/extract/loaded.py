"""Loaded language: the words an article chooses to colour what it tells.

A labels stage (framing.py) finds what an outlet *calls* an actor. Most word
choice that slants a report is elsewhere: in the verb ("Obama *slammed* the
plan", "Republicans *caved*"), the adverb ("*brazenly*"), the adjective ("a
*radical* agenda") or the noun ("the *scheme*"). This stage marks them from
lexicons written for newsledger (below, each with why its words are there),
matched on spaCy's lemma and part of speech so that inflections match, plus
three cues that need no lexicon:

* ``scare_quotes``: a few words set in quotation marks inside the outlet's
  sentence ("a “cover-up”", the "religious freedom" bill);
* ``distancing``: "so-called", "self-styled" and kin;
* an adverb made from a loaded adjective ("brazen" → "brazenly").

Each term carries its word class, its category, the entity it is about when
syntax names one (the object of an attack verb, the subject of a loaded verb
of saying or doing, the noun a loaded adjective modifies, the owner of a
loaded noun) and its voice, found exactly as a label's is.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..entity_types import ACTOR_TYPES, NAME_TYPES
from ..records import LoadedTerm, Mention
from . import ArticleContext, Stage
from .attribution.quotes import QuoteSpan
from .framing import mention_heads, speech_statements, voice_at

__all__ = ["STAGE", "VERSION", "extract_loaded_terms", "CATEGORIES", "ATTACK_VERBS", "SPEECH_VERBS", "ACTION_VERBS",
           "EVALUATIVE_ADJECTIVES", "INTENSIFIERS", "HEDGES", "LOADED_NOUNS", "IDIOMS", "DISTANCING"]

VERSION = "loaded.v1"

# Verbs of verbal attack: they cast a statement as an assault. Their target is the object
# ("slammed *the plan*", "railed against *Congress*").
ATTACK_VERBS = frozenset({
    "slam", "blast", "lambaste", "lambast", "excoriate", "berate", "chide", "scold", "rebuke", "castigate", "assail",
    "savage", "skewer", "pillory", "deride", "ridicule", "mock", "taunt", "lampoon", "denounce", "decry", "bash",
    "trash", "hammer", "pummel", "thrash", "needle", "snipe", "smear", "vilify", "demonize", "demonise",
    "demagogue", "disparage", "belittle", "slander", "upbraid", "rail", "blister", "eviscerate", "maul", "rip",
    "browbeat", "harangue", "badger", "heckle", "jeer", "scorn", "spurn", "rebuff", "shun", "snub", "lash",
})
# Verbs of saying that tell how, or with what motive, something was said, where "said" would
# not: complaint, boast, insistence, concession, menace. Their target is the speaker.
SPEECH_VERBS = frozenset({
    "complain", "grumble", "gripe", "whine", "moan", "bemoan", "lament", "bristle", "fume", "seethe", "rant",
    "rage", "howl", "scream", "shout", "yell", "snap", "sneer", "scoff", "snort", "quip", "boast", "brag", "crow",
    "gloat", "tout", "trumpet", "hail", "laud", "praise", "applaud", "extol", "insist", "allege", "concede",
    "confess", "vow", "threaten", "plead", "beg", "implore", "harp", "grouse", "carp",
    "pontificate", "lecture", "preach", "proclaim", "profess", "bark", "thunder", "cheer", "gush",
    "rave", "fret", "wail", "cry", "balk", "pounce", "bluster",
})
# Verbs that tell an act as weakness, scheming, force or ruin, where a plain verb would tell
# the same act neutrally ("caved" for "agreed", "rammed through" for "passed").
ACTION_VERBS = frozenset({
    "cave", "capitulate", "backpedal", "flip-flop", "waffle", "dodge", "duck", "evade", "sidestep", "stonewall",
    "scramble", "flail", "stumble", "bungle", "botch", "fumble", "blunder", "meddle", "dangle", "flirt", "cling",
    "grab", "hijack", "usurp", "ram", "bulldoze", "strong-arm", "bully", "muzzle", "gag", "stifle", "placate",
    "appease", "pander", "coddle", "kowtow", "grovel", "devolve", "budge", "derail", "sabotage", "torpedo",
    "scuttle", "gut", "slash", "squeeze", "stoke", "inflame", "exploit", "orchestrate", "concoct", "fabricate",
    "airbrush", "whitewash", "lurch", "spiral", "crumble", "topple", "oust", "purge", "crush", "trample",
    "shred", "wreck", "cripple", "undermine", "squander", "skyrocket",
    "plummet", "balloon", "peddle", "spew", "foist", "cajole", "coerce", "intimidate", "bribe", "dupe",
    "hoodwink", "swindle", "rig", "gloss", "obstruct", "bicker", "squabble", "feud",
    "tussle", "wrangle", "spar", "clash", "scrap", "ditch", "renege", "wolf", "hobble",
    "torch", "doom", "imperil", "jeopardize", "jeopardise", "flout", "defy", "circumvent", "muddy", "shy",
    "chip", "peel", "seize",
})
# Particles that must follow a lemma for it to be loaded, and those that turn it neutral.
PHRASAL = {"lash": {"out"}, "shy": {"away"}, "chip": {"away"}, "peel": {"off"}, "wolf": {"down"},
           "gloss": {"over"}, "seize": {"on", "upon"}, "rail": {"against", "at"}, "cry": {"foul"}, "muddy": {"water"}}
LITERAL_PARTICLES = {"slam": {"into", "shut"}, "hammer": {"out"}, "rip": {"off", "up"}, "snap": {"up"},
                     "plead": {"guilty", "innocent", "contest", "fifth"}}
# Lemmas that are loaded only as a verb with a person or group as subject: "the bill
# was scrapped" and "troops crushed the revolt" stay neutral (no person named as subject).
NEEDS_ACTOR = frozenset({"scrap", "crush", "ditch", "torch", "shred", "wreck", "gut", "slash", "clash", "topple",
                         "oust", "purge", "spar", "doom", "cry", "snap", "rage", "scream", "shout", "yell"})

# Adjectives that judge rather than describe. A plain description ("new", "military",
# "Iraqi") is left out on purpose: only words a neutral report would avoid or attribute.
EVALUATIVE_ADJECTIVES = frozenset({
    # extremity and danger
    "radical", "extreme", "extremist", "fringe", "reckless", "irresponsible", "dangerous", "disastrous",
    "catastrophic", "devastating", "dire", "grim", "bleak", "dismal", "abysmal", "draconian", "heavy-handed",
    "punitive", "sweeping", "drastic", "unprecedented", "toxic", "explosive", "incendiary", "inflammatory",
    "provocative", "divisive", "polarizing", "polarising", "combative", "belligerent", "bellicose", "hawkish",
    "militant", "aggressive", "hardline", "hard-line", "ultraconservative", "far-right", "far-left", "rabid",
    "fanatical", "zealous", "restive", "rogue", "internecine",
    # moral condemnation
    "disgraceful", "shameful", "outrageous", "appalling", "atrocious", "horrific", "horrendous", "egregious",
    "inexcusable", "unconscionable", "indefensible", "despicable", "vile", "nasty", "ugly", "vicious", "ferocious",
    "fierce", "brutal", "savage", "callous", "cruel", "heartless", "ruthless", "cynical", "hypocritical",
    "dishonest", "deceptive", "misleading", "phony", "phoney", "bogus", "sham", "fraudulent", "corrupt", "crooked",
    "shady", "sleazy", "complicit", "negligent", "culpable", "evasive", "secretive", "misogynistic", "racist",
    "bigoted", "sexist", "xenophobic", "homophobic", "hateful", "un-american", "unpatriotic", "elitist",
    "greedy", "venal", "scandalous", "notorious", "infamous", "discredited", "disgraced", "embattled",
    "beleaguered", "scandal-plagued", "gaffe-prone", "troubled", "failed", "failing",
    # competence and reason
    "shoddy", "sloppy", "incompetent", "inept", "clueless", "feckless", "hapless", "bumbling", "spineless",
    "pathetic", "ridiculous", "absurd", "ludicrous", "preposterous", "laughable", "silly", "foolish", "stupid",
    "idiotic", "crazy", "insane", "unhinged", "deranged", "paranoid", "hysterical", "dubious", "flimsy", "bizarre",
    "chaotic", "bloated", "wasteful", "exorbitant", "lavish", "unaffordable", "unreliable", "unrepresentative",
    "obscure",
    # manner and temper
    "shrill", "strident", "bombastic", "pompous", "arrogant", "smug", "condescending", "dismissive", "disdainful",
    "contemptuous", "haughty", "snobbish", "petty", "vindictive", "spiteful", "testy", "prickly", "frosty",
    "icy", "acrimonious", "heated", "bitter", "furious", "irate", "defiant", "unapologetic", "unabashed",
    "adamant", "brazen", "blatant", "flagrant", "shameless", "stubborn", "intransigent", "obstinate", "scathing",
    "withering", "blistering", "stinging", "caustic", "sarcastic", "snide", "mocking", "fiery", "impassioned",
    "stiff", "nonchalant", "overzealous", "over-the-top", "fulsome", "sheer",
    # size and shock
    "massive", "huge", "enormous", "staggering", "astonishing", "astounding", "stunning", "shocking",
    "startling", "alarming", "jaw-dropping", "whopping", "monumental", "colossal",
    # praise
    "powerful", "prestigious", "wonderful", "brilliant", "heroic", "courageous", "visionary", "landmark",
    "remarkable", "extraordinary", "stellar", "triumphant", "resounding", "legendary", "iconic", "charismatic",
    "savvy", "shrewd", "deft", "masterful", "bold", "historic", "staunch", "steadfast", "tireless", "vocal",
    "outspoken", "fearless", "beloved", "revered", "celebrated", "acclaimed", "groundbreaking",
})
# Degree and certainty adverbs that press a claim on the reader.
INTENSIFIERS = frozenset({
    "extremely", "utterly", "wildly", "deeply", "hugely", "vastly", "incredibly", "remarkably", "strikingly",
    "stunningly", "enormously", "immensely", "tremendously", "overwhelmingly", "staggeringly", "dramatically",
    "drastically", "sharply", "severely", "totally", "absolutely", "truly", "clearly", "obviously", "plainly",
    "undeniably", "unquestionably", "simply", "merely", "hardly", "barely", "soundly", "roundly", "handily",
    "decisively", "badly", "sorely", "desperately", "famously", "notoriously", "infamously", "vigorously",
    "forcefully", "aggressively", "relentlessly", "openly", "flatly", "bluntly", "loudly", "stiffly", "coldly",
    "icily", "pointedly", "unilaterally", "erroneously", "falsely", "wrongly", "mistakenly", "conveniently",
    "tellingly", "ironically", "curiously", "oddly", "facetiously", "pityingly", "sarcastically", "angrily",
    "bitterly", "furiously", "fiercely", "harshly", "sternly", "hastily", "abruptly", "frantically",
})
# Words beside (next, or the head) which an intensifier says nothing loaded ("openly gay", "serve openly").
PLAIN_BESIDE = {"openly": {"gay", "lesbian", "bisexual", "transgender", "serve"}}
# Adverbs and adjectives that cast doubt on what they qualify.
HEDGES = frozenset({"supposedly", "ostensibly", "purportedly", "seemingly", "apparently", "technically",
                    "dubiously", "questionably"})
# Words that hold a name or claim at arm's length.
DISTANCING = frozenset({"so-called", "self-styled", "self-proclaimed", "self-described", "self-titled",
                        "would-be", "supposed", "purported", "ostensible"})
# Nouns that judge what they name: a plan called a "scheme", criticism called a "tirade".
LOADED_NOUNS = frozenset({
    "scheme", "ploy", "stunt", "gimmick", "charade", "sham", "farce", "fiasco", "debacle", "catastrophe", "mess",
    "chaos", "meltdown", "firestorm", "uproar", "outcry", "outrage", "furor", "furore", "frenzy", "hysteria",
    "maelstrom", "onslaught", "barrage", "tirade", "rant", "diatribe", "screed", "broadside", "harangue",
    "crusade", "vendetta", "payback", "retribution", "revenge", "scandal", "gaffe", "blunder", "flip-flop",
    "cronies", "crony", "cronyism", "minion", "henchman", "stooge", "lackey", "puppet", "regime", "propaganda",
    "smear", "hoax", "falsehood", "lie", "conspiracy", "cover-up", "boondoggle", "handout", "giveaway",
    "shenanigans", "antics", "hijinks", "demagogue", "demagoguery", "zealot", "firebrand", "thug", "hack",
    "tyrant", "despot", "strongman", "hypocrite", "hypocrisy", "jackass", "fearmongering", "scaremongering",
    "bluster", "grandstanding", "posturing", "pandering", "stonewalling", "obstructionism", "obstructionist",
    "intransigence", "brinkmanship", "gridlock", "disarray", "turmoil", "bloodbath", "rout", "drubbing",
    "shellacking", "thrashing", "upset", "failure", "disgrace", "travesty", "atrocity", "witch-hunt", "darling",
    "maverick", "salvo", "jab", "swipe", "potshot", "snub", "rebuke", "chorus",
    "tug", "cabal", "clique", "novice",
})
# Fixed phrases, as lemma sequences; any determiner may stand where "a" does.
IDIOMS = (
    ("under", "the", "bus"), ("witch", "hunt"), ("power", "grab"), ("slap", "in", "the", "face"),
    ("cross", "hair"), ("crosshair",), ("tug", "of", "war"), ("light", "of", "day"), ("line", "in", "the", "sand"),
    ("red", "meat"), ("pull", "no", "punch"), ("political", "football"), ("smoke", "and", "mirror"),
    ("double", "down"), ("take", "a", "shot"), ("take", "aim"), ("tear", "into"), ("lay", "into"),
    ("pile", "on"), ("back", "down"), ("cave", "in"), ("muddy", "the", "water"), ("rising", "star"),
    ("do", "-", "nothing"), ("far", "cry"), ("over", "the", "line"), ("stoke", "fear"), ("stoke", "anxiety"),
    ("cry", "foul"), ("make", "noise"), ("tough", "talk"), ("war", "on"), ("bite", "the", "bullet"),
    ("lose", "ground"), ("shoot", "down"), ("bat", "down"), ("beat", "up"), ("ram", "through"),
)
_ARTICLES = {"a", "an", "the", "its", "his", "her", "their"}
# Idioms by their first word (as lemma or as written): each token is checked against a few, not all.
_IDIOMS_BY_FIRST_WORD: dict[str, tuple[tuple[str, ...], ...]] = {}
for _idiom in IDIOMS:
    _IDIOMS_BY_FIRST_WORD[_idiom[0]] = (*_IDIOMS_BY_FIRST_WORD.get(_idiom[0], ()), _idiom)

CATEGORIES = {
    "attack_verb": "a statement told as an attack (slammed, railed against)",
    "speech_verb": "a verb of saying that tells how or why (complained, boasted, vowed)",
    "action_verb": "an act told as weakness, scheming, force or ruin (caved, rammed through)",
    "evaluative": "an adjective, or an adverb made from one, that judges (radical, disastrous, brazenly)",
    "intensifier": "a degree or certainty adverb that presses a claim (utterly, clearly)",
    "hedge": "a word that casts doubt on what it qualifies (supposedly, apparently)",
    "distancing": "a word that holds a name at arm's length (so-called, self-styled)",
    "loaded_noun": "a noun that judges what it names (scheme, stunt, regime)",
    "idiom": "a fixed loaded phrase (power grab, under the bus)",
    "scare_quotes": "a few words set in quotation marks inside the outlet's sentence",
}
SCARE_QUOTE_WORDS = 4  # at most this many words inside the marks; more is a quotation, not a scare quote
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_ATTACK_PREPS = {"at", "against", "on", "over", "into"}


def extract_loaded_terms(ctx: ArticleContext) -> None:
    doc = ctx.doc
    speech = speech_statements(ctx.statements)
    by_token = _mentions_by_token(doc, ctx.mentions)
    by_cue = {s.cue_start: s for s in ctx.statements if s.cue_start is not None}
    found: dict[tuple[int, int], LoadedTerm] = {}

    def add(span: Span, lemma: str, word_class: str, category: str, about: tuple[str | None, str | None]) -> None:
        start, end = span.start_char, span.end_char
        if any(s < end and start < e for s, e in found):
            return  # one term per stretch of text: the first (longest) match wins
        voice, statement = voice_at(speech, ctx.quotes, start, end)
        found[(start, end)] = LoadedTerm(
            article=ctx.article.id, text=span.text, lemma=lemma, word_class=word_class, category=category,
            voice=voice, start=start, end=end, target=about[0], target_text=about[1],
            statement=statement.id if statement else None,
            speaker=statement.speaker if statement else None,
            speaker_text=statement.speaker_text if statement else None, extractor=VERSION,
        )

    def about(token: Token | None) -> tuple[str | None, str | None]:
        if token is None:
            return None, None
        mention = by_token.get(token.i)
        return (mention.cluster, mention.text) if mention else (None, _phrase_text(token))

    for span, lemma in _idioms(doc):
        add(span, lemma, "phrase", "idiom", about(_target(span.root) or _subject(span.root)))
    for token in doc:
        if token.ent_type_ in NAME_TYPES or token.is_punct:
            continue
        found_here = _classify(token)
        if found_here is None:
            continue
        word_class, category, lemma, span = found_here
        statement = by_cue.get(token.idx) if word_class == "verb" and category != "attack_verb" else None
        if statement is not None and statement.speaker_text:
            # The verb of saying of a statement is about its speaker, already resolved ("he" → Obama).
            add(span, lemma, word_class, category, (statement.speaker, statement.speaker_text))
        elif word_class == "verb":
            add(span, lemma, word_class, category, about(_verb_target(token, category)))
        else:
            add(span, lemma, word_class, category, about(_target(span.root)))
    for span in _scare_quotes(doc, ctx.quotes):
        add(span, span.text.lower(), "phrase", "scare_quotes", about(_target(span.root)))
    ctx.loaded_terms = sorted(found.values(), key=lambda term: term.start)


def _classify(token: Token) -> tuple[str, str, str, Span] | None:
    """(word class, category, lemma, span) of a loaded token, or None."""
    lower, lemma = token.lower_, token.lemma_.lower()
    doc = token.doc
    joined = _hyphenated(token)
    if joined.text.lower() in DISTANCING or lemma in DISTANCING:
        return "adjective", "distancing", joined.text.lower(), joined
    if lower in HEDGES or lower in INTENSIFIERS:  # -ly words: an adverb whatever the tagger says
        plain = PLAIN_BESIDE.get(lower, ())
        if token.head.lemma_.lower() in plain or (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in plain):
            return None
        return "adverb", "hedge" if lower in HEDGES else "intensifier", lower, doc[token.i:token.i + 1]
    if (token.tag_ == "VBG" and lower in EVALUATIVE_ADJECTIVES and lemma not in ATTACK_VERBS
            and not any(c.dep_ in {"xcomp", "dobj", "prep"} for c in token.children)):
        return "adjective", "evaluative", lower, joined  # "was condescending", "a stunning upset"
    if token.pos_ == "VERB":
        category = ("attack_verb" if lemma in ATTACK_VERBS else "speech_verb" if lemma in SPEECH_VERBS
                    else "action_verb" if lemma in ACTION_VERBS else None)
        if category is None:
            return None
        particles = list(token.rights)
        words = {c.lower_ for c in particles} | {c.lemma_.lower() for c in particles}
        if lemma in PHRASAL and not words & PHRASAL[lemma]:
            return None
        if words & LITERAL_PARTICLES.get(lemma, set()):
            return None
        if lemma in NEEDS_ACTOR and not _has_actor_subject(token):
            return None
        particle = next((c for c in particles if c.dep_ == "prt"), None)
        if particle is not None and particle.i == token.i + 1:
            return "verb", category, f"{lemma} {particle.lower_}", doc[token.i:particle.i + 1]
        return "verb", category, lemma, doc[token.i:token.i + 1]
    if token.pos_ == "ADV":
        stem = _adjective_of(lower)
        if stem is not None:
            return "adverb", "evaluative", lower, doc[token.i:token.i + 1]
        return None
    if token.pos_ == "ADJ" or token.dep_ in {"amod", "acomp"}:
        if lower in EVALUATIVE_ADJECTIVES or lemma in EVALUATIVE_ADJECTIVES:
            span = _hyphenated(token)
            return "adjective", "evaluative", span.text.lower(), span
        return None
    if token.pos_ == "NOUN" and (lemma in LOADED_NOUNS or lower in LOADED_NOUNS):
        return "noun", "loaded_noun", lemma, _hyphenated(token)
    return None


def _adjective_of(adverb: str) -> str | None:
    """The loaded adjective an -ly adverb is made from ("brazenly" → "brazen", "angrily" → "angry")."""
    if not adverb.endswith("ly") or len(adverb) < 5:
        return None
    stem = adverb[:-2]
    # brazen-ly, angri-ly (angry), notab-ly (notable), sever-ly (severe)
    for candidate in (stem, stem[:-1] + "y" if stem.endswith("i") else None,
                      stem + "le" if stem.endswith("ab") else None, stem + "e"):
        if candidate and candidate in EVALUATIVE_ADJECTIVES:
            return candidate
    return None


def _hyphenated(token: Token) -> Span:
    """The token with the words hyphens join to it ("gaffe-prone", "so-called")."""
    doc = token.doc
    first = last = token.i
    def joins(left: int) -> bool:  # doc[left + 1] is a hyphen with no space on either side
        return doc[left + 1].text == "-" and not (doc[left].whitespace_ or doc[left + 1].whitespace_)

    while first >= 2 and joins(first - 2):
        first -= 2
    while last + 2 < len(doc) and joins(last):
        last += 2
    return doc[first:last + 1]


def _idioms(doc: Doc) -> list[tuple[Span, str]]:
    found = []
    lemmas = [t.lemma_.lower() for t in doc]
    lowers = [t.lower_ for t in doc]
    for i in range(len(doc)):
        candidates = _IDIOMS_BY_FIRST_WORD.get(lemmas[i], ())
        if lowers[i] != lemmas[i]:
            candidates += _IDIOMS_BY_FIRST_WORD.get(lowers[i], ())
        for idiom in candidates:
            n = len(idiom)
            if i + n <= len(doc) and all(
                word in (lemmas[i + k], lowers[i + k]) or (word == "a" and lemmas[i + k] in _ARTICLES)
                for k, word in enumerate(idiom)
            ):
                found.append((doc[i:i + n], " ".join(idiom)))
    return sorted(found, key=lambda item: (item[0].start, -len(item[0])))


def _scare_quotes(doc: Doc, quotes: list[QuoteSpan]) -> list[Span]:
    """Short quoted phrases inside a sentence of the outlet's: not names, not whole quotations."""
    found = []
    for quote in quotes:
        span = doc.char_span(quote.inner_start, quote.inner_end, alignment_mode="expand")
        if span is None:
            continue
        while len(span) and span[-1].is_punct:
            span = span[:-1]
        words = [t for t in span if not t.is_punct]
        if not words or len(words) > SCARE_QUOTE_WORDS:
            continue
        if all(t.pos_ == "PROPN" or t.ent_type_ in NAME_TYPES or t.is_title for t in words):
            continue  # a title or a name in quotation marks
        if any(t.dep_ in _SUBJECTS for t in words):
            continue  # a clause ("they must leave"): a short quotation, not a phrase held at a distance
        found.append(span)
    return found


def _has_actor_subject(verb: Token) -> bool:
    for child in verb.children:
        if child.dep_ in {"nsubj"}:
            return child.pos_ in {"PROPN", "PRON"} or child.ent_type_ in ACTOR_TYPES or child.lemma_.lower() in {
                "official", "leader", "lawmaker", "senator", "president", "governor", "critic", "opponent", "party"}
    return False


def _verb_target(verb: Token, category: str) -> Token | None:
    """Who a loaded verb is about: the attacked (object) for an attack verb, else the actor."""
    if category != "attack_verb":
        return _subject(verb)
    for child in verb.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            return child
    # "railed against Congress", "lashed out at critics": the object of the preposition
    preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ in _ATTACK_PREPS]
    preps += [g for c in verb.children if c.dep_ == "prt" for g in c.children if g.dep_ == "prep"]
    for prep in preps:
        objects = [c for c in prep.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    return None


def _subject(verb: Token) -> Token | None:
    while verb.dep_ in {"xcomp", "conj"} and not any(c.dep_ in _SUBJECTS for c in verb.children):
        verb = verb.head  # "vowed to deprive": the subject of "vowed"
    for child in verb.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _target(token: Token) -> Token | None:
    """Who an adjective, adverb or noun is about."""
    if token.dep_ == "amod" or (token.dep_ == "compound" and token.head.pos_ in {"NOUN", "PROPN"}):
        return token.head
    if token.dep_ in {"acomp", "attr"}:
        return _subject(token.head)
    if token.dep_ == "advmod":
        head = token.head
        return _target(head) if head.pos_ == "ADJ" else _subject(head) if head.pos_ in {"VERB", "AUX"} else None
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in {"of", "by"}:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects and objects[0].pos_ in {"PROPN", "PRON"}:
                    return objects[0]
        if token.dep_ == "attr":
            return _subject(token.head)
    return None


def _mentions_by_token(doc: Doc, mentions: list[Mention]) -> dict[int, Mention]:
    """Each token of a named mention, and each mention's head, mapped to the mention."""
    found = {}
    for mention in mentions:
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is not None and mention.cluster is not None:
            for token in span:
                found.setdefault(token.i, mention)
    for i, mention in mention_heads(doc, mentions).items():
        if mention.cluster is not None:
            found[i] = mention
    return found


def _phrase_text(token: Token) -> str:
    """The words naming a target that is no known entity: its head noun with the nouns compounded
    to it ("tax plan"), without determiners or the loaded word itself."""
    doc = token.doc
    first = token.i
    while first > 0 and doc[first - 1].dep_ == "compound" and doc[first - 1].head.i in range(first, token.i + 1):
        first -= 1
    return doc[first:token.i + 1].text


STAGE = Stage(VERSION, extract_loaded_terms, requires=("doc", "mentions", "local_entities", "statements", "quotes"),
              assigns=("loaded_terms",))
