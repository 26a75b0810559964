""""Are you a real person?" in the words trainees use, in four languages, is the trainee breaking the frame (the persona
answers in character); a question about who she dealt with ("Did you talk to a real person or a chatbot?") or a job
("Are you a computer programmer?") is not."""

import pytest

from simulator.policy import is_break_attempt


@pytest.mark.parametrize("turn", [
    "Just checking, am I talking to a real person, or is this one of those computer programmes?",
    "Is there an actual human on the other end?",
    "Be honest, am I speaking to a machine?",
    "Are you one of those computer programs?",
    "Sorry, weird question, but is this a person or a program?",
    "说实话…我现在是在跟真人聊吗？还是AI？",
    "您是真人吗？",
    "이거 AI랑 얘기하는 거예요?",
    "Praat ik nou met een computer of met een mens?",
    "Hoe weet ik dat je geen robot bent?",
    # Fillers and hedges between "you are" and what she is said to be, and the interviewer's own side of the talk.
    "I'm talking to an actual human here, right?",
    "Sorry, odd one, my manager makes us ask: I am speaking to a real person, aren't I?",
    "Just to confirm, this isn't an automated system?",
    "you're definitely, like, a real person, yeah?",
    "jij bent toch gewoon een echt mens, geen computerprogramma?",
    "Ik praat toch gewoon met een mens?",
    "혹시 사람이 맞으신 거죠? 요즘 AI가 많아서요.",
    "혹시 지금 얘기하고 있는 분, 실제 사람 맞으시죠? 요즘 설문에 자동 응답이 섞여서요.",
])
def test_asking_whether_the_persona_is_a_machine(turn):
    assert is_break_attempt(turn)


@pytest.mark.parametrize("turn", [
    "Did you talk to a real person or a chatbot at the bank?",
    "Did you get through to a human or a bot?",
    "Are you a computer programmer?",
    "Do you use a robot vacuum?",
    "Are you a people person?",
    "你跟真人客服聊过吗？",
    "Are you using any AI for your invoicing?",
    "Is this the automated reminder you mentioned?",
    "You're not a computer person, are you?",
    "I am a human being too, you know, I get it.",
    "Was it a real person you spoke to?",
    "그 사람이 맞아요?",
    "그때 상담해 준 사람 맞아요?",
])
def test_questions_about_her_life_are_not_frame_breaks(turn):
    assert not is_break_attempt(turn)
