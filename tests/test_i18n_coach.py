"""The coach's pages in Dutch, Korean and Chinese: sign-in, the session list, one session's review, agreement,
progress and the team overview render without English interface text; charts carry translated axes and the
language's month names; ``?lang=`` stays in the address from page to page."""

from __future__ import annotations

import json
import time

import pytest
from streamlit.testing.v1 import AppTest

from app_pages import coach_common, common
from simulator import i18n as core
from simulator.store import Store
from simulator.transcript import PERSONA, TRAINEE, Transcript, Turn
from tests.test_app_coach import COACH, PASSCODE, app, coach_env, store  # noqa: F401 - fixtures
from tests.test_i18n import LANGS, english_on

DAY = 86400.0


def _korean_session(store: Store, trainee: str, *, days_ago: float, score: float | None) -> str:
    """A Korean practice interview: its words and the scorer's coaching are Korean, so none of it reads as
    English on the page."""
    transcript = Transcript(
        persona_id="jiwoo-bank-ko", persona_name="지우", language="ko", started_at=time.time() - days_ago * DAY,
        insight_catalog=[{"id": "app", "finding": "앱이 자주 멈춰서 은행을 옮겼다"}],
    )
    transcript.add(Turn(speaker=PERSONA, text="안녕하세요."))
    transcript.add(Turn(speaker=TRAINEE, text="월급 통장을 옮기신 이야기를 해 주시겠어요?", label="open", confidence=0.9,
                        reason="상대가 자기 말로 이야기하게 해요."))
    transcript.add(Turn(speaker=PERSONA, text="앱이 자꾸 멈춰서요.", insights=["app"]))
    transcript.add(Turn(speaker=TRAINEE, text="불편하셨죠?", label="leading", reason="기대하는 답을 암시해요."))
    transcript.add(Turn(speaker=PERSONA, text="네, 좀요."))
    sid = store.start_session(trainee, transcript)
    if score is not None:
        store.finish_session(sid, {"score": score, "open_share": 0.5})
    return sid


def _params(at: AppTest) -> dict:
    return {k: (v[0] if isinstance(v, list) else v) for k, v in at.query_params.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_every_coach_page_renders_without_english(app, store, lang):  # noqa: F811 - fixtures
    first = _korean_session(store, "민지", days_ago=8, score=60)
    _korean_session(store, "민지", days_ago=1, score=75)
    store.annotate(first, 1, "Sam", confirm=True)
    store.annotate(first, 3, "Sam", label="closed", comment="닫힌 질문에 가까워요.")
    store.comment_session(first, "Sam", "좋은 시작이에요.")
    at = app(store)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(common.COACH_SIGNIN).run()
    assert not at.exception, at.exception
    assert at.title[0].value == core.gettext("Coach sign-in", lang)
    assert english_on(at) == [], "sign-in"
    at.text_input(key="coach_name").set_value(COACH)
    at.text_input(key="coach_passcode").set_value(PASSCODE)
    at.button(key="coach_sign_in").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == core.gettext("Sessions", lang)
    assert english_on(at) == [], "sessions"
    assert _params(at).get("lang") == lang  # the language stays in the address on the coach pages

    at.query_params["session"] = first
    at.switch_page(common.COACH_SESSION).run()
    assert not at.exception, at.exception
    assert english_on(at) == [], "session review"
    assert _params(at).get("lang") == lang

    for page, title in ((common.COACH_AGREEMENT, "Coach–scorer agreement"), (common.COACH_PROGRESS, "Progress"),
                        (common.COACH_TEAM, "Team overview")):
        at.query_params.clear()
        at.switch_page(page).run()
        assert not at.exception, at.exception
        assert at.title[0].value == core.gettext(title, lang)
        assert english_on(at) == [], page
        assert _params(at).get("lang") == lang, page
        for chart in at.get("vega_lite_chart"):
            spec = json.loads(chart.proto.spec)
            assert spec["config"]["locale"]["time"]["shortMonths"][0] != "Jan", page
            titles = json.dumps(spec, ensure_ascii=False)
            for english in ("Date", "Week starting", "Coach's label", "Times across the team"):
                assert json.dumps({"title": english}, ensure_ascii=False)[1:-1] not in titles, (page, english)


def test_charts_stay_in_vegas_english_for_english():
    assert coach_common.vega_locale("en") is None
    nl = coach_common.vega_locale("nl")
    assert nl["time"]["months"][2] == "maart" and nl["number"]["decimal"] == ","
    assert coach_common.vega_locale("ko")["time"]["shortMonths"][11] == "12월"
