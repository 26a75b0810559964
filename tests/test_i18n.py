"""The interface in Dutch, Korean and Chinese: the catalogue is complete and well-formed, the pages' text goes
through it, every page renders in every language without English interface text, and the exports follow."""

from __future__ import annotations

import ast
import importlib.util
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from streamlit.testing.v1 import AppTest

from app_pages.persistence import MemoryStore
from simulator import export
from simulator import i18n as core
from simulator.embeddings import HashingEmbedder
from simulator.engine import Engine
from simulator.transcript import Transcript
from tests.test_app_pages import CoachingClassifier, plain

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "streamlit_app.py")
KOREAN_PERSONA = ROOT / "personas" / "jiwoo-bank-ko.yaml"
TEST_PERSONA = Path(__file__).parent / "data" / "test-persona.yaml"
# The first interview of a process loads the NLP models (tens of seconds on a busy machine).
TIMEOUT = 180
LANGS = ("nl", "ko", "zh")


def _tool():
    spec = importlib.util.spec_from_file_location("i18n_tool", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ------------------------------------------------------------------------------------------------
# The catalogue
# ------------------------------------------------------------------------------------------------


def test_every_message_is_translated_in_every_language():
    tool = _tool()
    missing = tool.problems()
    assert not missing, "untranslated (run `python scripts/i18n.py extract`, then translate): " + "; ".join(
        f"{loc}: {ids[:5]}" for loc, ids in missing.items())


def test_template_matches_the_source():
    """locales/messages.pot is what the source holds now: nothing added to a page without extracting it."""
    tool = _tool()
    with (ROOT / "locales" / "messages.pot").open("rb") as f:
        pot = {m.id for m in read_po(f) if m.id}
    assert pot == {m.id for m in tool.template() if m.id}


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w*)\}", text))


@pytest.mark.parametrize("locale", ["nl", "ko", "zh_Hans"])
def test_translations_keep_placeholders_and_markup(locale):
    with (ROOT / "locales" / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=locale)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set().union(*(_placeholders(i) for i in ids))
        for s in strings:
            # A singular without {n} is fine in Dutch ("Je laatste beurt …"); nothing may appear that is not there.
            assert _placeholders(s) <= wanted, (locale, message.id, s)
            if "{n}" not in ids[0] and len(ids) == 1:
                assert _placeholders(s) == wanted, (locale, message.id, s)
            assert s.count("**") == ids[0].count("**"), (locale, message.id, s)
            assert s.count("`") == ids[0].count("`"), (locale, message.id, s)


def test_catalogue_compiles_on_first_use_and_again_when_edited(tmp_path, monkeypatch):
    """A fresh clone has only .po files: they are compiled into the cache, and again when a .po changes."""
    monkeypatch.setenv("INTERVIEW_SIM_CACHE", str(tmp_path / "cache"))
    core.reload()
    try:
        assert core.gettext("Stay silent", "ko") == "침묵하기"
        assert core.gettext("Stay silent", "zh-Hans-CN") == "保持沉默"
        assert core.gettext("Stay silent", "nl_BE") == "Stil blijven"
        assert core.gettext("Stay silent", "fr") == "Stay silent"  # no French interface: English
        compiled = list((tmp_path / "cache").rglob("*.mo"))
        assert {p.name for p in compiled} >= {"ko-messages.mo", "zh_Hans-messages.mo", "nl-messages.mo"}
        assert core.ngettext("{n} turn", "{n} turns", 3, "nl") == "{n} beurten"
        assert core.ngettext("{n} turn", "{n} turns", 1, "nl") == "{n} beurt"
    finally:
        core.reload()


def test_numbers_and_dates_follow_the_language():
    assert core.fmt_decimal(2.5, "nl", 1) == "2,5"
    assert core.fmt_decimal(2.5, "en", 1) == "2.5"
    assert core.fmt_number(4000, "nl") == "4.000"
    assert core.fmt_percent(0.42, "ko") == "42%"
    ts = 1_790_000_000  # 2026-09-21
    assert "2026年" in core.fmt_datetime(ts, "zh")
    assert "sep" in core.fmt_datetime(ts, "nl")
    assert "9월" in core.fmt_day(ts, "ko")


# ------------------------------------------------------------------------------------------------
# The pages' text goes through the catalogue
# ------------------------------------------------------------------------------------------------

# Pages whose interface text is in the catalogue. The rest still show English (see docs/i18n-notes.md).
TRANSLATED = ["streamlit_app.py", "app_pages/common.py", "app_pages/gallery.py", "app_pages/interview.py",
              "app_pages/report.py", "app_pages/scoring_guide.py", "app_pages/i18n.py", "app_pages/practice.py",
              "app_pages/import_transcript.py", "app_pages/import_identity.py", "app_pages/coach_common.py",
              "app_pages/coach_signin.py", "app_pages/signin.py", "app_pages/accounts.py", "app_pages/coach_auth.py",
              "app_pages/coach_sessions.py", "app_pages/coach_session.py", "app_pages/coach_agreement.py",
              "app_pages/coach_progress.py", "app_pages/coach_team.py", "app_pages/drills.py", "app_pages/guide.py",
              "app_pages/branch.py"]
SHOWN = {"title", "header", "subheader", "write", "markdown", "caption", "info", "warning", "error", "success",
         "toast", "button", "download_button", "page_link", "text_input", "text_area", "selectbox", "pills",
         "toggle", "checkbox", "radio", "metric", "expander", "spinner", "chat_input", "badge", "Page", "tabs",
         "progress", "file_uploader", "number_input", "multiselect", "segmented_control", "form_submit_button"}
SHOWN_KEYWORDS = {"label", "help", "placeholder", "title", "text", "caption"}
# Not words: icons, symbols, format names and file names.
NOT_WORDS = re.compile(r"^(:material/\w+:|[\W\d_]*|Markdown|JSON|CSV|HTML)$")


def _literal_text(node: ast.AST) -> str | None:
    """The English text of a string literal or f-string (its constant parts), else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        parts = [_literal_text(node.left), _literal_text(node.right)]
        return "".join(p for p in parts if p)
    return None


def _words(text: str) -> bool:
    text = re.sub(r":material/\w+:|:[a-z]+-badge\[|:[a-z]+\[|\{[^}]*\}|\*|#|\[|\]|\(#[\w-]+\)", " ", text)
    return bool(re.search(r"[A-Za-z]{2,}", text)) and not NOT_WORDS.match(text.strip())


def untranslated_literals(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
        if name not in SHOWN:
            continue
        owner = node.func.value if isinstance(node.func, ast.Attribute) else None
        if isinstance(owner, ast.Name) and owner.id in {"log", "logger", "logging"}:
            continue  # the server log is for whoever runs the app, in English
        candidates = node.args[:1] + [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        for arg in candidates:
            text = _literal_text(arg)
            if text is not None and _words(text):
                found.append(f"{path.name}:{node.lineno}: {text[:70]!r}")
    return found


def gettext_inside_fstrings(path: Path) -> list[str]:
    """_() calls inside an f-string's braces: the extractor cannot see them, so they would never be translated."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue):
            for inner in ast.walk(node.value):
                if isinstance(inner, ast.Call) and getattr(inner.func, "id", None) in {"_", "N_"}:
                    found.append(f"{path.name}:{inner.lineno}")
    return found


@pytest.mark.parametrize("rel", TRANSLATED + ["simulator/export.py"])
def test_no_gettext_inside_fstrings(rel):
    assert gettext_inside_fstrings(ROOT / rel) == []


@pytest.mark.parametrize("rel", TRANSLATED)
def test_page_text_goes_through_the_catalogue(rel):
    """Text handed to a Streamlit element as a plain literal would stay English: it must be wrapped in _()."""
    assert untranslated_literals(ROOT / rel) == []


def test_the_scan_finds_a_plain_literal(tmp_path):
    page = tmp_path / "page.py"
    page.write_text('import streamlit as st\nst.button("End interview")\nst.button(_("Stay silent"))\n'
                    'st.caption(f"Insights found: {n}")\nst.badge(":material/flag:")\n')
    found = untranslated_literals(page)
    assert len(found) == 2 and "End interview" in found[0] and "Insights found" in found[1]


# ------------------------------------------------------------------------------------------------
# Every page, in every language
# ------------------------------------------------------------------------------------------------


def _english_phrases() -> set[str]:
    """The catalogue's English texts of two words or more, which must not show on a translated page."""
    with (ROOT / "locales" / "messages.pot").open("rb") as f:
        out = set()
        for message in read_po(f):
            for text in (message.id if isinstance(message.id, tuple) else (message.id,)):
                if not text:
                    continue
                for part in re.split(r"\{\w*\}|\n|\*\*", text):
                    part = part.strip(" .:,;()…—-")
                    if len(part.split()) >= 2 and re.search(r"[a-z]{3}", part):
                        out.add(part)
    return out


ENGLISH = _english_phrases()


def screen_text(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [t.value for t in at.text] + [c.value for c in at.caption]
    parts += [a.value for kind in ("info", "warning", "error", "success") for a in getattr(at, kind)]
    parts += [t.value for t in at.title] + [s.value for s in at.subheader]
    parts += [b.label for b in at.button] + [e.label for e in at.expander]
    parts += [str(getattr(w, "label", "")) for w in list(at.toggle) + list(at.text_input) + list(at.selectbox)]
    parts += [str(getattr(w, "help", "") or "") for w in list(at.toggle) + list(at.text_input) + list(at.button)]
    parts += [str(getattr(m, "label", "")) for m in at.metric]
    return plain("\n".join(parts))


def english_on(at: AppTest) -> list[str]:
    text = screen_text(at)
    return sorted(p for p in ENGLISH if p in text)


@pytest.fixture(scope="module")
def engine():
    return Engine(embedder=HashingEmbedder(), classifier=CoachingClassifier())


@pytest.fixture
def personas(tmp_path, monkeypatch):
    folder = tmp_path / "personas"
    folder.mkdir()
    shutil.copy(KOREAN_PERSONA, folder / KOREAN_PERSONA.name)
    monkeypatch.setenv("INTERVIEW_SIM_PERSONAS", str(folder))
    return folder


def _app(engine, lang: str, page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["engine"] = engine
    at.session_state["store"] = MemoryStore()
    at.query_params["lang"] = lang
    if page:
        at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", LANGS)
def test_every_practice_page_renders_without_english(engine, personas, lang):
    """Gallery -> interview (a question, a silence) -> report, then How scoring works: no interface English."""
    at = _app(engine, lang)
    assert english_on(at) == [], "gallery"
    at.text_input(key="trainee_name_input").set_value("Ana").run()
    at.button(key="start-jiwoo-bank-ko").click().run()
    assert not at.exception
    at.chat_input(key="chat").set_value("최근에 월급 통장을 옮기셨을 때 이야기를 해 주시겠어요?").run()
    at.button(key="silent").click().run()
    assert not at.exception
    assert english_on(at) == [], "interview"
    at.button(key="end").click().run()
    assert not at.exception
    assert at.title[0].value == core.gettext("Interview report", lang)
    assert english_on(at) == [], "report"
    md_download = export.to_markdown(at.session_state["live"].session.transcript if "live" in at.session_state
                                     else _stored(at), {}, language=lang)
    assert core.gettext("Transcript", lang) in md_download

    at.switch_page("app_pages/scoring_guide.py").run()
    assert not at.exception
    assert at.title[0].value == core.gettext("How scoring works", lang)
    assert english_on(at) == [], "how scoring works"


# A Korean interview pasted as text: its words are the interviewee's, so no English comes from the content.
KOREAN_PASTE = "\n".join([
    "지수: 요즘 월급 통장은 어떻게 관리하고 계세요?",
    "민호: 얼마 전에 다른 은행으로 옮겼어요.",
    "지수: 옮기게 된 계기를 말씀해 주시겠어요?",
    "민호: 앱이 자꾸 멈춰서 답답했거든요.",
    "지수: 답답하셨군요.",
    "민호: 네, 특히 월말에요.",
])


@pytest.mark.parametrize("lang", LANGS)
def test_score_a_transcript_renders_without_english(engine, lang):
    """Paste -> who spoke -> score -> turn by turn and save: no interface English, and translated table columns."""
    at = _app(engine, lang)
    at.switch_page("app_pages/import_transcript.py").run()
    assert at.title[0].value == core.gettext("Score a transcript", lang)
    at.radio(key="import_source").set_value(core.gettext("Paste the text", lang)).run()  # options as shown
    at.text_area(key="import_paste").set_value(KOREAN_PASTE).run()
    assert not at.exception, at.exception
    assert english_on(at) == [], "preview"
    assert "Speaker" not in at.table[0].value.columns and core.gettext("Role", lang) in at.table[0].value.columns
    at.button(key="import_score").click().run()
    assert not at.exception, at.exception
    assert english_on(at) == [], "scored"
    assert at.button(key="import_save").label == core.gettext("Save as a session", lang)


def _stored(at: AppTest) -> Transcript:
    store = at.session_state["store"]
    return store.load(at.session_state["sid"], trainee="Ana")


def test_the_picker_switches_the_interface_and_keeps_it_in_the_url(engine, personas):
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.session_state["engine"] = engine
    at.session_state["store"] = MemoryStore()
    at.run()
    assert at.title[0].value == "Practise a customer interview"  # no browser language in tests: English
    at.selectbox(key="ui_language_picker").set_value("nl").run()
    assert at.title[0].value == "Oefen een klantinterview"
    assert at.query_params["lang"] in ("nl", ["nl"])
    at.text_input(key="trainee_name_input").set_value("Ana").run()
    params = {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}
    assert params == {"lang": "nl", "trainee": "Ana"}
    # Korean from a shared link.
    at.query_params["lang"] = "ko"
    at.run()
    assert at.title[0].value == "고객 인터뷰 연습하기"


def test_the_coaching_keeps_the_personas_language(engine, tmp_path, monkeypatch):
    """A Dutch interface over an English persona: the page is Dutch, the coaching under the turn stays English."""
    folder = tmp_path / "personas"
    folder.mkdir()
    shutil.copy(TEST_PERSONA, folder / "test-persona.yaml")
    monkeypatch.setenv("INTERVIEW_SIM_PERSONAS", str(folder))
    at = _app(engine, "nl")
    at.text_input(key="trainee_name_input").set_value("Ana").run()
    at.button(key="start-test-persona").click().run()
    at.chat_input(key="chat").set_value("Tell me about the last delivery you got.").run()
    assert not at.exception
    body = screen_text(at)
    assert "Interview met Tess Tester" in body and "Stil blijven" in body
    assert "✓ Open question" in body  # the scorer speaks the persona's language


# ------------------------------------------------------------------------------------------------
# Exports
# ------------------------------------------------------------------------------------------------


def _transcript() -> Transcript:
    return Transcript.from_dict({
        "persona_id": "jiwoo-bank-ko", "persona_name": "Jiwoo", "trainee": "Ana", "language": "ko",
        "started_at": 1_790_000_000.0, "ended_at": 1_790_000_600.0,
        "turns": [
            {"index": 0, "speaker": "persona", "text": "안녕하세요."},
            {"index": 1, "speaker": "trainee", "text": "요즘 어떠세요?", "label": "open", "confidence": 0.9},
        ],
    })


def test_exports_for_people_follow_the_language_and_json_keeps_its_keys():
    transcript = _transcript()
    metrics = {"score": 61.5, "open_share": 0.5, "label_counts": {"open": 1}}
    markdown = export.to_markdown(transcript, metrics, language="nl")
    assert markdown.startswith("# Interview met Jiwoo")
    assert "**Score:** 61,5" in markdown and "Open vraag" in markdown and "## Transcript" in markdown
    korean = export.to_html(transcript, metrics, language="ko")
    assert "Jiwoo 님과의 인터뷰" in korean and 'lang="ko"' in korean and "대화 기록" in korean
    header = export.to_csv(transcript, metrics, language="zh").splitlines()[0]
    assert header.startswith("轮次,说话人,姓名")
    assert export.to_csv(transcript, metrics).splitlines()[0].startswith("turn,speaker,name")
    assert export.to_json(transcript, metrics) == export.export("json", transcript, metrics, language="ko")
    assert export.to_markdown(transcript, metrics) == export.export("md", transcript, metrics)


def test_store_failures_are_explained_in_the_interface_language():
    from app_pages.persistence import friendly
    from simulator.store import StoreUnavailable, TurnConflict

    assert friendly(StoreUnavailable("full"), "nl").startswith("De schijf met de database is vol.")
    assert "데이터베이스 서버가 응답하지 않아요." in friendly(StoreUnavailable("away"), "ko")
    assert friendly(TurnConflict("x"), "zh") == "这次访谈已在另一个标签页或窗口中继续。"
    assert friendly(StoreUnavailable("busy"), "en").startswith(StoreUnavailable.PLAIN["busy"])


# A paste the importer cannot use (one speaker) and one it imports with warnings (a line before the first name,
# a line without its timestamp, start times only): both explained in the interface language.
ONE_SPEAKER_PASTE = "민호: 앱이 자꾸 멈춰서 답답했거든요.\n민호: 네, 특히 월말에요."
WARNED_PASTE = ("그냥 메모\n[00:00:01] 지수: 옮기게 된 계기를 말씀해 주시겠어요?\n민호: 앱이 자꾸 멈춰서 답답했거든요.\n"
                "[00:00:09] 지수: 답답하셨군요.\n[00:00:12] 민호: 네, 특히 월말에요.\n")


@pytest.mark.parametrize("lang", LANGS)
def test_importer_problems_and_warnings_follow_the_interface_language(engine, lang):
    at = _app(engine, lang)
    at.switch_page("app_pages/import_transcript.py").run()
    at.radio(key="import_source").set_value(core.gettext("Paste the text", lang)).run()
    at.text_area(key="import_paste").set_value(ONE_SPEAKER_PASTE).run()
    assert not at.exception, at.exception
    shown = " ".join(e.value for e in at.error)
    assert "'민호'" in shown and "only one speaker" not in shown
    assert english_on(at) == [], "problem"
    at.text_area(key="import_paste").set_value(WARNED_PASTE).run()
    at.button(key="import_score").click().run()
    assert not at.exception, at.exception
    warned = " ".join(w.value for w in at.warning).replace("\u2060", "").replace("\\", "")
    assert "그냥 메모" in warned and "was skipped" not in warned and "no timestamp" not in warned
    assert english_on(at) == [], "warnings"


def test_domain_text_is_english_and_localizes_later():
    import copy
    import pickle

    from simulator.importing import ImportProblem, parse_transcript_text

    with pytest.raises(ImportProblem) as caught:
        parse_transcript_text(b"   \n", "auto", name="talk.vtt")
    problem = caught.value
    assert str(problem) == ("talk.vtt: the file is empty. Download the transcript again from the meeting tool; it "
                            "should have the words.")
    assert problem.localized("ko").startswith("talk.vtt: 파일이 비어 있습니다.")
    assert problem.localized("zh").startswith("talk.vtt：文件是空的。")
    result = parse_transcript_text(WARNED_PASTE.encode(), "auto", name="talk.txt")
    assert result.warnings and all(isinstance(w, core.Text) for w in result.warnings)
    for warning in result.warnings:
        dutch = core.localize(warning, "nl")
        assert dutch != str(warning) and dutch.startswith("talk.txt")
        assert copy.deepcopy(warning).localized("nl") == dutch == pickle.loads(pickle.dumps(warning)).localized("nl")
    turns = core.Text(*core.Nn_("{n} turn", "{n} turns"), 2, n=2)
    assert str(turns) == "2 turns" and str(core.Text(*core.Nn_("{n} turn", "{n} turns"), 1, n=1)) == "1 turn"


def test_a_translation_that_lost_a_placeholder_shows_the_english(monkeypatch):
    text = core.Text(core.N_("{file}: the file is empty."), file="a.vtt")
    monkeypatch.setattr(core, "gettext", lambda message, language: "{bestand}: leeg.")
    assert text.localized("nl") == "a.vtt: the file is empty."


def test_guide_and_drill_messages_follow_the_interface_language():
    from scoring.drills import DrillItem, grade_attempt
    from scoring.guide import GuideError, parse_guide

    with pytest.raises(GuideError) as caught:
        parse_guide("# Only a heading\n", source="guide.md")
    message = caught.value.args[0]
    assert str(message).startswith("guide.md: no questions found")
    assert core.localize(message, "ko").startswith("guide.md: 질문을 찾지 못했어요")
    item = DrillItem(id="x", text="Do you like it?", label="closed", flags=[], source="bank")
    with pytest.raises(ValueError) as caught:
        grade_attempt(item, "x" * 5000, classifier=None)
    assert core.localize(caught.value.args[0], "nl").startswith("je versie is 5000 tekens")
