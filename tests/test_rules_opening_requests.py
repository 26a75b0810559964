"""The first request of an interview, as a coach reads it (the form rules alone): "could you introduce yourself" and
"maybe just tell me about…" are invitations to talk, not yes/no questions about an imagined future; a spoken
greeting that runs on into a request is labelled by the request, and thanks alone stay a statement."""

import pytest

from scoring import rules
from scoring.labels import Flag, Label


def analyse(text, previous=None):
    return rules.analyse(text, previous, "en")


@pytest.mark.parametrize("text", [
    "Could you introduce yourself a bit?",
    "Hey Hyejin, nice to meet you. Could you introduce yourself a bit?",
    "Maybe just tell me a bit about your week.",
    "Hi Harold, I'm Tom. Thanks for doing this. Maybe just tell me a bit about what you do.",
])
def test_a_polite_request_to_talk_is_open_and_not_hypothetical(text):
    form = analyse(text)
    assert form.top[0] == Label.OPEN
    assert Flag.HYPOTHETICAL not in {h.flag for h in form.flags}


@pytest.mark.parametrize("previous", [None, "Hiya, come in."])
@pytest.mark.parametrize("text", [
    "hi gwen uh yeah lovely to meet you um so maybe start by telling me about your business",
    "hey bea thanks so much for this so yeah first off just tell me a little about yourself",
    "hi dev um thanks for doing this so yeah first can you tell me a bit about your week",
])
def test_a_spoken_greeting_running_into_a_request_is_the_request(text, previous):
    assert analyse(text, previous).top[0] == Label.OPEN


@pytest.mark.parametrize("text", [
    "Hi Harold, thanks for coming.",
    "hi um thanks so much for your time today really appreciate it",
    "hello so yeah thanks for having me um really good to be here",
])
def test_thanks_and_hello_alone_stay_a_statement(text):
    assert analyse(text, "Hello, come in.").top[0] == Label.STATEMENT
