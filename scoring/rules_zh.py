"""Question forms in Chinese (Simplified and Traditional forms of the cue words are the same here).

There are no spaces, so every cue is a substring or a pattern over characters. ``clean_text`` has already
turned full-width ？，：！ into ? , : ! and 。 into "." before these rules run.

* closed: …吗 at the end; A-not-A (有没有, 会不会, 远不远, 是不是 + a plain fact); A还是B; one fact
  (几, 多少, 多久, 哪个, 什么时候, 谁).
* open: invitations (说说, 讲讲, 聊聊, 描述一下, 能跟我讲讲…吗), 为什么, 怎么, 什么样, 后来呢？
* faux invitation: an invitation followed by a yes/no clause ("说说看，你是因为价格才取消的吗？", "能告诉我你每天都用吗？").
* leading: tags (对吧, 是吧, 对不对, 不是吗), 难道, 不觉得…吗, 是不是 + a verdict or a cause, 吧？ after a claim,
  social proof (大多数客户都说…), presuppositions (为什么…这么难, 遇到了哪些问题 when none was mentioned).
* echo: their words handed back, punctuation stripped, 你 for their 我 (``rules_i18n.echo_share``).
* reflection: 听起来, 也就是说, 所以…。, 你是说…。, 总结一下, and restatements of what they said.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .labels import Flag, Label
from .rules import Cue, FlagHit, Form
from .rules_i18n import MEDIUM, STRONG, WEAK, Reader, _common_run, core, overlap, read_turn, strip_punctuation
from .rules_i18n import split_sentences as _split

__all__ = ["analyse", "split_sentences", "is_question"]

LANG = "zh"
_rx = re.compile

# ---------------------------------------------------------------------------------------------------
# Word lists

_FILLER = _rx(r"^(?:(?:嗯+|哦+|噢+|喔|啊+|呃+|额|(?:那|这)个(?=[,\s])|那么?(?![种个次些天时里边样儿位家段阵])|然后(?!呢)|就是(?!说)|对(?![吧不吗])|好的?(?=,))[,\s]*)+")
_INVITE_VERB = (r"(?:说说|讲讲|聊聊|谈谈|说一说|讲一讲|聊一聊|谈一谈|说一下|讲一下|聊一下|谈一下|描述一下|描述下|介绍一下|"
                r"形容一下|回忆一下|展开说|展开讲|多说一点|多讲一点|多说一些|多讲一些|多聊一些|多说几句|多说说|多讲讲|讲给我听|说给我听|分享一下|具体说|具体讲)")
_INVITE = _rx(r"(?<!顺便)(?<!我先)(?<!我来)(?<!我再)" + _INVITE_VERB)
# An invitation clause on its own ("说说看", "跟我讲讲", "请您说一说", "能告诉我").
_INVITE_CLAUSE = _rx(r"^(?:请(?:你|您)?|(?:你|您))?(?:能不能|能|可以|可不可以)?(?:跟我|给我|和我|帮我)?"
                     r"(?:" + _INVITE_VERB[3:-1] + r"|告诉我)(?:看|吧|呗)?$")
_TELL_ME = _rx(r"^(?:你|您)?(?:能不能|能|可以|可不可以)(?:跟我|给我)?(?:说|讲)?告诉我(?P<inner>.+?)吗?$")
_SHORT_OPEN = _rx(r"^(?:那|然后|嗯)?(?:后来呢|然后呢|还有呢|接下来呢|之后呢|再后来呢|比如呢|比如说呢|具体呢|怎么说|为什么呢|为什么|"
                  r"比如|比如说|举个例子(?:呢|吧)?|因为|因为什么|意思是|什么意思|具体说说|"
                  r"然后发生了什么|后来怎么样了|后来怎么了|后来发生了什么|怎么讲|然后怎么样了|那后来呢|接着呢|结果呢|怎么回事|"
                  r"(?:你|您)觉得呢|(?:你|您)怎么看|(?:你|您)说呢|(?:你|您)(?:们)?呢|(?:你|您)(?:们)?自己呢)$")

# "…的时候一般在干嘛": 在干嘛 asks what they are doing, an account.
_WH_OPEN_STRONG = _rx(r"为什么|为啥|为何|(?:干嘛|干什么|做什么|派什么)用|有什么用|(?<=[你您们般常时在])干(?:嘛|啥|什么)$|(?<!不)怎么(?!样)|怎样|如何|什么样|发生了什么|什么情况|什么感觉|什么原因|什么想法|什么感受|"
                      r"什么体验|什么区别|什么变化|什么影响|什么意思|啥感觉|啥情况")
_WH_OPEN = _rx(r"什么|啥|哪些|怎么样")
_WH_FACT = _rx(r"什么时候|啥时候|(?<![好十这那前头])几(?!乎)(?:次|个|口|年|点|天|岁|号|月|周|家|趟|分钟|小时|块|回|遍|年级|位|种|样|十)?|多少|多久|多长时间|"
               r"多远|多大|多高|多重|多贵|哪(?:一|个|家|天|年|里|儿|位|款|种|个月|次)|谁|什么(?:牌子|品牌|时间|价格|价位|型号|"
               r"App|app|平台|颜色|地方|时段|软件|东西|菜)|"
               # "你用的是什么手机": which thing it is, a thing named at the end ("是什么感觉" is open, above)
               r"的是什么[\u4e00-\u9fff]{1,3}$")
_A_NOT_A = _rx(r"(?:有没有|是不是|会不会|能不能|要不要|用不用|去不去|买不买|好不好|远不远|贵不贵|行不行|可不可以|愿不愿意|"
               r"喜不喜欢|知不知道|想不想|方不方便|满不满意|习不习惯|还在不在|在不在|对不对|合不合适|值不值|够不够|"
               r"(?<![不没])([\u4e00-\u9fff])[不没]\1)")
# 吗 at the end, or "V了没(有)" ("投诉了没有", "快递到了没", "钱要回来没", "修好没"): a yes/no question.
_YES_NO_END = _rx(r"(?:吗|(?<![什怎这那多要])么|嘛|(?<=[\u4e00-\u9fff])[了过来去到完好]没有?)$")
# A或B: 还是 between two options; after 你/我/说到底/其实… it means "still, after all" ("说到底还是价格的问题").
_CHOICE = _rx(r"(?<![你我他她您底实后要竟究来就也都])还是(?!觉得|认为|会|要|想|得)")
_WHETHER = _rx(r"是否")
# "是护工告诉你还是你妈自己说的": 是 … 还是 … from the start offers two answers, whatever stands before 还是.
_CHOICE_SHI = _rx(r"^(?:那|就是)?是[^,?]{1,16}还是")

# Leading.
_TAG = _rx(r"(?:,\s*)?(?P<tag>对吧|是吧|对不对|没错吧|不是吗|是这样吧|你说是吧|你也这么觉得吧|你也这样觉得吧|你也这么认为吧|"
           r"你说对吧|对不|好吧)$")
_TAG_AFTER_COMMA = _rx(r",\s*(?P<tag>对吗|是不是|同意吗|你同意吗|你觉得呢|对吗|是吗)$")
# Spoken, with no comma: 是不是 after a clause closed by 了/的/啊/呀 ("…对老人太不友好了是不是").
_TAG_SPOKEN = _rx(r"(?<=[了的啊呀])(?P<tag>是不是)$")
_RHETORICAL = _rx(r"(?P<ev>难道|岂不|不觉得.*[吗么]$|(?:这|那)(?:难道)?不(?:就)?是.*[吗么]$|不就是.*[吗么]$|不是.*[吗么]$|"
                  # "等它到货不就好了吗": "wouldn't X simply have done": the answer is ours
                  r"不就(?:好|行|完|得|可以|没事)了?[吗么嘛]$|"
                  # "你怎么不先截个图呢": how come you didn't…: what they should have done, as a question
                  r"(?:怎么|为什么|为啥|干嘛|干吗)(?:不|没有?)(?:先|早|直接|干脆|赶紧|马上|及时|多|试试|找|问问?|去|再|让|叫|换|自己)|"
                  # "你怎么还在用这个App": how come you still…: surprise that they do it at all
                  r"(?:你|您)(?:们)?怎么还(?:在|要|是|用|买|去|留着|没)|"
                  # "你没联系客服吗？", "您不试试网页版吗？": a negative yes/no question about what they did
                  r"^(?:那|所以|可)?(?:你|您|[\u4e00-\u9fff]{1,4}(?:爸爸?|妈妈?|老公|老婆|先生|太太|家里|公司|他们|他|她))(?:们)?"
                  r"(?:当时|后来|就|也|都|还)?(?:没有?|不)(?!是|会|知道|记得|清楚|太|用了|想)[^是因为,?]{1,10}[吗么]$|"
                  # "你不会觉得麻烦吗？", "你们不想要更快的配送吗？": don't you (ever) think, want, worry…
                  r"(?:你|您)(?:们)?(?:就|也)?(?:不|没)(?:会)?(?:觉得|担心|想|怕|嫌|后悔|在意|介意|心疼).*[吗么]$)")
_AGREE = _rx(r"(?P<ev>(?:你|您)(?:也)?同意(?:吗|吧|这个说法)|(?:你|您)(?:们)?也(?:(?:这么|这样)(?:觉得|认为|想)|觉得|认为)|你说是不是|"
            r"(?:你|您)(?:是不是|是)?也(?:是)?(?:这样|这么想|一样)(?:吧|吗|的吧)?$)")
_SOCIAL = _rx(r"(?P<ev>(?:大多数|大部分|很多|好多|其他|别的|不少|多数|一般)(?:的)?(?:客户|人|用户|顾客|家长|邻居|朋友|会员|妈妈|"
              r"同事|年轻人)(?:都)?(?:说|觉得|反映|认为|表示|喜欢|抱怨|选择|在用|会)|大家都(?:说|觉得|认为|在用|喜欢))")
_EVAL_SHIBUSHI = _rx(r"是不是(?P<ev>因为|太|更|特别|非常|挺|比较|有点|有些|真的|又|已经|早就|本来|其实|根本|压根|一直|就是|嫌|"
                     r".{1,10}(?:的问题|的原因|的错|的锅)$|.{0,8}(?:多了|得多|不好|不方便|麻烦|太贵|难用|"
                     r"清爽|方便|好用|划算|值|失望|生气|后悔))")
_PRESUME_BA = _rx(r"吧$")
# "是不是快递柜公司故意把免费时间定得很短", "那个中介是不是一开始就故意不跟你说": an intent pinned on someone (故意, 存心, 有意…;
# not 专门 or 特意, which ask a fact of theirs: "你是不是专门去买的？")
# is a motive of ours for them to confirm, not a fact they can check.
_MOTIVE_SHIBUSHI = _rx(r"是不是[^,?]{0,12}?(?P<ev>(?:故意|存心|成心|有意|蓄意|摆明了?|明摆着|就想|就是想|想白嫖|想坑|"
                       r"为了多)[\u4e00-\u9fff]{0,6})")
# "你是不是觉得…", "是不是今年用电比较多": 是不是 around an opinion put in their mouth or a degree (比较, 挺, 太…) is a
# guess of ours; around their own words it checks them.
_SHIBUSHI_GUESS = _rx(r"(?:是不是|(?:有没有|会不会)(?=觉得|感觉|认为))(?P<ev>(?:也|都|还)?(?:觉得|认为|感觉|感到|嫌|想|怕|担心|对).{1,16}|"
                      r".{0,8}?(?:比较|挺|很|太|特别|有点|有些|更|不太|本来|其实|根本).{1,8})")
# What 吧 and 是不是 wrap, without the words that only frame it ("当时真是…吧", "你是不是觉得…").
_FRAME = _rx(r"^(?:那时候?|那次|那天|所以|其实|当时|真是|真的|应该|是不是|觉得|认为|那|你|您|也|就|都|是|挺|很)+|"
             r"(?:的|了|吧|吗|呢)+$")
_NOT_PRESUMING_BA = _rx(_INVITE_VERB + r"|开始吧|继续吧|好吧|说吧|讲吧|聊吧|来吧|(?:一下|看)吧$")
_PRESUME_ADV = _rx(r"(?P<ev>肯定|一定|想必|必然)")
_CAUSE = _rx(r"(?:是不是|是|就是)?因为(?P<cause>[^,?]{1,16}?)(?:才|所以|就|而|,|的吗|吗|么|吧|$)")
# "你肯定也觉得…", "你一定用过…": an opinion or an act of theirs taken for granted (a feeling stated, 你一定很着急, is
# read by _FEELING: a reflection when they named it, leading when they did not).
_PRESUME_CLAIM = _rx(r"(?P<ev>(?:你|您|你们)(?:爸|妈|爸爸|妈妈|家人|孩子|老公|老婆|父母|家里)?(?:当时|那时候?|现在)?(?:肯定|一定|想必)"
                     r"(?:也|都|是|会|不|没|觉得|认为|知道|用过|遇到|想过|嫌|希望|更|早就|特别|非常|很|挺|超))")
# A bare fragment of a few characters: the customer's words handed back, even when they said them turns ago.
# A motive a summary pins on them ("所以说你就是嫌贵" when price never came up); a verdict restated in other words
# ("团购确实便宜" after "一个月能省三百多") stays a reflection.
_VERDICT = _rx(r"(?P<ev>嫌.{1,6}|(?:以后|今后|从此)?(?:都|就)?(?:再也不|不会再|不再|再也没|以后都不|以后不)[\u4e00-\u9fff]{1,6}|(?:就是|其实就是|说白了就是|根本就是)(?:因为|觉得|不想|怕|不喜欢).{1,6})")
_FRAGMENT = _rx(r"^[一-鿿0-9]{1,6}$")
# Words that tie the clauses of a story together ("…，但…", "…，所以…", "…，结果…").
_STORY_LINK = _rx(r"[,，](?:但是?|可是?|不过|所以|结果|然后|后来|于是|害得?|就)")
_CAUSE_NOUN = _rx(r"(?P<ev>[\u4e00-\u9fff]{1,6}?)的?(?:问题|原因|错|锅)(?:吧|啊|了)?$")
_AFTER_THAT = _rx(r"(?:之后|以后|后来|然后|接下来|再后来|那后来)呢$")
_LOADED = ("难|贵|麻烦|差|慢|烦|复杂|难用|不方便|失望|生气|糟|烂|讨厌|累|坑|离谱|崩溃|头疼|好用|方便|便宜|快|简单|贴心|清爽|"
           "新鲜|划算|满意|开心|喜欢|舒服|好")
# Words that boil a story down to one thing ("说到底就是…", "说白了还是…").
_REDUCTION = _rx(r"^(?:所以|那)?(?:说)?(?:说到底|说白了|归根结底|归根到底|到头来|总之)(?:了)?(?:,)?(?:其实)?(?:就是|还是|也就是)?")
_LOADED_WORD = _rx("(?:" + _LOADED + ")")
_WHY_PRESUPPOSE = _rx(r"(?:为什么|为啥|怎么会|怎么能|凭什么|哪里|哪儿|什么地方).{0,10}(?P<int>这么|那么|如此|太|特别|总是|老是)(?P<adj>" + _LOADED + r")")
_MAKE_YOU = _rx(r"(?P<ev>(?:让|令|叫)(?:你|您)(?:这么|那么|如此|特别|这样))")
_PROBLEMS = _rx(r"(?P<ev>(?:遇到|碰到|有|出|遇上)了?(?:哪些|什么|些什么|啥)(?:样的)?(?:问题|麻烦|困难|不便|不满|糟心事?|毛病|bug|坑))")
_PROBLEM_WORDS = _rx(r"问题|麻烦|坏|烂|错|投诉|慢|贵|不好|差|失望|生气|烦|难|不方便|毛病|坑|退款|售后|糟|"
                    # something that did not work out: "弄不明白", "搞不定", "没货", "忘", "卡住", "晚点", "罚款"
                    r"[弄搞整看听用学][不没](?:明白|懂|清楚|会|了|好|定)|不(?:明白|懂|会用)|没货|忘|卡住|卡了|晚点|迟到|罚|丢|漏")
_HOW_LOADED = _rx(r"(?:有多|多么|多)(?P<adj>失望|生气|麻烦|难受|方便|好用|满意|喜欢|讨厌|烦|糟糕|难|累|开心|崩溃|头疼|爱|贵|慢|"
                  r"心疼|着急|担心|焦虑|无奈|委屈|后悔|痛苦|郁闷|尴尬|高兴|激动|感动|轻松|省心|舒服|难过|伤心|无语|心累|绝望|"
                  r"害怕|紧张|闹心|糟心|不爽|不方便|重要)|有多(?P<any>(?!少|久|远|长|大|高|宽|深|厚|重(?!要)|频繁|快|早|晚)"
                  r"[\u4e00-\u9fff]{1,2})$")
_LOVE = _rx(r"(?P<ev>最喜欢|最爱|爱上|(?<!可)爱)(?:我们)?.{0,10}(?:什么|哪)")
# An absolute is a verdict too: "是不是完全没用？", "根本不好用吧？" (rule 6: an intensifier makes a yes/no leading).
_INTENSE = _rx(r"(?P<int>太|这么|那么|特别|非常|超级?|真的|极其|相当|实在|完全|根本|压根|一点(?:都|也))(?P<adj>" + _LOADED
               + r"|没用(?!过)|不好用|不行|不值|不靠谱|没意思|不管用|不方便|不合理|不专业|不在乎)")
# "你觉得主要是价格的问题吗？": a main reason or a ranking of ours, offered for them to agree with (what they
# never ranked); "你觉得最大的问题是什么？" asks them to rank and stays open.
_MAIN_REASON = _rx(r"(?:你|您)(?:会|是)?(?:觉得|认为|说)(?P<ev>.{0,6}?(?:主要|最主要|最大|首要)(?:的)?(?:原因|问题)?(?:是|就是|还是)?)"
                   r"(?P<what>.{1,14}?)(?:的问题|的原因)?(?:吗|(?<![什怎])么|吧)$")
# "如果/要是 … 会不会好一点", "有了X是不是方便很多": a fix offered with its benefit.
_FIX_Q = _rx(r"(?:如果|要是|假如|假设|有了|有个|有一个)[^?]{1,24}?(?P<ev>(?:会不会|是不是|能不能|会|能|就)?[^?]{0,3}?"
             r"(?:好一点|好一些|好些|好很多|好多了|方便|有帮助|帮到|帮上忙|有用|省事|省心|解决|轻松))")
# "你会说…吗", "你会不会说…": would you say.
_WOULD_SAY = _rx(r"(?:你|您)(?:们)?(?:会不会|会)说")
# "你会不会说距离是最主要的原因？", "是不是价格最主要？": a main reason of ours in a yes/no question (any order).
_MAIN_ANY = _rx(r"(?P<ev>(?:最)?主要(?:的)?(?:原因|问题|因素)|最大的?(?:原因|问题|因素)|首要(?:的)?(?:原因|问题)|最主要)")
# Words that boil a story down inside a rising summary ("所以你其实…？", "所以说你根本…？").
_REDUCE_Q = _rx(r"其实|根本|压根|说白了|本来就")
# A decision a summary can put in their mouth ("打算换", "不想再用", "要退").
_DECISION = _rx(r"打算|准备|决定|想换|要换|换掉|放弃|退掉|要退|取消|不想再|不再|不用了|卸载|删掉")
_GUESS_CAUSE = _rx(r"(?P<ev>因为.{1,12}(?:才|所以)?)")

# Closing invitations: anything they want to add, or that was not asked ("还有没有什么想补充的？",
# "还有什么我没问到、但你觉得我应该知道的吗？").
_CLOSING = _rx(r"(?:还有|有没有|还有没有|另外)[^?]{0,10}?(?P<ev>(?:想|要|需要)?补充|想(?:跟我|和我|对我|给我)?(?:说|聊|分享|告诉我|讲)|我没(?:有)?问(?:到)?|"
               r"没(?:有)?问到|没(?:有)?问(?:的|过)|(?:我|我们)?应该知道|忘了问|漏掉)")

# Reflection and statements.
_REFLECT_START = _rx(r"^(?P<ev>所以你的意思是|所以说|说到底|归根结底|归根到底|到头来|所以|听起来|听上去|也就是说|换句话说|换言之|我理解的是|我的理解是|我理解|"
                     r"我听下来|我听到的是|总结一下|简单来说|简单说|总的来说|总之|感觉你|你是说|您是说|你的意思是|您的意思是|"
                     r"就是说|说白了|这么说来?|看来|意思是|我听明白了)")
_FEELING = _rx(r"(?:你|您)(?:当时|那时候?)?(?:一定|肯定|应该|想必|估计)?(?:是|会)?(?:很|特别|挺|非常|真的|有点|有些)?"
               r"(?P<ev>气坏|气死|急坏|吓坏|烦死|累坏|伤心|郁闷|火大|恼火|不爽|心烦|着急|难过|生气|失望|累|辛苦|委屈|无奈|心疼|害怕|担心|烦|"
               r"难受|崩溃|心寒|心冷|不好受|不容易|感激|开心|高兴|"
               r"松了一口气|放心|踏实|舍不得|不甘心|为难)")
_ACK = _rx(r"^(?:(?:嗯+|哦+|噢+|喔|啊+|哈+|哎呀+|哎哟+|唉+|天啊|天呐|好的?|好吧|行|明白了?|了解了?|懂了|知道了|收到|原来如此|原来是这样|这样啊|是这样啊|"
           r"这样子?|对对对?|对的|对|是的|是啊|没错|确实|有意思|真的吗|是吗|真的啊|哇|天哪|我的天|我明白了?|我懂了?|我理解|"
           r"谢谢|谢谢你|谢谢您|嗯哼|ok|好嘞|了解|明白|(?:这个|这|那)?我(?:能|可以|完全|很)?(?:理解|明白)(?:的)?)[\s,.!?~]*)+$",
           re.IGNORECASE)
# Thanks anywhere in a turn.
_THANKS = _rx(r"谢谢|多谢|感谢|谢啦|辛苦(?:你|您)了")
_GREETING = _rx(r"^(?:[\u4e00-\u9fff]{1,4}(?=你好|您好))?(?P<ev>你好|您好|大家好|早上好|上午好|下午好|晚上好|谢谢|感谢|非常感谢|多谢|辛苦了|今天就(?:聊|到)|欢迎|很高兴|"
                r"那我们开始|我们开始吧|再见)")
_SIGNPOST = _rx(r"(?P<ev>(?:等一下|待会儿?|一会儿|稍后|之后|后面|回头)(?:我们)?再(?:聊|说|谈|问|回来)|不着急|慢慢(?:想|说|来)|"
                r"没有对错|想到什么说什么|(?:我|我们)(?:先)?记一下|我记下来|做个?记录|录音|今天(?:大概|主要)|占用您|大概需要|"
                r"(?:我们)?换个话题|先到这|就聊到这|差不多了)")
# "我跟你说啊 我以前开过店…": the speaker about to tell of themself.
_OWN_VIEW = _rx(r"^(?P<ev>我跟你说|跟你说|我也|我个人|我觉得|我自己|我以前|我之前|我当时|我们家|我家|我其实|说实话我|我猜|我小时候|我妈)")
_INFO = _rx(r"^(?P<ev>我们|其实我们|顺便说一下|顺便提一下|另外|告诉你)")
_EMPATHY = _rx(r"^(?:那|这)?(?:真|真的|确实|挺|太|好|蛮)(?P<ev>不容易|辛苦|难|糟|糟糕|麻烦|可惜|好|棒|有意思|气人|厉害|巧|惨)(?:了|啊|呀)?$")

# Flags.
_HYP = _rx(r"(?P<ev>如果|假如|假设|要是|万一|倘若|假使|的话|想象一下|设想|以后.{0,4}会|将来|愿意|打算|会不会|你会|您会|不会再|"
           r"还会|会(?!员|议|计)[^,]{0,12}[吗么]$)")
_POLITE_IF = _rx(r"(?:如果|要是|假如)(?:可以|方便|不介意|你愿意|您愿意)(?:的话)?[,，]?")
# Habitual 会 ("do you usually…"), not "would you": a frequency word before or after it, or a recurring time
# ("周末呢，会去菜场吗？", "会经常加班吗？").
# So is 会 before a feeling ("会觉得压力大吗？", "会担心吗？": do you feel…), unless an "if" makes it a supposition.
_HABITUAL = _rx(r"(?:一般|平时|平常|通常|经常|常常|总是|每次|有时候?|往往)(?:都)?会|会(?:经常|常常|一般|平时|总是|每)|"
                r"周末|每天|每周|每个?星期|每个?月|每次|平时|平常|会(?:觉得|感到|感觉|担心|在意|介意|心疼|着急|焦虑|难过|生气)")
_PITCH = _rx(r"(?P<ev>这样的(?:App|app|应用|软件|工具|服务|功能|产品|小程序|平台)[^,?]{0,4}你会(?:用|买|试|下载|付费)|"
             r"你会(?:用|买|试|下载)这样的(?:App|app|应用|软件|工具|服务|功能|产品|小程序|平台)|"
             r"我们的新|我们的[^,?.]{1,8}(?:是|有|能|可以|会|比|更|最|都|已经|现在)|"
             r"我们(?!家|今天|等|待会|一会|先|再|开始|聊|来|刚才|之前|就|俩|两个|的)(?:最近|新|现在|马上|即将|下个月|下周|"
             r"正在|打算|准备|推出|上线|开了|有|App|app|平台|团队|公司|产品|服务|会|还|也)|(?:上线|推出|开通|新增|升级)了|"
             r"顺便说一下|其实我们|新版|(?:如果|假如|要是)[^,?]{0,20}(?:我们|有(?:个|一个)|开(?:个|一个)|推出|上线|增加|加(?:个|一个)|就在)|"
             # "如果有这样的东西，你会买吗", "要是当时有这款App…": the thing just described, on a condition
             r"(?:如果|假如|要是)[^,?]{0,6}有了?(?:这么个|这样(?:一)?个|这样的|这种|这款|这个(?!问题|情况|事|时候|机会|必要|需要|习惯))|"
             # "我们在做社区团购…", "我们做了个记账工具", "我们这个呢…": what we are building
             r"我们(?:正)?在做|我们(?:已经)?做了|我们做的|我们这个(?=呢|产品|东西|App|app|工具|平台|小程序|服务)|"
             # "我这个点子你觉得行吗": their verdict asked on our own idea
             r"我(?:们)?(?:这个|的)?(?:想法|点子|主意|创意|方案)|"
             # A capability offered for their approval ("如果可以在手机上直接退押金，你会更愿意用吗？"), not "if possible"
             r"(?:如果|假如|要是)(?:能|可以)(?!的话)[^,?]{2,20}[,]?(?:你|您)?(?:会|还会)?(?:更)?(?:愿意|想|考虑)?"
             r"(?:用|使用|下载|试|买|办|订|换|付|装)(?=[^,?]{0,8}[吗么]))")
_SPLIT_CLAUSE = _rx(r"[,:;]")


_SENTENCE = _rx(r"[^.?!;]+[.?!;]*|[.?!;]+")


# Fillers said after the question ("你平时会用这个App吗，就是", "有没有投诉过，那个").
_TRAILING_FILLER = _rx(r"(?:[,，\s]+(?:就是说?|那个|这个|嗯+|呃+|额|然后|啊+))+$")


def _core(sentence: str) -> str:
    """The sentence without fillers (before it, and trailing after a comma) and final punctuation."""
    out = core(sentence, _FILLER)
    return _TRAILING_FILLER.sub("", out) or out


# Spoken, unpunctuated: 吧 then a pause closes a sentence ("肯定已经投诉了吧 一般都会投诉的": a remark follows).
_SPOKEN_BA = _rx(r"(?<=吧)\s+(?=\S)")


def split_sentences(text: str) -> list[str]:
    return [part for piece in _split(text, _SENTENCE) for part in _SPOKEN_BA.split(piece) if part.strip()]


def _has_question_marker(core: str) -> bool:
    return bool(core.startswith("难道") or re.search(r"(?:你|您)(?:就|也|都)?难道", core) or _YES_NO_END.search(core) or _A_NOT_A.search(core) or _WH_OPEN_STRONG.search(core) or _WH_OPEN.search(core)
                or _WH_FACT.search(core) or _CHOICE.search(core) or _CHOICE_SHI.match(core) or _WHETHER.search(core)
                or _TAG.search(core)
                or _PRESUME_BA.search(core) and not _NOT_PRESUMING_BA.search(core))


def is_question(sentence: str) -> bool:
    if sentence.rstrip().endswith("?"):
        return True
    core = _core(sentence)
    if not core or _ACK.match(core):
        return False
    if _REFLECT_START.match(core) or _OWN_VIEW.match(core) or _SIGNPOST.search(core) or _GREETING.match(core):
        return bool(_TAG.search(core) or _YES_NO_END.search(core))
    if _INVITE.search(core) or _SHORT_OPEN.match(core) or _AFTER_THAT.search(core) or _WHAT_ABOUT.match(core):
        return True
    clauses = _clauses(core)
    if len(clauses) >= 2 and _SHORT_OPEN.match(clauses[-1]):
        return True  # "大部分人都觉得…，你觉得呢": the last clause asks
    return _has_question_marker(core)


def _clauses(core: str) -> list[str]:
    return [c.strip() for c in _SPLIT_CLAUSE.split(core) if strip_punctuation(c)]


def _echo_weight(share: float, text: str) -> float:
    """Their exact words: strong. Mostly theirs and short ("你的手就停住了？"): strong. Otherwise medium, or none."""
    if share >= 0.99:
        return STRONG + 0.5
    if share >= 0.7 and len(strip_punctuation(text)) <= 10:
        return STRONG
    return MEDIUM if share >= 0.6 else 0.0


def _their(word: str, previous: str | None) -> bool:
    return bool(previous) and word in previous


def _their_claim(text: str, previous: str | None) -> bool:
    """Whether what ``text`` claims (its frame words, 你→我 aside) is mostly their own words: a run of three
    characters or more of it is in what they said, covering most of it."""
    if not previous:
        return False
    body = _FRAME.sub("", strip_punctuation(text))
    body = _FRAME.sub("", body)
    if len(body) < 2:
        return False
    theirs = strip_punctuation(previous)
    if any(m.group(0) not in theirs for m in re.finditer(_LOADED_WORD, body)):
        return False  # "你是不是觉得帮她挂号挺累的" after "帮她挂号": the feeling (累) is ours
    candidates = [body, body.replace("你", "我").replace("您", "我")]
    best = max((_common_run(c, theirs) for c in candidates), key=len)
    if len(best) >= min(3, len(body)) and len(best) / len(body) >= 0.6:
        return True
    # Their words with one character put in or left out ("吓了一跳" for "吓了我一跳"): most character pairs are theirs.
    return len(body) >= 3 and overlap(body, previous, LANG) >= 0.6


def _leading_cues(q: str, full: str, previous: str | None, has_qmark: bool) -> list[Cue]:
    cues: list[Cue] = []
    add = cues.append
    tag = _TAG.search(q) or _TAG_AFTER_COMMA.search(q) or _TAG_SPOKEN.search(q)
    body = q[: tag.start()] if tag else ""
    if tag and tag.group("tag") in ("对吗", "是吗") and previous and (_REFLECT_START.match(body) or re.match(
            r"^(?:你|您)(?:是说|的意思是)", body)) and (_their_claim(body, previous) or overlap(body, previous, LANG) >= 0.5):
        # "所以你到现在还是用Excel记账，对吗？": their words summed up, then a check that the summary is right.
        add(Cue("reflection_check", Label.REFLECTION, STRONG + 1.0, tag.group("tag")))
    elif tag and len(strip_punctuation(q[: tag.start()])) >= 2:
        add(Cue("tag_question", Label.LEADING, STRONG, tag.group("tag")))
    rhetorical = _RHETORICAL.search(q)
    if rhetorical:
        add(Cue("rhetorical", Label.LEADING, STRONG, rhetorical.group("ev")[:6]))
    agree = _AGREE.search(q)
    if agree and not _their_claim(q[agree.end():], previous):
        # "你也觉得现在这家好一点？": a view of ours (or of others) for them to join; not their own view said back.
        add(Cue("agreement", Label.LEADING, STRONG, agree.group("ev")))
    unmarked = has_qmark and not (_YES_NO_END.search(q) or _A_NOT_A.search(q) or _PRESUME_BA.search(q)
                                  or _WH_OPEN_STRONG.search(q) or _WH_OPEN.search(q) or _WH_FACT.search(q))
    negative_view = re.search(r"(?:你|您)(?:们)?(?:就|也)?不觉得", q) if unmarked else None
    if negative_view and not rhetorical:
        # "你不觉得有点可惜？": "don't you think", said with a rise and no 吗.
        add(Cue("rhetorical", Label.LEADING, STRONG, negative_view.group(0)))
    guess = re.search(r"应该", q) if unmarked else None
    if guess and not _their_claim(q, previous) and "应该" not in (previous or ""):
        # "那你应该不会回去了？", "那种体验应该挺糟糕的？": a guess of ours about them, raised for a yes.
        add(Cue("presumptive", Label.LEADING, MEDIUM + 0.5, "应该"))
    social = _SOCIAL.search(full)
    if social:
        add(Cue("social_proof", Label.LEADING, STRONG, social.group("ev")))
    cause = _CAUSE.search(q)
    theirs = bool(cause and previous and overlap(cause.group("cause"), previous, LANG) >= 0.5)
    if cause and previous and not theirs and not _WH_OPEN_STRONG.search(q) and (
            _YES_NO_END.search(q) or _A_NOT_A.search(q) or _PRESUME_BA.search(q) or has_qmark):
        # A reason they never gave, handed to them to confirm.
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, "因为" + cause.group("cause")[:8]))
    reduced_q = _REDUCE_Q.search(q) if _REFLECT_START.match(q) else None
    if reduced_q and reduced_q.group(0) not in (previous or "") and not _WH_OPEN_STRONG.search(q):
        # "所以你其实根本不在乎钱花在哪儿了？": a summary with 其实/根本 hands them a verdict, whatever it ends with.
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, reduced_q.group(0)))
    claim = _PRESUME_CLAIM.search(q)
    if claim and not _WH_OPEN_STRONG.search(q):
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, claim.group("ev")))
    shibushi = None if theirs else (_EVAL_SHIBUSHI.search(q) or _SHIBUSHI_GUESS.search(q) or _MOTIVE_SHIBUSHI.search(q))
    if shibushi and _their_claim(shibushi.group("ev"), previous):
        shibushi = None  # "你是不是觉得挺难过的？" after "那次我挺难过的": their own words, checked
    if shibushi:
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, "是不是" + shibushi.group("ev")[:8]))
    if _PRESUME_BA.search(q) and not _NOT_PRESUMING_BA.search(q):
        if _their_claim(q, previous) and not _PRESUME_ADV.search(q) and not any(
                not _their(m.group("adj"), previous) for m in _INTENSE.finditer(q)):
            # "当时真是吓了一跳吧" after "吓了我一跳": their own feeling said back, with a soft 吧.
            add(Cue("their_words", Label.REFLECTION, STRONG + 0.5, q[-8:]))
        else:
            add(Cue("presumptive", Label.LEADING, STRONG, q[-8:]))
    presume = _PRESUME_ADV.search(q)
    if presume and has_qmark and not _WH_OPEN_STRONG.search(q):
        add(Cue("presumptive", Label.LEADING, MEDIUM + 0.5, presume.group("ev")))
    why = _WHY_PRESUPPOSE.search(q)
    if why:
        if _their(why.group("adj"), previous):
            add(Cue("their_word", Label.OPEN, MEDIUM, why.group("adj")))
        else:
            add(Cue("presupposition", Label.LEADING, STRONG + 0.5, why.group("int") + why.group("adj")))
    make_you = _MAKE_YOU.search(q)
    if make_you:
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, make_you.group("ev")))
    problems = _PROBLEMS.search(q)
    if problems and not (previous and _PROBLEM_WORDS.search(previous)):
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, problems.group("ev")))
    how = _HOW_LOADED.search(q)
    if how and not _their(how.group("adj") or how.group("any"), previous):
        add(Cue("loaded_degree", Label.LEADING, STRONG + 0.5, how.group(0)))
    love = _LOVE.search(q)
    if love and not _their(love.group("ev"), previous):
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, love.group("ev")))
    say = _WOULD_SAY.search(q)
    if say and not _WH_OPEN_STRONG.search(q) and not _WH_OPEN.search(q[say.end():]) \
            and not _their_claim(q[say.end():], previous):
        # "你会说原来那家服务很差吗？": a verdict of ours put up for them to sign.
        add(Cue("agreement", Label.LEADING, STRONG + 0.5, say.group(0)))
    fix = _FIX_Q.search(q)
    if fix and not _WH_OPEN_STRONG.search(q) and (_YES_NO_END.search(q) or _A_NOT_A.search(q) or has_qmark):
        # "如果有提醒功能会不会好一点？": a fix of ours, put up for their approval.
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, fix.group("ev")))
    main = _MAIN_REASON.search(q)
    if main and not _WH_OPEN_STRONG.search(q) and not (previous and re.search(r"主要|最", previous)):
        add(Cue("agreement", Label.LEADING, STRONG + 0.5, main.group("ev")[:8]))
    elif not main and not (previous and re.search(r"主要|最", previous)) and not _WH_OPEN_STRONG.search(q) \
            and not _WH_OPEN.search(q.replace(_MAIN_ANY.search(q).group(0), "") if _MAIN_ANY.search(q) else q) \
            and _MAIN_ANY.search(q) and (_YES_NO_END.search(q) or _A_NOT_A.search(q) or _PRESUME_BA.search(q)):
        add(Cue("agreement", Label.LEADING, STRONG + 0.5, _MAIN_ANY.search(q).group("ev")))
    yes_no = _YES_NO_END.search(q) or _A_NOT_A.search(q)
    if yes_no:
        for m in _INTENSE.finditer(q):
            if not _their(m.group("adj"), previous):
                add(Cue("loaded_yes_no", Label.LEADING, STRONG + 1.0, m.group(0)))
                break
    return cues


def _form_cues(clause: str, has_qmark: bool) -> list[Cue]:
    """What the question form of one clause asks for."""
    cues: list[Cue] = []
    add = cues.append
    strong = _WH_OPEN_STRONG.search(clause)
    fact = _WH_FACT.search(clause)
    if _INVITE.search(clause):
        add(Cue("invitation", Label.OPEN, STRONG, _INVITE.search(clause).group(0)))
    elif strong:
        add(Cue("wh_open", Label.OPEN, STRONG, strong.group(0)))
    elif fact and re.match(r"哪(?:里|儿)$", fact.group(0)) and re.match(r"(?:不|没|" + _LOADED + r")",
                                                                     clause[fact.end():]):
        # "具体是哪里麻烦", "哪儿不方便": what about it, not a place
        add(Cue("wh_open", Label.OPEN, STRONG, fact.group(0) + clause[fact.end():fact.end() + 2]))
    elif fact:
        add(Cue("short_fact", Label.CLOSED, STRONG, fact.group(0)))
    elif _YES_NO_END.search(clause) or _WHETHER.search(clause):
        add(Cue("yes_no", Label.CLOSED, STRONG, clause[-1] if _YES_NO_END.search(clause) else "是否"))
    elif _A_NOT_A.search(clause):
        add(Cue("yes_no", Label.CLOSED, STRONG, _A_NOT_A.search(clause).group(0)))
    elif _WH_OPEN.search(clause):
        add(Cue("wh_open", Label.OPEN, MEDIUM + 0.5, _WH_OPEN.search(clause).group(0)))
    if (_CHOICE.search(clause) or _CHOICE_SHI.match(clause)) and not strong and not fact:
        add(Cue("choice", Label.CLOSED, STRONG, "还是"))
    return cues


# "那X呢": a topic put to them ("what about the refund?"), a few words without a verb of their own.
_WHAT_ABOUT = _rx(r"^(?:那|那么|然后|还有|所以)?(?P<topic>[\u4e00-\u9fffA-Za-z0-9的]{1,10}?)呢$")


def _question_cues(q: str, full: str, previous: str | None, has_qmark: bool,
                   before: list[str]) -> tuple[list[Cue], list[FlagHit]]:
    cues: list[Cue] = []
    flags: list[FlagHit] = []
    if _SHORT_OPEN.match(q) or _AFTER_THAT.search(q):
        return [Cue("short_open", Label.OPEN, STRONG, q)], flags
    topic = _WHAT_ABOUT.match(q)
    if topic and not _has_question_marker(topic.group("topic")) and not _TAG.search(q):
        # "那退款呢？", "那当时的心情呢？": what about it, for them to tell.
        return [Cue("short_open", Label.OPEN, STRONG, q)], flags
    closing = _CLOSING.search(q)
    if closing:
        # "还有没有什么想补充的？": the floor is theirs for whatever was not asked.
        return [Cue("closing_invitation", Label.OPEN, STRONG + 0.5, closing.group("ev"))], flags
    clauses = _clauses(q)
    # Faux invitation: an invitation, then a yes/no, A-not-A or A还是B clause.
    wrapper = clauses[0] if len(clauses) >= 2 and _INVITE_CLAUSE.match(clauses[0]) else None
    if wrapper is None and before and _INVITE_CLAUSE.match(_core(before[-1])):
        wrapper = _core(before[-1])
    tell = _TELL_ME.match(q)
    if wrapper is not None or tell:
        inner = tell.group("inner") if tell and wrapper is None else ",".join(clauses[1:] if len(clauses) >= 2 else clauses)
        inner_asks_yes_no = (tell and wrapper is None and not (_WH_OPEN_STRONG.search(inner) or _WH_OPEN.search(inner))) or (
            not _WH_OPEN_STRONG.search(inner) and not _WH_OPEN.search(inner)
            and (_YES_NO_END.search(inner) or _A_NOT_A.search(inner) or _CHOICE.search(inner) or _WH_FACT.search(inner)))
        if inner_asks_yes_no:
            cues.append(Cue("faux_invitation", Label.CLOSED, STRONG + 0.5, (wrapper or "告诉我")))
            flags.append(FlagHit(Flag.FAUX_INVITATION, "faux_invitation", wrapper or "能告诉我"))
            cues.extend(c for c in _leading_cues(inner, full, previous, has_qmark) if c.weight >= STRONG + 0.5)
            return cues, flags
    cues.extend(_leading_cues(q, full, previous, has_qmark))
    # The label follows the last clause that asks something ("你们家几口人，都在家吃晚饭吗？" -> closed).
    asking = [c for c in clauses if _has_question_marker(c) or _INVITE.search(c)]
    if _INVITE.search(q) and not (asking and not _INVITE.search(asking[-1]) and len(asking) >= 2):
        invite = _INVITE.search(q)
        cues.append(Cue("invitation", Label.OPEN, STRONG, invite.group(0)))
        return cues, flags
    focus_clause = asking[-1] if asking else q
    if len(asking) >= 2 and (_TAG.fullmatch(focus_clause) or _TAG_AFTER_COMMA.search("," + focus_clause)):
        focus_clause = asking[-2]
    form = _form_cues(focus_clause, has_qmark)
    if not form and _YES_NO_END.search(q):
        form = [Cue("yes_no", Label.CLOSED, STRONG, "吗")]
    cues.extend(form)
    return cues, flags


def _declarative_cues(body: str, previous: str | None, has_qmark: bool, ov: float) -> list[Cue]:
    cues: list[Cue] = []
    add = cues.append
    reflect = _REFLECT_START.match(body)
    if reflect:
        starter = reflect.group("ev")
        if starter in ("所以", "所以说"):
            # "So…" opens a summary as often as a conclusion of one's own.
            add(Cue("so_summary", Label.REFLECTION, MEDIUM + (0.5 if ov >= 0.2 else 0.0), starter))
        else:
            add(Cue("reflection_starter", Label.REFLECTION, STRONG if previous else MEDIUM, starter))
        cause = _GUESS_CAUSE.search(body)
        decision = _DECISION.search(body)
        reduced_q = _REDUCE_Q.search(body)
        if has_qmark and previous and reduced_q and reduced_q.group(0) not in previous and overlap(
                body[reduced_q.end():], previous, LANG) < 0.5:
            # "所以你其实根本不在乎钱花在哪儿了？": 其实/根本 turns their story into a verdict of ours, to confirm.
            add(Cue("guess_question", Label.LEADING, STRONG + 1.0, reduced_q.group(0)))
        elif has_qmark and previous and decision and not re.search(decision.group(0)[:1], previous):
            # "所以你打算换一个App了？": a decision of theirs that they never announced, offered to confirm.
            add(Cue("guess_question", Label.LEADING, STRONG + 1.0, decision.group(0)))
        elif has_qmark and previous and (ov < 0.3 or (cause and "因为" not in previous)):
            add(Cue("guess_question", Label.LEADING, MEDIUM + 0.5, cause.group("ev") if cause else starter))
    claim = _PRESUME_CLAIM.search(body)
    if claim and claim.group("ev")[-1] in "别常很挺超" and _FEELING.search(body):
        claim = None  # "你一定特别着急": a feeling stated for them, theirs or not (below)
    verdict = _VERDICT.search(body) if reflect else None
    if reflect and previous and not verdict:
        # "说到底还是价格的问题" when they never spoke of the price: a cause of ours, summed up as theirs.
        named = _CAUSE_NOUN.search(body)
        verdict = named if named and not _their(named.group("ev")[-2:], previous) else None
    # Only when they gave no verdict of their own: "太麻烦" for their "太折腾了" is a paraphrase.
    their_verdict = previous and (_PROBLEM_WORDS.search(previous) or re.search(r"(?:太|特别|非常|真的|挺|很|超)[\u4e00-\u9fff]", previous))
    loaded = next((m for m in _INTENSE.finditer(body) if not _their(m.group("adj"), previous)), None) \
        if reflect and previous and not their_verdict else None
    if loaded and not claim and not verdict:
        # "所以说白了还是太贵" when they never said 贵: a summary that hands them a verdict.
        add(Cue("presumptive", Label.LEADING, STRONG + 1.0, loaded.group(0)))
        return cues
    reduced = _REDUCTION.match(body)
    if reduced and previous and not claim and not verdict and len(body) - reduced.end() >= 3 \
            and overlap(re.sub(r"的?(?:问题|原因|错|锅)?(?:吧|啊|了)?$", "", body[reduced.end():]), previous, LANG) < 0.3:
        # "所以说到底就是保险公司不讲理": their story boiled down to a verdict or a cause of ours.
        add(Cue("presumptive", Label.LEADING, STRONG + 1.0, body[reduced.end():][:8]))
        return cues
    if claim or (verdict and previous and not _their(verdict.group("ev"), previous) and ov < 0.5):
        # "你肯定也觉得不值了", "所以说你就是嫌贵": an opinion or a reason of ours, said as if it were theirs.
        add(Cue("presumptive", Label.LEADING, STRONG + 1.0, (claim or verdict).group("ev")))
        return cues
    feeling = _FEELING.search(body)
    if feeling and previous:
        named = feeling.group("ev")
        if any(ch in previous for ch in named if ch not in "不好了一口气"):
            # "你一定特别着急" after "急死了": the feeling they named (or a word of it), said back.
            add(Cue("feeling_reflection", Label.REFLECTION, MEDIUM + 0.5, named))
        else:
            # A feeling they never named, stated for them ("那天你一定特别着急" after the facts alone): yours.
            add(Cue("guessed_feeling", Label.LEADING, STRONG + 0.5, named))
    if previous and ov >= 0.5 and len(body) >= 6:
        add(Cue("restates", Label.REFLECTION, MEDIUM + (0.5 if re.match(r"^(?:你|您)", body) else 0.0), ""))
    elif previous and ov >= 0.25 and len(body) >= 6:
        add(Cue("restates", Label.REFLECTION, WEAK + (0.5 if re.match(r"^(?:你|您)", body) else 0.0), ""))
    elif previous and not reflect and len(body) >= 8 and not _OWN_VIEW.match(body) and not _INFO.match(body):
        # "每个医院的小程序都不一样，所以上次才挂错了科室": one clause says back what they just said, the rest
        # what they said before; "所以" inside the sentence ties it into a summary.
        clauses = [c for c in _clauses(body) if len(c) >= 4]
        clause_ov = max((overlap(c, previous, LANG) for c in clauses), default=0.0)
        if clause_ov >= 0.5:
            add(Cue("restates", Label.REFLECTION, WEAK + (0.5 if re.search(r"所以|然后|也就是说", body) else 0.0), ""))
        elif clause_ov >= 0.25 and len(clauses) >= 2 and _STORY_LINK.search(body):
            # "早上有人帮忙，但晚上的药偶尔会漏掉": their story retold, clauses tied by 但/所以/结果, one of them close to
            # what they just said (the others to what they said before).
            add(Cue("restates", Label.REFLECTION, WEAK + 0.5, ""))
    if previous and not reflect and re.match(r"^.{0,4}(?:你|您)", body) and len(body) >= 6 and not _SIGNPOST.search(body):
        add(Cue("about_them", Label.REFLECTION, WEAK + 0.5, ""))
    greeting = _GREETING.match(body)
    if greeting:
        add(Cue("greeting", Label.STATEMENT, STRONG, greeting.group("ev")))
    signpost = _SIGNPOST.search(body)
    if signpost:
        add(Cue("signpost", Label.STATEMENT, STRONG - 0.5, signpost.group("ev")))
    empathy = _EMPATHY.match(body)
    if empathy:
        add(Cue("empathy", Label.STATEMENT, MEDIUM, empathy.group(0)))
    own = _OWN_VIEW.match(body)
    if own and not reflect:
        add(Cue("own_view", Label.STATEMENT, MEDIUM + 0.5, own.group("ev")))
    info = _INFO.match(body)
    if info and not reflect:
        add(Cue("information", Label.STATEMENT, MEDIUM, info.group("ev")))
    if any(c.name == "guessed_feeling" for c in cues):
        # The feeling is ours: what the sentence restates does not make it a reflection.
        cues[:] = [c for c in cues if c.label != Label.REFLECTION]
    thanks = None if (has_qmark or reflect) else _THANKS.search(body)
    if thanks:
        # "太谢谢你了丽华，跟你聊得特别开心！", "丽华你好，谢谢你抽时间过来。": thanks asks nothing and says nothing back,
        # however much of their words (or a 你) it holds.
        cues[:] = [c for c in cues if c.name not in ("restates", "about_them")]
        if not any(c.name == "greeting" for c in cues):
            add(Cue("greeting", Label.STATEMENT, STRONG, thanks.group(0)))
    if not cues and _FRAGMENT.match(body) and len(body) <= 4 and not re.search(r"[你您我的了吧]", body):
        # A caption of a few characters, no person and no verb ending ("夜宵", "吓了一跳" aside): their words handed
        # back, even when they said them turns ago.
        add(Cue("echo", Label.ECHO, MEDIUM + 0.5, body))
    if not cues:
        add(Cue("declarative", Label.STATEMENT, WEAK, ""))
    return cues


def _flags(clean: str, question_text: str, focus_core: str, is_q: bool, questions: list[str]) -> list[FlagHit]:
    hits: list[FlagHit] = []
    pitch = _PITCH.search(clean)
    if pitch:
        hits.append(FlagHit(Flag.PITCH, "pitch", pitch.group("ev")))
    if not is_q:
        return hits
    # "如果可以的话，能说说那次的经过吗？": "if you can" is politeness, no supposition.
    hyp = _HYP.search(_POLITE_IF.sub("", question_text))
    if hyp and not (hyp.group("ev").endswith(("会", "吗", "么")) and _HABITUAL.search(question_text)
                    and not re.search(r"如果|假如|要是|的话|假设", question_text)):
        hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", hyp.group("ev").rstrip("吗么")[:10]))
    clauses = _clauses(focus_core)
    if clauses and _INVITE_CLAUSE.match(clauses[0]):
        clauses = clauses[1:]
    asking = [c for c in clauses if (_has_question_marker(c) or _INVITE.search(c)) and not _TAG.fullmatch(c)
              and not _TAG_AFTER_COMMA.search("," + c) and not c.startswith("还是")
              and not re.match(r"^(?:如果|假如|要是|假设)", c)]
    if len(asking) >= 2 and (_WH_OPEN_STRONG.search(asking[-2]) and _YES_NO_END.search(asking[-1])
                             and len(asking[-1]) <= 8 and not re.search(r"你|您", asking[-1])):
        pass  # "你是怎么知道的，朋友推荐的吗？": the second clause offers an answer to the first.
    elif len(asking) >= 2:
        hits.append(FlagHit(Flag.DOUBLE_BARRELED, "double_barreled", asking[-1][:16]))
    elif len(questions) >= 2:
        first, last = _core(questions[-2]), _core(questions[-1])
        offers = re.match(r"^(?:是(?:不是)?因为|是.{1,8}吗$|比如|还是)", last) or (
            _WH_OPEN_STRONG.search(first) and _YES_NO_END.search(last) and len(last) <= 8)
        if not offers and not _INVITE_CLAUSE.match(first) and overlap(last, first, LANG) < 0.5:
            hits.append(FlagHit(Flag.DOUBLE_BARRELED, "two_questions", last[:16]))
    return hits


def _turn_echo_weight(q: str, share: float) -> float:
    """Their words handed back, short; not a question of the trainee's own. With 吗 it asks to confirm: medium."""
    question_like = (_WH_OPEN_STRONG.search(q) or _WH_FACT.search(q) or _INVITE.search(q) or _A_NOT_A.search(q)
                     or _TAG.search(q) or _RHETORICAL.search(q) or _SHORT_OPEN.match(q))
    if question_like or len(strip_punctuation(q)) > 14:
        return 0.0
    weight = _echo_weight(share, q)
    return min(weight, MEDIUM) if _YES_NO_END.search(q) else weight


# "X也是…的？": the same asked of another thing (X), a yes/no on one fact.
_ALSO_SAME = _rx(r"^(?:那|那么)?(?![你您我])(?P<other>[\u4e00-\u9fff]{1,6}?)(?:也|都)是[\u4e00-\u9fff]{2,12}的$")


def _settle_question(q: str, previous: str | None, has_qmark: bool, qcues: list[Cue]) -> list[Cue]:
    """A "?" on a statement: a reflection said with rising intonation, a guess, or a check of one detail."""
    if qcues:
        return qcues
    dcues = _declarative_cues(q, previous, True, overlap(q, previous, LANG))
    bare = strip_punctuation(q)
    # A few words with a rising "?" and no person, no question word and no verb of its own up front ("新版的验证方式？",
    # "砍价砍得特别狠？"): the echo probe, their words handed back, even turns ago.
    fragment = (_FRAGMENT.match(bare) and not re.search(r"[你您我的]", q)) or (
        has_qmark and re.fullmatch(r"[一-鿿0-9]{7,9}", bare) and not re.search(r"[你您我们]", q)
        and not re.match(r"[是有在会要能想用去买]", bare))
    if fragment:
        dcues.append(Cue("echo", Label.ECHO, MEDIUM + 0.5, q))
    also = _ALSO_SAME.match(bare) if has_qmark else None
    if also and not _their(also.group("other"), previous) and not any(c.label == Label.LEADING for c in dcues):
        # "另一个包裹也是放门口的？": whether something they did not speak of went the same way: a check of one fact.
        dcues = [c for c in dcues if c.label != Label.REFLECTION] + [Cue("check_question", Label.CLOSED, STRONG, "也是")]
    if not any(c.label in (Label.REFLECTION, Label.LEADING, Label.ECHO) for c in dcues):
        dcues.append(Cue("check_question", Label.CLOSED, MEDIUM, q[:16]))
    return [c for c in dcues if c.name != "declarative"]


def _caption_cues(core_all: str) -> list[Cue]:
    """A caption with a tag anywhere still asks them to agree ("…确实方便多了是吧")."""
    tag = _TAG.search(core_all)
    return [Cue("tag_question", Label.LEADING, STRONG, tag.group("tag"))] if tag else []


# A check after a summary, as its own sentence: "对吗？", "我理解得对吗？" ("对吧？" asks them to agree: a tag).
_CHECK = _rx(r"^(?:对吗|是吗|是这样吗|是这样的吗|我(?:这么)?(?:理解|说|总结)得?对(?:吗|不对)|我(?:的)?理解(?:得)?(?:对|没错)吗|没理解错吧|我没理解错吧)$")


READER = Reader(
    language=LANG, sentences=split_sentences, core=_core, is_question=is_question, is_ack=lambda c: bool(_ACK.match(c)),
    echo_weight=_turn_echo_weight, question_cues=_question_cues, settle_question=_settle_question,
    declarative_cues=_declarative_cues, caption_cues=_caption_cues, is_check=lambda c: bool(_CHECK.match(c)),
    flags=lambda raw, asked, focus, is_q, questions: _flags(raw, ",".join(asked), focus, is_q, questions),
)


def analyse(text: str, previous: str | None = None, context: "str | Iterable[str] | None" = None) -> Form:
    """The form of one turn; ``context`` is everything the customer said earlier (``previous`` may be among it):
    their words anywhere in it count for echoes, restatements and supplied reasons."""
    if context:
        from .rules import customer_text

        previous = customer_text(previous, context, limit=600) or previous
    return read_turn(READER, text, previous)
