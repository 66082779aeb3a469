#!/usr/bin/env python3
# Copied from shared/tools/randanswers.py (the folder beside product.md), unchanged but for this
# comment, for the differential test tests/cli/differential.rs; it reads the core table through
# refscore.py beside it, so from tests/fixtures/core-questions.md.
"""Writes N random answer files over the core questions of shared/product.md (bank 1.2.0) into DIR.

randanswers.py DIR N SEED — valid options only; 'refused' on any scored question now and then
(the contract fixes every refused flag); 'na' only on testing.coa (the one question the
built-in bank keeps it for); now and then an answer to a question of the other audience, which
is kept and listed as recorded, not counted; some questions left out.
"""
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import refscore  # noqa: E402


def toml_value(v):
    if isinstance(v, list):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, int):
        return str(v)
    return '"' + v + '"'


def main():
    out, n, seed = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    qs = refscore.load_table()
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        aud = rng.choice(["patient", "coordinator"])
        mine = {"patient": "P", "coordinator": "C"}[aud]
        full = rng.random() < 0.5            # half the files answer every question they can
        bias = rng.choice([0.5, 0.9, 0.97])  # chance of picking the first (green) option
        stray = rng.random() < 0.15          # answer a few questions of the other audience too
        lines = ['[meta]', 'bank = "exosome-vetting"', f'bank_version = "{refscore.VERSIONS[-1]}"',
                 f'audience = "{aud}"', f'subject = "Random vendor {i}"', '', '[answers]']
        for qid, d in qs.items():
            if d["kind"] == "text":
                continue
            if d["aud"] not in ("B", mine) and not (stray and rng.random() < 0.3):
                continue
            if not full and rng.random() < 0.3:
                continue
            r = rng.random()
            if r < 0.04:
                v = "refused"
            elif qid in refscore.ALLOW_NA and r < 0.07:
                v = "na"
            elif d["kind"] == "number":
                v = rng.choice([0, 450, 900, 3000, 3001, 12000])
            else:
                opts = list(d["options"])
                if d["kind"] == "multiple":
                    v = sorted(set(opts[0] if rng.random() < bias else rng.choice(opts) for _ in range(rng.randint(1, 2))))
                else:
                    v = opts[0] if rng.random() < bias else rng.choice(opts)
            lines.append(f'"{qid}" = {toml_value(v)}')
        (out / f"r{i:04d}.toml").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
