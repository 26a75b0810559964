"""Question forms in Korean (the interviewer speaks 존댓말: 해요체, 하십시오체 and the honorific -(으)시-).

The ending of the last predicate carries most of the form:

* closed: a question with no wh-word (…나요?, …세요?, …셨어요?, …습니까?); one fact (몇, 얼마나 자주, 언제, 어디,
  어느, 누가); a choice (…아니면…, A예요, B예요?). With 혹시, 뭐/무슨/어디/누구 mean "anything/any…":
  "혹시 뭐 불편한 점 있으셨어요?" is a yes/no question.
* open: requests (이야기해 주세요, 말씀해 주시겠어요?, 설명해 주실 수 있을까요?, 들려주세요, …는지 궁금해요
  after a wh-word), 어떻게, 왜, 어땠어요, 어떤 점, 그다음에는요?
* faux invitation: a request around a yes/no clause ("말씀해 주세요, 가격 때문에 해지하셨나요?", "앱을 매일
  쓰시는지 말씀해 주시겠어요?", "…하셨는지 안 하셨는지…").
* leading: -죠?/-지요?, -잖아요, -지 않아요?/-지 않나요?, -겠죠?, 그렇죠?, 혹시 … 아니에요?, 다들/대부분 …,
  presuppositions (왜 … 그렇게 어려운…, 얼마나 불편하셨어요? when they never said so).
* echo: their word with an echo ending (세 시간이요?, 불편했다고요?) — ``rules_i18n.echo_share``.
* reflection: -는 거네요, -(으)셨군요, -다는 말씀이시죠. (with a full stop), 그러니까…, 들어 보니…, 요약하면….
* a guess with -겠- or -나 봐요 ("많이 답답하셨겠어요") is leading unless its feeling is one they named (or of the
  same family), then a reflection ("속상하셨겠어요" after "속상했어요"); a summary that swaps their reason, ranks
  X보다 Y or gives a verdict word they never used is leading.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .labels import Flag, Label
from .rules import Cue, FlagHit, Form
from .rules_i18n import MEDIUM, STRONG, WEAK, Reader, core, ko_stem, overlap, read_turn
from .rules_i18n import split_sentences as _split

__all__ = ["analyse", "split_sentences", "is_question"]

LANG = "ko"
_rx = re.compile

_FILLER = _rx(r"^(?:(?:음+|어+|으음|그+(?=\s)(?!\s*(?:다음|뒤|후|때|날|동안|전|이후|당시|순간|사람|분|거|게|건))|아+(?=\s|,)|저+(?=\s|,)|그럼|그러면|근데|자|네+(?=\s|,)|예(?=\s|,)|아\s*네)[\s,.]+)+")
# (Between the story asked for and the request, a filler or an adverb or two: "얘기를 음 처음부터 좀 해 주실 수 있을까요".)
_REQUEST = (r"(?:(?:이야기|얘기|말씀|설명|소개|묘사|자랑)(?:을|를|도|은)?\s*(?:(?:음+|어+|좀|조금|다시|한\s*번|더|자세히|편하게|"
            r"처음부터|천천히|차근차근|쭉|간단히|솔직하게|그때|그날)\s*){0,4}"
            r"(?:해|들려)\s*(?:주세요|주시겠어요|주실\s*수\s*있을까요|주실\s*수\s*있(?:으세요|어요|나요|으신가요|습니까)|주실래요|주시겠습니까|주시면\s*좋겠|"
            r"줄\s*수\s*있|주셨으면|주시겠어요)|(?:들려|보여)\s*주(?:세요|시겠어요|실\s*수)|(?:설명|말씀)\s*부탁|"
            r"(?:이야기|얘기)\s*(?:나눠|해)\s*볼까요|떠올려\s*(?:보시겠어요|주세요|보세요))")
_REQUEST_RE = _rx(_REQUEST)
_BARE_REQUEST = _rx(r"^(?:좀\s*|조금\s*)?(?:더\s*)?(?:자세히\s*|편하게\s*|솔직하게\s*|솔직히\s*)?(?:말씀|이야기|얘기|설명)(?:을|를)?\s*"
                    r"(?:좀\s*)?해\s*(?:주세요|주시겠어요|주실래요|주실\s*수\s*있을까요|주시겠습니까)[?.]?$")
_TOPIC_CURIOUS = _rx(r"(?:(?:이|가|도|은|는)|(?:얘기|이야기|말씀)(?:을|를|도)?)\s*(?:좀\s*|많이\s*|더\s*|조금\s*|자세히\s*)*"
                    r"(?:궁금(?:해요|한데요|합니다|하네요|해서요|하거든요)|듣고\s*싶(?:어요|은데요|습니다))$")
_CURIOUS = _rx(r"(?:지|지가)\s*(?:궁금해요|궁금합니다|궁금하네요|궁금해서요|알고\s*싶어요|알고\s*싶습니다|듣고\s*싶어요)")
# "주 3회 넘게 가시는지 그거 좀 말씀해 주시겠어요": the clause picked up again with 그거/그것 before the request.
_EMBEDDED = _rx(r"[가-힣]*지\s*(?:(?:그거|그것|그걸|그건)\s*(?:좀\s*)?)?(?:말씀|이야기|얘기|설명|알려)")
_KNOW_WRAP = _rx(r"(?P<ev>지\s*(?:혹시\s*)?(?:기억(?:나|하)[가-힣]*|아세요|아시나요|아십니까|알고\s*계세요|알고\s*계신가요))$")
_WHETHER_NOT = _rx(r"지\s*(?:안\s*[가-힣]+지|아닌지|않는지|못\s*[가-힣]+지)")
_SHORT_OPEN = _rx(r"^(?:그\s*다음에?는?요|그다음에?는?요|그래서요|그리고요|그\s*뒤로는요|그\s*뒤에는요|그러고\s*나서요|또요|"
                  r"어떻게요|왜요|예를\s*들면요|예를\s*들어서요|그래서\s*어떻게\s*됐어요|그\s*다음엔요|그다음엔요|그래서\s*어떻게\s*하셨어요|"
                  r"예컨대요?|이를테면요?|어째서요|왜냐면요|그러니까요)$")

_WH_OPEN_STRONG = _rx(r"어떻게|왜|어땠|어떠(?:셨|세|신|했|하셨|십니까)|어떤\s*(?:점|부분|일|과정|의미|느낌|기분|생각|경험|이유|계기|"
                      r"변화|차이|마음|상황|식|방법)|무슨\s*(?:일|생각|의미|느낌|이유|계기|마음|얘기|이야기|말)|뭐(?:가|를)?\s*"
                      r"(?:달라|바뀌|제일|가장|좋|힘들|불편|어려|기억|생각|떠오르|중요)|뭐라고|뭘\s*하|뭐\s*하(?:세요|셨|시)|"
                      r"무엇(?:이|을|때문)|뭐\s*때문|어쩌다|어째서|"
                      # "그 영수증은 주로 어디에 쓰세요": what it is for, not a place
                      r"어디에\s*(?:쓰|사용하|써|필요하)")
# "제 계획이 뭐냐면 …": 뭐냐면 announces what the speaker will say; it asks nothing.
_WH_OPEN = _rx(r"어떤|무슨|뭐(?!냐면|냐\s*하면)|뭘|무엇|뭔지")
_WH_FACT = _rx(r"몇\s*(?:번|개|명|시|년|살|분|달|주|일|회|시간|층|호|군데|가지|차례|개월|주일|km|킬로|퍼센트)?|"
               r"얼마(?:나\s*(?:자주|오래|동안|걸리|되셨|되세요|됐|되|정도|쓰|내|드)|예요|에요|였|까지|정도|쯤|씩)?|언제|"
               r"어디|어느|누가|누구|(?:무슨|어떤)\s*(?:앱|은행|카드|브랜드|요일|색|메뉴|샴푸|서비스|상품|요금제|차|폰|회사|일\s*하)|"
               r"(?:성함|이름|나이|연세|연락처|직업|직함|번호|주소|요금|가격)(?:이|은|가)?\s*(?:어떻게\s*되|뭐|무엇)")
_INDEFINITE = _rx(r"뭔가|혹시.*(?:어디|누구|누가)|혹시.*(?:뭐|무슨)(?=.*(?:있|없|적\s))|"
                  # "정확히 무슨 일이 있었나요?": after 정확히/구체적으로/도대체 it asks what, not whether
                  r"(?<!정확히\s)(?<!도대체\s)(?<!구체적으로\s)(?<!자세히\s)(?:뭐|무슨)\s*\S*\s*(?:점|거|것|게|일|문제)\S*\s*(?:있|없)")
_Q_ENDING = _rx(r"(?:나요|까요|습니까|니까|신가요|인가요|던가요|가요|세요|셨어요|셨나요|셨습니까|었어요|았어요|했어요|였어요|"
                r"예요|이에요|어요|아요|해요|래요|죠|지요|ㄹ까요|을까요|실까요|건가요|는데요|던데요|"
                # contracted 해요체 endings: 와요 (오다), 워요, 돼요, 봐요, 줘요, 내요, 려요, 져요, 써요, 서요, 켜요
                r"와요|워요|돼요|봐요|줘요|내요|려요|져요|써요|서요|켜요|가요|나요|사요|자요|차요|타요|파요)$")
_CHOICE = _rx(r"아니면|(?:이에요|예요|어요|아요|세요|셨어요|나요|건가요)\s*,\s*[가-힣\s]+(?:이에요|예요|어요|아요|세요|셨어요|나요|건가요)$|"
               # spoken, unpunctuated: two short alternatives with the copula ("주 2회예요 3회예요")
               r"(?:이에요|예요)\s+[가-힣0-9]+(?:\s[가-힣0-9]+)?(?:이에요|예요)$")

# Leading.
_LEADING_END = _rx(r"(?P<ev>잖아요|잖아|지\s*않아요|지\s*않나요|지\s*않으세요|지\s*않으셨어요|지\s*않았어요|지\s*않으셨나요|"
                   r"지\s*않겠어요|지\s*않을까요|지\s*않았을까요|지\s*않으셨을까요|지\s*않았나요|겠죠|겠지요|겠네요|셨겠어요|셨겠네요|셨겠죠|아닌가요|아니에요|아니세요|아니죠|"
                   r"아니었어요|아닐까요|아니었나요|아니고요|아니구요|맞죠|맞지요|그렇죠|그렇지요|그렇지\s*않나요|그렇지\s*않아요|않나요|않아요|"
                   r"않으세요|않으셨어요|죠|지요)$")
_TAG = _rx(r",\s*(?P<tag>그렇죠|맞죠|그렇지\s*않나요|그렇지\s*않아요|안\s*그래요|그쵸|맞지요|그렇지요|아닌가요)$")
_JANA = _rx(r"(?P<ev>잖아요|잖아(?=\s|,|$)|잖습니까)")
_SOCIAL = _rx(r"(?P<ev>(?:다들|대부분|많은\s*분들이?|다른\s*(?:고객|분|사람)(?:분)?들?(?:이|은|도)?|요즘\s*다|보통\s*다|"
              r"고객분들(?:이|은|도)?\s*대부분)[^?]*(?:하는데|하시는데|그러는데|그러시는데|다고\s*하|라고\s*하|좋아하|불편해하|던데|"
              r"더라고요|더라구요|대요|[^?\s]*시는\s*편|"
              r"잖아요|동의|말씀하시))")
_PRESUME_ADV = _rx(r"(?P<ev>역시|당연히|아무래도|분명히|분명|확실히|틀림없이|물론)")
_LOADED = ("어렵|어려운|어려웠|불편|힘들|힘든|힘드|비싸|비싼|느리|느린|느려|복잡|답답|귀찮|짜증|실망|화가|속상|불안|무서|"
           "좋|편하|편한|편리|깔끔|친절|쉽|쉬운|만족|싸|저렴|빠르|빠른")
_WHY_PRESUPPOSE = _rx(r"(?:왜|뭐가|무엇이|어디가|어떤\s*점이)[^?]*?(?P<int>그렇게|이렇게|그리|너무|자꾸)\s*(?P<adj>" + _LOADED + r")")
_HOW_LOADED = _rx(r"얼마나\s*(?:더\s*)?(?P<adj>" + _LOADED + r")")
_FEELINGS = (_LOADED + "|괴로|괴롭|속상|서운|당황|놀라|놀랐|화나|화가|기쁘|기뻐|좋아하|행복|후회|아깝|아까|외로|쓸쓸|"
             r"스트레스|신경\s*쓰|걱정|피곤|지치|지쳤|뿌듯|고마|감사|부담|창피|민망|속\s*터|막막|억울|걱정되")
_HOW_FEELING_WORD = _rx(_FEELINGS)
_HOW_FEELING = _rx(r"얼마나\s*(?:더\s*|많이\s*|좀\s*)?(?P<adj>" + _FEELINGS + r")")
_PROBLEMS = _rx(r"(?P<ev>(?:어떤|무슨|어떠한)\s*(?:문제|불편|어려움|불만|단점|아쉬운\s*점|불편한\s*점|힘든\s*점|어려운\s*점|애로)\S*\s*"
                r"(?:이|가)?\s*(?:있|겪|생기))")
_PROBLEM_WORDS = _rx(r"문제|오류|에러|불편|안\s*됐|안\s*돼|힘들|어려|답답|짜증|실망|고장|늦|비싸|포기|꼬였|안\s*되")
_INTENSE = _rx(r"(?P<int>너무|훨씬|정말|진짜|엄청|되게|많이|그렇게|참|굉장히|아주|제일|가장)\s*(?P<adj>" + _LOADED + r")")

# "그런 거 있으면 …", "그거 생기면 …": the thing just described, on a condition.
_IF_THING = _rx(r"(?:그런\s*거|그거|그게|이런\s*거|이거)\s*(?:있으면|생기면|나오면|있다면)")
# "…있으면 좋겠다고", "…오면 도움이 될까요": a fix offered for them to approve.
_WISH_FIX = _rx(r"(?:있으면|생기면|되면|오면|나오면|있다면|생긴다면|된다면)\s*(?:좋겠|편하겠|편할|낫겠|나을|도움이\s*(?:될|되겠)|편하지\s*않)")
# "안 도와주세요?", "안 해 보셨어요?": 안 before the last predicate of a yes/no question.
_NEG_AN = _rx(r"(?:^|\s)안\s*[가-힣]+(?:\s+(?:보셨|봤|주셨|주|드셨)[가-힣]*)?$")
# Words that boil a story down at the start of a summary.
_REDUCE_KO = _rx(r"^(?:그러니까\s*|그럼\s*)?(?:결국|사실상|한마디로|어차피)\s*")
# "…다고 보시나요?", "…라고 할 수 있을까요?": would you say.
_WOULD_SAY = _rx(r"(?:다|라)고\s*(?:보시나요|보세요|보십니까|보시는지|할\s*수\s*있을까요|할\s*수\s*있나요|하시겠어요)$")
# "왜 진작 안…", "왜 그냥 …하지 않으셨어요": why they did not do what we would have.
_WHY_NOT = _rx(r"왜\s*(?:진작|미리|바로|그냥|아예|좀\s*더\s*일찍|일찍)\s*(?:안|못)?")
# "제일 별로였던 점", "가장 불편한 부분": a superlative of a negative verdict.
_SUPERLATIVE = _rx(r"(?:제일|가장)\s*(?:별로|싫|나쁘|나빴|짜증|실망|최악)")
# A main reason or cause named for them ("가장 큰 이유", "제일 큰 문제", "주된 원인").
_MAIN_REASON = _rx(r"(?P<ev>(?:가장|제일)\s*(?:큰|주된|중요한)\s*(?:이유|원인|문제)|주된\s*(?:이유|원인)|주요\s*원인)")

# Unpunctuated (spoken) turns: the endings that ask them to agree, whatever the punctuation.
_NEG_Q_END = _rx(r"(?P<ev>지\s*않(?:아요|았어요|으셨어요|으세요|나요|았나요|으셨나요|을까요|았을까요|으셨을까요|겠어요|습니까)|"
                 r"아니(?:에요|세요|었어요|었나요|예요|야|죠|고요|구요)|아닌가요|아닐까요|잖아요|겠죠|겠지요|"
                 r"(?:^|\s)(?:그쵸|그렇죠|맞죠|안\s*그래요|그렇지\s*않나요))$")
# A guess at what they felt or thought: "-(으)셨을 것 같은데요", "-실 것 같아요", "-셨을 텐데요" ("I'd imagine…").
_GUESS = _rx(r"(?P<ev>(?:셨을|으셨을|하셨을|실|으실|하실|었을|았을|했을|였을)\s*(?:것|거)\s*"
             r"같(?:은데요|아요|네요|습니다|은데|아)|셨을\s*텐데요?|으셨을\s*텐데요?|"
             r"(?:거|것|게)\s*아닐까\s*(?:싶(?:은데요|어요|네요|습니다)|해요|합니다)|"
             r"(?:ㄹ|을|실|으실|셨을|었을|았을)까\s*싶(?:은데요|어요|네요|습니다))$")
# A reason the interviewer supplies in a yes/no question: "혹시 X 때문이었나요?", "X-아서 …하신 거예요?".
_CAUSE = _rx(r"(?P<cause>[가-힣A-Za-z0-9\s]{1,30}?)\s*(?:때문(?:에|이|인|이었|이에|이세|일)|탓(?:에|이)|바람에|"
             r"(?<=[가-힣])(?:이|가)\s+(?:(?:제일|가장)\s+(?:큰\s+|주된\s+)?|좀\s+|주된\s+|큰\s+)?(?:문제|원인|이유)(?:였|이었|이에|예|인|일|이세|이)[가-힣]*$|"
             r"(?<=[가-힣])\s+(?:문제|탓)(?:였던|이었던|였|이었|인|이)[가-힣\s]*$)")
_CAUSE_CLEFT = _rx(r"(?P<cause>[가-힣A-Za-z0-9\s]{1,30}?[가-힣](?<![에게의])서)"
                   r"\s+[가-힣\s]*?(?:거|건|것|그러|그랬|그런)[가-힣]*$")
# A verdict on them in a summary they never gave ("결국 의지가 좀 약하셨던 거네요", "집중력이 부족한 편이죠"); a feeling
# read into their words ("보기 싫으시다는 말씀이시군요") stays a reflection.
_JUDGMENT = _rx(r"(?<![가-힣])(?P<ev>의지|약(?:하|한|해)|게으르|게을러|부족|잘못(?=\s*[가-힣]*시)|원래)")
# An echo said with a quotative ending ("불편했다고요?", "세 시간이라고요?") or a bare word with 요 ("저녁마다요?").
# Syllables that end a verb before 요 (가요, 해요, 세요, 네요…): a word ending otherwise is a noun or adverb + 요.
_VERB_BEFORE_YO = frozenset("아어여해워와러라려세셔네죠군까나래게데지고서면는가야예에돼되봐줘써타자꿔춰둬쳐켜펴혀겨져사내새개태배매채재")
# "…그렇더라고요" (-더라고요) reports what the speaker saw: never their words handed back.
_QUOTE_ECHO = _rx(r"(?:다고요|(?<!더)라고요|이라고요|냐고요|다구요|(?<!더)라구요)$")
_FRAGMENT_ECHO = _rx(r"(?:[가-힣0-9]이요|에서요|으로요|[가-힣]로요|마다요|까지요|부터요|[가-힣]도요|[가-힣]게요|[가-힣]히요|"
                     r"(?:아|어|해|워|와|돼|라|져)서요|[0-9]+\s*[가-힣]{0,3}요|(?:시간|번|개월|달|년|분|주|개|명|원)이?나요|"
                     # a number and its counter handed back: "두 배요?", "다섯 가지나요?", "두 대밖에요?"
                     r"^(?:한|두|세|네|다섯|여섯|일곱|여덟|아홉|열|열한|열두|스무|서른|[0-9]+)\s*[가-힣]{1,3}?"
                     r"(?:이나|나|밖에|씩이나|씩|뿐이|만|이)?요)$")

# A comparison ("헬스장보다 공원이 더 잘 맞으시는", "훨씬 낫"): in a summary, a ranking they may never have made.
_COMPARISON = _rx(r"(?P<ev>[가-힣]+보다(?:는|도)?\s)")

# Closing invitations: something they would like to add, or that was not asked ("혹시 더 하고 싶은 말씀 있으세요?",
# "제가 안 여쭤본 것 중에…").
_CLOSING = _rx(r"(?P<ev>(?:말씀하시고|하시고|덧붙이시고|덧붙이고|이야기하시고|얘기하시고|말하고|하고|나누고)\s*싶(?:으신|은)|"
               r"(?:제가\s*)?(?:안|못)\s*여쭤(?:본|봤던|보지)|여쭤보지\s*(?:않은|못한)|빠뜨린|놓친|빠진)"
               r"[^?]*(?:있으세요|있으신가요|있을까요|있나요|있으실까요|없으세요|없으신가요|없을까요|있으면)")

# Reflection and statements.
_REFLECT_START = _rx(r"^(?P<ev>그러니까|그니까|들어\s*보니|말씀을?\s*들어\s*보니|결국|요약하면|요약하자면|정리하면|정리해\s*보면|"
                     r"정리하자면|즉|다시\s*말해|다시\s*말하면|말하자면|제가\s*이해한\s*(?:게|바로는)|그러면\s*정리하면)")
_REFLECT_END_STRONG = _rx(r"(?P<ev>말씀이시군요|말씀이시죠|말씀이네요|말씀이시네요|말씀이군요|는\s*거네요|신\s*거네요|신\s*거군요|"
                          r"셨던\s*거네요|셨던\s*거군요|셨군요|으셨군요|시는군요|하시는군요|셨던\s*것\s*같네요|셨던\s*것\s*같아요|"
                          r"신\s*것\s*같네요|신\s*것\s*같아요|셨겠어요|셨겠네요|시는\s*거고요?|시는\s*거죠|신\s*거죠|던\s*거죠|"
                          r"다는\s*거네요|라는\s*거네요|다는\s*거죠|라는\s*거죠|셨다는\s*거네요|시다는\s*거네요|신\s*거예요|"
                          r"셨던\s*거죠|는\s*거군요|던\s*거군요|거군요)$")
_REFLECT_END = _rx(r"(?P<ev>군요|구나|네요|거죠|것\s*같아요|거고요?|구요|시고요?|겠어요)$")
# 고생하셨어요/수고하셨어요 ("아이고, 고생 많으셨어요"): sympathy, not a question about what they went through.
_ACK = _rx(r"^(?:(?:네+|네네|예+|아+|어+|음+|아하|오+|와+|헐|저런|어머|세상에|아이고|아이구|그렇군요|그랬구나|그러셨군요|그렇구나|"
           r"그러셨구나|그랬군요|아\s*그래요|그래요|그러셨어요|그러시구나|맞아요|맞습니다|알겠습니다|알겠어요|좋아요|좋습니다|"
           r"감사합니다|고맙습니다|이해해요|고생(?:하셨|\s*많으셨)(?:어요|네요|겠어요)|수고(?:하셨|\s*많으셨)어요|진짜요|정말요|정말이요|진짜로요|이해가\s*돼요|그렇죠|그렇네요|그럴\s*수\s*있죠|그럼요|물론이죠|아\s*네|네\s*알겠습니다)"
           r"[\s,.!?~…]*)+$")
_GREETING = _rx(r"^(?P<ev>안녕하세요|반갑습니다|만나서\s*반갑|감사합니다|감사드립니다|고맙습니다|오늘\s*(?:말씀|시간|인터뷰)[^?]*감사|"
                r"시간\s*내\s*주셔서|와\s*주셔서)")
_SIGNPOST = _rx(r"(?P<ev>천천히\s*(?:생각|말씀)하셔도|편하게\s*말씀해\s*주시면\s*(?:돼요|됩니다)|이따가|나중에\s*다시|다시\s*여쭤|"
                r"여쭤볼게요|여쭤\s*보겠습니다|메모\s*좀\s*할게요|메모할게요|적어\s*둘게요|이것으로\s*마치|마치겠습니다|"
                r"시작하겠습니다|시작할게요|정답은\s*없|맞고\s*틀린|녹음|넘어가\s*볼게요|넘어갈게요|진행할\s*(?:예정|게요)|"
                r"분\s*정도\s*(?:걸릴|진행)|잠깐만요|잠시만요)")
_OPEN_FREE = _rx(r"^(?:편하게|천천히|자유롭게|생각나는\s*대로)\s*(?:말씀|이야기|얘기)해\s*주(?:세요|시면)")
_OWN_VIEW = _rx(r"^(?P<ev>저도|저는|제가|개인적으로|제\s*생각|저희\s*집|저\s*같은\s*경우|저라면|저희\s*엄마|제\s*친구)")
_OUR_PEOPLE = _rx(r"^(?P<ev>저희\s*(?:할머니|할아버지|엄마|아빠|어머니|아버지|남편|아내|아이|애|딸|아들|언니|오빠|누나|형|동생|"
                  r"가족|집)\S*도)")
_INFO = _rx(r"^(?P<ev>저희|참고로|이번에|다음\s*달부터|새로|새\s)")

# Flags.
_HYP = _rx(r"(?P<ev>만약|만일|혹시라도|(?:ㄴ|는|한|된|진|난|있|없|였|었|았|했|이)다면|이라면|였으면|었으면|았으면|했으면|"
           r"(?<!주)시겠어요|(?<!주)시겠습니까|의향|실\s*생각|하실\s*거|실\s*건가요|실\s*거예요|얼마까지|앞으로|나중에|"
           r"겠죠\?|다시는)")
_HYP_PROSPECTIVE = _rx(r"([가-힣])\s*것\s*같으세요|([가-힣])\s*것\s*같습니까")
# "…면 …실 거예요?", "얼마면 쓰실 것 같아요?": a future of theirs on a condition.
_IF_THEN = _rx(r"[가-힣](?:으면|면)\s[^?]*(?:시겠|겠어요|실\s*(?:거|것)|ㄹ\s*거|을\s*거)")
_DOUBLE = _rx(r"(?P<ev>[가-힣]+(?<!주)(?:시고|셨고|으시고|으셨고|었고|았고|했고|였고))(?:,|\s)")
_PITCH = _rx(r"(?P<ev>이번에[^?.]*(?:출시|바꿨|새로|업데이트|생겼|도입|나왔)|다음\s*달부터|참고로\s*저희|"
             r"새\s*(?:샴푸|화면|앱|기능|서비스|버전|요금제|디자인|제품)|(?:출시|런칭)(?:했|됐|되었|할|될|예정)|"
             r"(?:기능|버튼|서비스|앱|알림|영상통화|상담원과|챗봇)\S*\s*(?:이|가)?\s*(?:바로\s*)?(?:있다면|생긴다면|된다면|있으면|생기면)|"
             r"해\s*드리면|해\s*드린다면|"
             # "영수증을 정리해 주는 게 있으면": a thing described by what it does for them, on a condition.
             r"(?:주는|드리는)\s*(?:게|것이|거|방법이|도구가|프로그램이|시스템이|곳이)\s*(?:바로\s*)?(?:있다면|생긴다면|있으면|생기면)|"
             # "저희가 …앱을 만들면": something we would build, put in or add, on a condition.
             r"저희(?:가|도)?\s+[^?.]{0,40}?(?:만들|넣|추가하|추가해|내놓|붙이)(?:면|으면|다면|는다면)|"
             # "제가 세탁 앱을 만들고 있어서요", "저희가 반찬 구독 서비스를 준비하고 있는데요": what we are building.
             r"(?:제가|저희가|저희는|저는)\s[^?]{0,60}?(?:서비스|앱|플랫폼|구독|제품|기능|프로그램|도구|상품)(?:을|를)?\s*"
             r"(?:만들|준비하|개발하|생각하|기획하|구상하)고\s*있|"
             # "제 아이디어 어때요", "제가 생각한 게 뭐냐면 …": the interviewer's own idea put up for judging.
             r"(?:제|저희)\s*아이디어|제가\s*생각한\s*(?:게|건|거)\s*뭐냐)")
# "저희 앱…" is a pitch when it tells them about it or praises it, not when it asks whether they used it.
_OURS = _rx(r"(?P<ev>저희(?!가?\s*(?:오늘|인터뷰|이야기|대화|질문|잠깐|잠시))\s*(?:앱|가|는|도|의|회사|서비스|은행|밀키트|샴푸|새|"
            r"적금|카드|팀|쪽|제품|상품|에서|앱에서|브랜드|매장)\S*)")
_PRAISE = _rx(r"덕분|훨씬|깔끔|좋아지|편해지|쉬워지|빨라지|최고|제일\s*(?:좋|싸|빠)|생겼|바꿨|나왔|드려요|드립니다")


def _jong(ch: str) -> int:
    """The final consonant index of a Hangul syllable (0: none, 8: ㄹ), -1 for anything else."""
    code = ord(ch) - 0xAC00
    return code % 28 if 0 <= code < 11172 else -1


_SENTENCE = _rx(r".*?(?:[.?!]+(?=\s|$)|$)")


# Spoken word order: a time word said after the predicate ("얼마나 답답하셨어요 그때").
_AFTERTHOUGHT = _rx(r"(?<=[요까죠])\s+(?:그때|그\s*때|그\s*당시|당시에?|요즘|요즘에|평소에?|처음에|그날|그\s*날|지금|혹시|"
                    r"그\s*순간|그\s*동안|아무래도|솔직히|역시|분명히?|확실히|사실|아마|"
                    # a place or step said after the predicate ("뭐가 먼저 보였어요 그 옆에", "주문하신 다음에는요 그 다음엔")
                    r"그\s*[가-힣]{1,2}(?:에서|에는|에선|에|엔)|"
                    # a word with its particle added after the predicate ("몇 장 찍으셨어요 전체로", "누가 가셨어요 친구랑")
                    r"[가-힣]{1,4}(?:으로|로|까지|이랑|랑|하고|한테))$")


def _core(sentence: str) -> str:
    """The sentence without fillers, final punctuation and a time word said after the predicate."""
    out = core(sentence, _FILLER)
    return _AFTERTHOUGHT.sub("", out) or out


# Spoken turns run questions together without punctuation ("그때 기분이 어떠셨어요 좀 화나셨어요"): a word with an
# honorific or interrogative ending, followed by a clause of two words or more that ends as a question, closes a
# sentence of its own. "주 2회예요 3회예요" (one word after) stays one choice.
_SPOKEN_BREAK = _rx(r"(?:셨어요|으세요|세요|시나요|나요|까요|습니까|셨나요|신가요|인가요|셨습니까)$")


# "매주 집으로 오는 거거든요 그런 거 있으면 써 보실 생각 있으세요": an explanation in -거든요 closes before the question
# after it; so does a question before 그리고 + another question ("언제 가셨어요 그리고 뭐 사셨어요").
_SPOKEN_EXPLAIN = _rx(r"거든요$")
# "장 보는 건 잘 안 도와주시죠 보통 다들 그렇더라고요": a -(으)시죠/-셨죠 with words after it closes its own sentence.
_SPOKEN_TAG_BREAK = _rx(r"(?:시|셨|으시|겠)죠$")


def _spoken_split(piece: str) -> list[str]:
    if re.search(r"[.?!,]\s", piece.rstrip(" .?!")):
        return [piece]
    words = piece.split()
    out: list[str] = []
    start = 0
    for i, word in enumerate(words[:-2]):
        rest = " ".join(words[i + 1:])
        if _SPOKEN_TAG_BREAK.search(word):
            # "진짜 짜증 나셨죠 뭐 쇼핑몰들이 다 그래요": a -죠 that asks for a yes ends its sentence; a remark follows.
            out.append(" ".join(words[start: i + 1]))
            start = i + 1
            continue
        if not (_SPOKEN_BREAK.search(word) or _SPOKEN_EXPLAIN.search(word)
                or words[i + 1] in ("그리고", "그럼", "그러면") and _Q_ENDING.search(word)):
            continue
        if _Q_ENDING.search(rest.rstrip(" ?.!")) or rest.rstrip().endswith("?"):
            out.append(" ".join(words[start: i + 1]))
            start = i + 1
    out.append(" ".join(words[start:]))
    return out


def split_sentences(text: str) -> list[str]:
    return [part for piece in _split(text, _SENTENCE) for part in _spoken_split(piece)]


def _asks_wh(core: str) -> bool:
    """A wh-question (no indefinite 뭐/어디) with an interrogative ending, or a wh-word before 거예요/건가요 ("몇 시에
    하신 거예요"): a summary never carries a wh-word."""
    if _INDEFINITE.search(core) or not (_WH_OPEN_STRONG.search(core) or _WH_FACT.search(core)):
        return False
    if re.search(r"(?:거예요|거에요|건가요|건데요)$", core):
        return True
    return bool(_Q_ENDING.search(core) and re.search(r"(?:셨어요|세요|나요|까요|습니까|셨나요|신가요|인가요|었어요|았어요|했어요|"
                                                     r"예요|이에요|돼요|와요|가요)$", core)
                and not _REFLECT_END_STRONG.search(core) and not _REFLECT_END.search(core))


def _has_wh(core: str) -> bool:
    if _INDEFINITE.search(core):
        rest = _INDEFINITE.sub(" ", core)
        return bool(_WH_OPEN_STRONG.search(rest) or _WH_FACT.search(rest))
    return bool(_WH_OPEN_STRONG.search(core) or _WH_OPEN.search(core) or _WH_FACT.search(core))


# "뭐 쇼핑몰들이 다 그래요", "보통 다들 그렇더라고요": a remark that everyone is like that asks nothing.
_EVERYONE_SO = _rx(r"(?:다|다들|대부분|보통)\s*(?:그래요|그렇더라고요|그렇더라구요|그렇대요|그렇잖아요|그렇죠)$")


def is_question(sentence: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return True
    core = _core(sentence)
    if not core or _ACK.match(core):
        return False
    last = _clauses(core)[-1] if _clauses(core) else core
    if _asks_wh(last) and len(last.split()) >= 2 or _has_wh(last) and not _INDEFINITE.search(last) \
            and re.search(r"[가-힣](?:는지|은지|던지|인지|ㄴ지|[셨었았했였]는지|신지)$", last):
        # "음 그 앱을 왜 지우셨는지": the embedded question said without its "궁금해요" still asks.
        # A preamble, a signpost or a run-up first ("제가 하나 궁금한 게 있는데요, 그 앱은 어떻게 알게 되셨어요",
        # "잠깐만요 그 그니까 … 어떻게 연락하셨어요"): a wh-word with a question ending closes it as a question.
        return True
    if _SIGNPOST.search(core) or _GREETING.match(core) or _OPEN_FREE.match(core) or _EVERYONE_SO.search(core):
        return False
    if _REQUEST_RE.search(core) or _CURIOUS.search(core) or _SHORT_OPEN.match(core) or _TOPIC_CURIOUS.search(core) \
            or _WHAT_ABOUT.match(core):
        return True
    if _QUOTE_ECHO.search(core) and len(core.split()) <= 5:
        return True  # "번거로우시다고요" said back, no "?"
    if _IF_THING.search(core) and re.search(r"[실을]\s*(?:거예요|거에요)$", core):
        return True  # "그거 있으면 쓰실 거예요" without "?": a future of theirs on a condition, asked
    if re.match(r"^혹시\s", core) and re.search(r"(?:요|까|니까|죠)$", core):
        return True  # "혹시 …하시는 거예요" without "?": 혹시 opens a question
    if _REFLECT_START.match(core) and not (_REFLECT_END_STRONG.search(core) or _REFLECT_END.search(core)) \
            and _has_wh(core) and _Q_ENDING.search(core) and not _INDEFINITE.search(core):
        return True  # "그러니까 그 앱을, 그 앱을 처음에 어떻게 알게 되셨어요": 그러니까 as a spoken run-up to a question
    if _REFLECT_START.match(core) or _REFLECT_END_STRONG.search(core) or _REFLECT_END.search(core) or _OWN_VIEW.match(core):
        return bool(_JANA.search(core))
    # A caption without "?": the honorific question endings, or a wh-word with a question ending.
    if re.search(r"(?:셨어요|시나요|나요|까요|습니까|셨나요|신가요|인가요|으세요|세요)$", core) and not re.search(r"주세요$", core):
        return True
    if _NEG_Q_END.search(core) or (re.search(r"가요$", core) and len(core) >= 3 and _jong(core[-3]) == 4):
        return True  # "…낫지 않았어요", "…아니에요", "…그쵸", "가까운가요" said without "?"
    if _CHOICE.search(core) and not re.search(r"아니면", core[:2]):
        return True  # "주 2회예요 3회예요": alternatives to choose from
    return bool(_has_wh(core) and _Q_ENDING.search(core)) or bool(_JANA.search(core) or re.search(r"지\s*않아요$", core))


def _words_at(text: str, match: re.Match[str]) -> str:
    """The whole words a match falls in, for quoting: "어땠" in "처음에 어땠어요" -> "어땠어요"."""
    start = text.rfind(" ", 0, match.start()) + 1
    end = text.find(" ", match.end())
    return text[start: end if end >= 0 else len(text)].strip(" ,?")


def _cho(ch: str) -> int:
    """The initial consonant index of a Hangul syllable, -1 for anything else."""
    code = ord(ch) - 0xAC00
    return code // 588 if 0 <= code < 11172 else -1


def _their(stem: str, previous: str | None) -> bool:
    """Whether they used the word: its first two syllables, or (irregular stems: 힘드/힘들, 어려/어렵) its first
    syllable followed by one that starts with the same consonant."""
    if not previous or not stem:
        return False
    if stem[:2] in previous or len(stem) < 2:
        return stem[:2] in previous
    return any(previous[i] == stem[0] and _cho(previous[i + 1]) == _cho(stem[1]) >= 0 for i in range(len(previous) - 1))


# A guess said with the conjectural -겠- ("답답하셨겠어요", "배신감 드셨겠네요", "낫겠죠"): the predicate it carries.
# The -겠- of a guess about them has their past or honorific before it, or asks them to agree (겠네요, 겠죠); the
# speaker's own "알겠습니다", "모르겠어요", "좋겠어요" are none of these.
_CONJECTURE = _rx(r"(?:^|\s)(?P<word>[가-힣]+?)(?:(?:하셨|으셨|셨|었|았|였|했|하시|으시|시)겠(?:어요|네요|죠|지요|습니다|군요|어|네|다)|"
                  r"겠(?:네요|죠|지요|군요)|"
                  r"나\s*(?:봐요|보네요|봅니다|보다)|(?:은|는)가\s*(?:봐요|보네요))$")
# The predicate a summary asserts: the word before "…다는 말씀이시죠", "…는 거네요", or the last word before 군요/네요.
_SUMMARY_TAIL = _rx(r"\s*(?:말씀이시[가-힣]*|말씀이[가-힣]*|거(?:네요|군요|죠|지요|예요|고요)|것\s*같[가-힣]*)$")
# Their own reason in what they just said ("시간이 없어서 못 했어요"); "그래서 …" points back to a reason said before.
_THEIR_REASON = _rx(r"(?<!그)[가-힣](?<![에데래])서(?=\s)|(?<!그러)니까(?=\s)|때문")
_PREDICATE = _rx(r"^(?P<stem>[가-힣]+?)(?:하셨|으셨|셨|하시|으시|시|했|였|었|았|이었|였|이)?(?:신다는|는다는|다는|라는|던|는|은|신|다|"
                 r"ㄴ|어서|아서|해서)?$")
# Words between a noun and a light verb ("배신감 많이 드셨겠어요", "난방도 거의 못 트셨겠네요").
_KO_ADVERBS = frozenset("못 안 많이 좀 너무 정말 진짜 거의 되게 엄청 완전 꽤 참 아주 더 조금 다 그렇게 훨씬 많이들 괜히 또".split())


def _conjecture(text: str, previous: str | None) -> tuple[str, bool] | None:
    """The predicate a -겠- guess puts on them and whether it is theirs: ("답답", False) for "많이 답답하셨겠어요"
    after "잘 모르시더라고요", ("속상", True) after "솔직히 그때 좀 속상했어요"; None without a -겠- ending.
    A one-syllable verb (드-, 트-, 나-) is a light verb: the noun before it is what is claimed."""
    match = _CONJECTURE.search(text)
    if not match:
        return None
    stem = match.group("word")
    stem = stem[:-1] if len(stem) >= 3 and stem.endswith("하") else stem
    before = text[: match.start("word")].split()
    if len(stem) <= 1 and before and before[-1] in ("안", "못") and stem:
        # "안 믿으시겠네요": a negated verb is a decision put on them, theirs only if they negated that verb.
        cho = _cho(stem[0])
        return before[-1] + stem, cho >= 0 and any(_cho(m.group(1) or m.group(2)) == cho
                                                   for m in _NEGATED.finditer(previous or ""))
    if len(stem) <= 1:
        words = [w for w in before if w not in _KO_ADVERBS]
        stem = ko_stem(words[-1]) if words else stem
    return stem, _their_feeling(stem, previous)


# Feelings close enough that saying one for the other is a paraphrase, not a new feeling ("피곤했어요" ->
# "힘드셨겠어요"). Stems as _their compares them (the first two syllables).
_FEELING_FAMILIES = (
    ("피곤", "힘들", "힘드", "지치", "지쳤", "고단", "녹초"),
    ("짜증", "답답", "귀찮", "번거", "성가", "불편"),
    ("속상", "서운", "섭섭", "슬프", "슬퍼", "우울"),
    ("놀라", "놀랐", "깜짝", "당황"),
    ("화가", "화나", "열받", "억울", "분하"),
    ("걱정", "불안", "초조", "조마"),
    ("실망", "아쉬", "아쉽"),
)


def _their_feeling(stem: str, previous: str | None) -> bool:
    """Whether ``stem`` is a word of theirs, or a feeling of the same family as one they named."""
    if _their(stem, previous):
        return True
    for family in _FEELING_FAMILIES:
        if any(stem.startswith(f) for f in family):
            return any(f in (previous or "") for f in family)
    return False


_EVALUATIVE = _rx(r"^(?:" + _FEELINGS + r"|별로|괜찮|아깝|나쁘|나빠|싫|최악|최고|지겨|지루|질리|질려|낫)")


# A decision about the product, put in a summary ("이제 못 믿으시겠다는 거네요", "해지하실 생각이시라는 거죠"): like a
# verdict, leading when they never said it.
_DECISION = _rx(r"^(?:안[가-힣]|못[가-힣]|믿|신뢰|그만두|그만하|끊|해지|탈퇴|포기|후회|갈아타|옮기|옮길)")


# Feelings proper (not verdicts like 좋다, 편하다): put into a summary, they are read into their words.
_EMOTION = _rx(r"스트레스|짜증|답답|속상|서운|섭섭|화가|화나|실망|불안|걱정|억울|외로|창피|민망|후회|막막|부담|무서|당황|"
               r"우울|괴로|지치|지쳤|피곤|서러|분하|열받")


_NEGATED = _rx(r"(?:안|못)\s*([가-힣])|([가-힣])[가-힣]?\s*(?:수가?\s*없|지\s*(?:않|못))")


def _summary_predicate(body: str, previous: str | None) -> tuple[str, bool] | None:
    """What a summary says they did or felt, and whether it is in their words: ("별로", False) for "그 앱이 별로였다는
    말씀이시죠" after "안 쓰게 됐어요"; ("포장", True) for "포장을 하신다는 거죠" after "포장해 와요" (a one-syllable verb
    is a light verb: the noun before it is what is said)."""
    tail = _SUMMARY_TAIL.search(body)
    if not tail or not previous:
        return None
    words = body[: tail.start()].split()
    if not words:
        return None
    match = _PREDICATE.match(words[-1])
    stem = match.group("stem") if match else words[-1]
    stem = stem[:-1] if len(stem) >= 3 and stem.endswith("하") else stem
    if len(stem) <= 1 and len(words) >= 2 and words[-2] in ("안", "못") and not re.search(r"[셨었았였했던]", words[-1]):
        # "안 쓰시는 거죠": a negated verb, now or from now on, is a decision said for them ("못 쓰셨던 거군요" is
        # what happened, summed up).
        # Theirs when they negated a verb of the same first consonant (any ending: 쓸/써, 했): "못 했어요",
        # "쓸 수가 없었어요", "쓰지 않아요".
        cho = _cho(stem[0]) if stem else -1
        negated = [m.group(1) or m.group(2) for m in _NEGATED.finditer(previous)]
        return words[-2] + stem, cho >= 0 and any(_cho(ch) == cho for ch in negated)
    if len(stem) <= 1:
        rest = [w for w in words[:-1] if w not in _KO_ADVERBS]
        if not rest:
            return None
        stem = ko_stem(rest[-1])
        if len(stem) < 2 and _EVALUATIVE.match(rest[-1]):
            stem = rest[-1]  # "화가 나셨던": the one-syllable noun with its particle is the feeling (화가)
    if len(stem) < 2:
        return None
    # Their plain word with our honorific -(으)시- ("안 쓰시게" for "안 쓰게") is still theirs.
    plain = re.sub(r"(?<=[가-힣])으?시(?=[가-힣])", "", stem)
    return stem, _their(stem, previous) or (len(plain) >= 2 and _their(plain, previous))


def _new_negation(text: str, previous: str | None) -> bool:
    """A verb negated with 안/못 that they never negated ("남편분은 잘 안 도와주시죠" when they said no 안/못 of it)."""
    mine = [_cho(m.group(1)) for m in re.finditer(r"(?:^|\s)(?:안|못)\s*([가-힣])", text)]
    theirs = {_cho(m.group(1) or m.group(2)) for m in _NEGATED.finditer(previous or "")}
    return any(c >= 0 and c not in theirs for c in mine)


def _adds_claim(text: str, previous: str | None) -> bool:
    """Whether ``text`` says more than they did: a feeling or judgment of theirs they never named, or little of
    its content in their words (with nothing of theirs to compare, it does)."""
    if not previous:
        return True
    feeling = _HOW_FEELING_WORD.search(text) or _JUDGMENT.search(text)
    if feeling and feeling.group(0)[:2] not in previous:
        return True
    return overlap(text, previous, LANG) < 0.3


def _supplied_cause(q: str, previous: str | None, strict: bool = False) -> str | None:
    """The reason a yes/no question hands them ("혹시 가격이 부담돼서 해지하신 거였나요?") when they never gave it;
    None when they did ("배송 때문이었나요?" after "배송이 늦었어요": a check of their own reason) or no reason is named."""
    match = _CAUSE.search(q) or _CAUSE_CLEFT.search(q)
    if not match or not previous:
        return None
    cause = re.sub(r"^(?:혹시|그럼|그러면|그래서|근데|아니면|결국|좀)\s*", "", match.group("cause").strip())
    if not cause or cause in ("그", "그거", "그것", "이거", "뭐", "무엇", "무슨", "어떤", "그게"):
        return None
    if overlap(cause, previous, LANG) >= (0.01 if strict else 0.5):
        return None  # strict (a summary): any word of theirs in it makes it their reason, paraphrased
    return (cause + (" 때문" if match.re is _CAUSE else ""))[-16:]


def _leading_cues(q: str, full: str, previous: str | None, has_qmark: bool) -> list[Cue]:
    cues: list[Cue] = []
    add = cues.append
    wh = _has_wh(q)
    tag = _TAG.search(q)
    if tag:
        add(Cue("tag_question", Label.LEADING, STRONG, tag.group("tag")))
    end = _LEADING_END.search(q)
    guessed = _conjecture(q, previous) if end and "겠" in end.group("ev") else None
    if guessed and guessed[1] and not _INTENSE.search(q.replace("많이", "")):
        end = None  # "속상하셨겠어요?" after "속상했어요": their feeling said back, not a guess
    if end and not tag:
        ev = end.group("ev")
        plain_jo = ev in ("죠", "지요")
        if has_qmark and not (plain_jo and wh):
            add(Cue("presumptive", Label.LEADING, STRONG, _words_at(q, end)))
        elif not has_qmark and _NEG_Q_END.search(q):
            # Spoken, no "?": a negative question, 아니에요, 겠죠 or a tag still asks them to agree.
            add(Cue("presumptive", Label.LEADING, STRONG, _words_at(q, end)))
        elif not has_qmark and plain_jo and not wh and _adds_claim(q, previous):
            # "…많이 외로우시죠" unpunctuated: a claim of ours about them, not a restatement.
            add(Cue("presumptive", Label.LEADING, STRONG, _words_at(q, end)))
    elif not tag and _NEG_Q_END.search(q):
        add(Cue("tag_question", Label.LEADING, STRONG, _NEG_Q_END.search(q).group("ev").strip()))
    jana = _JANA.search(q) or _JANA.search(full)
    if jana:
        add(Cue("presumptive", Label.LEADING, STRONG, jana.group("ev")))
    social = _SOCIAL.search(full)
    if social:
        add(Cue("social_proof", Label.LEADING, STRONG, social.group("ev")[:16]))
    presume = _PRESUME_ADV.search(q)
    if presume and has_qmark and not wh:
        add(Cue("presumptive", Label.LEADING, STRONG, presume.group("ev")))
    negated = _NEG_AN.search(q) if has_qmark and not wh else None
    if negated and not (previous and re.search(r"(?:^|\s)(?:안|못)\s*[가-힣]|않|없", previous)):
        # "남편분은 안 도와주세요?": a negative yes/no question when they never said no to it: the answer it expects is ours.
        add(Cue("negative_question", Label.LEADING, STRONG, negated.group(0).strip()))
    if has_qmark and _REDUCE_KO.match(q) and not wh and _adds_claim(_REDUCE_KO.sub("", q), previous):
        # "결국 주말이 다 학원에 맞춰져 있는 거네요?": their story boiled down to a claim of ours, put up for a yes.
        add(Cue("presumptive", Label.LEADING, STRONG, _REDUCE_KO.match(q).group(0).strip()))
    wish = _WISH_FIX.search(q) if not wh else None
    if wish:
        # "학원 셔틀이 있으면 좋겠다고 생각하신 적 있으세요?", "알림이 오면 도움이 될까요?": a fix of ours, put up for approval.
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, wish.group(0)))
    why_not = _WHY_NOT.search(q)
    if why_not:
        # "왜 진작 안 바꾸셨어요?": what they should have done, asked as a why.
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, why_not.group(0)))
    superlative = _SUPERLATIVE.search(q) if wh else None
    if superlative and not (previous and _PROBLEM_WORDS.search(previous)):
        # "예전 회사가 제일 별로였던 점이 뭐예요?" when they never complained: the worst is taken as given.
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, superlative.group(0)))
    why = _WHY_PRESUPPOSE.search(q)
    if why:
        if _their(why.group("adj"), previous):
            add(Cue("their_word", Label.OPEN, MEDIUM, why.group("adj")))
        else:
            add(Cue("presupposition", Label.LEADING, STRONG + 0.5, f"{why.group('int')} {why.group('adj')}"))
    guess = _GUESS.search(q) if not wh else None
    # "일 년에 얼마면 쓰실 것 같아요?": with a wh-word, -실 것 같아요 asks for their estimate, not agreement.
    if guess and _adds_claim(q, previous):
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, _words_at(q, guess)))
    cause = None if wh else _supplied_cause(q, previous)
    if cause:
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, cause))
    how = _HOW_LOADED.search(q) or _HOW_FEELING.search(q)
    if how:
        if _their(how.group("adj"), previous):
            add(Cue("their_word", Label.OPEN, WEAK, how.group("adj")))
        else:
            add(Cue("loaded_degree", Label.LEADING, STRONG + 0.5, how.group(0)))
    problems = _PROBLEMS.search(q)
    if problems and "혹시" not in q and not (previous and _PROBLEM_WORDS.search(previous)):
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, problems.group("ev")))
    if not wh:
        for m in _INTENSE.finditer(q):
            if not _their(m.group("adj"), previous):
                add(Cue("loaded_yes_no", Label.LEADING, STRONG + 1.0, _words_at(q, m)))
                break
        if has_qmark and re.search(r"(?<!시는\s거)(?<!신\s거)(?:이네요|네요)$", q) and not re.search(r"[시셨]", q[-4:]) \
                and _adds_claim(q, previous):
            # "이번 업데이트는 완전히 실패작이네요?": a verdict about the thing, not a restatement of them, put up for a yes.
            add(Cue("presumptive", Label.LEADING, STRONG, q.split()[-1]))
        say = _WOULD_SAY.search(q)
        if say and _adds_claim(q[: say.start()], previous):
            # "예전 회사가 고객을 좀 무시했다고 보시나요?": a verdict of ours, for them to sign.
            add(Cue("agreement", Label.LEADING, STRONG + 0.5, say.group(0)))
        main = _MAIN_REASON.search(q)
        if main and not (previous and re.search(r"제일|가장|주된|주로|무엇보다", previous)):
            # "거리가 가장 큰 이유였다고 보시나요?": the main reason is ours, offered for them to confirm.
            add(Cue("agreement", Label.LEADING, STRONG + 0.5, main.group("ev")))
    return cues


def _form_cues(clause: str) -> list[Cue]:
    cues: list[Cue] = []
    add = cues.append
    indefinite = _INDEFINITE.search(clause)
    probe = _INDEFINITE.sub(" ", clause) if indefinite else clause
    strong = _WH_OPEN_STRONG.search(probe)
    fact = _WH_FACT.search(probe)
    if strong:
        add(Cue("wh_open", Label.OPEN, STRONG, _words_at(probe, strong)))
    elif fact:
        add(Cue("short_fact", Label.CLOSED, STRONG, _words_at(probe, fact)))
    elif not indefinite and _WH_OPEN.search(probe):
        add(Cue("wh_open", Label.OPEN, MEDIUM + 0.5, _words_at(probe, _WH_OPEN.search(probe))))
    else:
        words = clause.split()
        add(Cue("yes_no", Label.CLOSED, STRONG, words[-1] if words else clause))
    if _CHOICE.search(clause) and not strong and not fact:
        add(Cue("choice", Label.CLOSED, STRONG, "아니면" if "아니면" in clause else clause.split()[-1]))
    return cues


def _clauses(q: str) -> list[str]:
    return [c.strip() for c in re.split(r",", q) if c.strip()]


def _echo_form(q: str) -> str | None:
    """A few words handed back with an echo ending, whoever said them first: "불편했다고요?" (quotative),
    "3개월이요?", "저녁마다요?" (a word with 요 and no predicate). The words themselves are matched in ``echo_share``."""
    words = q.split()
    if not words or len(words) > 5 or _has_wh(q) or _REQUEST_RE.search(q) or _JANA.search(q):
        return None
    if _QUOTE_ECHO.search(q):
        return words[-1]
    if len(words) <= 3 and _FRAGMENT_ECHO.search(q):
        return words[-1]
    last = words[-1]
    if len(words) <= 3 and len(last) >= 3 and last.endswith("요") and _jong(last[-2]) == 0 \
            and last[-2] not in _VERB_BEFORE_YO:
        return last
    return None


def _honorific_echo(q: str, previous: str | None) -> str | None:
    """Their few words handed back with only the honorific put in: "혼자 가셨어요?" after "마트에 혼자 갔어요"
    (가셨 for 갔, 하셨 for 했: the same syllables up to the last, which starts with the same consonant and had ㅆ)."""
    words = q.split()
    if not previous or not 1 <= len(words) <= 3 or _has_wh(q) or _REQUEST_RE.search(q):
        return None
    match = re.fullmatch(r"([가-힣]+?)(?:으)?셨어요", words[-1])
    if not match or any(w not in previous for w in words[:-1]):
        return None
    stem = match.group(1)
    for i in range(len(previous) - len(stem) + 1):
        last = previous[i + len(stem) - 1]
        if previous[i: i + len(stem) - 1] == stem[:-1] and _cho(last) == _cho(stem[-1]) >= 0 and _jong(last) == 20:
            return words[-1]
    return None


_WHAT_ABOUT = _rx(r"^(?:(?:그럼|그러면|그래서|그리고|그|아|음|어|이제)\s+)*(?:[가-힣0-9]+\s+){0,2}[가-힣0-9]+"
                  r"(?<![요다])(?:은|는|에서는|에는|한테는|께서는|이랑은|하고는)요$")


def _question_cues(q: str, full: str, previous: str | None, has_qmark: bool,
                   before: list[str]) -> tuple[list[Cue], list[FlagHit]]:
    cues: list[Cue] = []
    flags: list[FlagHit] = []
    if _SHORT_OPEN.match(q):
        return [Cue("short_open", Label.OPEN, STRONG, q)], flags
    if _WHAT_ABOUT.match(q) and not _has_wh(q):
        # "그래서 환불은요?", "그때 기분은요?": a topic with 은/는요, what about it, for them to tell.
        return [Cue("short_open", Label.OPEN, STRONG, q)], flags
    echo = _echo_form(q) or _honorific_echo(q, previous)
    if echo:
        return [Cue("echo", Label.ECHO, MEDIUM + 0.5, echo)], flags
    closing = _CLOSING.search(q)
    if closing:
        # "혹시 더 말씀하시고 싶은 거 있으세요?": the floor is theirs for whatever was not asked.
        return [Cue("closing_invitation", Label.OPEN, STRONG + 0.5, closing.group("ev").strip())], flags
    clauses = _clauses(q)
    # Faux invitations: a request around a yes/no question.
    wrapper = None
    if len(clauses) >= 2 and _REQUEST_RE.search(clauses[0]) and not _has_wh(clauses[0]):
        wrapper, inner = clauses[0], ", ".join(clauses[1:])
    elif before and _BARE_REQUEST.match(_core(before[-1]) + "?"):
        wrapper, inner = _core(before[-1]), q
    if wrapper is not None and not _REQUEST_RE.search(inner):
        if not _WH_OPEN_STRONG.search(inner) and not (_WH_OPEN.search(inner) and not _INDEFINITE.search(inner)):
            cues.append(Cue("faux_invitation", Label.CLOSED, STRONG + 0.5, wrapper))
            flags.append(FlagHit(Flag.FAUX_INVITATION, "faux_invitation", wrapper))
            return cues, flags
    know = _KNOW_WRAP.search(q)
    if know and not _REQUEST_RE.search(q):
        # "어떤 옷이었는지 기억나세요?": they can answer yes or no, or name one thing.
        cues.extend(_leading_cues(q, full, previous, has_qmark))
        cues.append(Cue("yes_no", Label.CLOSED, STRONG + 0.5, know.group("ev").strip()))
        return cues, flags
    embedded = _EMBEDDED.search(q)
    if embedded and _REQUEST_RE.search(q[embedded.start():]) or _WHETHER_NOT.search(q):
        clause = q[: embedded.end()] if embedded else q
        if _WHETHER_NOT.search(q) or not (_WH_OPEN_STRONG.search(clause) or _WH_OPEN.search(clause)):
            ev = (embedded.group(0) if embedded else _WHETHER_NOT.search(q).group(0)).strip()
            cues.append(Cue("faux_invitation", Label.CLOSED, STRONG + 0.5, ev))
            flags.append(FlagHit(Flag.FAUX_INVITATION, "faux_invitation", ev))
            return cues, flags
    cues.extend(_leading_cues(q, full, previous, has_qmark))
    request = _REQUEST_RE.search(q) or (_CURIOUS.search(q) if _has_wh(q) else None) or _TOPIC_CURIOUS.search(q)
    if request:
        cues.append(Cue("invitation", Label.OPEN, STRONG, request.group(0).strip()))
        return cues, flags
    # The label follows the last predicate ("언제 가입하셨고, 왜 해지하셨어요?" -> open).
    last = _DOUBLE.split(q)[-1] if _DOUBLE.search(q) else q
    cues.extend(_form_cues(last.strip() or q))
    return cues, flags


def _declarative_cues(body: str, previous: str | None, has_qmark: bool, ov: float) -> list[Cue]:
    cues: list[Cue] = []
    add = cues.append
    words = body.split()
    reflect = _REFLECT_START.match(body)
    if reflect:
        add(Cue("reflection_starter", Label.REFLECTION, STRONG if previous else MEDIUM, reflect.group("ev")))
        if has_qmark and previous and ov < 0.3:
            add(Cue("guess_question", Label.LEADING, MEDIUM, reflect.group("ev")))
    # "아이고, 저도 비슷한 일이 있어서 그 마음 알 것 같아요", "저희 할머니도 약을 매일 드셔서 남 일 같지 않네요": the
    # interviewer's own experience, after an interjection or a thank-you, is no summary of theirs.
    own = not reflect and any(_OWN_VIEW.match(c.strip()) or _OUR_PEOPLE.match(c.strip())
                              for c in re.split(r"[,.!?]|(?<=아이고)\s|(?<=어머)\s", body))
    end = _REFLECT_END_STRONG.search(body)
    if end and len(words) >= 2 and not own:
        add(Cue("reflection_ending", Label.REFLECTION, (STRONG if previous else MEDIUM), end.group("ev")))
    elif _REFLECT_END.search(body) and len(words) >= 3 and not _OWN_VIEW.match(body) and not own:
        add(Cue("reflection_ending", Label.REFLECTION, MEDIUM if previous else WEAK, _REFLECT_END.search(body).group("ev")))
    if previous and ov >= 0.5 and len(words) >= 3 and not own:
        add(Cue("restates", Label.REFLECTION, MEDIUM, ""))
    elif previous and ov >= 0.25 and len(words) >= 3 and not own:
        add(Cue("restates", Label.REFLECTION, WEAK, ""))
    if 1 <= len(words) <= 4 and re.search(r"[가-힣](?<!니)다$", body) and previous and ov >= 0.3:
        # Their words handed back in the plain -다 form, which the interviewer uses for nothing else.
        add(Cue("echo", Label.ECHO, MEDIUM + 0.5, words[-1]))
    guessed = _conjecture(body, previous)
    if guessed and not guessed[1] and previous:
        # "많이 답답하셨겠어요" when they never said 답답: a feeling put in their mouth, however kindly.
        add(Cue("guessed_feeling", Label.LEADING, STRONG + 1.0, guessed[0]))
    elif guessed and previous and not (end and len(words) >= 2):
        # "속상하셨겠네요" after "속상했어요": the feeling they named, said back.
        add(Cue("reflection_ending", Label.REFLECTION, STRONG, guessed[0]))
    comparison = _COMPARISON.search(body)
    if comparison and (reflect or end or _REFLECT_END.search(body)) and previous and not _COMPARISON.search(previous):
        # A summary that ranks one thing over another when they never compared: a verdict of ours.
        add(Cue("presumptive", Label.LEADING, STRONG + 1.0, comparison.group("ev")))
    if reflect or end or _REFLECT_END.search(body):
        # A reason is swapped only when they gave one just now (an earlier one may be what is summed up).
        cause = _supplied_cause(body, previous, strict=True) \
            if (reflect or end) and previous and _THEIR_REASON.search(previous) else None
        asserted = _summary_predicate(body, previous)
        if cause:
            # "결국 귀찮아서 안 하신 거네요" after "시간이 없어서": a reason of ours in the form of a summary.
            add(Cue("presumptive", Label.LEADING, STRONG + 1.0, cause))
        elif asserted and not asserted[1] and (_EVALUATIVE.match(asserted[0]) or _DECISION.match(asserted[0])) \
                and not _their_feeling(asserted[0], previous) \
                and not any(c.name in ("presumptive", "guessed_feeling") for c in cues):
            # "그 앱이 별로였다는 말씀이시죠" when they only said they stopped: a verdict they never gave.
            add(Cue("presumptive", Label.LEADING, STRONG + 0.5, asserted[0]))
    emotion = _EMOTION.search(body)
    if emotion and previous and (reflect or end or re.search(r"(?:시죠|죠|지요)$", body)) \
            and not _their_feeling(emotion.group(0), previous) \
            and not any(c.name in ("presumptive", "guessed_feeling") for c in cues):
        # "그러니까 배송이 늦는 게 제일 스트레스시죠" when they never spoke of stress: a feeling read into their words.
        add(Cue("guessed_feeling", Label.LEADING, STRONG + 1.0, emotion.group(0)))
    guess = _GUESS.search(body)
    if guess and len(words) >= 2 and _adds_claim(body, previous):
        # "…당황하셨을 것 같은데요": a feeling or thought put in their mouth, said as a statement.
        add(Cue("presumptive", Label.LEADING, STRONG + 1.0, _words_at(body, guess)))
    if re.search(r"(?:시죠|세요|시지요|겠죠|겠지요|죠|[가-힣]지요)$", body) and not _REFLECT_END_STRONG.search(body) \
            and not reflect and not _OWN_VIEW.match(body) and len(words) >= 2 and previous \
            and (_adds_claim(body, previous) or _new_negation(body, previous)):
        # Unpunctuated "…많이 외로우시죠": it tells them what they feel and waits for a yes.
        add(Cue("presumptive", Label.LEADING, STRONG + 1.0, words[-1]))
    judgment = _JUDGMENT.search(body)
    if judgment and (reflect or end or _REFLECT_END.search(body) or re.search(r"(?:편이|거)(?:죠|지요|네요|군요)$", body)) \
            and not (previous and judgment.group("ev")[:2] in previous):
        # A summary that judges them ("결국 의지가 좀 약하셨던 거네요"): a claim they never made.
        add(Cue("presumptive", Label.LEADING, STRONG + 1.0, _words_at(body, judgment)))
    greeting = _GREETING.match(body)
    if greeting:
        add(Cue("greeting", Label.STATEMENT, STRONG, greeting.group("ev")))
    signpost = _SIGNPOST.search(body) or _OPEN_FREE.match(body)
    if signpost:
        add(Cue("signpost", Label.STATEMENT, STRONG - 0.5, signpost.group(0)))
    own = _OWN_VIEW.match(body)
    if own and not reflect:
        add(Cue("own_view", Label.STATEMENT, MEDIUM + 0.5, own.group("ev")))
    info = _INFO.match(body)
    if info and not reflect:
        add(Cue("information", Label.STATEMENT, MEDIUM, info.group("ev")))
    if any(c.name in ("presumptive", "guessed_feeling") for c in cues):
        # A guess or a verdict of ours said in a summary's words: the summary form does not make it a reflection.
        cues[:] = [c for c in cues if c.label != Label.REFLECTION]
    if not cues:
        add(Cue("declarative", Label.STATEMENT, WEAK, ""))
    return cues


def _flags(clean: str, question_text: str, focus: str, is_q: bool, questions: list[str]) -> list[FlagHit]:
    hits: list[FlagHit] = []
    pitch = _PITCH.search(clean)
    ours = _OURS.search(clean)
    if pitch:
        hits.append(FlagHit(Flag.PITCH, "pitch", pitch.group("ev").strip()))
    elif ours and (not is_q or _PRAISE.search(clean)):
        hits.append(FlagHit(Flag.PITCH, "pitch", ours.group("ev").strip()))
    if not is_q:
        return hits
    hyp = _HYP.search(question_text)
    prospective = next((m for m in _HYP_PROSPECTIVE.finditer(question_text) if _jong((m.group(1) or m.group(2))) == 8), None)
    if hyp:
        hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", _words_at(question_text, hyp).rstrip("?")))
    elif prospective:
        hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", prospective.group(0)))
    elif _IF_THEN.search(question_text):
        hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", _IF_THEN.search(question_text).group(0)[:12]))
    double = _DOUBLE.search(focus)
    if double and not _REQUEST_RE.search(focus[: double.end()]):
        hits.append(FlagHit(Flag.DOUBLE_BARRELED, "double_barreled", double.group("ev")))
    elif len(questions) >= 2:
        first, last = _core(questions[-2]), _core(questions[-1])
        offers = re.match(r"^(?:혹시|아니면|예를\s*들어)", last) or (_has_wh(first) and not _has_wh(last) and len(last.split()) <= 3)
        if not offers and not _BARE_REQUEST.match(first + "?") and not _REQUEST_RE.search(first) \
                and overlap(last, first, LANG) < 0.5:
            hits.append(FlagHit(Flag.DOUBLE_BARRELED, "two_questions", last[:20]))
    return hits


def _echo_weight(q: str, share: float) -> float:
    """Their words with an echo ending, a few words long; not a question of the trainee's own."""
    question_like = (_has_wh(q) or _REQUEST_RE.search(q) or _LEADING_END.search(q) and not re.search(r"요$", q)
                     or _SHORT_OPEN.match(q) or _JANA.search(q) or _WHAT_ABOUT.match(q))
    if question_like or len(q.split()) > 5:
        return 0.0
    return STRONG + 0.5 if share >= 0.99 else MEDIUM if share >= 0.6 else 0.0


def _settle_question(q: str, previous: str | None, has_qmark: bool, qcues: list[Cue]) -> list[Cue]:
    """A summary said as a question ("…하신 거군요?") is a reflection, or a guess when it adds to their words."""
    reflective = _REFLECT_START.match(q) or _REFLECT_END_STRONG.search(q)
    if reflective and not any(c.label == Label.LEADING for c in qcues) and not _asks_wh(q):
        ov = overlap(q, previous, LANG)
        qcues = qcues + [c for c in _declarative_cues(q, previous, has_qmark, ov) if c.label == Label.REFLECTION]
        guessed = _conjecture(q, previous)
        if guessed and guessed[1]:
            # "속상하셨겠어요?" after "속상했어요": a yes/no form only in its "?", their feeling said back.
            qcues = [c for c in qcues if c.label != Label.CLOSED]
        if has_qmark and previous and ov < 0.3:
            qcues.append(Cue("guess_question", Label.LEADING, MEDIUM, reflective.group("ev")))
    return qcues


# A check after a summary: "맞나요?", "제가 제대로 이해한 건가요?" ("맞죠?" asks them to agree: a tag).
_CHECK = _rx(r"^(?:제가\s*)?(?:(?:제대로|잘|맞게)\s*)?(?:맞나요|맞습니까|맞아요|맞는지요|그런가요|그렇게\s*이해하면\s*(?:될까요|되나요|맞나요)|"
             r"이해(?:한\s*게|한\s*거|했는데)?\s*(?:맞나요|맞아요|맞는\s*건가요)|이해했나요|이해한\s*건가요)$")


READER = Reader(
    language=LANG, sentences=split_sentences, core=_core, is_question=is_question, is_ack=lambda c: bool(_ACK.match(c)),
    echo_weight=_echo_weight, question_cues=_question_cues, settle_question=_settle_question,
    declarative_cues=_declarative_cues, is_check=lambda c: bool(_CHECK.match(c)),
    flags=lambda raw, asked, focus, is_q, questions: _flags(raw, " ".join(a + "?" for a in asked), focus, is_q,
                                                            questions),
)


def analyse(text: str, previous: str | None = None, context: "str | Iterable[str] | None" = None) -> Form:
    """The form of one turn; ``context`` is everything the customer said earlier (``previous`` may be among it):
    their words anywhere in it count for echoes, restatements and supplied reasons."""
    if context:
        from .rules import customer_text

        previous = customer_text(previous, context, limit=600) or previous
    return read_turn(READER, text, previous)
