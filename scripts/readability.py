#!/usr/bin/env python3
"""Reading grade of a question bank's plain-language texts (Flesch-Kincaid grade level).

    scripts/readability.py [BANK.toml]        (default: questions.toml)
    scripts/readability.py --json BANK.toml   (the same figures as JSON)
    scripts/readability.py [--json] --program DIR [BANK.toml]
                                               (the program's own words, below)

Three groups are measured, each text on its own:
  * "prompts and labels": what a patient reads to answer - the `prompt` of every
    question a patient is asked (audience "patient" or "both"), the `label` of each
    of its options, and its `refused_label` where the bank sets one;
  * "help": every question's `help` text ("why this matters");
  * "guide": the `text` of every `[[guide]]` entry (the summary's "Before you decide").
For each group it prints the median and the maximum grade and the five worst texts.
The contract (issue 10) is: prompts and labels median <= 6, help median <= 9; and
(issue 12) the guide median <= 8.

With --program, the texts are the program's own words a patient meets, as the test
tests/cli/readability.rs writes them into DIR: pages (*.html: the text of each block
element - paragraph, list item, heading, table cell - is one text) and screens (*.txt:
each paragraph, its wrapped lines joined, is one text; lines starting "> " are what was
typed, and are left out). Citation numbers ("[4], [12]") are left out, as addresses
and commands are. Every piece of bank text in them, and every string of the
answers files copied into DIR (*.toml: what people wrote), (prompts, labels, help, the
reasons, the "ask this" lines, titles, sources...) is replaced by "it", so only the
program's own sentences are measured; each distinct text counts once. Two groups:
  * "program labels": headings, labels and short lines (fewer than 8 words, or no full
    stop) - the contract is median <= 6, as for the bank's prompts and labels;
  * "program explanations": sentences of 8 words or more - median <= 9, as for help.

Flesch-Kincaid grade = 0.39 * (words / sentences) + 11.8 * (syllables / words) - 15.59

Counting rules (a documented heuristic, not a dictionary):
  * Sentences end at ".", "!" or "?" followed by a space or the end of the text; a text
    with no such ending (a short label) is one sentence. A full stop inside "e.g." or a
    number does not end a sentence.
  * Words are runs of letters, digits and the characters ' - . , / % that contain a
    letter or digit; a hyphenated word ("single-use") counts as one word, with the
    syllables of its parts.
  * Syllables of a word: groups of consecutive vowels (a e i o u y); a final silent
    "e" is dropped (but not in "-le" after a consonant, as in "single"); final "-es"
    and "-ed" are dropped unless the word is short or the ending is "-ted"/"-ded"/
    "-ses"/"-ces"/"-zes"/"-ges"; every word has at least one syllable.
  * An all-capital initialism of two to five letters (FDA, GMP, COA) is read letter by
    letter: one syllable per letter ("W" three).
  * A number (any token made of digits and , . / % $) counts as one word of two
    syllables ("3,000", "2-4").
The heuristic is within about one grade of published syllable counts on ordinary
English; the figures are for comparing versions of the bank, not absolute truth.
"""
import json
import re
import signal
import statistics
import sys
import tomllib
from pathlib import Path

VOWELS = re.compile(r"[aeiouy]+")


def syllables(word: str) -> int:
    if re.fullmatch(r"[\d,./%$]+", word):
        return 2
    letters = re.sub(r"[^A-Za-z]", "", word)
    if not letters:
        return 2  # digits mixed with symbols: a number
    if letters.isupper() and 2 <= len(letters) <= 5 and word == letters:
        return sum(3 if c == "W" else 1 for c in letters)
    total = 0
    for part in re.split(r"[-/]", word):
        w = re.sub(r"[^a-z]", "", part.lower())
        if not w:
            continue
        if len(w) <= 3:
            total += 1
            continue
        if re.search(r"[^aeiouy]les$", w):
            w = w[:-1]  # "needles" reads as "needle"
        elif w.endswith("es") and not re.search(r"(ses|ces|zes|ges|xes|shes|ches)$", w) and len(w) > 4:
            w = w[:-2]
        elif w.endswith("ed") and not re.search(r"(ted|ded)$", w) and len(w) > 3:
            w = w[:-2]
        elif w.endswith("e") and not re.search(r"[^aeiouy]le$", w) and not w.endswith("ee"):
            w = w[:-1]
        n = len(VOWELS.findall(w))
        # vowel pairs that are read as two syllables: "vial", "medium", "video", "actual", "react"
        n += len(re.findall(r"(?=(ia|iu|eo(?!p)|ua|uo))", w)) + len(re.findall(r"(?<![tsc])io", w))
        n += 1 if re.match(r"rea[^dlsv]", w) else 0
        total += max(1, n)
    return max(1, total)


def words(text: str):
    return [t for t in re.findall(r"[A-Za-z0-9$][A-Za-z0-9'\-.,/%$]*", text) if re.search(r"[A-Za-z0-9]", t)]


def sentences(text: str) -> int:
    t = re.sub(r"\b(e\.g|i\.e|etc|vs|Dr|St|No)\.", lambda m: m.group(0).replace(".", ""), text)
    t = re.sub(r"(\d)\.(\d)", r"\1\2", t)
    n = len(re.findall(r"[.!?]+[\"')\]]*(\s|$)", t))
    return max(1, n)


def grade(text: str) -> float:
    ws = [w.strip(".,'") for w in words(text)]
    ws = [w for w in ws if w]
    if not ws:
        return 0.0
    syl = sum(syllables(w) for w in ws)
    return 0.39 * len(ws) / sentences(text) + 11.8 * syl / len(ws) - 15.59


def collect(bank: dict):
    short, helps = [], []
    for q in bank.get("question", []):
        qid = q.get("id", "?")
        if q.get("help"):
            helps.append((f"{qid} help", q["help"]))
        if q.get("audience") in ("patient", "both"):
            if q.get("prompt"):
                short.append((f"{qid} prompt", q["prompt"]))
            for o in q.get("option", []):
                short.append((f"{qid}/{o.get('id')} label", o.get("label", "")))
            if q.get("refused_label"):
                short.append((f"{qid} refused_label", q["refused_label"]))
    return short, helps


def collect_guide(bank: dict):
    return [(f"guide {g.get('id', '?')}", g["text"]) for g in bank.get("guide", []) if g.get("text")]


def summary(items):
    graded = sorted(((round(grade(t), 1), name, t) for name, t in items), reverse=True)
    values = [g for g, _, _ in graded]
    return {
        "count": len(values),
        "median": round(statistics.median(values), 1) if values else None,
        "max": values[0] if values else None,
        "worst": [{"where": n, "grade": g, "text": t} for g, n, t in graded[:5]],
    }


def bank_texts(bank: dict):
    """Every piece of text a bank gives, longest first, for --program to take out."""
    keys = ("prompt", "coordinator_prompt", "vendor_prompt", "help", "ask", "coordinator_ask",
            "refused_why", "refused_label", "evidence", "label", "vendor_label", "why",
            "title", "intro", "text", "disclaimer", "unit")
    found = set()

    def walk(v):
        if isinstance(v, dict):
            for k, x in v.items():
                if k in keys and isinstance(x, str):
                    found.add(" ".join(x.split()))
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)

    walk(bank)
    return sorted((t for t in found if len(t) >= 4), key=len, reverse=True)


class Blocks(__import__("html.parser").parser.HTMLParser):
    """The text of each block element of a page, one text each."""
    BLOCK = {"p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "td", "th", "caption",
             "figcaption", "summary", "div", "header", "footer", "section", "title", "pre"}

    def __init__(self):
        super().__init__()
        self.stack, self.texts, self.skip = [[]], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.stack.append([])

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1
        elif tag in self.BLOCK and len(self.stack) > 1:
            self.texts.append("".join(self.stack.pop()))

    def handle_data(self, data):
        if not self.skip:
            self.stack[-1].append(data)


def screen_texts(text: str):
    """Paragraphs of a screen transcript, wrapped lines joined."""
    out, current = [], []
    for line in text.splitlines():
        if line.startswith("> ") or line.strip() in ("", ">"):
            if current:
                out.append(" ".join(current))
            current = []
            continue
        current.append(line.strip())
        # A line well short of the width ended its text; a long one was wrapped.
        if len(line) < 60:
            out.append(" ".join(current))
            current = []
    if current:
        out.append(" ".join(current))
    return out


def file_texts(folder: Path):
    """Every string of the answers files copied into DIR: what people wrote, not the program."""
    found = set()

    def walk(v):
        if isinstance(v, dict):
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
        elif isinstance(v, str) and len(v) >= 4:
            found.add(" ".join(v.split()))

    for path in folder.glob("*.toml"):
        with open(path, "rb") as f:
            walk(tomllib.load(f))
    return found


def program_texts(folder: Path, bank: dict):
    given = sorted(set(bank_texts(bank)) | file_texts(folder), key=len, reverse=True)
    texts = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".html":
            parser = Blocks()
            parser.feed(path.read_text())
            raw = parser.texts
        elif path.suffix == ".txt":
            raw = screen_texts(path.read_text())
        else:
            continue
        for t in raw:
            t = " ".join(t.split())
            for g in given:
                if g in t:
                    t = t.replace(g, "it")
            # Addresses, paths and commands are not words to read; nor are the numbers that
            # cite a source ("[4], [12]"), which the formula would count as long words.
            t = re.sub(r"(https?://|/|~/|exovet )\S*", "it", t)
            t = re.sub(r"\[\d+\],?", "", t)
            if len([w for w in words(t) if w.lower() != "it"]) >= 2:
                texts.append((path.name, t))
    seen, labels, explanations = set(), [], []
    for name, t in texts:
        if t in seen:
            continue
        seen.add(t)
        long = len(words(t)) >= 8 and re.search(r"[.!?][\"')\]]*$", t)
        (explanations if long else labels).append((name, t))
    return labels, explanations


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends quietly
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    if args and args[0] == "--program":
        folder = Path(args[1])
        path = Path(args[2]) if len(args) > 2 else Path(__file__).resolve().parent.parent / "questions.toml"
        with open(path, "rb") as f:
            labels, explanations = program_texts(folder, tomllib.load(f))
        out = {"program_labels": summary(labels), "program_explanations": summary(explanations)}
        if as_json:
            print(json.dumps(out, indent=2, ensure_ascii=False))
            return 0
        for key, title in (("program_labels", "the program's labels and short lines"),
                           ("program_explanations", "the program's sentences")):
            s_ = out[key]
            print(f"\n{title}: {s_['count']} texts, median {s_['median']}, max {s_['max']}")
            for w in s_["worst"]:
                print(f"  {w['grade']:5.1f}  {w['where']}: {w['text'][:110]}")
        return 0
    path = Path(args[0]) if args else Path(__file__).resolve().parent.parent / "questions.toml"
    with open(path, "rb") as f:
        bank = tomllib.load(f)
    short, helps = collect(bank)
    out = {
        "bank": str(path),
        "version": bank.get("bank", {}).get("version"),
        "prompts_and_labels": summary(short),
        "help": summary(helps),
        "guide": summary(collect_guide(bank)),
    }
    if as_json:
        print(json.dumps(out, indent=2, ensure_ascii=False))
        return 0
    print(f"{path} (bank {out['version']}), Flesch-Kincaid grade")
    for key, title in (
        ("prompts_and_labels", "patient prompts and option labels"),
        ("help", "help texts"),
        ("guide", "the summary's guide"),
    ):
        s = out[key]
        print(f"\n{title}: {s['count']} texts, median {s['median']}, max {s['max']}")
        for w in s["worst"]:
            text = w["text"].replace("\n", " ")
            if len(text) > 90:
                text = text[:87] + "..."
            print(f"  {w['grade']:5.1f}  {w['where']}: {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
