"""Realism of the simulated customer on held-out natural interviews (issue 12).

Usage:
    python benchmarks/bench_realism.py [--persona ID] [--language LANG] [--verbose] [--json]
    python benchmarks/bench_realism.py --data DIR      # other interview files (default: benchmarks/data/realism)
    python benchmarks/bench_realism.py --data DIR --personas PDIR --glob '*_r4.yaml'   # unseen persona files elsewhere
    python benchmarks/bench_realism.py --data DIR --typed   # the English questions as typed in a chat box

Every interview in ``benchmarks/data/realism/*.yaml`` is a flowing interview written for one persona, the way
an interviewer reacts to what that person would say (contractions, fillers, "her"/"that" references,
follow-ups, a few closed and leading questions, off-topic questions, a closing invitation, "are you an
AI?"). Each question lists what is acceptable (see ``benchmarks/data/realism/README.md``):

- a list of topic ids: the reply must draw on one of them (``reply.topic``);
- ``abstain``: an off-topic question; the reply must be a natural abstention (move ``clarify``,
  ``no_experience`` or ``break_character``) with no topic line;
- ``any``: greetings, thanks, continuers, silences: anything in character.

Interviews for personas that do not ship (``benchmarks/data/realism/personas/*.yaml``, written from the docs
only) measure how the engine generalises to a persona nobody tuned it on.

Printed per persona and overall:
- on-topic rate: questions with a topic list or ``abstain`` answered as expected;
- don't-know-where-known: move ``unknown``/``no_experience`` while the question has an expected topic;
- repeated lines per 30 turns: persona sentences (lower case, punctuation stripped) said earlier in the
  same interview;
- abstain-correct rate: the ``abstain`` questions alone;
- insight uncovering by a good-technique script (open question, follow-up, silence on every topic) and a
  bad-technique one (leading, closed and pitch questions on every topic); targets good >= 80 %, bad <= 10 %;
- reply latency p50/p95 in ms (in-process, authored backend; noisy on a shared machine).

``--verbose`` lists every question that missed, with the reply. Real embedders (MiniLM for English, USE
for the rest) and the real classifiers; HF_HUB_OFFLINE=1 is set.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

DATA = ROOT / "benchmarks" / "data" / "realism"
UNSEEN = DATA / "personas"

ABSTAIN_MOVES = frozenset({"clarify", "no_experience", "break_character"})
DONT_KNOW_MOVES = frozenset({"unknown", "no_experience"})
SPECIAL = frozenset({"abstain", "any"})
SILENCE = "[silence]"

# Technique scripts, built from each persona's own topics. A good interviewer opens every topic with an
# open question, follows up and leaves a silence; a bad one leads, asks closed questions and pitches.
FOLLOW_UP = {
    "en": "What happened then?",
    "nl": "Wat gebeurde er toen?",
    "ko": "그다음에는 어떻게 됐어요?",
    "zh": "后来呢？",
}
LEADING = {
    "en": "Don't you think {title} is the real problem here?",
    "nl": "Vind je ook niet dat {title} het echte probleem is?",
    "ko": "{title}, 그게 사실 제일 큰 문제인 거죠?",
    "zh": "说到底，{title}才是真正的问题，对吧？",
}
PITCH = {
    "en": "We're building an app that sorts out {title} for you. Would you use it?",
    "nl": "Wij bouwen een app die {title} voor je regelt. Zou je die gebruiken?",
    "ko": "저희가 {title} 문제를 해결해 주는 앱을 만들고 있는데, 쓰실 것 같으세요?",
    "zh": "我们在做一个帮你解决{title}的App，你会用吗？",
}


@dataclass
class Question:
    text: str | None  # None: a silence
    expect: list[str] | str  # topic ids, or "abstain" / "any"
    note: str = ""


@dataclass
class Interview:
    persona_id: str
    path: Path
    questions: list[Question]
    unseen: bool = False


class DataError(ValueError):
    pass


def load_interview(path: Path, topic_ids: set[str] | None = None) -> Interview:
    """One interview file; ``topic_ids`` (the persona's) checks that every expected topic exists."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as e:
        raise DataError(f"{path}: cannot read the interview ({e})") from e
    if not isinstance(data, dict) or not isinstance(data.get("persona"), str):
        raise DataError(f"{path}: expected a mapping with 'persona: <id>' and 'turns: [...]'")
    turns = data.get("turns")
    if not isinstance(turns, list) or not turns:
        raise DataError(f"{path}: 'turns' must be a non-empty list of {{q: ..., expect: ...}}")
    questions: list[Question] = []
    for n, turn in enumerate(turns):
        where = f"{path}: turns -> {n}"
        if not isinstance(turn, dict) or "q" not in turn or "expect" not in turn:
            raise DataError(f"{where}: each turn needs 'q' (the question) and 'expect' (topic ids, abstain or any)")
        text = turn["q"]
        if text is not None and not isinstance(text, str):
            raise DataError(f"{where} -> q: expected text, got {text!r}")
        if text is None or text.strip() == SILENCE:
            text = None
        expect = turn["expect"]
        if isinstance(expect, str):
            if expect not in SPECIAL:
                expect = [expect]
        elif not (isinstance(expect, list) and expect and all(isinstance(t, str) for t in expect)):
            raise DataError(f"{where} -> expect: a topic id, a list of topic ids, 'abstain' or 'any'")
        if isinstance(expect, list) and topic_ids is not None:
            unknown = [t for t in expect if t not in topic_ids]
            if unknown:
                raise DataError(f"{where} -> expect: unknown topic {unknown[0]!r} "
                                f"(the persona has {', '.join(sorted(topic_ids))})")
        questions.append(Question(text, expect, str(turn.get("note", ""))))
    return Interview(data["persona"], path, questions)


def load_all(data_dir: Path = DATA, personas_dir: Path | None = None,
             pattern: str = "*.yaml") -> tuple[list[Interview], dict]:
    """Every interview (``pattern`` in ``data_dir``) and the personas they are for: shipped ones, plus the
    unseen ones in ``personas_dir`` (default: ``data_dir/personas``)."""
    from simulator.persona import load_personas

    personas = dict(load_personas().personas)
    unseen_ids: set[str] = set()
    unseen_dir = personas_dir if personas_dir is not None else data_dir / "personas"
    if unseen_dir.is_dir():
        report = load_personas([unseen_dir])
        if report.errors:
            raise DataError("; ".join(str(e) for e in report.errors))
        unseen_ids = set(report.personas)
        personas.update(report.personas)
    interviews = []
    for path in sorted(data_dir.glob(pattern)):
        probe = load_interview(path)
        persona = personas.get(probe.persona_id)
        if persona is None:
            raise DataError(f"{path}: persona {probe.persona_id!r} is neither shipped nor in {unseen_dir}")
        interview = load_interview(path, {t.id for t in persona.topics})
        interview.unseen = interview.persona_id in unseen_ids
        interviews.append(interview)
    return interviews, personas


# Sentences and repeats ---------------------------------------------------------------------------
_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+|(?<=[。！？])")


def sentences(text: str) -> list[str]:
    """The normalised sentences of a reply: lower case, punctuation stripped, whitespace collapsed."""
    out = []
    for piece in _SENTENCE_END.split(text or ""):
        norm = "".join(
            "" if ch in "'\u2019" else " " if unicodedata.category(ch).startswith(("P", "S")) else ch
            for ch in piece.lower())
        norm = " ".join(norm.split())
        if norm:
            out.append(norm)
    return out


def count_repeats(replies: list[str]) -> int:
    """How many sentences repeat one the persona already said earlier in the interview."""
    seen: set[str] = set()
    repeats = 0
    for reply in replies:
        for s in sentences(reply):
            if s in seen:
                repeats += 1
            seen.add(s)
    return repeats


# Scoring one reply ---------------------------------------------------------------------------------
@dataclass
class Outcome:
    question: Question
    topic: str | None
    layer: str | None
    move: str | None
    text: str
    ms: float

    @property
    def kind(self) -> str:
        if self.question.expect == "any":
            return "any"
        return "abstain" if self.question.expect == "abstain" else "topic"

    @property
    def ok(self) -> bool:
        if self.kind == "any":
            return True
        if self.kind == "abstain":
            return self.move in ABSTAIN_MOVES and self.topic is None
        return self.topic in self.question.expect

    @property
    def dont_know(self) -> bool:
        return self.kind == "topic" and self.move in DONT_KNOW_MOVES


@dataclass
class Result:
    persona_id: str
    unseen: bool
    outcomes: list[Outcome] = field(default_factory=list)
    repeats: int = 0
    good: float | None = None
    bad: float | None = None

    def rate(self, kinds: tuple[str, ...]) -> tuple[int, int]:
        scored = [o for o in self.outcomes if o.kind in kinds]
        return sum(o.ok for o in scored), len(scored)

    @property
    def dont_know(self) -> tuple[int, int]:
        scored = [o for o in self.outcomes if o.kind == "topic"]
        return sum(o.dont_know for o in scored), len(scored)

    @property
    def repeats_per_30(self) -> float:
        return 30.0 * self.repeats / max(1, len(self.outcomes))


def run_interview(engine, persona, interview: Interview, seed: int = 1) -> Result:
    session = engine.start(persona, seed=seed)
    result = Result(persona.id, interview.unseen)
    for q in interview.questions:
        start = time.perf_counter()
        _, reply = session.ask(q.text)
        ms = (time.perf_counter() - start) * 1000
        result.outcomes.append(Outcome(q, reply.topic, reply.layer, reply.move, reply.text, ms))
    result.repeats = count_repeats([o.text for o in result.outcomes])
    return result


def _title(persona, topic) -> str:
    from simulator.textutil import language_of

    title = topic.title
    if language_of(persona.language) in {"en", "nl"} and title[:2] != title[:2].upper():
        title = title[0].lower() + title[1:]
    return title


def technique_scripts(persona) -> tuple[list[str | None], list[str | None]]:
    """(good, bad): the same topics, asked well and asked badly, in the persona's language."""
    from simulator.textutil import language_of

    lang = language_of(persona.language)
    lang = lang if lang in FOLLOW_UP else "en"
    good: list[str | None] = []
    bad: list[str | None] = []
    for topic in persona.topics:
        title = _title(persona, topic)
        good += [topic.examples[0], FOLLOW_UP[lang], None]
        # A closed question: English personas' last example is often a bare phrase, so one is built from the
        # title (as `personas check` does); other languages' last example is a closed question by convention.
        closed = f"Is {title} important to you?" if lang == "en" else topic.examples[-1]
        bad += [LEADING[lang].format(title=title), closed, PITCH[lang].format(title=title)]
    return good, bad


def uncovered(engine, persona, script: list[str | None], seed: int = 1) -> float:
    session = engine.start(persona, seed=seed)
    for line in script:
        session.ask(line)
    return session.insights_found / max(1, session.insights_total)


# Report ----------------------------------------------------------------------------------------------
def _pct(part: int, whole: int) -> str:
    return f"{100.0 * part / whole:5.1f}%" if whole else "   - "


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[int(q * (len(ordered) - 1))] if ordered else 0.0


def summarise(results: list[Result]) -> dict:
    def block(rs: list[Result]) -> dict:
        on, on_n = map(sum, zip(*[r.rate(("topic", "abstain")) for r in rs])) if rs else (0, 0)
        ab, ab_n = map(sum, zip(*[r.rate(("abstain",)) for r in rs])) if rs else (0, 0)
        dk, dk_n = map(sum, zip(*[r.dont_know for r in rs])) if rs else (0, 0)
        turns = sum(len(r.outcomes) for r in rs)
        repeats = sum(r.repeats for r in rs)
        goods = [r.good for r in rs if r.good is not None]
        bads = [r.bad for r in rs if r.bad is not None]
        ms = [o.ms for r in rs for o in r.outcomes]
        return {
            "questions": turns,
            "on_topic": on / on_n if on_n else None, "on_topic_n": on_n,
            "dont_know_where_known": dk / dk_n if dk_n else None,
            "repeats": repeats, "repeats_per_30": 30.0 * repeats / turns if turns else None,
            "abstain_correct": ab / ab_n if ab_n else None, "abstain_n": ab_n,
            "good_uncovered": statistics.mean(goods) if goods else None,
            "bad_uncovered": statistics.mean(bads) if bads else None,
            "p50_ms": statistics.median(ms) if ms else None, "p95_ms": _percentile(ms, 0.95) if ms else None,
        }

    by_persona: dict[str, list[Result]] = {}
    for r in results:  # a folder may hold several interviews with one persona: its row counts them all
        by_persona.setdefault(r.persona_id, []).append(r)
    return {
        "personas": {pid: {**block(rs), "unseen": rs[0].unseen} for pid, rs in by_persona.items()},
        "shipped": block([r for r in results if not r.unseen]),
        "unseen": block([r for r in results if r.unseen]),
        "overall": block(results),
    }


def _fmt(row: dict) -> str:
    def pct(v):
        return f"{100 * v:5.1f}%" if v is not None else "    - "

    def num(v, f="{:4.1f}"):
        return f.format(v) if v is not None else "   -"

    return (f"{pct(row['on_topic'])} {pct(row['dont_know_where_known'])} {num(row['repeats_per_30'])}      "
            f"{pct(row['abstain_correct'])} {pct(row['good_uncovered'])} {pct(row['bad_uncovered'])} "
            f"{num(row['p50_ms'], '{:6.1f}')} {num(row['p95_ms'], '{:6.1f}')}")


def print_report(summary: dict, results: list[Result], verbose: bool) -> None:
    header = (f"{'persona':<40}  {'n':>3}  on-top dontknw rep/30  abstain  good    bad    p50ms  p95ms")
    print(header)
    print("-" * len(header))
    for pid, row in summary["personas"].items():  # one row per persona, all its interviews together
        name = pid + (" (unseen)" if row["unseen"] else "")
        print(f"{name:<40}  {row['questions']:>3}  {_fmt(row)}")
    print("-" * len(header))
    for key in ("shipped", "unseen", "overall"):
        row = summary[key]
        if row["questions"]:
            print(f"{key.upper():<40}  {row['questions']:>3}  {_fmt(row)}")
    print("targets: on-topic >= 92%, don't-know-where-known <= 3%, repeats <= 0.5 per 30 turns, "
          "good >= 80%, bad <= 10%, p95 <= 50 ms (timings noisy on a shared machine)")
    if verbose:
        for r in results:
            misses = [(i, o) for i, o in enumerate(r.outcomes) if not o.ok or o.dont_know]
            if not misses:
                continue
            print(f"\n== {r.persona_id}: {len(misses)} miss(es)")
            for i, o in misses:
                q = o.question.text if o.question.text is not None else SILENCE
                want = o.question.expect if isinstance(o.question.expect, str) else "|".join(o.question.expect)
                tag = "DONT-KNOW" if o.dont_know else "MISS"
                print(f"  {i:>2} {tag:<9} {q!r}\n       want {want}; got topic={o.topic} layer={o.layer} "
                      f"move={o.move}: {o.text!r}")
        for r in results:
            said: set[str] = set()
            for i, o in enumerate(r.outcomes):
                for s in sentences(o.text):
                    if s in said:
                        print(f"  REPEAT {r.persona_id} turn {i}: {s!r}")
                    said.add(s)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--persona", default=None, help="only this persona id")
    parser.add_argument("--language", default=None, help="only personas in this language (en, nl, ko, zh)")
    parser.add_argument("--data", type=Path, default=DATA, help="folder of interview files")
    parser.add_argument("--personas", type=Path, default=None,
                        help="folder of persona files that do not ship (default: DATA/personas)")
    parser.add_argument("--glob", default="*.yaml", help="which interview files in --data (e.g. '*_r4.yaml')")
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss and repeat")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--no-technique", action="store_true", help="skip the good/bad technique scripts")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--typed", action="store_true",
                        help="the English interviews' questions as a fast typist sends them in a chat box (lower case, "
                             "no apostrophes, 'u', 'ur', 'tbh', a slip of the fingers in three turns of ten: "
                             "benchmarks/typed_chat.py); the other languages' interviews are left out")
    args = parser.parse_args(argv)

    from simulator.engine import Engine
    from simulator.textutil import language_of

    try:
        interviews, personas = load_all(args.data, args.personas, args.glob)
    except DataError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    if args.persona:
        interviews = [i for i in interviews if i.persona_id == args.persona]
    if args.language:
        interviews = [i for i in interviews
                      if language_of(personas[i.persona_id].language) == language_of(args.language)]
    if args.typed:
        from benchmarks.typed_chat import typed

        interviews = [i for i in interviews if language_of(personas[i.persona_id].language) == "en"]
        for interview in interviews:
            for n, question in enumerate(interview.questions):
                if question.text:
                    question.text = typed(question.text, seed=n)
    if not interviews:
        print("error: no interview matches", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    engine = Engine()
    for interview in interviews:
        engine.prepare(personas[interview.persona_id])
    print(f"models and indexes ready in {time.perf_counter() - t0:.1f} s", file=sys.stderr)

    results: list[Result] = []
    for interview in interviews:
        persona = personas[interview.persona_id]
        result = run_interview(engine, persona, interview, seed=args.seed)
        if not args.no_technique:
            good, bad = technique_scripts(persona)
            result.good = uncovered(engine, persona, good, seed=args.seed)
            result.bad = uncovered(engine, persona, bad, seed=args.seed)
        results.append(result)

    summary = summarise(results)
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print_report(summary, results, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
