#!/usr/bin/env python3
# Copied from shared/tools/refscore.py (the folder beside product.md) for the differential test
# tests/cli/differential.rs. The one change: PRODUCT reads tests/fixtures/core-questions.md, which
# holds product.md's core table verbatim and, after it, the core-rules table; the table regex in
# load_table needs a question id (dotted, no hyphen) and an audience cell P, C or B, so the rules
# table's rows (`| eu-uk-human-derived | … | red! — … |`) and headers are skipped.
"""Reference model of the verdict rules of bank 1.1.0 in ../product.md, read from its core table.

An oracle for differential tests against exovet (random files from randanswers.py beside it).
Where exovet and this model disagree, one of them is wrong: product.md decides; if it is this
model, report it with the file that shows it.
  refscore.py FILE...              prints file, verdict, incomplete
  refscore.py --explain FILE...    also prints the findings behind each verdict
"""
import re
import sys
import tomllib
from pathlib import Path

PRODUCT = Path(__file__).resolve().parent.parent / "fixtures" / "core-questions.md"
KEYS = ["source.origin", "source.product_named", "testing.coa", "delivery.route", "claims.fda_status"]
GATES = KEYS + ["source.donor_screening", "testing.sterility", "manufacturing.enforcement", "delivery.label_match",
                "regulatory.pathway"]
MSC = {"msc-umbilical-cord", "msc-adipose", "msc-bone-marrow"}
HUMAN = MSC | {"placenta", "platelet", "human-unspecified"}
BREAKS_SKIN = {"topical-after-procedure", "injection", "iv-infusion", "other-systemic", "home-needling"}
NEEDLED_BY_SOMEONE = {"topical-after-procedure", "injection", "iv-infusion", "other-systemic"}
RANK = {"green": 0, "amber": 1, "red": 2}
# Questions that allow "na" in the built-in bank (the contract allows a bank to choose; 1.1 keeps testing.coa).
ALLOW_NA = {"testing.coa"}


def as_list(v):
    return v if isinstance(v, list) else ([] if v is None else [v])


def picked(a, q):
    return set(as_list(a.get(q))) - {"refused", "na"}


SHOW_IF = {
    "source.donor_screening": lambda a: bool(picked(a, "source.origin") & HUMAN),
    "source.cell_bank": lambda a: bool(picked(a, "source.origin") & (MSC | {"placenta"})),
    "testing.sterility": lambda a: bool(picked(a, "delivery.route") & BREAKS_SKIN),
    "testing.viral": lambda a: bool(picked(a, "source.origin") & HUMAN),
    "delivery.label_match": lambda a: bool(picked(a, "delivery.route") & BREAKS_SKIN),
    "delivery.operator": lambda a: bool(picked(a, "delivery.route") & NEEDLED_BY_SOMEONE),
    "provider.supervisor": lambda a: bool(picked(a, "delivery.route") & NEEDLED_BY_SOMEONE),
}

# The core rules: (id, [(question, options)], flag, critical)
RULES = [
    ("eu-uk-human-derived", [("regulatory.jurisdiction", {"uk-or-eu"}), ("source.origin", HUMAN)], "red", True),
    ("cosmetic-gmp-on-broken-skin", [("manufacturing.gmp", {"cosmetic-gmp-only"}), ("delivery.route", BREAKS_SKIN)], "red", True),
    ("injection-outside-trial", [("delivery.route", {"injection"}), ("regulatory.study", {"not-a-study"})], "red", True),
]


def load_table():
    qs = {}
    for line in PRODUCT.read_text().splitlines():
        m = re.match(r"\| ([a-z_0-9]+(?:\.[a-z_0-9]+)?) \| ([PCB]) \| ([^|]+) \| ([^|]+) \|", line)
        if not m or m.group(1) == "id":
            continue
        qid, aud, kind, opts = m.groups()
        words = [w.strip() for w in re.split(r"[;,]", kind)]
        q = {"aud": aud, "kind": words[0].split(" ")[0], "unscored": "unscored" in words, "options": {}, "refused": None}
        r = re.search(r"refused → (green|amber|red)(!?)", kind)
        if r:
            q["refused"] = (r.group(1), r.group(2) == "!")
        if q["kind"] == "number":
            q["options"] = None
        for part in opts.split(";"):
            if "→" not in part:
                continue
            names, flag = part.split("→")
            flag = flag.strip()
            crit = flag.endswith("!")
            names = re.sub(r"\([^)]*\)", "", names)
            for name in names.split(","):
                if q["options"] is not None and name.strip():
                    q["options"][name.strip()] = (flag.rstrip("!"), crit) if flag not in ("—", "") else None
        qs[qid] = q
    return qs


def option_flag(d, a):
    """The flag of an answer that is an option or a number; None for text, unscored, refused, na."""
    if d["kind"] == "text" or d["unscored"] or a in ("refused", "na") or a is None:
        return None
    if d["kind"] == "number":
        return ("green" if a <= 3000 else "amber", False)
    return max((d["options"][o] for o in as_list(a)), key=lambda fc: (RANK[fc[0]], fc[1]))


def refused_flag(qid, d):
    if qid in KEYS:
        return ("red", True)
    if d["refused"]:
        return d["refused"]
    if d["kind"] == "number":  # cost.per_session_usd: bands green and amber
        return ("amber", False)
    worst = max((f for f in d["options"].values() if f and not f[1]), key=lambda fc: RANK[fc[0]], default=("green", False))
    return ("amber", False) if RANK[worst[0]] < RANK["amber"] else worst


# [[migrate]] 1.0.0 -> 1.1.0: answers whose meaning changed become not asked.
REASK = {("regulatory.pathway", "ind-or-bla"), ("delivery.operator", "na"), ("provider.supervisor", "na")}


def score(qs, doc, audience=None):
    meta, ans = doc.get("meta", {}), dict(doc.get("answers", {}))
    if meta.get("bank_version", "1.0.0") == "1.0.0":  # a file without a version is a 1.0.0 file
        ans = {q: a for q, a in ans.items() if isinstance(a, list) or (q, a) not in REASK}
    aud = {"patient": "P", "coordinator": "C"}[audience or meta["audience"]]
    visible = [q for q, d in qs.items() if d["aud"] in ("B", aud) and (q not in SHOW_IF or SHOW_IF[q](ans))]
    findings, answered, counted = [], 0, 0
    for q in visible:
        d = qs[q]
        if d["kind"] == "text" or d["unscored"]:
            continue
        a = ans.get(q)
        if a == "na":
            continue
        counted += 1
        if a is None:
            continue
        if a == "refused":
            f, c = refused_flag(q, d)
            findings.append((q, f, c))
            continue
        answered += 1
        f, c = option_flag(d, a)
        findings.append((q, f, c))
    gates = [g for g in GATES]
    for rid, conds, f, c in RULES:
        holds = [bool(q in visible and picked(ans, q) & opts) for q, opts in conds]
        if all(holds):
            findings.append(("rule:" + rid, f, c))
        elif holds.count(False) == 1:  # all but one hold: that question becomes a gate
            q = conds[holds.index(False)][0]
            if q not in gates:
                gates.append(q)
    not_counted = []
    for q, a in ans.items():
        if q in qs and q not in visible:
            fc = option_flag(qs[q], a)
            if fc and fc[0] == "red":
                not_counted.append((q, fc[0], fc[1]))
    reds = [x for x in findings if x[1] == "red"]
    ambers = [x for x in findings if x[1] == "amber"]
    flag_of = {q: f for q, f, _ in findings}
    gates_open = [g for g in gates if g in visible and ans.get(g) is None]
    gates_unanswered = [g for g in gates if g in visible and (ans.get(g) in (None, "refused") or (ans.get(g) == "na" and g not in ALLOW_NA))]
    if any(c for _, _, c in reds) or len(reds) >= 2:
        verdict = "red"
    elif (not reds and not not_counted and all(flag_of.get(k) == "green" for k in KEYS)
          and not gates_unanswered and len(ambers) <= 2 and answered >= 0.6 * counted):
        verdict = "green"
    else:
        verdict = "amber"
    incomplete = verdict == "amber" and bool(gates_open)
    return verdict, incomplete, {"findings": findings, "not_counted": not_counted, "gates_open": gates_open,
                                 "answered": answered, "counted": counted}


if __name__ == "__main__":
    args = sys.argv[1:]
    explain = "--explain" in args
    args = [a for a in args if a != "--explain"]
    qs = load_table()
    for path in args:
        v, inc, why = score(qs, tomllib.load(open(path, "rb")))
        print(f"{Path(path).name}\t{v}\t{str(inc).lower()}")
        if explain:
            print(f"  {why}")
