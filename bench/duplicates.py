"""Near-duplicate schemes on real news: edited wire copies found, unrelated pages joined, signatures/s.

    python bench/duplicates.py [--copies 300] [--seed 13] [--threshold 0.6] [--show N]
                               [--out bench/results/duplicates.json]

Originals: ``--copies`` articles of gva-longtail dev (``docs.jsonl``; never
test) with 150+ words of their own (furniture blanked), drawn with
``--seed``. Each gets one copy per kind of wire editing, made from its text
without furniture (a copy on another site carries that site's furniture,
not this one's): ``words`` (3-5 words replaced or swapped with a neighbour),
``drop`` (one sentence dropped), ``add`` (a sentence of another article
added), ``lead`` (the first paragraph, or the first sentence when the
article is one block, replaced by another article's), ``facts`` (3-5
numbers and names changed), ``mixed`` (words + drop + facts, as a copy desk
does them together) and ``trimmed`` (cut to its first 60% of sentences: a
short copy of a long story, containment's case). Recall: the copy's
confirmed LSH candidates among all 2,448 dev articles hold its original.

False positives: every dev pair the scheme confirms (LSH candidates over
all dev articles, as ``find_duplicates`` builds them), split by gold:
pairs of different incidents (``incidents.jsonl``: no incident in common)
are wrong; pairs of one incident are fine when they are true copies
(``--show N`` prints N of each). The same over giveme5w1h ``news_cluster``
(383 news-please pages, gold ``newsCluster.EventId``). Articles are read
as ``read_paths`` reads them, furniture (and lines a site repeats) marked.

Speed: signatures of every dev article per second (text in, stored bytes
out), the fastest of five passes taken in turn with the other schemes, and
the ratio to the current scheme measured in the same run (the machine is
shared: only ratios travel). The module's own ``stored_signature`` is the
last row (at ``--threshold``), checked to store what the bench measures.
Last, the least number of words of its own a page needs to be signed
(``MIN_WORDS``), swept at the module's shingling and ``--threshold``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from datasketch import MinHash, MinHashLSH

from newsledger.eval.stories import load_documents
from newsledger.ingest import article_from_text, read_paths
from newsledger.ingest.furniture import RecurringLines
from newsledger.link import duplicates
from newsledger.records import Article

from throughput import save_result

BENCHMARKS = Path(__file__).resolve().parents[2] / "shared" / "benchmarks"
GVA_DEV = BENCHMARKS / "gva-longtail" / "dev"
NEWS_CLUSTER = BENCHMARKS / "giveme5w1h" / "news_cluster"
WORD = re.compile(r"\w+")
# a sentence ends at . ! or ? (and a closing quote) before a capital: "p.m." stays whole
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘(])|(?<=[.!?][\"”’'])\s+(?=[A-Z\"“‘(])")
EDITS = ("words", "drop", "add", "lead", "facts", "mixed", "trimmed")
WIRE_EDITS = EDITS[:-1]  # the kinds the headline recall counts; trimmed is reported on its own


@dataclass(frozen=True)
class Scheme:
    name: str
    shingle_words: int = 5
    num_perm: int = 64
    threshold: float = 0.8
    blanked: bool = True  # furniture blanked (parse_text) or the raw text
    min_words: int = 0  # pages with fewer words of their own get no signature
    containment: float | None = None  # confirm by containment of the smaller in the larger, not Jaccard


SCHEMES = (
    Scheme("current: raw text, 5-word, J 0.8", blanked=False),
    Scheme("blanked, 5-word, J 0.8"),
    Scheme("blanked, 5-word, J 0.8, 40+ words", min_words=40),
    Scheme("4-word, J 0.8, 40+", shingle_words=4, min_words=40),
    Scheme("3-word, J 0.8, 40+", shingle_words=3, min_words=40),
    Scheme("5-word, J 0.7, 40+", threshold=0.7, min_words=40),
    Scheme("5-word, J 0.6, 40+", threshold=0.6, min_words=40),
    Scheme("4-word, J 0.7, 40+", shingle_words=4, threshold=0.7, min_words=40),
    Scheme("4-word, J 0.6, 40+", shingle_words=4, threshold=0.6, min_words=40),
    Scheme("3-word, J 0.7, 40+", shingle_words=3, threshold=0.7, min_words=40),
    Scheme("3-word, J 0.6, 40+", shingle_words=3, threshold=0.6, min_words=40),
    Scheme("3-word, J 0.5, 40+", shingle_words=3, threshold=0.5, min_words=40),
    Scheme("5-word, 128 perm, J 0.7, 40+", num_perm=128, threshold=0.7, min_words=40),
    Scheme("4-word, 128 perm, J 0.7, 40+", shingle_words=4, num_perm=128, threshold=0.7, min_words=40),
    Scheme("4-word, 128 perm, J 0.6, 40+", shingle_words=4, num_perm=128, threshold=0.6, min_words=40),
    Scheme("3-word, 128 perm, J 0.6, 40+", shingle_words=3, num_perm=128, threshold=0.6, min_words=40),
    Scheme("3-word, 128 perm, J 0.5, 40+", shingle_words=3, num_perm=128, threshold=0.5, min_words=40),
    Scheme("4-word, containment 0.8 (LSH J 0.5), 40+", shingle_words=4, threshold=0.5, min_words=40, containment=0.8),
    Scheme("3-word, containment 0.8 (LSH J 0.5), 40+", shingle_words=3, threshold=0.5, min_words=40, containment=0.8),
)


@dataclass
class Signed:
    """One page's signature under a scheme: its MinHash values and how many shingles it has."""

    values: np.ndarray
    shingles: int


def sign(scheme: Scheme, article: Article) -> Signed | None:
    words = WORD.findall((article.parse_text() if scheme.blanked else article.text).casefold())
    if len(words) < max(scheme.min_words, 1):
        return None
    k = scheme.shingle_words
    shingles = {" ".join(words[i : i + k]) for i in range(max(1, len(words) - k + 1))}
    minhash = MinHash(num_perm=scheme.num_perm, scheme=duplicates.SCHEME)
    minhash.update_batch([s.encode("utf-8") for s in shingles])
    return Signed(minhash.hashvalues.astype(np.uint64), len(shingles))


def similar(scheme: Scheme, a: Signed, b: Signed) -> bool:
    jaccard = np.count_nonzero(a.values == b.values) / scheme.num_perm
    if scheme.containment is None:
        return jaccard >= scheme.threshold
    # |A ∩ B| = J (|A| + |B|) / (1 + J), over the smaller set
    return jaccard * (a.shingles + b.shingles) / ((1 + jaccard) * min(a.shingles, b.shingles)) >= scheme.containment


class Index:
    """datasketch's LSH index for the scheme's threshold over signed pages; candidates confirmed by ``similar``."""

    def __init__(self, scheme: Scheme, signed: dict[str, Signed]):
        self.scheme, self.signed = scheme, signed
        self.lsh = MinHashLSH(threshold=scheme.threshold, num_perm=scheme.num_perm)
        for key, sig in signed.items():
            self.lsh.insert(key, self._minhash(sig))

    def _minhash(self, sig: Signed) -> MinHash:
        return MinHash(num_perm=self.scheme.num_perm, hashvalues=sig.values, scheme=duplicates.SCHEME)

    def matches(self, sig: Signed, exclude: str | None = None) -> list[str]:
        return [key for key in self.lsh.query(self._minhash(sig))
                if key != exclude and similar(self.scheme, sig, self.signed[key])]

    def pairs(self) -> set[tuple[str, str]]:
        return {tuple(sorted((key, other))) for key, sig in self.signed.items() for other in self.matches(sig, key)}


# -- data ------------------------------------------------------------------


def read_gva() -> tuple[list[Article], dict[str, set[str]]]:
    articles = [a for a in read_paths(GVA_DEV / "docs.jsonl") if isinstance(a, Article)]
    incidents: dict[str, set[str]] = defaultdict(set)
    for line in (GVA_DEV / "incidents.jsonl").read_text().splitlines():
        incident = json.loads(line)
        for doc in incident["docs"]:
            incidents[doc].add(incident["incident"])
    return articles, incidents


def read_news_cluster() -> tuple[list[Article], dict[str, set[str]]]:
    """The news-please pages as ``read_paths`` would build them (furniture, recurring lines per site)."""
    _, documents = load_documents(NEWS_CLUSTER, "all")
    recurring, articles, events = RecurringLines(), [], {}
    for d in documents:
        if not d.text.strip():
            continue
        article = article_from_text(d.text, d.id, id=d.id, title=d.title, url=d.url, outlet=d.outlet)
        recurring.mark(article)
        articles.append(article)
        events[d.id] = {d.gold}
    return articles, events


def own_words(article: Article) -> int:
    return len(WORD.findall(article.parse_text()))


# -- edited copies -----------------------------------------------------------


def story_text(article: Article) -> str:
    """The article's own text: furniture gone, blank lines collapsed."""
    lines = (" ".join(line.split()) for line in article.parse_text().split("\n"))
    return "\n\n".join(line for line in lines if line)


def sentences(paragraph: str) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(paragraph) if s.strip()]


def _replace_words(text: str, count: int, rng: random.Random, pick_word) -> str:
    tokens = text.split(" ")
    for _ in range(count):
        i = rng.randrange(len(tokens))
        if rng.random() < 0.5 and i + 1 < len(tokens) and "\n" not in tokens[i] + tokens[i + 1]:
            tokens[i], tokens[i + 1] = tokens[i + 1], tokens[i]
        elif "\n" not in tokens[i]:
            tokens[i] = pick_word()
    return " ".join(tokens)


def _change_facts(text: str, count: int, rng: random.Random, names: list[str]) -> str:
    """Numbers to other numbers, capitalized words (names) to other names."""
    spots = [m for m in re.finditer(r"\b(?:\d+|(?<![.!?]\s)[A-Z][a-z]+)\b", text) if m.start() > 0]
    changes = sorted(rng.sample(spots, min(count, len(spots))), key=lambda m: m.start(), reverse=True)
    for m in changes:
        new = str(rng.randint(2, 99)) if m.group().isdigit() else rng.choice(names)
        text = text[: m.start()] + new + text[m.end():]
    return text


def _plain_words(text: str) -> list[str]:
    return re.findall(r"\b[a-z]{3,}\b", text)


def edited_copy(kind: str, text: str, rng: random.Random, donors: list[str], names: list[str]) -> str:
    paragraphs = text.split("\n\n")
    donor = rng.choice(donors)
    if kind == "words":
        return _replace_words(text, rng.randint(3, 5), rng, lambda: rng.choice(_plain_words(donor)))
    if kind == "facts":
        return _change_facts(text, rng.randint(3, 5), rng, names)
    if kind == "mixed":
        text = _replace_words(text, rng.randint(3, 5), rng, lambda: rng.choice(_plain_words(donor)))
        return _change_facts(edited_copy("drop", text, rng, donors, names), rng.randint(3, 5), rng, names)
    split = [sentences(p) for p in paragraphs]
    where = [(p, s) for p, ss in enumerate(split) for s in range(len(ss))]
    if kind == "drop":
        p, s = rng.choice(where)
        del split[p][s]
    elif kind == "add":
        p, s = rng.choice(where)
        split[p].insert(s, rng.choice(sentences(donor.split("\n\n")[0]) or [donor]))
    elif kind == "lead":
        lead = next((p for p in donor.split("\n\n") if len(p.split()) >= 15), donor)
        words = len(text.split())
        if len(paragraphs) > 1 and len(paragraphs[0].split()) <= words / 4:
            split[0] = [lead]
        else:  # one block: its lead is its first sentence
            split[0][0] = sentences(lead)[0]
    elif kind == "trimmed":
        keep = max(1, round(len(where) * 0.6))
        kept = set(where[:keep])
        split = [[s for n, s in enumerate(ss) if (p, n) in kept] for p, ss in enumerate(split)]
    return "\n\n".join(" ".join(ss) for ss in split if ss)


def make_copies(originals: list[Article], pool: list[Article], seed: int) -> list[tuple[str, str, Article]]:
    """(kind, original id, copy) for every original and edit kind."""
    rng = random.Random(seed)
    donors = [story_text(a) for a in pool]
    names = sorted({w for t in donors[:400] for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b", t)})
    copies = []
    for original in originals:
        text = story_text(original)
        for kind in EDITS:
            edited = edited_copy(kind, text, rng, [d for d in rng.sample(donors, 3) if d != text], names)
            copies.append((kind, original.id, article_from_text(edited, f"copy:{kind}:{original.id}")))
    return copies


# -- measures ----------------------------------------------------------------


def signing_speeds(schemes: list[Scheme], articles: list[Article], passes: int = 5) -> dict[tuple, float]:
    """Signatures per second of each way of signing (and of the module's ``stored_signature``), the
    fastest of ``passes`` passes over the articles, the ways taken in turn within each pass so that
    another job's load falls on all of them alike."""
    signers = {signing(s): (lambda a, s=s: sign(s, a)) for s in schemes}
    signers["module"] = duplicates.stored_signature
    best = dict.fromkeys(signers, float("inf"))
    for _ in range(passes):
        for key, signer in signers.items():
            started = time.perf_counter()
            for article in articles:
                signed = signer(article)
                if isinstance(signed, Signed):
                    signed.values.tobytes()
            best[key] = min(best[key], time.perf_counter() - started)
    return {key: len(articles) / seconds for key, seconds in best.items()}


def signing(scheme: Scheme) -> tuple:
    """What makes a scheme's signatures (the rest is how they are compared)."""
    return scheme.blanked, scheme.shingle_words, scheme.num_perm, scheme.min_words


def false_positives(scheme: Scheme, articles: list[Article], gold: dict[str, set[str]]) -> dict:
    signed = {a.id: s for a in articles if (s := sign(scheme, a)) is not None}
    confirmed = Index(scheme, signed).pairs()
    cross = sorted(p for p in confirmed if not gold[p[0]] & gold[p[1]])
    return {"signed": len(signed), "pairs": len(confirmed), "cross": len(cross),
            "same": len(confirmed) - len(cross), "cross_pairs": cross,
            "same_pairs": sorted(p for p in confirmed if gold[p[0]] & gold[p[1]])}


def recall(scheme: Scheme, articles: list[Article], copies: list[tuple[str, str, Article]]) -> dict[str, float]:
    index = Index(scheme, {a.id: s for a in articles if (s := sign(scheme, a)) is not None})
    found: dict[str, list[bool]] = defaultdict(list)
    for kind, original, copy in copies:
        signed = sign(scheme, copy)
        found[kind].append(signed is not None and original in index.matches(signed))
    result = {kind: sum(hits) / len(hits) for kind, hits in found.items()}
    wire = [hit for kind in WIRE_EDITS for hit in found[kind]]
    result["wire"] = sum(wire) / len(wire)
    return result


def module_scheme(threshold: float) -> Scheme:
    return Scheme(f"module: {duplicates.SHINGLE_WORDS}-word, J {threshold}, {duplicates.MIN_WORDS}+",
                  shingle_words=duplicates.SHINGLE_WORDS, num_perm=duplicates.NUM_PERM, threshold=threshold,
                  min_words=duplicates.MIN_WORDS)


def module_agrees(scheme: Scheme, articles: list[Article]) -> bool:
    """The module stores this scheme's signatures (the bench measures what the code does)."""
    for article in articles:
        ours, stored = sign(scheme, article), duplicates.stored_signature(article)
        if (ours is None) != (stored is None):
            return False
        if ours is not None and ours.values.tobytes() + duplicates.TAG != stored:
            return False
    return True


def min_words_sweep(scheme: Scheme, corpora: dict, counts: tuple[int, ...]) -> list[dict]:
    """Confirmed pairs across and within gold groups as the least number of own words changes."""
    rows = []
    for least in counts:
        variant = Scheme(f"{least}+", scheme.shingle_words, scheme.num_perm, scheme.threshold, min_words=least)
        row = {"min_words": least}
        for name, (articles, gold) in corpora.items():
            found = false_positives(variant, articles, gold)
            row[name] = {k: v for k, v in found.items() if not k.endswith("_pairs")}
        rows.append(row)
        print(f"  {least:3d}+ words: " + "  ".join(
            f"{name} signed {row[name]['signed']:4d} cross {row[name]['cross']:4d} same {row[name]['same']:3d}"
            for name in corpora))
    return rows


def show(label: str, pairs: list[tuple[str, str]], by_id: dict[str, Article], count: int) -> None:
    for a, b in pairs[:count]:
        print(f"  {label} {a} ({own_words(by_id[a])} words) ~ {b} ({own_words(by_id[b])} words)")
        for key in (a, b):
            print("     ", repr(" ".join(by_id[key].parse_text().split())[:160]))


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--copies", type=int, default=300, help="originals to copy with each kind of edit")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threshold", type=float, default=0.6, help="the module's threshold to sweep MIN_WORDS at")
    parser.add_argument("--show", type=int, default=0, help="print this many confirmed pairs of each kind")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "results" / "duplicates.json")
    args = parser.parse_args(argv)

    gva, incidents = read_gva()
    cluster, events = read_news_cluster()
    by_id = {a.id: a for a in gva + cluster}
    long_enough = [a for a in gva if own_words(a) >= 150]
    originals = random.Random(args.seed).sample(long_enough, args.copies)
    copies = make_copies(originals, long_enough, args.seed)
    print(f"gva-longtail dev: {len(gva)} articles, {len(long_enough)} of 150+ words; {len(copies)} edited copies "
          f"of {len(originals)}; news_cluster: {len(cluster)} pages")

    chosen = module_scheme(args.threshold)
    schemes = [*SCHEMES, chosen]
    speeds = signing_speeds(schemes, gva)
    base = speeds[signing(SCHEMES[0])]
    rows = []
    for scheme in schemes:
        on_gva, on_cluster = false_positives(scheme, gva, incidents), false_positives(scheme, cluster, events)
        per_s = speeds["module"] if scheme is chosen else speeds[signing(scheme)]
        row = {"scheme": scheme.name, **{k: v for k, v in vars(scheme).items() if k != "name"},
               "recall": recall(scheme, gva, copies), "signatures_per_s": round(per_s), "speed_ratio": per_s / base,
               "gva": {k: v for k, v in on_gva.items() if not k.endswith("_pairs")},
               "news_cluster": {k: v for k, v in on_cluster.items() if not k.endswith("_pairs")}}
        rows.append(row)
        r = row["recall"]
        print(f"{scheme.name:44s} wire {r['wire']:.3f} (" + " ".join(f"{k} {r[k]:.2f}" for k in EDITS) + ")"
              f"  gva cross {on_gva['cross']:3d} same {on_gva['same']:3d}"
              f"  cluster cross {on_cluster['cross']:3d} same {on_cluster['same']:3d}"
              f"  {per_s:5.0f} sig/s ({per_s / base:.2f}x)")
        if args.show:
            show("cross", on_gva["cross_pairs"] + on_cluster["cross_pairs"], by_id, args.show)
            show("same ", on_gva["same_pairs"] + on_cluster["same_pairs"], by_id, args.show)

    print(f"least own words, {chosen.shingle_words}-word shingles at J {chosen.threshold}:")
    sweep = min_words_sweep(chosen, {"gva": (gva, incidents), "news_cluster": (cluster, events)},
                            (1, 10, 20, 30, 40, 50, 60, 80))
    agrees = module_agrees(chosen, gva)
    print("the module stores the bench's signatures:", agrees)
    result = {"originals": len(originals), "copies": len(copies), "seed": args.seed, "schemes": rows,
              "min_words": sweep, "module_agrees": agrees}
    save_result(result, args.out)
    return result


if __name__ == "__main__":
    main()
