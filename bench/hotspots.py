"""Where the full pipeline spends its time, from a py-spy profile.

    py-spy record -r 200 -f raw -o /tmp/profile.txt -- python bench/throughput.py
    python bench/hotspots.py /tmp/profile.txt [--root Ledger.add_articles] [--top 25]

py-spy samples Python and Cython frames alike (pyinstrument loses spaCy's
Cython frames). Only samples under ``--root`` count, so in the throughput
run the bare-spaCy half and the imports are left out. Prints newsledger's
functions by total time (children included) and all functions by self time,
each as a share of the root's samples.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

_LINE = re.compile(r":\d+\)$")


def shares(raw: Path, root: str) -> tuple[int, Counter, Counter]:
    """Samples under ``root``, and per function: samples on the stack (once per stack), samples as the leaf."""
    total, inclusive, leaf = 0, Counter(), Counter()
    for line in raw.read_text().splitlines():
        stack, count = line.rsplit(" ", 1)
        frames = [_LINE.sub(")", frame) for frame in stack.split(";")]
        names = [frame.split(" (")[0] for frame in frames]
        if root not in names:
            continue
        frames = frames[names.index(root):]
        total += int(count)
        for frame in set(frames):
            inclusive[frame] += int(count)
        leaf[frames[-1]] += int(count)
    return total, inclusive, leaf


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("raw", type=Path, help="py-spy record -f raw output")
    parser.add_argument("--root", default="Ledger.add_articles", help="function whose samples count")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)

    total, inclusive, leaf = shares(args.raw, args.root)
    if not total:
        raise SystemExit(f"no samples under {args.root}")
    print(f"{total} samples under {args.root}\n\nnewsledger functions, total time (children included):")
    ours = Counter({frame: n for frame, n in inclusive.items() if "(newsledger/" in frame})
    for frame, n in ours.most_common(args.top):
        print(f"  {n / total:6.1%}  {frame}")
    print("\nall functions, self time:")
    for frame, n in leaf.most_common(args.top):
        print(f"  {n / total:6.1%}  {frame}")


if __name__ == "__main__":
    main()
