#!/usr/bin/env python3
# Copied from shared/tools/refscore.py (the folder beside product.md) for the differential test
# tests/cli/differential.rs. The one change: PRODUCT reads tests/fixtures/core-questions.md, which
# holds product.md's trait, core and core-rules tables verbatim; the table regex in load_table needs
# a question id (dotted, no hyphen) and an audience cell P, C or B, so the other tables' rows are
# skipped.
"""Reference model of the verdict rules of bank 1.2.0 (rules 1.2) in ../product.md, read from its core table.

An oracle for differential tests against exovet (random files from randanswers.py beside it).
Where exovet and this model disagree, one of them is wrong: product.md decides; if it is this
model, report it with the file that shows it.
  refscore.py FILE...              prints file, verdict, incomplete
  refscore.py --explain FILE...    also prints the findings behind each verdict
Files saved with bank 1.0.0 or 1.1.0 are read through the [[migrate]] steps (REASK below).
"""
import re
import sys
import tomllib
from pathlib import Path

PRODUCT = Path(__file__).resolve().parent.parent / "fixtures" / "core-questions.md"
KEYS = ["source.origin", "source.product_named", "testing.coa", "delivery.route", "claims.fda_status"]
GATES = KEYS + ["source.donor_screening", "testing.sterility", "manufacturing.enforcement", "delivery.label_match",
                "regulatory.pathway",
                # 1.2
                "claims.indication", "provider.consent", "storage.vial", "provider.complication_plan",
                "testing.viral", "source.cell_bank"]
RANK = {"green": 0, "amber": 1, "red": 2}
# Questions that allow "na" in the built-in bank (the contract allows a bank to choose; 1.2 keeps testing.coa).
ALLOW_NA = {"testing.coa"}

# The trait table of product.md (1.2): (question, trait) -> the options that carry it.
TRAITS = {
    ("source.origin", "human-derived"): {"msc-umbilical-cord", "msc-adipose", "msc-bone-marrow", "placenta",
                                         "platelet", "human-unspecified", "conditioned-media-human"},
    ("delivery.route", "breaks-skin"): {"topical-after-procedure", "injection", "iv-infusion", "other-systemic",
                                        "home-needling"},
    ("delivery.route", "needled-by-someone"): {"topical-after-procedure", "injection", "iv-infusion", "other-systemic"},
    ("regulatory.jurisdiction", "human-material-banned"): {"uk-or-eu", "canada"},
    ("claims.indication", "treats-condition"): {"hair-loss", "scars-acne-pigment", "other-condition"},
}


def has(q, trait):
    """A condition { question = q, has = trait }, as (question, the options that satisfy it)."""
    return q, TRAITS[(q, trait)]


def any_of(q, *options):
    """A condition { question = q, any_of = [...] }."""
    return q, set(options)


SHOW_IF = {
    "source.donor_screening": has("source.origin", "human-derived"),
    "source.cell_bank": any_of("source.origin", "msc-umbilical-cord", "msc-adipose", "msc-bone-marrow", "placenta"),
    "testing.sterility": has("delivery.route", "breaks-skin"),
    "testing.viral": has("source.origin", "human-derived"),
    "delivery.label_match": has("delivery.route", "breaks-skin"),
    "delivery.operator": has("delivery.route", "needled-by-someone"),
    "delivery.needles": has("delivery.route", "needled-by-someone"),
    "provider.supervisor": has("delivery.route", "needled-by-someone"),
}

# The core rules: (id, [conditions], flag, critical)
RULES = [
    ("eu-uk-human-derived", [any_of("regulatory.jurisdiction", "uk-or-eu"), has("source.origin", "human-derived")],
     "red", True),
    ("canada-human-derived", [any_of("regulatory.jurisdiction", "canada"), has("source.origin", "human-derived")],
     "red", True),
    ("cosmetic-gmp-on-broken-skin", [any_of("manufacturing.gmp", "cosmetic-gmp-only"),
                                     has("delivery.route", "breaks-skin")], "red", True),
    ("injection-outside-trial", [any_of("delivery.route", "injection"), any_of("regulatory.study", "not-a-study")],
     "red", True),
    ("home-needling-human-derived", [any_of("delivery.route", "home-needling"), has("source.origin", "human-derived")],
     "red", True),
    ("cosmetic-with-structure-claims", [any_of("regulatory.pathway", "cosmetic-no-drug-claims"),
                                        any_of("claims.outcomes", "regenerates-collagen", "reverses-aging")],
     "red", False),
    ("condition-outside-trial", [has("claims.indication", "treats-condition"),
                                 any_of("regulatory.study", "not-a-study")], "red", True),
]

# [[migrate]]: answers whose meaning changed are read as not asked; a file passes through every step
# from its own version (a file without bank_version is a 1.0.0 file).
REASK = {
    "1.0.0": {("regulatory.pathway", "ind-or-bla"), ("delivery.operator", "na"), ("provider.supervisor", "na")},
    "1.1.0": {("source.origin", "conditioned-media")},
}
VERSIONS = ["1.0.0", "1.1.0", "1.2.0"]


def as_list(v):
    return v if isinstance(v, list) else ([] if v is None else [v])


def picked(a, q):
    return set(as_list(a.get(q))) - {"refused", "na"}


def load_table():
    qs = {}
    for line in PRODUCT.read_text().splitlines():
        m = re.match(r"\| ([a-z_0-9]+(?:\.[a-z_0-9]+)?) \| ([PCB]) \| ([^|]+) \| ([^|]+) \|", line)
        if not m or m.group(1) == "id":
            continue
        qid, aud, kind, opts = m.groups()
        words = [w.strip() for w in re.split(r"[;,]", kind)]
        q = {"aud": aud, "kind": words[0].split(" ")[0], "unscored": "unscored" in words, "options": {}, "refused": None,
             "gate": any(w.split(" ")[0] in ("key", "gate") for w in words)}
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
    check(qs)
    return qs


def check(qs):
    """The constants above must agree with product.md's tables."""
    assert {q for q, d in qs.items() if d["gate"]} == set(GATES), "gates differ from the table"
    for (q, trait), options in TRAITS.items():
        assert options <= set(qs[q]["options"]), f"trait {trait}: options unknown to {q}"
    for q, opts in list(SHOW_IF.values()) + [c for _, conds, _, _ in RULES for c in conds]:
        assert opts <= set(qs[q]["options"]), f"condition on {q}: unknown options {opts - set(qs[q]['options'])}"


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


def migrate(meta, ans):
    version = meta.get("bank_version", "1.0.0")
    reask = set().union(*(REASK.get(v, set()) for v in VERSIONS[VERSIONS.index(version):]))
    return {q: a for q, a in ans.items() if isinstance(a, list) or (q, a) not in reask}


def score(qs, doc, audience=None):
    meta = doc.get("meta", {})
    ans = migrate(meta, dict(doc.get("answers", {})))
    aud = {"patient": "P", "coordinator": "C"}[audience or meta["audience"]]

    def holds(cond):
        q, opts = cond
        return bool(picked(ans, q) & opts)

    visible = [q for q, d in qs.items() if d["aud"] in ("B", aud) and (q not in SHOW_IF or holds(SHOW_IF[q]))]
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
    gates = list(GATES)
    for rid, conds, f, c in RULES:
        met = [cond[0] in visible and holds(cond) for cond in conds]
        if all(met):
            findings.append(("rule:" + rid, f, c))
        elif met.count(False) == 1:  # all but one hold: that question becomes a gate
            q = conds[met.index(False)][0]
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
