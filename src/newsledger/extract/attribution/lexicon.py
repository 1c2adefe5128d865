"""Words that signal attribution: cue verbs, channels, sources and outlets.

Plain sets and small pure functions over strings, so the rules can be read
and tested without the model.
"""

from __future__ import annotations

# Verbs that report speech or writing when they take a clause ("said that
# ...", "“...,” he said") or an object ("praised the deal"). Lemmas, lower
# case. The list grew from the verbs PolNeAR's train part annotates as cues
# most of the time they occur (Newell et al., 2018; counts in docs/evaluation.md).
SPEECH_VERBS = frozenset({
    "say", "explain", "add", "announce", "warn", "tell", "claim", "state", "emphasize",
    "emphasise", "insist", "acknowledge", "note", "stress", "highlight", "accuse", "deny",
    "report", "confirm", "declare", "argue", "assert", "allege", "write", "tweet", "post",
    "reply", "respond", "comment", "remark", "reiterate", "underline", "underscore",
    "mention", "admit", "predict", "vow", "pledge", "promise", "threaten", "disclose",
    "reveal", "ask", "conclude", "estimate", "recall", "observe", "contend",
    "maintain", "point", "quote", "cite", "caution", "concede", "complain", "testify",
    "affirm", "reaffirm", "clarify", "speculate", "proclaim", "charge", "boast", "urge",
    # evaluative and descriptive speech
    "decry", "vouch", "bemoan", "chide", "blast", "lament", "tout", "rail", "allude",
    "credit", "assail", "praise", "slam", "rebut", "denounce", "dismiss", "interject",
    "hint", "lash", "criticize", "criticise", "indicate", "joke", "question", "mock", "voice",
    "describe", "brag", "portray", "list", "recite", "articulate", "rebuke", "reference",
    "hail", "liken", "refer", "chant", "blame", "retweet", "deem", "title", "echo",
    "assure", "plead", "recount", "signal", "label", "remind", "condemn", "applaud",
    "characterize", "characterise", "outline", "detail", "wonder", "imply", "propose",
    "discuss", "talk", "speak", "call", "demand", "recommend", "email", "disavow",
    "dispute", "advocate", "apologize", "apologise", "thank", "congratulate", "counter",
    "shout", "yell", "answer", "repeat", "attribute", "invoke", "express", "suggest",
    "continue",
})
# What else a cue can report (PolNeAR counts these as attributions too);
# the statement's ``mode`` says which, so they can be filtered out.
BELIEF_VERBS = frozenset({
    "believe", "think", "know", "feel", "expect", "fear", "worry", "suspect", "doubt",
    "assume", "consider", "view", "regard", "realize", "realise", "recognize", "recognise",
    "understand", "remember", "forget", "agree", "disagree", "hope", "envision", "imagine",
})
INTENTION_VERBS = frozenset({
    "want", "plan", "intend", "seek", "aim", "refuse", "decline", "decide", "prefer",
    "wish", "order", "request", "press", "push",
})
STANCE_VERBS = frozenset({
    "support", "endorse", "back", "oppose", "defend", "reject", "favor", "favour",
    "embrace", "champion", "side", "welcome", "resist", "approve", "disapprove",
})
EVIDENCE_VERBS = frozenset({"show", "find", "suggest", "indicate", "confirm", "reveal", "document", "demonstrate"})
# Modes a cue verb can have, the first listed winning ("suggest" is speech
# with a person as subject; a poll that suggests is evidence: see cues.py).
CUE_MODES = {
    **{lemma: "evidence" for lemma in EVIDENCE_VERBS},
    **{lemma: "stance" for lemma in STANCE_VERBS},
    **{lemma: "intention" for lemma in INTENTION_VERBS},
    **{lemma: "belief" for lemma in BELIEF_VERBS},
    **{lemma: "speech" for lemma in SPEECH_VERBS},
}
# Nouns that report what their possessor said, thought or wanted: "Trump's
# criticism of the judge", "his view that the deal failed". From the nouns
# PolNeAR's train part most often annotates as cues.
NOUN_CUE_MODES = {
    **dict.fromkeys((
        "statement", "announcement", "criticism", "claim", "call", "promise", "pledge", "warning",
        "accusation", "allegation", "suggestion", "assertion", "complaint", "praise", "mention",
        "reference", "remark", "comment", "insistence", "argument", "admission", "denial", "demand",
        "threat", "vow", "description", "prediction", "condemnation", "apology", "characterization",
    ), "speech"),
    **dict.fromkeys((
        "view", "belief", "hope", "fear", "doubt", "concern", "assumption", "understanding",
        "expectation", "worry", "suspicion", "confidence", "opinion", "conviction",
    ), "belief"),
    **dict.fromkeys(("plan", "goal", "intention", "desire", "wish", "decision", "proposal", "bid"), "intention"),
    **dict.fromkeys(("support", "endorsement", "opposition", "backing", "embrace", "defense", "defence"), "stance"),
}
# Subjects that make a cue report evidence rather than speech ("the poll suggests").
EVIDENCE_NOUNS = frozenset({
    "poll", "survey", "study", "data", "figure", "number", "analysis", "research", "report",
    "document", "record", "result", "finding", "investigation", "review", "audit", "evidence",
    "test", "model", "projection", "estimate", "statistic", "vote", "count",
})
# Verbs whose first object is the person addressed ("told reporters that ...").
ADDRESSEE_VERBS = frozenset({
    "tell", "ask", "urge", "remind", "assure", "inform", "warn", "convince", "persuade",
    "press", "encourage", "advise", "order", "beg", "implore", "challenge", "thank", "email",
})
# Prepositions that introduce what was said when a cue has no clause or
# object: "talked about jobs", "called for a ban", "railed against trade deals".
CONTENT_PREPOSITIONS = frozenset({"about", "on", "of", "to", "for", "against", "over", "as", "with", "at"})
# Of those, the ones whose noun object is itself the reported content
# ("officials announced the seizure of drones"); "said the seizure" is not.
NOMINAL_CUES = frozenset({
    "announce", "confirm", "report", "reveal", "disclose", "acknowledge", "highlight",
    "stress", "emphasize", "emphasise", "reiterate", "underline", "underscore", "deny",
    "accuse",
})
# "deny" takes nouns that are not claims too ("denied entry").
NOT_CONTENT_NOUNS = frozenset({"entry", "access", "visa", "permission", "bail", "request", "service"})
# A subject of "report" or an object of "tell" that is a news outlet.
MEDIA_NOUNS = frozenset({
    "agency", "news", "newspaper", "magazine", "daily", "weekly", "broadcaster", "channel",
    "tv", "television", "radio", "outlet", "network", "station", "website", "paper",
    "times", "post", "press", "wire", "gazette", "journal", "herald", "tribune",
})
# "the report said": the text relays an earlier-named outlet.
RELAY_NOUNS = frozenset({"report", "agency", "newspaper", "outlet", "broadcaster", "daily", "paper", "channel", "website"})
# People spoken *to*, which makes the telling a public channel.
AUDIENCE_NOUNS = frozenset({"reporter", "journalist", "media", "press", "correspondent", "newsman", "audience"})
# Nouns naming how something was said: "in a statement", "at a briefing".
CHANNEL_NOUNS = frozenset({
    "tweet", "post", "statement", "interview", "message", "letter", "speech", "address",
    "briefing", "conference", "remark", "comment", "article", "op-ed", "editorial", "video",
    "broadcast", "podcast", "meeting", "session", "summit", "rally", "hearing", "call",
    "email", "communique", "communiqué", "declaration", "appearance", "sermon", "testimony",
    "thread", "note", "blog", "column", "announcement", "event", "ceremony", "forum", "show",
})
PLATFORMS = frozenset({
    "twitter", "x", "facebook", "telegram", "instagram", "youtube", "tiktok", "linkedin",
    "television", "tv", "radio", "truth", "social", "weibo", "whatsapp", "threads", "mastodon",
})
CHANNEL_PREPOSITIONS = frozenset({"in", "at", "during", "on", "via", "through", "over"})
# Verbs of writing whose platform phrase is the channel with the verb: "wrote on Facebook".
WRITING_VERBS = frozenset({"write", "tweet", "post"})
# "Speaking to reporters, X said ...": a participle naming the occasion.
OCCASION_VERBS = frozenset({"speak", "talk", "address", "write", "brief"})

# Head nouns of an unnamed source.
ANONYMOUS_NOUNS = frozenset({
    "source", "official", "witness", "resident", "people", "person", "insider", "observer",
    "analyst", "expert", "diplomat", "report", "activist", "someone", "aide", "local",
    "eyewitness", "villager", "citizen", "survivor", "rumor", "rumour", "document", "memo",
    "statement", "newspaper", "outlet", "agency", "paper", "daily", "broadcaster", "study",
})
# Head nouns of an office or an institution: a role, named or not.
ROLE_NOUNS = frozenset({
    "spokesman", "spokeswoman", "spokesperson", "minister", "president", "premier",
    "chancellor", "ambassador", "envoy", "governor", "mayor", "chief", "commander",
    "general", "director", "head", "secretary", "prosecutor", "ministry", "government",
    "army", "military", "police", "court", "judge", "lawyer", "attorney", "lawmaker",
    "senator", "leader", "chairman", "chairwoman", "chair", "ceo", "adviser", "advisor",
    "king", "queen", "prince", "pope", "cleric", "office", "department", "embassy",
    "council", "committee", "authority", "authorities", "administration",
    "foreign", "interior", "cabinet", "parliament", "speaker", "officer", "representative",
    "coordinator", "negotiator", "board", "company", "firm", "group", "organization",
    "organisation", "party", "campaign", "team",
})
PERSONAL_PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person",
                     "they": "group", "them": "group"}
INDEFINITE_DETERMINERS = frozenset({"a", "an", "some", "several", "many", "few", "one", "two", "three", "various"})


def speaker_kind(head_lemma: str, determiner: str | None, plural: bool, named: bool, pronoun: bool) -> str:
    """``named``, ``pronoun``, ``role`` or ``anonymous`` for a speaker phrase."""
    if named:
        return "named"
    if pronoun:
        return "pronoun"
    lemma = head_lemma.lower()
    if lemma in ANONYMOUS_NOUNS:
        return "anonymous"
    if determiner and determiner.lower() in INDEFINITE_DETERMINERS:
        return "anonymous"
    if lemma in ROLE_NOUNS:
        return "role"
    return "anonymous" if plural else "role"


def is_media_name(text: str) -> bool:
    """"the Albanian Daily News", "Press TV", "the German magazine Spiegel"."""
    return any(word.strip(".,").lower() in MEDIA_NOUNS for word in text.split())


def strip_determiner(text: str) -> str:
    words = text.split(" ", 1)
    if len(words) == 2 and words[0].lower() in {"the", "a", "an"}:
        return words[1]
    return text
