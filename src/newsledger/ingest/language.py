"""A cheap guess of an article's language, recorded in ``Article.language``.

newsledger reads English: spaCy's English model and English cue words,
month names and number words. Text in another language is still read and
stored exactly as given (every character kept, offsets into it valid), but
the extractors run on it as on English, so what they find there (entities,
times, statements, events) is unreliable. The guess tells a user which
articles those are: ``articles.language != 'en'`` selects them, and every
extracted record joins to its article by id.

The guess looks at the first ``SAMPLE_CHARS`` characters and needs no
dependency:

1. the script most of the letters are written in: a script used by one
   language names it (Hangul → ``ko``, Greek → ``el``, Han → ``zh``, Han with
   kana → ``ja``); in Arabic and Cyrillic script, letters only some of their
   languages use name them (پ → ``fa``, ٹ → ``ur``, ї → ``uk``), else the
   script's most common language is taken (``ar``, ``ru``);
2. in Latin script, the share of words that are common function words of
   English, French, Spanish, German, Italian, Portuguese or Dutch: another
   language wins when its share reaches ``MIN_SHARE`` and beats English's;
   English needs only ``MIN_ENGLISH_SHARE``, as it is the language assumed.

The result is a BCP 47 tag: a language code when the guess is confident,
else ``und`` (undetermined) with the script, such as ``und-Latn`` for Latin
text in none of those languages, or ``und-Cyrl``. A text of fewer than
``MIN_WORDS`` Latin words cannot be judged and is taken as English, the
language the pipeline assumes.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

SAMPLE_CHARS = 5_000
MIN_WORDS = 8
# News prose has 30-45 % of its words in its language's list below, and under
# 5 % in the others'. Another language must reach MIN_SHARE and beat English;
# English needs only MIN_ENGLISH_SHARE (headlines and datelines are terse).
MIN_SHARE = 0.12
MIN_ENGLISH_SHARE = 0.05

# The first word of a letter's Unicode name, mapped to its ISO 15924 script.
SCRIPTS = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "ARABIC": "Arab", "GREEK": "Grek", "HEBREW": "Hebr", "CJK": "Hani",
    "HIRAGANA": "Kana", "KATAKANA": "Kana", "HANGUL": "Hang", "DEVANAGARI": "Deva", "BENGALI": "Beng",
    "THAI": "Thai", "GEORGIAN": "Geor", "ARMENIAN": "Armn", "TAMIL": "Taml", "ETHIOPIC": "Ethi",
}
UNKNOWN_SCRIPT = "?"  # a script not in the table: the language is "und"
# Scripts that one language (of news) is written in.
SINGLE_LANGUAGE = {"Grek": "el", "Hebr": "he", "Hang": "ko", "Kana": "ja", "Thai": "th", "Geor": "ka", "Armn": "hy"}
# (letters, language) tried in order: letters only that language's alphabet
# uses (Serbian's and Macedonian's: one of the two); then the script's most
# common language.
DISTINCT_LETTERS = {
    "Arab": [("ٹڈڑںےۓ", "ur"), ("پچژگیک", "fa")],
    "Cyrl": [("іїєґ", "uk"), ("ў", "be"), ("јљњћђџѓќѕ", "und-Cyrl")],
}
COMMON_LANGUAGE = {"Arab": "ar", "Cyrl": "ru"}
# Share of kana among Han and kana letters above which the text is Japanese.
KANA_SHARE = 0.05

FUNCTION_WORDS = {
    "en": "the a an of and to in is was that for on with as by at from it he she said says told his her are be has"
          " have had were this which but not or they who their its will been would after about over into than also",
    "fr": "le la les des et est une un du dans que qui pour sur au avec pas par il elle sont ont ce cette mais aux"
          " été son ses plus leur de",
    "es": "el la los las de del y en que un una por con para es se al lo su sus fue como más pero ha han sido sobre"
          " entre",
    "de": "der die das und ist nicht ein eine den dem des mit von zu auf für im sich auch wird wurde sind hat haben"
          " bei aus nach",
    "it": "il lo la gli le di del della che e è un una per con non sono ha da nel alla dei delle anche come più"
          " stato",
    "pt": "o os as de do da dos das e que em um uma para com não no na por se mais foi são ao pelo pela",
    "nl": "de het een en van in is dat op te met voor niet zijn aan er ook als door bij naar werd heeft",
}
_FUNCTION_SETS = {language: frozenset(words.split()) for language, words in FUNCTION_WORDS.items()}
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")  # "O'Brien" is one word, not Portuguese "o"


def guess_language(text: str) -> str:
    """The BCP 47 tag of the language ``text`` is most likely in (see the module docs)."""
    sample = text[:SAMPLE_CHARS]
    scripts = _letters_by_script(sample)
    script = max(scripts, key=scripts.get) if scripts else "Latn"
    if script == "Kana" or (script == "Hani" and scripts["Kana"] > KANA_SHARE * (scripts["Hani"] + scripts["Kana"])):
        return "ja"
    if script == "Hani":
        return "zh"
    if script in SINGLE_LANGUAGE:
        return SINGLE_LANGUAGE[script]
    if script != "Latn":
        for letters, language in DISTINCT_LETTERS.get(script, []):
            if any(letter in sample for letter in letters):
                return language
        if script in COMMON_LANGUAGE:
            return COMMON_LANGUAGE[script]
        return "und" if script == UNKNOWN_SCRIPT else f"und-{script}"
    return _latin_language(sample)


def _letters_by_script(sample: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    for char in sample:
        if not char.isalpha():
            continue
        if char.isascii():
            counts["Latn"] += 1
            continue
        first_word = unicodedata.name(char, "").split(" ", 1)[0]
        counts[SCRIPTS.get(first_word, UNKNOWN_SCRIPT)] += 1
    return counts


def _latin_language(sample: str) -> str:
    words = _WORD.findall(sample.lower())
    if len(words) < MIN_WORDS:
        return "en"
    shares = {language: sum(w in vocabulary for w in words) / len(words) for language, vocabulary in _FUNCTION_SETS.items()}
    english = shares.pop("en")
    other = max(shares, key=shares.get)
    if shares[other] >= MIN_SHARE and shares[other] > english:
        return other
    return "en" if english >= MIN_ENGLISH_SHARE else "und-Latn"
