"""Rewrites in Dutch, Korean and Chinese: an open question about real, past experience that keeps the trainee's
topic, for leading, closed and hypothetical turns (``rewrite.suggest_rewrite(..., language=...)`` calls these).

Like the English rewrites these are templates over the question's form, no model. Each language picks out what
the question was about (a noun phrase, or the verb and its object) and puts it into the kind of question the
team's guidance recommends:

    nl  "Gebruik je de app dagelijks?"          -> "Hoe gebruik je de app?"
        "Je vond die chatbot vast vreselijk, niet?" -> "Hoe kijk je zelf tegen die chatbot aan?"
    ko  "앱은 매일 쓰시나요?"                     -> "가장 최근에 앱을 쓰셨던 때를 떠올려서 말씀해 주시겠어요?"
        "고객센터 대기 시간이 너무 길지 않아요?"   -> "고객센터 대기 시간은 어떠셨어요?"
    zh  "你每天都用这个App吗？"                   -> "能说说你上次用这个App的经过吗？"
        "难道你不担心食品安全吗？"                 -> "你自己是怎么看食品安全的？"

When no topic can be picked out safely, a natural question without one is given ("Hoe ging dat de laatste keer?",
"그때 어떠셨어요?", "能说说最近一次的具体经过吗？") — never a broken sentence.
"""

from __future__ import annotations

import re
from typing import Iterable

from .labels import Flag, Label

__all__ = ["suggest"]


def suggest(text: str, label: Label, flags: set[Flag], language: str) -> str | None:
    """The rewrite for one turn (``label`` is closed or leading, or ``flags`` has hypothetical), or None."""
    from .rules import analyse

    form = analyse(text, None, language)
    if not form.questions:
        return None
    if Flag.HYPOTHETICAL not in flags:
        # As in English: the part a yes/no question offered ("iemand", "有人") asked for with its question word, or
        # how they felt about what the guess names.
        built = {"nl": _nl_clause, "zh": _zh_clause}.get(language, lambda q: None)(form.questions[-1])
        if built and analyse(built, None, language).top[0] == Label.OPEN:
            return built
    builder = {"nl": _nl, "ko": _ko, "zh": _zh}[language]
    return builder(form, label, flags)


_NL_INDEFINITE = re.compile(r"^(?:(?:en|dus|maar|oké|ok)\s*,?\s+)?(?P<aux>was|is|waren|zijn|heeft|had|hebben|kon|kan|wilde|ging)\s+"
                            r"(?P<er>er\s+)?(?P<who>iemand|iets)\s+(?P<rest>[^?]+?)\s*\??$", re.IGNORECASE)
_NL_INDEFINITE_OBJECT = re.compile(r"^(?:(?:en|dus|maar)\s*,?\s+)?(?P<aux>heb|hebt|had|heeft|ben|bent|was|kon|kun|kunt)\s+"
                                   r"(?P<who>je|jij|u)\s+(?P<adv>(?:nog|toen|ooit|wel|eigenlijk)\s+)?(?P<what>iemand|iets)\s+"
                                   r"(?P<rest>[^?]+?)\s*\??$", re.IGNORECASE)
_NL_FEELING = re.compile(r"^(?:(?:en|dus|maar)\s*,?\s+)?(?:(?P<aux1>was|ben|bent|werd|word)\s+(?:je|jij|u)|(?:je|jij|u)\s+"
                         r"(?P<aux2>was|bent|werd|wordt))\s+(?:(?:vast|zeker|wel|toch|echt|heel|erg|best)\s+)*"
                         r"(?P<feel>blij|opgelucht|boos|teleurgesteld|bang|verdrietig|gefrustreerd|zenuwachtig|tevreden|"
                         r"ontevreden|geïrriteerd|geschrokken|bezorgd|gestrest|trots|moe|klaar)\s+"
                         r"(?:(?:dat|toen|met|over|van)\s+)(?P<rest>[^?]+?)\s*(?:,?\s*(?:toch|hè|niet))?\s*\??$",
                         re.IGNORECASE)


def _nl_clause(question: str) -> str | None:
    """"Was er iemand bij je?" -> "Vertel eens wie er bij je was." (the finite verb to the end of the clause);
    "Heb je iets gemerkt?" -> "Vertel eens wat je gemerkt hebt."; "Was je blij dat het voorbij was?" -> "Hoe voelde je
    je toen het voorbij was?"."""
    q = question.strip()
    m = _NL_INDEFINITE.match(q)
    if m:
        wh = "wie" if m.group("who").lower() == "iemand" else "wat"
        return f"Vertel eens {wh} {(m.group('er') or '').strip() + ' ' if m.group('er') else ''}{m.group('rest')} " \
               f"{m.group('aux').lower()}."
    m = _NL_INDEFINITE_OBJECT.match(q)
    if m:
        wh = "wie" if m.group("what").lower() == "iemand" else "wat"
        aux = {"heb": "hebt", "kun": "kunt"}.get(m.group("aux").lower(), m.group("aux").lower())
        who = m.group("who").lower()
        return f"Vertel eens {wh} {who} {m.group('rest')} {aux}."
    m = _NL_FEELING.match(q)
    if m:
        aux = (m.group("aux1") or m.group("aux2")).lower()
        past_tense = aux in ("was", "werd")
        rest = m.group("rest")
        link = re.search(r"\b(?:dat|toen)\s+" + re.escape(rest) + "$", q.rstrip("? "), re.IGNORECASE)
        if link or re.match(r"^(?:het|de|dat|alles|ze|hij|zij|je)\b", rest, re.IGNORECASE) and re.search(
                r"\b(?:was|waren|is|zijn|had|heeft|werd)$", rest):
            return f"Hoe {'voelde' if past_tense else 'voel'} je je toen {rest}?" if past_tense else \
                f"Hoe voel je je nu {rest}?"
        return f"Wat {'vond' if past_tense else 'vind'} je van {rest}?"
    return None


_ZH_INDEFINITE = re.compile(r"^(?:那|那么|所以|嗯)?(?:当时|那次|那天)?(?:有没有人|有人|有谁)(?P<rest>[\u4e00-\u9fffA-Za-z]+?)"
                            r"(?:了)?(?:吗|么|嘛|没有)?[？?]?$")


def _zh_clause(question: str) -> str | None:
    """"有人陪你去吗？" -> "能说说当时是谁陪你去的吗？": the person the question offered, asked for."""
    m = _ZH_INDEFINITE.match(question.strip())
    if m and len(m.group("rest")) >= 2:
        return f"能说说当时是谁{m.group('rest')}的吗？"
    return None


def _first(items: Iterable[str | None]) -> str | None:
    return next((item for item in items if item), None)


# =================================================================================================
# Chinese

_ZH_WRAPPER = re.compile(r"^(?:请(?:你|您)?|(?:你|您))?(?:能不能|能|可以)?(?:跟我|给我|和我)?(?:说说看?|讲讲|聊聊|谈谈|说一说|讲一讲|"
                         r"说一下|讲一下|描述一下|介绍一下|告诉我)(?:吧)?[,:]?")
_ZH_TAG = re.compile(r"[,]?\s*(?:对吧|是吧|对不对|没错吧|不是吗|是这样吧|你说是吧|你也这么觉得吧|你也这样觉得吧|对吗|是不是|"
                     r"同意吗|你同意吗|好吧)$")
_ZH_SUBJECT = re.compile(r"^(?:那么?|嗯|所以)?(?:你们家|你们|您们|你|您)")
_ZH_ADVERB = re.compile(r"每天|每次|经常|平时|一般|通常|现在|已经|真的|肯定|一定|以后|还是|还|都|也|再|又|就|主要|常常|总是|"
                        r"最近|当时|一直|基本上?|大概")
_ZH_FACT = re.compile(r"(?:一周|一个月|一年|每周|每个月|每天)?(?:几(?:次|个|口人|年|点|天|岁|号|趟|回|遍)?|多少(?:钱|次)?|多久|"
                      r"多长时间|是什么时候|什么时候|(?:用|在|从)?哪(?:个|家|款|种)(?:[A-Za-z]+|[\u4e00-\u9fff]{1,2})?(?=买|用|下单|点|订)|"
                      r"哪(?:一年|一天|个|家|里|儿|款|种)|谁)")
_ZH_TIME = re.compile(r"(?:早上|上午|中午|下午|晚上|半夜|周末|周[一二三四五六日天])?(?:[零一二三四五六七八九十两\d]+点(?:半)?(?:前|后|以前|以后|左右)?)?")
_ZH_ACTION = re.compile(r"^(?:用|买|下单|申请|注销|取消|换|退|投诉|打|去|点|订|选|做|吃|看|拿|取|送|付|充|开|关|删|装|下载|登录|"
                        r"注册|联系|找|问|给|写|发|约|报|排|等|试|参加|加入|退出|卸载|扫|刷|领|抢|拼|囤|逛|预约|续|退订|"
                        r"充值|搬|修|寄|收|转|存|借|还|交|办|挑|比|查|学|玩|玩儿|坐|骑|开始)")
_ZH_STATIVE = re.compile(r"^(?:在|是|有|住|觉得|认为|知道|喜欢|满意|习惯|还在)")
_ZH_EVAL = re.compile(r"(?:太|这么|那么|特别|非常|超级?|真的|很|挺|更|比较|有点|越来越|最)(?:难|贵|差|慢|烦|累|快|好|糟|烂)|"
                      r"(?:太|这么|那么|特别|非常|超级?|真的|很|挺|更|比较|有点|越来越|最)?(?:麻烦|复杂|难用|不方便|失望|生气|讨厌|"
                      r"好用|方便|便宜|简单|贴心|清爽|新鲜|划算|满意|开心|喜欢|舒服|让人生气)")
_ZH_EPISODE = re.compile(r"(?P<ep>那次|上次|那天|那一次|那段时间|第一次|最后一次)")


def _zh_core(q: str) -> str:
    q = re.sub(r"^(?:嗯+|那么?(?![种个次些天时])|就是|然后|现在)+", "", q)
    q = _ZH_WRAPPER.sub("", q)
    q = _ZH_TAG.sub("", q)
    q = re.sub(r"^(?:难道|其实|所以说到底|所以说|所以)", "", q)
    q = re.sub(r"(?:吗|呢|吧|啊|么|呀)$", "", q)
    return q.strip(" ,")


def _zh_vp(clause: str) -> str | None:
    """The verb phrase of a yes/no or one-fact question: "你每天都用这个App" -> "用这个App"."""
    vp = _ZH_SUBJECT.sub("", clause)
    vp = re.sub(r"^(?:是不是|是否)", "", vp)
    vp = re.sub(r"^(?:有没有|会不会|要不要|能不能|愿不愿意|想不想)", "", vp)
    vp = _ZH_FACT.sub("", vp)
    if re.search(r"怎么|什么|为什么|如何|哪些", vp):
        return None
    vp = _ZH_EPISODE.sub("", vp)
    vp = _ZH_ADVERB.sub("", vp)
    vp = _ZH_TIME.sub("", vp)
    vp = re.sub(r"^(?:是)(.+)的$", r"\1", vp)          # 是…的 cleft
    vp = re.sub(r"^因为[^才就]{1,10}(?:才|就)", "", vp)  # a reason offered: keep the action
    vp = re.sub(r"([\u4e00-\u9fff])不\1", r"\1", vp)      # A-not-A
    vp = re.sub(r"(?<=[\u4e00-\u9fff])(?:过|了)(?=[\u4e00-\u9fff]|$)", "", vp)
    vp = re.sub(r"^(?:会|愿意|打算|想)", "", vp).strip(" ,")
    if not vp or len(vp) > 14 or not _ZH_ACTION.match(vp):
        return None
    return vp


def _zh_topic(clause: str) -> str | None:
    """The thing a verdict is about: "这个App太复杂了" -> "这个App", "难道你不担心食品安全" -> "食品安全"; None when the
    verdict is about an action ("婆婆不想每天去驿站")."""
    body = _ZH_SUBJECT.sub("", clause)
    worry = re.match(r"^(?:不觉得|不担心|担心|不在意|在意|不喜欢|喜欢)", body)
    body = re.sub(r"^(?:不觉得|不担心|觉得|担心|不在意|在意|不喜欢|喜欢|不|我们的|我们)", "", body)
    match = _ZH_EVAL.search(body)
    if match and match.start() > 0:
        head = body[: match.start()]
    elif worry and match is None:
        head = body
    else:
        return None
    head = head.split("是")[0] if "是" in head[1:] else head
    head = re.sub(r"(?:是不|是|的|都|也|就|还|真|确实|已经)+$", "", head)
    head = _ZH_ADVERB.sub("", head).strip(" ,")
    if not head or len(head) > 10 or re.search(r"[吗呢吧?]|因为|为什么|哪|什么|想|去|用|买|会|要|在|做|等", head):
        return None
    return head


def _zh(form, label: Label, flags: set[Flag]) -> str | None:
    you = "您" if "您" in form.clean else "你"
    clauses = [c for c in re.split(r"[,;:]", form.focus) if c.strip()]
    if Flag.DOUBLE_BARRELED in flags and len(clauses) >= 2:
        first = clauses[0]
        if re.search(r"怎么|为什么|什么样|说说|讲讲", first):
            return first.rstrip("?") + "？"
        clauses = [first]
    core = _zh_core(",".join(clauses) if clauses else form.focus)
    parts = [p for p in re.split(r"[,;:]", core) if p.strip()]
    last = parts[-1] if parts else ""
    episode = _ZH_EPISODE.search(form.clean)
    if Flag.HYPOTHETICAL in flags:
        main = re.sub(r"^.*?(?:的话|如果[^,]*,|假如[^,]*,|要是[^,]*,)", "", core).split(",")[-1]
        if re.search(r"怎么|什么", main) and "变化" not in main:
            main = re.sub(r"^(?:你|您)(?!们)(?:觉得)?", "", main)
            return "现在" + re.sub(r"(?:会|将会|打算)", "", main) + "？"
        vp = _zh_vp(main)
        if vp:
            return f"能说说{you}上一次{'' if vp.startswith('考虑') else '考虑'}{vp}时的经过吗？"
        return f"上一次遇到类似的情况时，{you}实际是怎么做的？"
    if label == Label.LEADING:
        if re.search(r"因为|由于", form.clean):
            return "当时是什么让你做了这个决定？"
        if episode:
            return f"能说说{episode.group('ep')}的经过吗？"
        if re.search(r"问题(?:吧|吗|了)?$", core):
            return "能说说当时具体是什么情况吗？"
        social = re.search(r"(?:都说|都觉得|反映)(?P<topic>[\u4e00-\u9fffA-Za-z]{1,8}?)(?:太|很|特别|非常|不|挺)", form.clean)
        topic = social.group("topic") if social else _first(_zh_topic(p) for p in parts)
        if not topic and len(parts) >= 2 and 2 <= len(parts[0]) <= 10 and not re.search(r"[吗呢吧]|什么|怎么", parts[0]):
            topic = parts[0]  # "三块钱的优惠券，这不是在打发人吗？": the first clause names the thing
        if topic and topic not in ("它", "这", "那", "这个", "那个"):
            return f"{you}自己是怎么看{topic}的？"
        vp = _zh_vp(last)
        return f"能说说{you}上次{vp}的经过吗？" if vp else f"{you}自己的感受是怎样的？"
    if "还是" in core:
        a, _, b = core.partition("还是")
        common = ""
        while len(common) < min(len(a), len(b)) and a[-1 - len(common)] == b[-1 - len(common)]:
            common = a[-1 - len(common)] + common
        owner = re.match(r"^(?:你们家|你们|您们)", a)
        if len(common) >= 2 and not common.startswith("的"):
            return f"能说说{owner.group(0) if owner else you}平时{common}是怎么安排的吗？"
        topic = re.sub(r"(?:是|在|放|用).*$", "", _ZH_SUBJECT.sub("", a))
        return f"能说说{topic}最近一次是怎么安排的吗？" if 1 <= len(topic) <= 8 else "能说说最近一次的具体经过吗？"
    if "多少钱" in core:
        item = core.replace("多少钱", "")
        item = re.sub(r"^[一两几]?[盒个斤份袋箱瓶件]", "", _ZH_SUBJECT.sub("", item))
        return f"能说说{you}上次买{item}的经过吗？" if 1 <= len(item) <= 8 else f"能说说{you}上次买东西的经过吗？"
    vp = _zh_vp(last)
    if vp:
        when = episode.group("ep") if episode and episode.group("ep") in ("第一次", "最后一次") else "上次"
        if vp.startswith("开始"):
            return f"能说说{you}当初{vp}的经过吗？"
        return f"能说说{you}{when}{vp}的经过吗？"
    thing = _ZH_SUBJECT.sub("", last)
    stative = _ZH_STATIVE.match(thing)
    if stative:
        thing = thing[stative.end():]
    thing = re.sub(r"(?:里|上|中)$", "", thing)
    thing = re.sub(r"(?:([\u4e00-\u9fff])不\1|好用|远|近|贵|方便|准时|新鲜|多|少)$", "", _ZH_ADVERB.sub("", thing)).strip(" ,")
    if 1 <= len(thing) <= 8 and not re.search(r"[吗呢吧?]|什么|哪|谁|几|多少", thing):
        return f"关于{thing}，能多说一些吗？"
    if episode:
        return f"能说说{episode.group('ep')}的经过吗？"
    return "能说说最近一次的具体经过吗？"


# =================================================================================================
# Korean

_KO_WRAPPER = re.compile(r"^(?:좀\s*|조금\s*)?(?:더\s*)?(?:자세히\s*|편하게\s*|솔직하게\s*)?(?:말씀|이야기|얘기|설명)(?:을|를)?\s*(?:좀\s*)?"
                         r"해\s*(?:주세요|주시겠어요|주실래요|주실\s*수\s*있을까요|주시겠습니까)[,?]?\s*")
_KO_ADVERB = frozenset("매일 자주 보통 지금도 요즘 요즘도 아직 아직도 혹시 주로 평소에 평소 늘 항상 다시 혹시나 그때 그 당시 정말 진짜 "
                       "너무 많이 좀 조금 혹시라도 결국 역시 당연히 아무래도 이미 벌써 그냥 한번 한 번 먼저 또 원래 계속 가끔 "
                       "거의 보통은 주로는 요새 최근에 최근 음 어 그럼 그러면 근데 네 같이 함께 혼자 따로 직접 요즘은 요새는 "
                       "오늘 어제 그러니까 그니까 결국 훨씬 제일 가장 엄청 되게 많이들 다들 대부분 잘 못 제대로 안".split())
# Endings stripped from the last predicate to find its stem: "쓰시나요" -> "쓰", "해지하셨나요" -> "해지하".
_KO_ENDINGS = ("으셨습니까", "셨습니까", "으셨나요", "셨나요", "으셨어요", "셨어요", "으셨던", "으시나요", "시나요", "으세요", "세요",
               "으시겠어요", "시겠어요", "으실래요", "실래요", "으시는지", "시는지", "으셨는지", "셨는지", "었어요", "았어요",
               "였어요", "했어요", "습니까", "나요", "는지", "어요", "아요", "해요")
_KO_PAST = ("셨습니까", "셨나요", "셨어요", "셨는지", "었어요", "았어요", "였어요", "했어요")
_KO_FACT_WORDS = re.compile(r"^(?:몇|얼마|얼마나|언제|어디|어디서|어디에|어디로|어느|누가|누구|누구한테|번|정도|쯤|한|달에|주에|"
                            r"일주일에|하루에|번이나|번쯤)$|^(?:몇|얼마|어느|어디|언제|누구)")
_KO_LEADING_END = re.compile(r"(?:지\s*않(?:아요|나요|으세요|으셨어요|았어요|으셨나요|겠어요)|잖아요|죠|지요|겠죠|겠네요|아닌가요|아니에요|"
                             r"아니세요|그렇죠|맞죠)$")


def _jong(ch: str) -> int:
    code = ord(ch) - 0xAC00 if ch else -1
    return code % 28 if 0 <= code < 11172 else -1


def _ko_obj(noun: str) -> str:
    """A noun with its object particle: "앱" -> "앱을", "샴푸" -> "샴푸를"."""
    final = _jong(noun[-1:])
    return noun + ("을" if final > 0 else "를")


def _ko_topic_particle(noun: str) -> str:
    final = _jong(noun[-1:])
    return noun + ("은" if final > 0 else "는")


def _ko_bare(word: str) -> str:
    for particle in ("에서는", "에서", "으로", "에게", "한테", "은", "는", "이", "가", "을", "를", "도", "로", "에"):
        if word.endswith(particle) and len(word) > len(particle):
            return word[: -len(particle)]
    return word


def _ko_honorific_past(stem: str) -> str:
    """Stem + the honorific past adnominal: "쓰" -> "쓰셨던", "받" -> "받으셨던", "하" -> "하셨던"."""
    final = _jong(stem[-1:])
    if final in (0, -1):
        return stem + "셨던"
    if final == 8:  # ㄹ drops: 살 -> 사셨던
        return stem[:-1] + chr(ord(stem[-1]) - 8) + "셨던"
    return stem + "으셨던"


def _ko_predicate(clause: str) -> tuple[list[str], str, bool] | None:
    """(the words before the predicate, its stem, whether it asked about the past) for a yes/no or one-fact question."""
    words = clause.split()
    if not words:
        return None
    if len(words) >= 2 and words[-1] in ("건가요", "거예요", "건지", "거죠", "건가", "거에요"):
        # "…비싸서 바꾸신 건가요?": the predicate is the adnominal before it ("바꾸신" -> "바꾸").
        verb = re.sub(r"(?:으신|신|하신|한|은|는)$", "", words[-2]) if not words[-2].endswith("하신") else words[-2][:-1]
        past = True
        return words[:-2], verb, past
    last = words[-1]
    for ending in _KO_ENDINGS:
        if last.endswith(ending) and len(last) > len(ending):
            stem = last[: -len(ending)]
            stem = re.sub(r"(?:으시|시)$", "", stem) or stem
            head = words[:-1]
            # An auxiliary "해 보셨어요" keeps its main verb: "해 보".
            if head and head[-1].endswith(("해", "어", "아")) and stem in ("보", "주", "드리"):
                stem = head[-1] + " " + stem
                head = head[:-1]
            return head, stem, ending in _KO_PAST
    return None


_KO_CONNECTIVE = re.compile(r"(?:서|니까|때문에|때문|면|는데|지만)$")
_KO_ADNOMINAL = re.compile(r"(?:는|던|을|[갈할볼올쓸살줄될갔했])$")


def _ko_object(words: list[str]) -> str:
    kept: list[str] = []
    for i, word in enumerate(words):
        if word in _KO_ADVERB or _KO_FACT_WORDS.search(word) or re.match(r"^[\d.%]+", word):
            continue
        if word in ("때문에", "때문", "덕분에") and kept:
            kept.pop()  # "가격 때문에 해지하셨나요": the offered reason goes, the action stays
            continue
        if _KO_CONNECTIVE.search(word) and i > 0:
            # "그 샴푸가 비싸서 바꾸신": the reason goes, and its subject is what was changed.
            if kept and re.search(r"[이가]$", kept[-1]):
                kept[-1] = _ko_bare(kept[-1]) + "을"
                kept[-1] = _ko_obj(kept[-1][:-1])
            continue
        if i > 0 and re.match(r"^(?:어느|무슨|몇)$", words[i - 1]):
            word = _ko_bare(word)  # "어느 은행으로" -> "은행", the thing chosen
        kept.append(word)
    kept = [w for w in kept if w not in ("그", "이", "저")] if len(kept) > 1 else kept
    if not kept:
        return ""
    last = kept[-1]
    if last.endswith(("에는", "에서는")):
        kept[-1] = last[:-1]
        return " ".join(kept)
    if last.endswith(("에", "에서", "으로", "로", "한테", "에게", "이", "가", "도", "을", "를", "랑", "하고")) \
            and not last.endswith(("은", "는")) and _ko_bare(last) != last:
        return " ".join(kept)
    noun = _ko_bare(last)
    if noun in ("그", "이", "저"):
        return ""
    return " ".join(kept[:-1] + [_ko_obj(noun)])


def _ko_topic(clause: str) -> str | None:
    """The thing a verdict is about: "고객센터 대기 시간이 너무 길지 않아요" -> "고객센터 대기 시간"."""
    words = [w for w in clause.split() if w not in _KO_ADVERB and w not in ("왜", "얼마나", "그렇게", "이렇게", "저희")]
    if not words:
        return None
    candidates = []
    for i, word in enumerate(words[:-1]):
        if re.search(r"(?:이|가|은|는)$", word) and len(word) >= 2:
            candidates.append(words[:i] + [_ko_bare(word)])
            break
    if not candidates and 1 <= len(words) - 1 <= 2:
        candidates.append(words[:-1])  # "그 챗봇 답답하(지 않으셨어요)": the words before the verdict
    for parts in candidates:
        # A clause ("지점 갈 필요") is not a thing to ask about.
        if len(parts) > 3 or any(_KO_ADNOMINAL.search(w) for w in parts[:-1]):
            return None
        topic = " ".join(parts)
        if not re.search(r"다들|대부분|고객분|필요|때문|문제|[?]", topic):
            return topic
    return None


def _ko(form, label: Label, flags: set[Flag]) -> str | None:
    q = form.focus.rstrip("?. ")
    q = _KO_WRAPPER.sub("", q) or q  # "말씀해 주세요, …": the request wraps the question that was asked
    if Flag.FAUX_INVITATION in flags:
        q = re.sub(r"\s*(?:말씀|이야기|얘기|설명)(?:을|를)?\s*(?:좀\s*)?해\s*주(?:세요|시겠어요|실\s*수\s*있을까요).*$", "", q)
        q = re.sub(r"지\s*안\s*[가-힣]+지$|지\s*아닌지$", "지", q)
    if Flag.DOUBLE_BARRELED in flags:
        parts = re.split(r"(?<=[가-힣])(?:시고|셨고|으시고|으셨고|었고|았고|했고|였고)[,\s]+", q, maxsplit=1)
        if len(parts) == 2:
            q = parts[0] + ("셨어요" if re.search(r"셨고|었고|았고|했고|였고", form.focus) else "세요")
    q = re.sub(r"^(?:그러니까|그니까|결국|음|그럼)\s+", "", q)
    clause = re.split(r",\s*", q)[-1] if "," in q and label != Label.LEADING else q
    since = re.search(r"(?P<verb>[가-힣]+?)(?:하신|으신|신)\s*지\s*(?:얼마나|몇|오래)", clause)
    if since:
        verb = since.group("verb") + ("하" if since.group(0).find("하신") >= 0 else "")
        return f"처음 {_ko_honorific_past(verb)} 때 이야기를 들려주시겠어요?"
    if Flag.HYPOTHETICAL in flags:
        main = re.split(r"(?:다면|라면|으면|면)\s+", clause)[-1]
        pred = _ko_predicate(main)
        if pred and not re.search(r"것\s*같|수\s*있|얼마|어떻게|어떤|뭐", main) and len(pred[1]) <= 6:
            obj = _ko_object(pred[0])
            return f"마지막으로 {obj + ' ' if obj else ''}{_ko_honorific_past(pred[1])} 때 이야기를 들려주시겠어요?"
        return "비슷한 일이 실제로 있었던 마지막 때를 떠올려서 말씀해 주시겠어요?"
    # "새 앱은 마음에 드셨어요?", "그 샴푸 좋아하세요?": a liking asked for a yes; how it was for them, about the thing.
    liking = re.search(r"(?P<topic>[가-힣]+(?:\s+[가-힣]+)?)\s+(?:마음에\s*(?:드|들)|좋아하|만족하|맘에\s*(?:드|들))", clause)
    if liking and Flag.HYPOTHETICAL not in flags:
        words = [w for w in liking.group("topic").split() if w not in _KO_ADVERB]
        if words:
            noun = _ko_bare(words[-1])
            return f"{' '.join(words[:-1] + [_ko_topic_particle(noun)])} 어떠셨어요?"
    if label == Label.LEADING:
        if "때문" in clause or re.search(r"[가-힣](?:서|니까)\s+[가-힣]+(?:신|은|한|된)\s*(?:거|건|것)", clause):
            # "너무 비싸져서 그만두신 거죠?": the reason offered goes; what led to it is asked.
            return "어떤 계기로 그렇게 하셨는지 말씀해 주시겠어요?"
        if "문제" in clause:
            return "그때 어떤 일이 있었는지 처음부터 말씀해 주시겠어요?"
        thanks = re.search(r"(?:저희\s+)?(?P<topic>[가-힣]+(?:\s+[가-힣]+)?)\s*덕분에", clause)
        social = re.search(r"(?:다들|대부분(?:\s*고객분들이?)?|고객분들이?|다른\s*분들이?)\s+(?P<topic>[가-힣]+?)(?:이|가)\s",
                           form.clean)
        body = _KO_LEADING_END.sub("", re.split(r",\s*", clause)[-1] if "," in clause else clause).strip()
        topic = (thanks.group("topic") if thanks else _ko_bare(social.group("topic")) if social
                 else _ko_topic(body) or _ko_topic(clause))
        if topic:
            return f"{_ko_topic_particle(topic)} 어떠셨어요?"
        return "그때 어떠셨어요?"
    if "아니면" in clause or re.search(r"(?:예요|이에요|어요|세요|셨어요),\s", q):
        return "그때 어떻게 하셨는지 처음부터 말씀해 주시겠어요?"
    pred = _ko_predicate(clause)
    if pred:
        head, stem, past = pred
        if stem in ("사", "살", "있", "없", "이", "계시", "계", "되", "괜찮", "좋", "싫", "있으", "없으") or len(stem) > 8 \
                or re.search(r"있|없", stem):
            return "그 이야기를 조금 더 들려주시겠어요?"
        obj = _ko_object(head)
        verb = _ko_honorific_past(stem)
        if past:
            return f"{obj + ' ' if obj else ''}{verb} 과정을 처음부터 말씀해 주시겠어요?"
        return f"가장 최근에 {obj + ' ' if obj else ''}{verb} 때를 떠올려서 말씀해 주시겠어요?"
    return "그 이야기를 조금 더 들려주시겠어요?"


# =================================================================================================
# Dutch

_NL_NP = re.compile(r"\b(?P<np>(?:de|het|een|die|deze|dit|jouw|uw|jullie|onze|zo'n)\s+(?:[a-zà-ÿ]+e\s+|eigen\s+)?[a-zà-ÿ'-]{3,})\b",
                    re.IGNORECASE)
_NL_NOT_NOUN = frozenset("een twee drie vier vijf zes zeven acht negen tien honderd duizend hoop paar beetje keer stuk "
                         "laatst laatste eerste andere zelfde".split())
_NL_WRAPPER = re.compile(r"^(?:vertel|vertelt\s+u|zeg|zegt\s+u|beschrijf|leg(?:\s+eens)?\s+uit|legt\s+u\s+uit)(?:\s+(?:eens|me|mij|"
                         r"ons|gerust))*\s*[,:;-]\s*|^(?:kun|kunt|wil|wilt|zou)\s+(?:je|jij|u)\s+(?:me|mij|ons)?\s*(?:eens\s+)?"
                         r"(?:vertellen|zeggen|aangeven)\s+of\s+", re.IGNORECASE)
_NL_TAG = re.compile(r"\s*,?\s*(?:toch|niet|hè|he|hé|nietwaar|of\s+niet|toch\s+niet|right|ja)\s*$", re.IGNORECASE)
_NL_ADVERBS = re.compile(r"\b(?:dagelijks|elke\s+dag|vaak|nog|ooit|weleens|wel\s+eens|altijd|nooit|eigenlijk|ook|nu|meestal|"
                         r"gewoon|echt|zeker|vast|toch|wel|soms|regelmatig|nog\s+steeds|steeds|al|dan|toen|voor\s+het\s+laatst|"
                         r"maximaal|eens)\b", re.IGNORECASE)
_NL_AUX = frozenset("heb hebt heeft had ben bent is was waren zijn kun kunt kan wil wilt zou zal moet mag ga gaat vind vond "
                    "weet ken klopt word wordt werd krijg woon woont".split())
_NL_PARTICIPLE = re.compile(r"^(?:[a-zà-ÿ]*ge[a-zà-ÿ]{2,}(?:d|t|en)|(?:be|ver|ont|her|er)[a-zà-ÿ]{2,}(?:d|t|en))$|^[a-zà-ÿ]*ge(?:gaan|staan|daan|slagen)$", re.IGNORECASE)
_NL_PERFECT = re.compile(r"^(?:(?:wanneer|hoe\s+vaak|hoeveel\s+keer|waar)\s+)?(?P<aux>heb|hebt|heeft|ben|bent|is)\s+(?P<who>je|jij|u)\s+"
                         r"(?P<rest>.+)$", re.IGNORECASE)
_NL_SHORT_FACT = re.compile(r"^(?:hoe\s+vaak|hoeveel|hoe\s+lang|wanneer|hoe\s+laat)\s+(?P<verb>[a-zà-ÿ]+)\s+(?P<who>je|jij|u)\b",
                            re.IGNORECASE)


def _nl_formal(text: str) -> bool:
    return bool(re.search(r"\b(?:u|uw)\b", text, re.IGNORECASE))


def _nl_np(text: str) -> str | None:
    """The first noun phrase with an article or demonstrative: "Je vond die chatbot vast vreselijk" -> "die chatbot"."""
    from .rules_i18n import NL_STOP

    owned = re.match(r"^\W*(?:(?:en|dus|maar)\s*,?\s+)?(?:heeft|is|was|had|wordt|werd|vond|vindt|kon|kan|wilde|wil)\s+"
                     r"(?P<np>(?:je|jouw|uw|zijn|haar)\s+[a-zà-ÿ'-]{3,})\b", text, re.IGNORECASE)
    owned_np = owned.group("np") if owned and owned.group("np").split()[1].lower() not in NL_STOP else None
    found = _nl_det_np(text)
    if owned_np and (found is None or found.lower().startswith("het ")):
        return owned_np  # "Heeft je dochter het leuk gevonden?": "je dochter", not "het leuk"
    return found


def _nl_det_np(text: str) -> str | None:
    from .rules_i18n import NL_STOP

    for match in _NL_NP.finditer(text):
        np = match.group("np")
        words = np.split()
        head = words[-1].lower()
        if head in NL_STOP or head in _NL_NOT_NOUN or words[-2 if len(words) > 2 else 0].lower() in _NL_NOT_NOUN \
                and len(words) > 2:
            continue
        if words[0].lower() == "een" and words[1].lower() in _NL_NOT_NOUN:
            continue
        if match.start() == 0 and head.endswith("t") and words[0].lower() in ("die", "dit", "deze"):
            continue  # "Dit klopt", "Die werkt": a pronoun and a verb
        return words[0].lower() + (" " + " ".join(words[1:]) if len(words) > 1 else "")
    return None


def _nl_present(verb: str, formal: bool) -> str:
    """The verb after "je"/"u" in a subordinate clause: "bestel" -> "bestelt"."""
    verb = verb.lower()
    return verb if verb.endswith("t") else verb + "t"


def _nl(form, label: Label, flags: set[Flag]) -> str | None:
    from .rules_nl import strip_markers

    q = strip_markers(form.focus)[0].rstrip(" ?.!")
    formal = _nl_formal(form.clean)
    you = "u" if formal else "je"
    if Flag.FAUX_INVITATION in flags:
        q = _NL_WRAPPER.sub("", q)
    if Flag.DOUBLE_BARRELED in flags:
        q = re.split(r"(?:,\s*|\s)en\s+(?=(?:wat|hoe|waarom|wanneer|waar|wie|welke|hoeveel|[a-zà-ÿ]+\s+(?:je|jij|u|jullie))\b)",
                     q, maxsplit=1, flags=re.IGNORECASE)[0].rstrip(" ,")
        if re.match(r"^(?:hoe|wat|waarom)\b", q, re.IGNORECASE) and not re.match(r"^hoe\s+(?:vaak|lang|veel|laat|oud)\b", q,
                                                                                re.IGNORECASE):
            return q[:1].upper() + q[1:] + "?"
    q = re.sub(r"^(?:stel\s+(?:je\s+voor\s+)?dat|als|wanneer)\b[^,]*,\s*", "", q, flags=re.IGNORECASE)
    low = q.lower()
    np = _nl_np(q)
    if Flag.HYPOTHETICAL in flags:
        if np:
            return f"Vertelt u eens over de laatste keer dat u met {np} te maken had." if formal else \
                f"Vertel eens over de laatste keer dat je met {np} te maken had."
        return f"Wat deed {you} de laatste keer dat zoiets echt gebeurde?"
    if label == Label.LEADING:
        q = _NL_TAG.sub("", q)
        social = re.search(r"\b(?:zeggen|vinden)\s+dat\s+(?P<rest>.+)$", form.clean, re.IGNORECASE)
        np = _nl_np(social.group("rest")) if social else _nl_np(q)
        if re.search(r"\b(?:omdat|vanwege)\b", low):
            return "Wat gaf voor u de doorslag?" if formal else "Wat gaf voor jou de doorslag?"
        if np:
            return f"Hoe kijkt u zelf tegen {np} aan?" if formal else f"Hoe kijk je zelf tegen {np} aan?"
        return "Hoe kijkt u daar zelf tegen aan?" if formal else "Hoe kijk je daar zelf tegen aan?"
    which = re.match(r"^(?:en\s+)?(?:welke?|wat\s+voor)\s+(?P<noun>[a-zà-ÿ'-]+)\b", low)
    if which and which.group("noun") not in ("keer", "dag", "tijd", "manier"):
        noun = which.group("noun")
        article = "die" if not noun.endswith(("je", "ment", "pje", "tje")) else "dat"
        return f"Hoe bent u bij {article} {noun} terechtgekomen?" if formal else f"Hoe ben je bij {article} {noun} terechtgekomen?"
    if re.match(r"^hoe\s+lang\s+(?:ben|bent|is|zit|zat)\b", low):
        return "Hoe is dat zo gekomen?"
    perfect = _NL_PERFECT.match(q)
    if perfect and perfect.group("aux").lower() in ("heeft", "is") and perfect.group("who").lower() in ("je", "jij"):
        perfect = None  # "Heeft je dochter …": "je" is hers, not the subject ("heb je", "ben je" are)
    if perfect:
        words = _NL_ADVERBS.sub(" ", perfect.group("rest")).split()
        idx = next((i for i, w in enumerate(words) if _NL_PARTICIPLE.match(w)), None)
        if idx is not None:
            aux = "bent" if perfect.group("aux").lower() in ("ben", "bent", "is") else "heeft" if formal else "hebt"
            clause = " ".join(words[:idx] + [words[idx], aux] + words[idx + 1:])
            return f"Vertelt u eens hoe het ging toen u {clause}." if formal else f"Vertel eens hoe het ging toen je {clause}."
    fact = _NL_SHORT_FACT.match(q)
    if fact and fact.group("verb").lower() not in _NL_AUX:
        return f"Hoe gaat dat als {you} {_nl_present(fact.group('verb'), formal)}?"
    verb_first = re.match(r"^(?P<verb>[a-zà-ÿ]+)\s+(?P<who>je|jij|u)\s+(?P<rest>.*)$", q, re.IGNORECASE)
    if verb_first and verb_first.group("verb").lower() not in _NL_AUX:
        rest = verb_first.group("rest")
        choice = re.search(r"\s*\b(?:per|op|in|met|bij|via|aan)?\s*\S+\s+of\s+.*$", rest, re.IGNORECASE)
        rest = rest[: choice.start()] if choice and " of " in rest.lower() else rest
        rest = re.sub(r"\s+", " ", _NL_ADVERBS.sub(" ", rest)).strip(" ,")
        if len(rest.split()) >= 2 or choice:
            verb = verb_first.group("verb").lower()
            if formal and not verb.endswith("t"):
                verb = verb + "t"
            return f"Hoe {verb} {you}{' ' + rest if rest else ''}?"
    subordinate = re.match(r"^(?P<who>je|jij|u)\s+(?P<middle>.+)\s+(?P<verb>[a-zà-ÿ]+)$", q, re.IGNORECASE)
    if subordinate and Flag.FAUX_INVITATION in flags and subordinate.group("verb").lower() not in _NL_AUX:
        verb = subordinate.group("verb").lower()
        if not formal and verb.endswith("t") and not verb.endswith("tt") and len(verb) > 4:
            verb = verb[:-1]
        middle = re.sub(r"\s+", " ", _NL_ADVERBS.sub(" ", subordinate.group("middle"))).strip()
        return f"Hoe {verb} {you} {middle}?"
    if np:
        return f"Hoe ging dat de laatste keer met {np}?"
    return "Vertelt u eens wat meer daarover." if formal else "Vertel eens wat meer daarover."
