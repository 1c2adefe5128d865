"""Draw discrepancies of a ledger at random and print each with its evidence, for a person to judge.

    python tools/judge_sample.py LEDGER.duckdb --n 60 --seed 18 > sample.txt

Each discrepancy is printed with its facet, kind and claims; each claim with
its article's title, publication day and the sentence around its evidence
span (the span in [brackets]). A judge writes one verdict per discrepancy:
``REAL`` (the sources do differ, and the kind is right), ``WRONG-KIND`` (they
differ, the kind is wrong) or ``FALSE`` (they do not differ: different
incidents, a misread, page furniture). ``--keys`` prints, instead, the JSON
keys that tests/judged/*.jsonl keeps of each (ids, offsets, no text).

    python tools/judge_sample.py LEDGER.duckdb --check tests/judged/gva-dev-*.jsonl

sets each judged discrepancy's ``reported`` to whether the ledger still reports it
(tests/test_eval_incidents.py: a false one no longer reported must stay gone).
"""

from __future__ import annotations

import argparse
import json
import random
import sys

from newsledger.eval.incidents import still_reported
from newsledger.store.database import LedgerStore


def claim_key(claim: dict) -> list:
    return [claim["article"], claim.get("start"), claim.get("end")]


def discrepancy_key(row: dict, claims: list[dict]) -> dict:
    return {"id": row["id"], "facet": row["facet"], "kind": row["kind"], "claims": [claim_key(c) for c in claims]}


def context(text: str, start: int | None, end: int | None, width: int = 220) -> str:
    if start is None or end is None:
        return "(no span)"
    left = max(0, start - width)
    right = min(len(text), end + width)
    return (text[left:start] + "[" + text[start:end] + "]" + text[end:right]).replace("\n", " ")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ledger")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--keys", action="store_true", help="print the sample's keys as JSON lines")
    parser.add_argument("--check", nargs="+", metavar="JUDGED", help="mark which judged discrepancies are still reported")
    args = parser.parse_args(argv)
    with LedgerStore(args.ledger, read_only=True) as store:
        if args.check:
            found = [{"facet": r["facet"], "claims": json.loads(r["claims"])}
                     for r in store.rows("SELECT facet, claims FROM discrepancies")]
            for path in args.check:
                judged = [json.loads(line) for line in open(path, encoding="utf-8")]
                with open(path, "w", encoding="utf-8") as out:
                    for item in judged:
                        out.write(json.dumps(item | {"reported": still_reported(item, found)}) + "\n")
                print(path, sum(j["verdict"] == "FALSE" and not still_reported(j, found) for j in judged), "false ones gone")
            return 0
        rows = store.rows("SELECT * FROM discrepancies ORDER BY id")
        sample = random.Random(args.seed).sample(rows, min(args.n, len(rows)))
        articles = {r["id"]: r for r in store.rows("SELECT id, title, published, text FROM articles")}
        for n, row in enumerate(sample, 1):
            claims = json.loads(row["claims"])
            if args.keys:
                print(json.dumps(discrepancy_key(row, claims)))
                continue
            print(f"### {n}. {row['id']}  {row['facet']}: {row['kind'].upper()}  (story {row['story']})"
                  + (f"  note: {row['note']}" if row["note"] else ""))
            for claim in claims:
                article = articles[claim["article"]]
                print(f"  - value {json.dumps(claim['value'])} “{claim['text']}” source {claim['source']}"
                      f" speaker {claim.get('speaker')}")
                print(f"    article {claim['article']} ({article['published']}): {article['title']}")
                print(f"    {context(article['text'], claim.get('start'), claim.get('end'))}")
            print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
