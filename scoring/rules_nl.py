"""Question forms in Dutch.

* closed: the verb first with a subject right after it ("Gebruik je…?", "Bent u…?", also without "?" in a
  caption: "en eh doe je dat dan samen…"); one fact (hoe vaak, hoeveel, hoe lang, welke, wanneer, waar, wie);
  a choice (…per maand of per jaar?); "Klopt het dat…?".
* open: invitations (vertel eens, beschrijf, neem me mee door, kun je vertellen hoe/wat/waarom…, laten we het
  over … hebben), wat / hoe / waarom / waardoor / hoezo, "En daarna?".
* faux invitation: "Vertel eens, heb je opgezegd?", "Kun je me vertellen of…".
* leading: tags (…, toch? / niet? / hè? / of niet / nietwaar?), "Vind je (ook) niet dat…", "Ben je het daarmee
  eens?", de meeste klanten zeggen…, toch / zeker / vast inside a question, negative questions ("Was het niet
  gewoon…?"), presuppositions (Waarom is het zo lastig…, Hoe erg was…, Welke problemen had je… when they named
  none), a feeling handed over as a question ("Dat moet frustrerend zijn geweest?").
* echo: their words back, pronouns turned round (mijn → je/jouw) — ``rules_i18n.echo_share``.
* reflection: Dus…, Als ik je goed begrijp…, Het klinkt alsof…, Je zegt eigenlijk dat…, Met andere woorden…,
  Wat ik hoor…, Samengevat…, and restatements of what they said.
"""

from __future__ import annotations

import re

from .labels import Flag, Label
from .rules import Cue, FlagHit, Form, clean_text
from .rules_i18n import MEDIUM, NL_STOP, STRONG, WEAK, echo_share, empty_form, make_form, nl_norm, overlap

__all__ = ["analyse", "split_sentences", "is_question", "strip_markers"]

LANG = "nl"


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Words that open a turn without adding to it; "dus" is kept aside (it often opens a reflection).
_MARKER = _rx(r"^(?:zeg\s+maar|weet\s+je(?!\s+(?:nog|het|wat|hoe|waarom|wanneer|of|dat|welke?|wie|waar|zeker)\b)|ik\s+bedoel|nou\s+ja|(?:dat\s+|ik\s+)?(?:snap|begrijp)\s+(?:ik|het)(?!\s+(?:het\s+)?goed\b)|interessant|hm+(?:-hm+)?|mm+|eh+m?|uh+m?|ehm|nou|ja+|jaja|oké|okay|ok|goed|prima|mooi|helder|duidelijk|en|maar|"
              r"oh|o|ah|oja|oke|top|fijn|zeker|precies|juist|tja|nee)\b[\s,.:;!-]*")
_DUS = _rx(r"^dus\b[\s,]*")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=\S)|\s+-\s+(?=\S)|;\s+")

# The first word of a sentence that is not a finite verb, when a pronoun follows it.
_NOT_VERB = frozenset(
    "dus toen als omdat want nu dan maar en of zodat terwijl wanneer waar wat hoe wie welke welk waarom voor met van "
    "bij na sinds tot doordat hoewel zoals tenzij mits zodra nadat voordat ook toch wel niet misschien eigenlijk "
    "zeker vast daar hier er dat die deze dit zo al nog echt gewoon vaak soms altijd nooit meestal daarom daarna "
    "eerst later straks vandaag gisteren morgen verder hoezo waardoor waarmee waarover waaraan vertel beschrijf "
    "zeg neem leg laten laat stel kijk ik je jij u we wij ze zij hij het een de mijn jouw uw onze ons hun haar "
    "om in op aan uit over door tegen zonder binnen buiten tussen per via naar onder achter langs dank bedankt fijn leuk goed mooi welkom jammer "
    "knap sorry excuses hoi hallo dag gelukkig helaas ja nee oké ok nou tja zeg".split())
_SUBJECT = r"(?:je|jij|u|jullie|ze|zij|hij|het|er|we|wij|dat|die|dit|de|een|jouw|uw|mijn|iemand|iets|mensen|men)"
_YES_NO = _rx(r"^(?P<verb>[a-zà-ÿ]+)\s+" + _SUBJECT + r"\b")
_CONFIRM = _rx(r"^(?P<ev>klopt\s+(?:het|dat)|is\s+het\s+zo\s+dat|is\s+het\s+waar\s+dat)\b")
_WH_CLOSED = _rx(r"^(?:en\s+)?(?P<wh>hoe\s+(?:vaak|lang|oud|laat|ver|veel|groot|duur|snel)|hoeveel|welke?|wanneer|wie|"
                 r"met\s+wie|van\s+wie|voor\s+wie|bij\s+wie|om\s+hoe\s+laat|in\s+welke?|bij\s+welke?|hoe\s+heet|"
                 r"(?:sinds|vanaf|tot)\s+wanneer|"
                 r"wat\s+(?:kost|kostte|kosten|betaal|betaalde)|wat\s+voor\s+(?:merk|app|abonnement|fiets|auto|telefoon|"
                 r"shampoo|bank|winkel|supermarkt|contract|pakket|model|type)|waar(?!om|door|mee|over|aan|voor|bij|in|op|"
                 r"van|naar|uit|bij|denk)(?:\s|$))")
_WHERE_OPEN = _rx(r"^(?:en\s+)?waar\s+(?:denk|dacht|praat|let|lette|erger|ergerde|schrok|hoop|hoopte|twijfel|twijfelde|"
                  r"loop|liep|kijk|keek)\b")
_WH_OPEN = _rx(r"^(?:en\s+)?(?P<wh>waarom|waardoor|hoezo|hoe|wat|waarover|waarmee|waaraan|in\s+hoeverre|op\s+welke\s+manier|"
               r"wat\s+voor)\b")
_WH_OPEN_STRONG = _rx(r"^(?:en\s+)?(?:waarom|waardoor|hoezo|hoe\b|in\s+hoeverre|op\s+welke\s+manier|wat\s+(?:gebeurde|"
                      r"gebeurt|deed|doe|doet|deden|maakte|maakt|speelt|speelde|ging|gaat|vond|vind|merkte|merk|is\s+er|"
                      r"was\s+er|heeft|heb|had|nog\s+meer|dan|betekent|betekende|bedoel|zou)\b)")
_SHORT_OPEN = _rx(r"^(?:en\s+)?(?:daarna|toen|verder|dan|wat\s+nog\s+meer|hoe\s+bedoel\s+je|hoe\s+bedoelt\s+u|hoezo|waarom|"
                  r"waarom\s+dat|hoe\s+dan|en\s+dan|wat\s+toen|wat\s+gebeurde\s+er\s+toen|wat\s+gebeurde\s+er\s+daarna|"
                  r"vertel\s+eens\s+wat\s+meer|vertel\s+verder|ga\s+door|ga\s+verder|ga\s+gerust\s+door|bijvoorbeeld|"
                  r"zoals|hoe\s+ging\s+dat|hoe\s+was\s+dat|en\s+verder|wat\s+dan|en\s+nu|daarvoor|ervoor|in\s+welke\s+zin|"
                  r"op\s+welke\s+manier|want|omdat|namelijk|zoals\s+wat|een\s+voorbeeld|met\s+andere\s+woorden|"
                  r"wat\s+bedoel\s+je\s+daarmee)\s*[?.!]*$")
_INVITE = _rx(r"^(?:(?:kun|kunt|wil|wilt|zou|zoudt|mag)\s+(?:je|jij|u)\s+(?:me|mij|ons)?\s*(?:eens\s+|misschien\s+|nog\s+|"
              r"iets\s+|wat\s+|een\s+keer\s+|even\s+|kort\s+|dat\s+|het\s+|daar\s+|er\s+|over\s+|kunnen\s+)*(?:meer\s+)?"
              r"(?:over\s+|kunnen\s+)*(?:vertellen|beschrijven|uitleggen|schetsen|meenemen|toelichten|laten\s+zien|voordoen)\b"
              r"(?!\s+of\b)|"
              r"(?:kun|kunt|wil|wilt|zou|zoudt)\s+(?:je|jij|u)\s+(?:daar|er|hier)\s+(?:\w+\s+){0,2}meer\s+over\s+zeggen\b|"
              r"(?P<verb>vertel|vertelt\s+u|beschrijf|beschrijft\s+u|neem\s+(?:me|mij|ons)(?:\s+eens)?\s+mee|"
              r"leg(?:\s+eens)?\s+uit|legt\s+u(?:\s+eens)?\s+uit|schets|geef(?:\s+eens)?\s+een\s+voorbeeld|"
              r"laten\s+we\s+het(?:\s+eens)?\s+over|ik\s+ben\s+(?:benieuwd|nieuwsgierig)\s+(?:naar|hoe|wat|waarom)|"
              r"ik\s+(?:wil|zou)\s+(?:graag\s+)?(?:horen|weten)\s+(?:hoe|wat|waarom|meer)|ik\s+hoor\s+graag)\b)")
_INVITE_ANY = _rx(r"\b(?:kun|kunt|wil|wilt|zou)\s+(?:je|jij|u)\s+(?:me|mij|ons)?\s*(?:eens\s+|misschien\s+|nog\s+)*"
                  r"(?:vertellen|beschrijven|uitleggen|meenemen)\s+(?:hoe|wat|waarom|over|door|in|waar)\b")
# A request to tell, in any word order: a verb of telling or showing (infinitive or imperative, separable parts
# allowed) said to them ("je zou me eens kunnen vertellen hoe…", "je mag het helemaal vertellen", "laat maar eens
# horen hoe dat gaat"), or the interviewer's curiosity ("ik ben wel benieuwd naar je klanten"). Not with "of" (a
# yes/no in disguise, _FAUX_OF) and not negated.
_TELL_REQUEST = _rx(r"\b(?:vertel(?:len|t)?|beschrijf|beschrijven|uitleggen|toelichten|schetsen|meenemen|voordoen|"
                    r"leg\s+(?:\w+\s+){0,3}uit|neem\s+(?:\w+\s+){0,3}mee|laat\s+(?:\w+\s+){0,3}(?:horen|zien)|"
                    r"laten\s+(?:horen|zien)|benieuwd|nieuwsgierig)\b(?!\s+of\b)")
_TELL_TO = _rx(r"^(?:(?:en|maar|dus|nou|ja|oké|ok)\s+)*(?:je|jij|u|ik|laat|leg|neem|vertel|beschrijf|schets)\b")
_NEGATED = _rx(r"\b(?:niet|geen|nooit|hoeft|hoef)\b")


def _tell_request(low: str) -> re.Match[str] | None:
    """"je mag het helemaal vertellen", "ik ben benieuwd naar je klanten": asked to tell, whatever the word order."""
    match = _TELL_REQUEST.search(low)
    if match and _TELL_TO.match(low) and not _NEGATED.search(low) and not _LATER.search(low) and not _FAUX_OF.search(low):
        return match
    return None


_LATER = _rx(r"\b(?:straks|later|zo\s+meteen|zometeen|nog\s+even\s+terug|terugkomen|aan\s+het\s+eind)\b")
_FAUX = _rx(r"^(?P<wrap>(?:vertel|vertelt\s+u|zeg|zegt\s+u|beschrijf|leg(?:\s+eens)?\s+uit|legt\s+u\s+uit)(?:\s+(?:eens|me|mij|ons|"
            r"gerust))*)\s*[,:;-]\s*(?P<inner>.+)$")
_FAUX_OF = _rx(r"\b(?P<ev>(?:kun|kunt|wil|wilt|zou)\s+(?:je|jij|u)\s+(?:me|mij|ons)?\s*(?:eens\s+)?(?:vertellen|zeggen|aangeven|"
               r"laten\s+weten)\s+of|vertel\s+(?:me\s+|eens\s+)*of|zeg\s+(?:me\s+|eens\s+)*of)\b")

# Leading.
_TAG = _rx(r"(?:,\s*|\s)(?P<tag>toch|niet|hè|he|hé|nietwaar|of\s+niet|toch\s+niet|right|ja|zeker|of\s+hoe\s+zit\s+dat|"
           r"(?:denk|vind|denkt|vindt)\s+(?:je|jij|u)\s+(?:ook\s+)?niet|zou\s+je\s+(?:ook\s+)?niet\s+zeggen)\s*[?.!]*$")
_AGREE = _rx(r"(?P<ev>^(?:vind|vindt|vond)\s+(?:je|jij|u)\s+(?:ook\s+|het\s+|dat\s+)?niet\b|\b(?:ben|bent)\s+(?:je|jij|u)\s+het\s+"
             r"(?:daar\s+|er\s+)?(?:daarmee\s+|ermee\s+|met\s+(?:me|mij)\s+)?(?:niet\s+)?(?:mee\s+)?eens\b|\bje\s+bent\s+het\b.*\beens\b|"
             r"\bmee\s+eens\s*\?|\bzou\s+je\s+niet\s+zeggen|^(?:en\s+)?zou(?:dt)?\s+(?:je|jij|u)\s+(?:ook\s+|dan\s+|eerlijk\s+)*zeggen\s+dat|\bdenk\s+je\s+ook\s+niet|\bjij\s+toch\s+ook|\bu\s+toch\s+ook)")
_SOCIAL = _rx(r"(?P<ev>\b(?:de\s+meeste|veel|alle|andere|onze|heel\s+veel|de\s+meesten\s+van\s+onze)\s+(?:klanten|mensen|gebruikers|"
              r"ouders|leden|abonnees|fietsers|collega's|bewoners|huurders|reizigers|"
              # any group of people: a plural noun ("studenten", "vrijwilligers", "bezorgers")
              r"(?:\w+\s+)?\w{3,}(?:en|ers|s))\b[^?]*\b(?:zeggen|zegt|vinden|vindt|kiezen|"
              r"willen|klagen|geven\s+aan|noemen|gebruiken)|\biedereen\s+(?:zegt|vindt|wil|gebruikt))")
_PRESUME = _rx(r"(?P<ev>\btoch\b|\bzeker\b(?!\s+weten)|\bvast\b(?!\s+(?:contract|bedrag|abonnement|nummer|adres))|"
               r"\bnatuurlijk\b|\bwel\s+zeker\b|\bongetwijfeld\b|"
               # "ik neem aan dat je…", "ik ga ervan uit dat…", "ik gok dat…": a guess of yours about them
               r"\bik\s+(?:neem\s+aan|ga\s+(?:er\s*)?van\s+uit|gok|wed)\s+(?:dat|,))")
_NOT_PRESUME = _rx(r"\b(?:het|dat|je|u)\s+zeker\s+(?:weten|wist)\b|\bweet\s+(?:je|u)\s+(?:het|dat)\s+zeker\b|\been\s+vast\b|"
                   r"\bvast\s+(?:zitten|zat|gezeten|lopen|liep)\b|\btoch\s+(?:nog|maar)\b|\b(?:en|maar)\s+toch\b")
_NEG_Q = _rx(r"^(?P<ev>(?:was|is|waren|zijn|had|heb|hebt|heeft|zou|zouden|kon|kan|kun|kunt|wordt|werd|wil|wilt|moest|moet|"
             r"ga|gaat|vond|vind|doe|doet|deed)\s+(?:het|dat|je|u|jij|die|er|dit|ze)\s+(?:\w+\s+){0,1}niet"
             # A reflexive verb of feeling, negated: "Ergerde je je daar niet aan?", "Stoor je je niet aan de mails?"
             r"|\w+\s+(?:je|u|jij)\s+(?:je|zich|u)\s+(?:daar\s+|er\s+|ook\s+|dan\s+)*niet)\b")
# A yes/no question (verb first) with "niet" just before its last word: a negative question whatever the subject
# ("Zou een pillendoos met een alarm niet helpen?", "Was de oude app niet veel fijner?"); "niet meer" asks a fact.
_NEG_LATE = _rx(r"^(?:zou|zouden|had|hadden|was|waren|is|zijn|kan|kon|konden|moet|moest|moesten|wordt|werd|heeft|hebben)\s+"
                r"(?:[\w']+\s+){1,6}niet(?!\s+meer\b)(?:\s+(?:veel\s+|wel\s+|ook\s+|gewoon\s+)?(?P<verb>[\wà-ÿ]+)"
                r"(?:\s+(?:zijn|worden|hebben|geweest|gedaan|kunnen|moeten))?)?\s*$")
_LOADED = ("duur|traag|langzaam|ingewikkeld|moeilijk|lastig|onhandig|vervelend|irritant|frustrerend|makkelijk|handig|fijn|"
           "goedkoop|slecht|goed|leuk|mooi|erg|rot|naar|stom|heerlijk|geweldig|prettig|snel|omslachtig|onduidelijk|"
           "verwarrend|gedoe|vreselijk|gek|ergerlijk|zwaar|spannend|eng|eenvoudig|betrouwbaar|onbetrouwbaar|"
           "ontevreden|tevreden|teleurgesteld|boos|kwaad|blij|gefrustreerd|geïrriteerd")
_WHY_PRESUPPOSE = _rx(r"^waarom\s+(?:is|was|vind|vond|werd|wordt|zijn|waren|voelt|voelde)\b.*?\b(?P<int>zo|zó|zo'n|te|zulke?)\s+"
                      r"(?P<adj>[\w'-]+)")
_HOW_LOADED = _rx(r"^(?:en\s+)?hoe\s+(?P<adj>erg|vervelend|frustrerend|irritant|lastig|moeilijk|fijn|leuk|geweldig|handig|"
                  r"blij|boos|teleurgesteld|gestrest|tevreden|ontevreden|heerlijk|makkelijk|slecht|rot|zwaar|vreselijk|"
                  r"belangrijk)\b")
_PROBLEMS = _rx(r"^(?:en\s+)?(?P<ev>(?:welke|wat\s+voor)\s+(?:problemen|klachten|ergernissen|frustraties|nadelen|"
                r"moeilijkheden|irritaties|pijnpunten|obstakels|storingen))\b")
_PROBLEM_WORDS = _rx(r"\b(?:probleem|problemen|klacht|mis|fout|kapot|stuk|storing|gedoe|irritant|vervelend|lastig|"
                     r"moeilijk|te\s+laat|traag|duur|niet|nooit|boos|geërgerd|ergerlijk)\b")
_LOVE = _rx(r"^wat\s+(?:vind|vond)\s+(?:je|u)\s+(?:er\s+)?(?:zo\s+)?(?P<adj>geweldig|fijn|heerlijk|leuk|goed|mooi|prachtig)\s+"
            r"(?:aan|van)\b")
_SAVES = _rx(r"^hoeveel\s+(?:tijd|geld|moeite|gedoe)\b.*\b(?:scheelt|scheelde|bespaart|bespaarde|bespaard)\b")
_INTENSE = _rx(r"\b(?P<int>te|veel\s+te|zo|zó|heel|erg|echt|super|ontzettend|vreselijk|enorm|hartstikke|best|nogal|"
               r"wel\s+erg|wel\s+heel)\s+(?P<adj>" + _LOADED + r")\b")
_FEELING_Q = _rx(r"^(?:dat|het|die)\s+(?:moet|moest|zal)\s+(?:\w+\s+){0,4}(?:zijn\s+geweest|geweest\s+zijn|zijn|voelen|"
                 r"gevoeld\s+hebben)\b")
_DECL_GUESS = _rx(r"^(?:dus\s+)?(?:je\s+zou|jij\s+zou|u\s+zou|je\s+gaat|u\s+gaat|je\s+wilt|u\s+wilt)\b")
# A guess about them said as a statement: "Je was vast teleurgesteld.", "Dat kostte je zeker een avond.",
# "Je zult wel boos zijn geweest."
_GUESS_DECL = _rx(r"^(?:dus\s+|en\s+|maar\s+)?(?P<ev>(?:je|jij|u|jullie|dat|het|die)\b(?:\s+[\w']+){0,4}?\s+(?:vast|zeker|ongetwijfeld|"
                  r"natuurlijk(?!(?:\s+(?:heel|wel|ook|best|helemaal))*\s+(?:begrijpelijk|logisch|normaal|prima|goed|"
                  r"terecht|menselijk|niet\s+erg)\b))\b"
                  r"(?!\s+weten)|(?:je|jij|u|jullie|dat|het)\s+(?:zult|zal|zullen)\s+(?:[\w']+\s+){0,3}wel\b)")
# Words that, put into a summary, hand them a decision or a feeling they did not name.
_NL_CLAIM = frozenset("""
gestopt stoppen stopte opgezegd opzeggen zegde overgestapt overstappen stapte klaar zat beu spijt boos
teleurgesteld gefrustreerd geïrriteerd geërgerd ontevreden tevreden blij bang bezorgd duur goedkoper weg verhuizen
vertrokken opgegeven ophouden gehad zonde
""".split())
# Claim words that say the same thing: a summary that puts "gestopt" for their "opgezegd" paraphrases them.
_CLAIM_FAMILIES = tuple(frozenset(f.split()) for f in (
    "gestopt stoppen stopte opgezegd opzeggen zegde opgegeven ophouden weg vertrokken",
    "overgestapt overstappen stapte",
    "klaar gehad beu zat",
    "boos teleurgesteld gefrustreerd geïrriteerd geërgerd ontevreden",
    "duur goedkoper",
))


def _claim_theirs(word: str, theirs: set[str]) -> bool:
    """Whether ``word`` (a claim word) or another of its family is among their words."""
    return word in theirs or any(word in family and family & theirs for family in _CLAIM_FAMILIES)


_CAUSE = _rx(r"\b(?P<ev>omdat|vanwege|door|doordat|want|daarom|zodat)\b")
# An adverb before the verb of a yes/no question ("Eigenlijk ben je…?", "Misschien is het…?").
_ADVERB_FIRST = _rx(r"^(?:en\s+|maar\s+)?(?:eigenlijk|misschien|gewoon|soms|toevallig|nu|dan)\s+")
# Words that open a subordinate clause: a "niet" after them negates that clause, not the question.
_SUBORDINATOR = _rx(r"\b(?:dat|of|als|wanneer|omdat|doordat|toen|zodat|terwijl|nadat|voordat|sinds|zodra)\b")
# "…niet gebeld?", "…niet geprobeerd?": "niet" before the last word of a verb-first question.
_NEG_END = _rx(r"\bniet(?!\s+meer\b)\s+(?P<verb>[\wà-ÿ]+)\s*$")
# "vooral", "met name": a summary that ranks their reasons.
_MAINLY = _rx(r"\b(?:vooral|voornamelijk|met\s+name|hoofdzakelijk|eigenlijk\s+alleen|puur)\b")
# A would-question whose answer is a benefit: "Zou X helpen?", "Zou je het fijn vinden als…", "Zou dat schelen?".
_FIX_Q = _rx(r"^(?:en\s+|maar\s+)?(?:zou|zouden)\s+(?:[\w']+\s+){1,10}?(?P<ev>helpen|oplossen|verhelpen|schelen|"
             r"(?:handig|fijn|makkelijk|makkelijker|handiger|beter|prettig|fijner)(?:\s+(?:zijn|vinden|maken))?)\b"
             r"(?:\s+(?:als|wanneer|mocht)\b.*)?\s*$")
# "het ergste", "het vervelendst": a superlative of a negative verdict.
_SUPERLATIVE = _rx(r"\bhet\s+(?:aller)?(?:ergst|vervelendst|irritantst|frustrerendst|slechtst|naarst|stomst)e?\b")
# "Waarom heb je niet eerder…", "Waarom bel je niet gewoon…": why they did not do what we would have done.
_WHY_NOT = _rx(r"^(?:en\s+)?(?:maar\s+)?waarom\s+(?:[\w']+\s+){1,4}?(?P<ev>niet\s+(?:eerder|gewoon|meteen|direct|gelijk|"
               r"even|zelf|al|eens|sneller|vaker))\b")
# A main reason or cause named for them ("de belangrijkste reden", "de hoofdreden", "vooral door de prijs").
_MAIN_REASON = _rx(r"(?P<ev>\b(?:belangrijkste|voornaamste|grootste)\s+(?:reden|oorzaak|probleem|ergernis)|\bhoofdreden|"
                   r"\bhoofdoorzaak|\bhoofdzaak)\b")
# Absolute words a rising "Dus …?" adds to their story ("Dus je vertrouwt die app helemaal niet meer?"): a verdict
# of ours for them to confirm, unless they said it so themselves.
_ABSOLUTE = _rx(r"\b(?P<ev>helemaal(?:\s+niet|\s+geen)?|nooit\s+meer|totaal|compleet|volledig|absoluut|"
                r"alleen\s+maar|niet\s+meer|geen\s+\w+\s+meer)\b")

# Reflection and statements.
_REFLECT_START = _rx(r"^(?P<ev>als\s+ik\s+(?:je|jou|u)\s+(?:goed\s+)?(?:begrijp|hoor)|het\s+klinkt\s+(?:alsof|als|dat)|"
                     r"dat\s+klinkt\s+(?:alsof|als)|klinkt\s+(?:alsof|als)|je\s+zegt\s+(?:eigenlijk\s+|dus\s+)?(?:dat)?|"
                     r"u\s+zegt\s+(?:eigenlijk\s+|dus\s+)?|met\s+andere\s+woorden|oftewel|wat\s+ik\s+hoor|ik\s+hoor\s+(?:je\s+)?"
                     r"(?:eigenlijk\s+)?(?:zeggen|dat)|even\s+kijken\s+of\s+ik\s+(?:het|je)\s+goed|samengevat|kortom|"
                     r"het\s+gaat\s+(?:je|jou|u)\s+dus|je\s+hebt\s+dus|u\s+heeft\s+dus|je\s+voelt\s+je|u\s+voelt\s+zich|"
                     r"voor\s+(?:jou|u)\s+(?:\w+\s+){0,3}dus|het\s+lijkt\s+(?:erop\s+)?(?:alsof|dat)|je\s+bedoelt|u\s+bedoelt|"
                     r"je\s+klinkt|het\s+voelt\s+(?:voor\s+(?:je|jou|u)\s+)?(?:alsof|als)|ik\s+begrijp\s+dat\s+(?:je|u)|"
                     r"als\s+ik\s+het\s+goed\s+(?:begrijp|heb|samenvat)|dus\s+als\s+ik\s+het\s+goed)")
_REFLECT_CHECK = _rx(r"^(?:klopt\s+dat|heb\s+ik\s+(?:dat|het)\s+goed(?:\s+begrepen)?|begrijp\s+ik\s+(?:dat|het|je|u)\s+goed|"
                     r"zie\s+ik\s+dat\s+goed|zeg\s+ik\s+het\s+goed|is\s+dat\s+(?:zo|juist))\s*[?]?$")
_TOLD_FEELING = _rx(r"^(?:en\s+)?(?:dat|het|die)\s+(?:was|is|werd|wordt)\s+(?:[\w']+\s+){0,4}?(?P<adj>" + _LOADED +
                   r"|stressvol|pijnlijk|schrikken|balen|teleurstellend)\s+(?:voor\s+(?:je|jou|u|jullie)|geweest)\b")
_FEELING_STATEMENT = _rx(r"^(?:dat|het|die)\s+(?:moet|moest)\s+")
# Words that boil a story down ("dus eigenlijk…", "uiteindelijk gewoon…").
_REDUCE = _rx(r"\b(?:eigenlijk|gewoon|uiteindelijk|in\s+feite|kortom|simpelweg|puur)\b")
# Closing invitations: anything (else) they want to add, or that was not asked.
_CLOSING = _rx(r"^(?:(?:is|zijn)\s+er|heb\s+(?:je|jij|u|ik|we)|hebben\s+we|hebt\s+u|weet\s+(?:je|u))?\s*(?:verder\s+|nog\s+|misschien\s+|ook\s+|"
               r"tot\s+slot\s+)*(?P<ev>iets|dingen|vragen)\b(?P<rest>.*\b(?:niet\s+(?:\w+\s+)?(?:gevraagd|besproken|genoemd|"
               r"gehad)|kwijt|toevoegen|aanvullen|vertellen|zeggen|delen|kwijt\s+wil|moet\s+weten|had\s+moeten\s+vragen|"
               r"vergeten|gemist|overgeslagen|belangrijk)\b.*)$")
# A topic put in front of the question, after a comma: "de laatste keer dat je bestelde, hoe ging dat".
_FRONTED = _rx(r"^[^,]{3,80},\s*(?P<q>(?:en\s+)?(?:waarom|waardoor|hoezo|hoe|wat|wanneer|waar|wie|welke?|hoeveel)\b.*)$")
# "Je zou zeggen dat…", "Je zou toch denken dat…": a view handed over.
_SUGGEST = _rx(r"^(?:dus\s+|en\s+)?(?:je|u|jij)\s+zou\s+(?:toch\s+|ook\s+|dan\s+)*(?:zeggen|denken)\s+(?:dat\b)?")
# A fragment: at most four words, none of them a finite verb of the usual kind or a question word.
_FRAGMENT = _rx(r"^(?!.*\b(?:is|was|zijn|waren|heb|hebt|heeft|had|hadden|ben|bent|wordt|werd|kan|kon|kun|kunt|wil|wilt|"
                r"zou|moet|moest|ga|gaat|ging|doe|doet|deed|vind|vond|wat|hoe|waarom|wie|welke|wanneer|waar)\b)"
                r"[\wà-ÿ']+(?:\s+[\wà-ÿ']+){0,3}$")
_PERSON = _rx(r"\b(?:je|jij|jou|jouw|u|uw|jullie|ik|mij|me|mijn|wij|we|ons|onze)\b")
# "te" + a word that is not an infinitive (-en) nor a particle: an excess, which is a verdict.
_EXCESS = _rx(r"\b(?:veel\s+|wel\s+|echt\s+|gewoon\s+)?te\s+(?P<adj>(?!veel\b|zijn\b|doen\b|gaan\b|zien\b|staan\b)"
              r"[a-zà-ÿ]+(?<!en)(?<!eren))\b")
# The words of "Dat moet … zijn geweest" that are not the feeling itself.
_FEELING_FRAME = frozenset("moet moest moeten zal zou zijn geweest voelen voelde gevoeld hebben best behoorlijk nogal "
                           "beetje wel heel erg echt zo toch vast ook een voor jou je u jullie dan".split())


def _feeling_theirs(low: str, previous: str | None) -> bool | None:
    """Whether the feeling in "Dat moet (best) stressvol zijn geweest" is one they named: True, False, or None when
    the sentence names no feeling word."""
    words = [w for w in re.findall(r"[\wà-ÿ']+", low)[2:] if w not in _FEELING_FRAME and w not in NL_STOP]
    if not words:
        return None
    return any(_their(w, previous) for w in words)
_ACK = _rx(r"^(?:(?:hm+(?:-hm+)?|mm+(?:-hm+)?|ja+|jaja|oké|okay|ok|oke|helder|duidelijk|ik\s+snap\s+het|snap\s+ik|"
           r"ik\s+begrijp\s+het|begrijpelijk|interessant|oei|o+|oh+|ah+|aha|juist|precies|klopt|goed|prima|mooi|top|fijn|"
           r"ja\s+nee|dank\s+je(?:\s+wel)?|dankjewel|bedankt|dank\s+u(?:\s+wel)?|nou\s+nou|jeetje|tjonge|echt\s+waar|"
           r"wauw|wow|zo|tja|hè\s+hè|ach|gut|lekker|zeker|natuurlijk|ik\s+hoor\s+je|dat\s+snap\s+ik|dat\s+begrijp\s+ik|"
           r"ik\s+zie\s+het|aha|echt|serieus|o\s+ja|oh\s+ja|nee\s+joh|sjonge|hè\s+ja)[\s,.!?…-]*)+$")
_GREETING = _rx(r"^(?P<ev>hoi|hallo|hee|hey|goedemorgen|goedemiddag|goedenavond|dag|welkom|fijn\s+dat\s+(?:je|u)|"
                r"leuk\s+(?:je|u|dat\s+je|dat\s+u)|dank\s+(?:je|u)|bedankt|hartelijk\s+dank|heel\s+erg\s+bedankt|"
                r"dankjewel|tot\s+ziens|doei)\b")
# Thanks after an exclamation or an acknowledgement ("Leuk, dank je wel voor het uitleggen."): a statement.
_THANKS = _rx(r"(?:^|[,.!]\s*|\b(?:oké|ok|goed|leuk|mooi|fijn|helder|duidelijk|super|top|heel|erg|echt|nogmaals|"
              r"alvast|hartstikke|ontzettend|enorm|ja)\s+)(?P<ev>dank\s+(?:je|u)(?:\s+wel)?|bedankt|"
              r"dankjewel|hartelijk\s+dank)\b")
_SIGNPOST = _rx(r"(?P<ev>^we\s+hebben\s+(?:ongeveer|zo'n|een\s+half|nog)|^er\s+zijn\s+geen\s+goede|^ik\s+(?:maak|schrijf|noteer)|"
                r"^ik\s+ga\s+(?:even|straks|je\s+zo)|^laten\s+we\s+(?:straks|later|zo)|^we\s+komen\s+(?:straks|zo|later)|"
                r"^ik\s+kom\s+(?:daar\s+)?(?:straks|later|zo)|\bstraks\s+nog\s+(?:even\s+)?terug|^neem\s+(?:gerust|rustig)|"
                r"^(?:goed,?\s+)?dan\s+ronden\s+we|^tot\s+slot|^we\s+zijn\s+(?:bijna|aan\s+het\s+eind)|"
                r"^ik\s+wil\s+(?:even|graag)\s+(?:uitleggen|vertellen|iets)|^voordat\s+we\s+beginnen|"
                r"^(?:we|ik)\s+(?:gaan|ga)\s+(?:zo|nu)\s+(?:over|verder)|^dan\s+gaan\s+we\s+(?:verder|door))")
_EMPATHY = _rx(r"^(?:dat|wat)\s+(?:klinkt|is|was|lijkt\s+me)\s+(?:echt\s+|wel\s+|heel\s+|erg\s+|best\s+)?(?:vervelend|naar|rot|"
               r"balen|heftig|lastig|fijn|leuk|goed|mooi|interessant|herkenbaar|sneu|zuur|pittig|jammer|knap|slim|"
               r"begrijpelijk|een\s+gedoe|stom)\b")
_OWN_VIEW = _rx(r"^(?P<ev>ik\s+(?!hoor|begrijp\s+dat\s+(?:je|u))\w+|mij\b|mijn\b|zelf\b|persoonlijk\b)")
_INFO = _rx(r"^(?P<ev>wij\b|we\b|onze\b|ons\s+\w+|met\s+het\s+nieuwe|het\s+nieuwe|sinds\s+kort|binnenkort|trouwens)")

# Flags.
_HYP = _rx(r"(?P<ev>\b(?:zou|zouden|zoudt)\s+(?:je|u|jij|jullie|het|dat|er|ze|dit)\b|^stel\s+(?:je\s+voor|dat)\b|\bstel\s+dat\b|"
           r"\bwat\s+als\b|\bin\s+de\s+toekomst\b|\bals\b[^?]*\b(?:zou|zouden|zal|zult|ga\s+je|gaat\s+u)\b|\bje\s+zou\s+toch\b|"
           r"\b(?:ga|gaat)\s+(?:je|u)\s+[^?]*\b(?:volgend\s+jaar|binnenkort|later|straks)\b|\bstel\s+je\s+eens\s+voor\b|"
           r"\bzou\s+[^?]*\bwillen\b|\bstel\s+dat\b|\bvoortaan\b)")
_HYP_EXCLUDE = _rx(r"\b(?:zou|zoudt)\s+(?:je|u|jij)\s+(?:me|mij|ons)?\s*(?:eens\s+|misschien\s+|dat\s+|het\s+|daar\s+|er\s+|"
                   r"iets\s+|wat\s+|meer\s+|over\s+|een\s+keer\s+|even\s+)*(?:kunnen\s+)?(?:vertellen|"
                   r"beschrijven|uitleggen|zeggen|meenemen|toelichten)\b|\bhoe\s+zou\s+(?:je|u)\s+(?:het|dat)?\s*(?:omschrijven|"
                   r"beschrijven|noemen)\b|\bzou\s+je\s+het\s+erg\s+vinden\b|\bwat\s+zou\s+je\s+zeggen\b")
_PITCH = _rx(r"(?P<ev>\bzou\s+(?:je|jij|u)\s+(?:\w+\s+)?(?:zo'n|zo\s+een)\s+\w*(?:app|dienst|abonnement|functie|tool|systeem|"
             r"service|box|product|platform)\s+(?:\w+\s+)?(?:gebruiken|proberen|"
             r"kopen|nemen|betalen|downloaden|installeren)\b|"
             r"\b(?:wij|we)\s+(?:werken\s+aan|hebben\s+(?:nu|sinds|een\s+nieuwe|sinds\s+kort)|lanceren|bieden|ontwikkelen|"
             r"bouwen|komen\s+met|zijn\s+bezig\s+met|testen|hebben\s+een\s+(?:app|chat|functie|abonnement|dienst)|"
             r"gaan\s+(?:\w+\s+){0,3}(?:lanceren|toevoegen|introduceren|aanbieden))|\bonze\s+(?:nieuwe\s+)?\w+|"
             r"\bons\s+(?:nieuwe\s+)?(?:abonnement|product|platform|systeem|aanbod|pakket|\w*abonnement)\b|"
             r"\bbinnenkort\s+kun\s+je\b|\bmet\s+(?:ons|het\s+nieuwe|onze)\s+\w+|\bsinds\s+kort\s+(?:hebben|bieden)\s+(?:wij|we)\b|"
             r"\bals\s+(?:wij|we)\s+\w+|\bhet\s+nieuwe\s+(?:abonnement|app|systeem|pakket|model)\b|"
             r"\b(?:zou|wat\s+zou)\s+(?:het\s+)?(?:niet\s+)?(?:fijn|handig|mooi|makkelijk|prettig|ideaal|goed|top)\s+(?:zijn|wezen)\s+als\b|"
             r"\bals\s+(?:de|het|er|je)\s+(?:\w+\s+){0,3}(?:app|functie|knop|chat|abonnement|dienst)\b[^?]*\b(?:zou|kon)\b)")
# A hypothetical yes/no question about a thing described by what it does ("Zou je een app gebruiken die je aan de
# rekening herinnert?", "Zou een knop om de bestelling te pauzeren helpen?", "Als er iets was dat de bonnetjes voor je
# sorteerde, zou je dat gebruiken?"): a solution offered, with or without "wij/onze". A person ("iemand die") or a
# property ("een sportschool die verder weg is") offers none.
_DESCRIBED_SOLUTION = _rx(
    r"^(?:(?:en|dus|maar|oké|ok)\s+)*(?:(?:zou|zouden|zoudt)\s+(?!(?:je|u|jij)\s+(?:me|mij|ons)?\s*(?:\w+\s+){0,2}?"
    r"(?:vertellen|beschrijven|uitleggen|zeggen)\b)|als\s+er\s+(?=[^?]*,?\s*(?:zou|zouden)\b))(?:[\wà-ÿ'-]+\s+){0,3}?"
    r"(?P<ev>(?:een|iets|zoiets|een\s+soort)\s+(?!(?:keer|paar|beetje)\b)(?:[\wà-ÿ'-]+\s+){0,2}?"
    r"(?<!\bbij\s)(?<!\bnaar\s)(?<!\bmet\s)(?<!\bin\s)(?<!\bop\s)(?<!\bvan\s)(?<!\bvoor\s)(?<!\baan\s)(?<!\buit\s)"
    r"(?:(?:die|dat|waarmee|waardoor|waarin|waarop|waarbij|wat)\s+(?!(?:[\wà-ÿ'-]+\s+){0,3}"
    r"(?:is|was|zijn|waren|wordt|werd)\b)|om\s+(?:[\wà-ÿ'-]+\s+){0,4}?te\s+)[\wà-ÿ'-]+)")
_PRAISE = _rx(r"\b(?:heerlijk|geweldig|fantastisch|top|super|beter|sneller|makkelijker|handiger|mooier|lekker|prachtig|"
              r"nieuwe|zonder|gratis|altijd|dag\s+en\s+nacht)\b")
_DB_EN = _rx(r"(?:,\s*|\s)en\s+(?P<ev>(?:wat|hoe|waarom|wanneer|waar|wie|welke|hoeveel|hoe\s+vaak)\b|(?P<verb>[a-zà-ÿ]+)\s+"
             r"(?:je|jij|u|jullie)\b)")


# Spoken fillers inside or at the end of a sentence: ", eh,", ", zeg maar,", ", hè," before more words, ", zeg maar?".
_INNER_FILLER = _rx(r",\s*(?:eh+m?|ehm|uh+m?|zeg\s+maar|weet\s+je|hè|he|hé)\s*,\s*|\s+(?:eh+m?|ehm|uh+m?)\s+|"
                    r",?\s*\bzeg\s+maar\s*(?=[?.!]*$)")


# A false start: the same one to four words said twice ("hoe, hoe regelen jullie", "mag ik, eh, mag ik vragen").
# One word said twice without a pause between is grammar, not a false start ("ergerde je je", "dat dat werkt").
_FALSE_START = _rx(r"\b([\wà-ÿ']+(?:\s+[\wà-ÿ']+){1,3})[\s,]+\1\b|\b([\wà-ÿ']+)\s*,[\s,]*\2\b")


def strip_markers(sentence: str) -> tuple[str, bool]:
    """The sentence without opening fillers ("Hm, oké, en…"), spoken fillers inside it (", eh,", ", hè,",
    "zeg maar" at the end); also says whether it opened with "dus"."""
    out = _INNER_FILLER.sub(" ", sentence.strip()).strip()
    out = re.sub(r"\s+([?.!])", r"\1", out)
    out = _FALSE_START.sub(lambda m: m.group(1) or m.group(2), out)
    dus = False
    previous = None
    while out and out != previous:
        previous = out
        if _DUS.match(out):
            dus = True
            out = _DUS.sub("", out, count=1)
            continue
        stripped = _MARKER.sub("", out, count=1)
        if stripped and re.search(r"\w", stripped):
            out = stripped
    return out.strip(), dus


# A preamble before a colon ("Sorry, even terug: hoe begon dat?"): the question after it is a sentence of its own,
# unless the preamble is the request that wraps it ("Vertel eens: heb je opgezegd?", a faux invitation).
_COLON = re.compile(r":\s+(?=\S)")
_WRAPPER = _rx(r"^(?:vertel|vertelt\s+u|zeg|zegt\s+u|beschrijf|leg(?:\s+eens)?\s+uit|legt\s+u\s+uit)(?:\s+(?:eens|me|mij|ons|"
               r"gerust))*$")


def split_sentences(text: str) -> list[str]:
    parts = []
    for part in _SENTENCE_END.split(text):
        pieces = _COLON.split(part, maxsplit=1)
        if len(pieces) == 2 and not _WRAPPER.match(strip_markers(pieces[0])[0]) and is_question(pieces[1]):
            parts.extend(pieces)
        else:
            parts.append(part)
    parts = [p.strip(" ,") for p in parts]
    return [p for p in parts if p and re.search(r"\w", p)]


def _yes_no(low: str) -> re.Match[str] | None:
    match = _YES_NO.match(low)
    if match and match.group("verb") not in _NOT_VERB:
        return match
    if match and match.group("verb") == "stel" and re.match(r"^stel\s+(?:je|jij|u)\s+(?!(?:\w+\s+){0,2}voor\b)\w+", low):
        return match  # "stel je die zelf samen?" (not "stel je (eens) voor")
    if match and match.group("verb") in ("zeg", "leg", "neem") and re.match(r"^\w+\s+(?:je|jij|u)\s+(?!maar\b|eens\b|me\b|mij\b)", low) \
            and not re.match(r"^(?:leg|neem)\s+(?:je|u)\s+(?:\w+\s+){0,3}(?:uit|mee)\b", low):
        return match  # "zeg je dan ook iets tegen hem?" (not "zeg maar", "leg eens uit", "neem me mee")
    return None


# Spoken turns put a topic, a false start or a filler before the question, between commas ("en eh die bestellijst,
# stel je die zelf samen…", "als je, als je zo'n gesprek hebt, hoe bereid je je voor, wat doe je dan"). A question
# starts where a question word is followed by the finite verb (V2: "hoe ging dat"; "hoe het ging" is embedded) or
# where the finite verb comes first with its subject after it (V1: "was dat dezelfde winkel").
_WH_ONSET = _rx(r"^(?:waarom|waardoor|hoezo|hoe|wat|waar|wanneer|wie|welke?|hoeveel|waarmee|waarover|waaraan)$")
_WH_MODIFIER = frozenset("vaak lang laat oud ver veel groot duur snel voor".split())
_NOT_V2 = frozenset("ik je jij u hij zij ze we wij jullie het er de een dat die dit deze mijn jouw uw zijn haar hun ons onze "
                    "men iemand mensen je,".split())


def _starts_question(segment: str) -> bool:
    """Whether a clause (markers stripped, lower case) opens as a question: wh + finite verb, or verb + subject."""
    words = re.findall(r"[\wà-ÿ']+", segment)
    if len(words) < 3:
        return False
    if _yes_no(segment) or _INVITE.match(segment) and not _LATER.search(segment) or _EMBED_WRAP.match(segment):
        return True
    if not _WH_ONSET.match(words[0]) or (words[0] == "waar" and words[1] in ("je", "jij", "u")):
        return False
    i = 1
    if words[0] in ("hoe", "wat") and words[1] in _WH_MODIFIER or words[0] in ("welke", "welk", "hoeveel"):
        i = 2  # "hoe vaak ga je", "wat voor app heb je", "welke provider heb je"
    if i >= len(words) or words[i] in _NOT_V2 or words[0] == "hoe" and words[i] == "dan" and "ook" in words[i:i + 2]:
        return False
    # "wat leuk", "wat een gedoe": an exclamation, not a question
    return not (words[0] == "wat" and i == 1 and (_loaded(words[1]) or words[1] in _EXCLAIM))


_EXCLAIM = frozenset("leuk mooi jammer knap interessant heftig sneu zonde raar grappig bijzonder fijn goed zuur balen "
                     "spannend lief".split())


def _after_dan(low: str) -> str:
    """"en dan wat doe je": a question word after "(en) dan" opens the question ("dan gaan we…" is no question)."""
    match = re.match(r"^(?:en\s+)?dan\s+(?=(?:waarom|hoe|wat|waar|wanneer|wie|welke?|hoeveel)\b)", low)
    return low[match.end():] if match else low


_SUBORDINATE = _rx(r"^(?:en\s+|maar\s+)?(?:toen|als|wanneer|nadat|omdat|sinds|zodra|terwijl|voordat|doordat|zodat|hoewel|"
                   r"tenzij|zolang)\b")


def question_onset(sentence: str) -> str | None:
    """The question a spoken sentence ends with, when something else comes first between commas: the last clause
    that opens as a question, with everything after it; None when the sentence has no such later clause."""
    segments = [p for p in re.split(r"\s*,\s*", sentence.strip()) if p.strip()]
    if len(segments) > 1 and _SHORT_OPEN.match(strip_markers(segments[-1])[0].lower()):
        return strip_markers(segments[-1])[0]  # "je zei drie jaar, en daarvoor?": the prompt at the end asks
    for i in range(len(segments) - 1, 0, -1):
        body = _after_dan(strip_markers(segments[i])[0].lower())
        if _SUBORDINATE.match(strip_markers(segments[i - 1])[0].lower()) and _yes_no(body) \
                and sentence.rstrip().endswith((".", "!")):
            # "…en toen die op was en je iets anders nam, kreeg je jeuk.": the verb comes before its subject because
            # a clause stands in front (V2), not because it asks.
            continue
        tag = _TAG.match(" " + body)
        if _starts_question(body) and not (tag and tag.end() == len(body) + 1):  # ", denk je niet?" is a tag
            rest = [strip_markers(p)[0] for p in segments[i + 1:]]
            return ", ".join([body] + [r for r in rest if r])
    return _unmarked_onset(segments[-1]) if segments else None


# Where a caption has no comma at all, a question still starts where a question word is followed by a finite verb
# and its subject ("je zei net dat het druk was hoe ga je daar mee om", "je klanten hoe reageren die daarop"), or
# Without a comma to mark the border the test is stricter than _starts_question: the subject must be there. (A verb
# before "je" is no border: Dutch puts the verb before its subject after any fronted word, "toen heb je zelf gekookt".)
_ONSET_SUBJECT = frozenset("je jij u jullie ze zij hij het dat die er we wij de een jouw uw mijn haar zijn hun men iemand mensen".split())
_NO_ONSET_AFTER = frozenset("dat of als weet vraag vroeg benieuwd idee snap begrijp zien zag hoor zeggen".split())


# Frequent finite verbs that follow a subject "wat" or "wie" in a question ("wat gebeurde er", "wie belde je").
_FINITE_COMMON = frozenset("""is was zijn waren staat stond stonden gebeurt gebeurde ging gaat kwam komt deed doet zei zegt
maakte maakt had heeft werd wordt belde belt speelde speelt hielp helpt vond vindt lag ligt zat zit kostte kost""".split())


def _unmarked_onset(segment: str) -> str | None:
    words = strip_markers(segment)[0].split()
    tail = " ".join(words[-3:]).lower()
    short = re.search(r"\ben\s+(?:dan|daarna|daarvoor|toen|verder|nu)\s*[?.!]*$", tail)
    if short and len(words) > 3:
        return short.group(0)  # "je werkt er al drie jaar mee en dan?"
    for i in range(len(words) - 3, 0, -1):
        tail = [re.sub(r"[^\wà-ÿ']", "", w.lower()) for w in words[i:]]
        # "ik zag wat je deed" embeds its question; "toen je dat zag wat dacht je" does not: a clause opened by
        # "toen", "als", "wanneer" ends in its verb, and the question after it is the main clause.
        if re.sub(r"[^\wà-ÿ']", "", words[i - 1].lower()) in _NO_ONSET_AFTER \
                and not _SUBORDINATE.match(" ".join(words[:i]).lower()):
            continue
        if _WH_ONSET.match(tail[0]):
            j = 2 if tail[0] in ("hoe", "wat") and tail[1] in _WH_MODIFIER or tail[0] in ("welke", "welk", "hoeveel") else 1
            verb, after = tail[j:j + 1], tail[j + 1:j + 3]
            # "wat stond daar nou in", "wie belde er toen": "wat" or "wie" is itself the subject, straight before its
            # verb (a relative "wat" ends its clause with the verb: "die brief wat daar lag").
            subject_wh = j == 1 and tail[0] in ("wat", "wie") and verb and verb[0] in _FINITE_COMMON and len(tail) >= 3
            if verb and verb[0] not in _NOT_V2 and verb[0] not in _NOT_VERB and (_ONSET_SUBJECT & set(after) or subject_wh) \
                    and _starts_question(" ".join(tail)):
                return " ".join(words[i:])
    return None


# A caption that opens with a condition and ends in "zou je …" asks: after the condition the main clause starts with
# its verb, and "zou je" with a few words after it closes the turn.
_CONDITION_THEN_ASKED = _rx(r"^(?:(?:en|nou|oké|ok|dus|maar|eh+|ehm)\s+)*(?:stel\s+(?:je\s+voor\s+)?dat|als|wanneer|mocht|"
                            r"gesteld\s+dat)\b.+\b(?:zou|zouden|zoudt)\s+(?:je|jij|u|jullie)(?:\s+[\wà-ÿ'-]+){1,5}\s*[.…]*$")


def is_question(sentence: str) -> bool:
    body, _ = strip_markers(sentence)
    low = body.lower()
    if sentence.rstrip().endswith("?"):
        return True
    if _REFLECT_START.match(low) and not sentence.rstrip().endswith("!"):
        onset = _unmarked_onset(body)  # "dus je zegt het is druk en wat doe je dan": a summary, then the question
        return bool(onset and _WH_ONSET.match(onset.split()[0].lower()))
    if sentence.rstrip().endswith("!") or _ACK.match(low) or _SIGNPOST.search(low):
        return False
    if _starts_question(_after_dan(low)) or question_onset(sentence):
        return True  # a caption without "?": "eh ga je ook weleens met de auto", "nou ehm, wat zegt hij zelf…"
    if _CONDITION_THEN_ASKED.search(low):
        return True  # "stel dat je een pakket had dat zelf herinneringen stuurt zou je dat gebruiken"
    if _INVITE.match(low) and not _LATER.search(low) or _FAUX.match(low) or _SHORT_OPEN.match(low) or _tell_request(low):
        return True
    if _WH_OPEN.match(low) or _WH_CLOSED.match(low):
        return bool(re.match(r"^(?:en\s+)?\w+(?:\s+\w+)?\s+(?:\w+\s+)?(?:je|u|jij|jullie|er|het|dat|ze)\b", low)
                    or re.match(r"^(?:en\s+)?(?:wat|wie)\s+(?:gebeurde|deed|doet|maakte|speelt|ging|is|was)\b", low))
    return bool(_yes_no(low) or _CONFIRM.match(low) or _TAG.search(low) and re.search(r"\b(?:toch|of\s+niet)\b", low))


def _their(word: str, previous: str | None) -> bool:
    if not previous:
        return False
    return nl_norm(word) in {nl_norm(w) for w in re.findall(r"\w+", previous.lower())}


def _loaded(word: str) -> bool:
    return bool(re.fullmatch(_LOADED, word.lower()))


def _leading_cues(q: str, full: str, previous: str | None, has_qmark: bool) -> list[Cue]:
    cues: list[Cue] = []
    add = cues.append
    words = re.findall(r"\w+", q)
    tag = _TAG.search(q)
    if tag and len(words) >= 3:
        word = " ".join(tag.group("tag").split())
        comma = bool(re.search(r",\s*" + re.escape(tag.group("tag")) + r"\s*[?.!]*$", q))
        if word in ("ja", "zeker", "right", "niet") and not comma:
            pass  # "Was het niet?" / "Ben je het zeker?" end in the word without tagging.
        else:
            add(Cue("tag_question", Label.LEADING, STRONG, word))
    agree = _AGREE.search(q)
    if agree:
        add(Cue("agreement", Label.LEADING, STRONG, agree.group("ev").strip()))
    social = _SOCIAL.search(full)
    if social and (has_qmark or _yes_no(q)):
        add(Cue("social_proof", Label.LEADING, STRONG, social.group("ev")))
    presume = _PRESUME.search(q)
    if presume and presume.group("ev") == "toch" and (_WH_OPEN.match(q) or _WH_CLOSED.match(q)) and not tag:
        presume = None  # "wat maakte dat jullie toch overstapten?": "after all", inside a question that asks what
    if presume and not _NOT_PRESUME.search(q) and not (tag and presume.start() >= tag.start("tag")):
        add(Cue("presumptive", Label.LEADING, STRONG if has_qmark else MEDIUM + 0.5, presume.group("ev")))
    neg = _NEG_Q.match(q)
    if neg:
        add(Cue("negative_question", Label.LEADING, STRONG, neg.group("ev")))
    else:
        late = _NEG_LATE.match(q) or (_yes_no(q) and _NEG_END.search(q))
        if late and _SUBORDINATOR.search(q[: q.rfind(" niet")]):
            late = None  # "Is het weleens gebeurd dat de app niet werkte?": "niet" belongs to the clause after "dat"
        if late and not (previous and re.search(r"\bniet\b", previous.lower()) and late.group("verb")
                         and _their(late.group("verb"), previous)):
            # "Zou een pillendoos met een alarm niet helpen?": the verb first, "niet" at the end, whatever the subject.
            add(Cue("negative_question", Label.LEADING, STRONG, "… niet " + (late.group("verb") or "")))
    why = _WHY_PRESUPPOSE.match(q)
    if why and _loaded(why.group("adj")):
        if _their(why.group("adj"), previous):
            add(Cue("their_word", Label.OPEN, MEDIUM, why.group("adj")))
        else:
            add(Cue("presupposition", Label.LEADING, STRONG + 0.5, f"{why.group('int')} {why.group('adj')}"))
    how = _HOW_LOADED.match(q)
    if how:
        if _their(how.group("adj"), previous):
            add(Cue("their_word", Label.OPEN, WEAK, how.group("adj")))
        else:
            add(Cue("loaded_degree", Label.LEADING, STRONG + 0.5, f"hoe {how.group('adj')}"))
    if _WH_OPEN.match(q) and not why and not how:
        # "Wat maakt het voor jou zo zwaar…?": a wh-question that takes a verdict of yours as given.
        for m in _INTENSE.finditer(q):
            if m.group("int") in ("zo", "zó", "te", "veel te", "zo'n") and not _their(m.group("adj"), previous):
                add(Cue("presupposition", Label.LEADING, STRONG + 0.5, f"{m.group('int')} {m.group('adj')}"))
                break
    superlative = _SUPERLATIVE.search(q) if _WH_OPEN.match(q) else None
    if superlative and not (previous and (_PROBLEM_WORDS.search(previous) or any(
            _loaded(w) for w in re.findall(r"[\wà-ÿ]+", previous.lower()) if w not in ("naar", "erg")))):
        # "Wat vond je het ergste aan je oude leverancier?" when they never complained: the worst is taken as given.
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, superlative.group(0)))
    fix = _FIX_Q.match(q)
    if fix:
        # "Zou een herinnering helpen?", "Zou het helpen als de app je een berichtje stuurde?": a fix of ours to approve.
        add(Cue("presumptive", Label.LEADING, STRONG + 0.5, fix.group("ev")))
    why_not = _WHY_NOT.match(q)
    if why_not:
        # "Waarom zijn jullie niet eerder overgestapt?": what they should have done, asked as a why.
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, why_not.group("ev")))
    problems = _PROBLEMS.match(q)
    if problems and not (previous and _PROBLEM_WORDS.search(previous)):
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, problems.group("ev")))
    love = _LOVE.match(q)
    if love and not _their(love.group("adj"), previous):
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, love.group("adj")))
    if _SAVES.match(q):
        add(Cue("presupposition", Label.LEADING, STRONG + 0.5, "hoeveel … scheelt"))
    if has_qmark and _FEELING_Q.match(q) and not _feeling_theirs(q.lower(), previous):
        add(Cue("presumptive", Label.LEADING, STRONG, " ".join(words[:3])))
    main = _MAIN_REASON.search(q)
    if main and (_yes_no(q) or _CONFIRM.match(q)) and not (previous and _MAIN_REASON.search(previous.lower())):
        # "Was de prijs de belangrijkste reden?": the main reason is ours, offered for them to confirm.
        add(Cue("agreement", Label.LEADING, STRONG + 0.5, main.group("ev")))
    fronted_adverb = _ADVERB_FIRST.match(q) if has_qmark else None
    if _yes_no(q) or _CONFIRM.match(q) or (fronted_adverb and _yes_no(q[fronted_adverb.end():])):
        # ("Eigenlijk ben je gewoon te druk…?": an adverb first, then the verb and its subject, still asks yes or no.)
        for m in _INTENSE.finditer(q):
            if not _their(m.group("adj"), previous):
                add(Cue("loaded_yes_no", Label.LEADING, STRONG + 1.0, f"{m.group('int')} {m.group('adj')}"))
                break
        else:
            # "te" before a word that is not an infinitive is a verdict ("te weinig variatie", "te vol"): when they
            # never used the word, the yes/no question (or "Klopt het dat…") hands them the verdict.
            for m in _EXCESS.finditer(q):
                if not _their(m.group("adj"), previous):
                    add(Cue("loaded_yes_no", Label.LEADING, STRONG + 1.0, m.group(0).strip()))
                    break
            else:
                # "Klopt het dat de app traag was?" when they never said so: a verdict of ours to confirm.
                verdict = next((w for w in re.findall(r"[\wà-ÿ]+", q) if _loaded(w) and not _their(w, previous)), None)
                if _CONFIRM.match(q) and verdict:
                    add(Cue("loaded_yes_no", Label.LEADING, STRONG + 1.0, verdict))
    return cues


def _form_cues(q: str, has_qmark: bool) -> list[Cue]:
    cues: list[Cue] = []
    add = cues.append
    yes_no = _yes_no(q)
    confirm = _CONFIRM.match(q)
    wh_closed = _WH_CLOSED.match(q)
    if _WHERE_OPEN.match(q) or re.match(r"^(?:en\s+)?waar\s+\w+\s+(?:je|u|jij|jullie|ze|hij|zij|het|dat)\b.*\b(?:aan|over|mee|van|voor|op|door|"
                                        r"tegen)\b(?!\s+(?:de|het|een|die|dat|deze|dit|mijn|je|jouw|zijn|haar|ons|onze|"
                                        r"\w+e)\b)", q):
        # "Waar moest je aan wennen?", "Waar ging het over?": waaraan/waarover split, not a place
        add(Cue("wh_open", Label.OPEN, STRONG, "waar … aan"))
    elif wh_closed:
        add(Cue("short_fact", Label.CLOSED, STRONG, wh_closed.group("wh")))
    elif _WH_OPEN.match(q):
        wh = _WH_OPEN.match(q).group("wh")
        add(Cue("wh_open", Label.OPEN, STRONG if _WH_OPEN_STRONG.match(q) else MEDIUM + 0.5, wh))
    elif confirm:
        add(Cue("yes_no", Label.CLOSED, STRONG, confirm.group("ev")))
    elif yes_no:
        add(Cue("yes_no", Label.CLOSED, STRONG, " ".join(q.split()[:2])))
    if (yes_no or not _WH_OPEN.match(q)) and re.search(r"\bof\s+(?!niet\b)\w+", q) and has_qmark:
        add(Cue("choice", Label.CLOSED, MEDIUM + 0.5 if not yes_no else STRONG, "of"))
    return cues


_CONDITIONAL = _rx(r"^(?:stel\s+(?:je\s+voor\s+)?dat|stel\s+je\s+voor|als|wanneer|zodra|mocht|gesteld\s+dat|"
                   r"en\s+als|stel)\b[^,]*,\s*(?P<main>.+)$")


# A polite or memory wrapper around a wh-clause: the clause is what they answer.
_EMBED_WRAP = _rx(r"^(?:en\s+)?(?:mag\s+ik\s+(?:je|jou|u)?\s*(?:eens\s+|even\s+)?vragen|weet\s+(?:je|u|jij)\s+(?:nog|het\s+nog)|"
                  r"(?:kun|kan|kunt)\s+(?:je|u|jij)\s+(?:je|zich)\s+(?:nog\s+)?herinneren|herinner\s+(?:je|u)\s+(?:je|zich)"
                  r"(?:\s+nog)?|ik\s+(?:vraag|vroeg)\s+me\s+af|ik\s+ben\s+benieuwd)\s+"
                  r"(?P<wh>waarom|waardoor|hoe|wat|wanneer|waar|wie|welke?|hoeveel)\b")


def _main_clause(q: str) -> str:
    """"Stel dat …, wat zou er dan veranderen?": the question is the main clause after the condition."""
    match = _CONDITIONAL.match(q)
    return match.group("main") if match else q


def _last_clause(q: str) -> str:
    """"Hoe vaak ga je … en wat doe je daar dan?": they answer the last question."""
    last = None
    for match in _DB_EN.finditer(q):
        verb = match.group("verb")
        if verb and verb in _NOT_VERB:
            continue
        last = match
    return q[last.start("ev"):] if last is not None else q


def _question_cues(q: str, full: str, previous: str | None, has_qmark: bool) -> tuple[list[Cue], list[FlagHit]]:
    cues: list[Cue] = []
    flags: list[FlagHit] = []
    faux = _FAUX.match(q)
    if faux:
        inner, _ = strip_markers(faux.group("inner"))
        if _yes_no(inner) or _CONFIRM.match(inner) or _WH_CLOSED.match(inner) or re.search(r"\bof\b", inner) \
                and not _WH_OPEN.match(inner):
            wrap = faux.group("wrap")
            cues.append(Cue("faux_invitation", Label.CLOSED, STRONG + 0.5, wrap))
            flags.append(FlagHit(Flag.FAUX_INVITATION, "faux_invitation", wrap))
            return cues, flags
    faux_of = _FAUX_OF.search(q)
    if faux_of:
        cues.append(Cue("faux_invitation", Label.CLOSED, STRONG + 0.5, faux_of.group("ev")))
        flags.append(FlagHit(Flag.FAUX_INVITATION, "faux_invitation", faux_of.group("ev")))
        return cues, flags
    if _SHORT_OPEN.match(q):
        return [Cue("short_open", Label.OPEN, STRONG, q.rstrip("?.! "))], flags
    closing = _CLOSING.match(q)
    if closing:
        # "Is er verder nog iets wat je kwijt wilt?": the floor is theirs for whatever was not asked.
        return [Cue("closing_invitation", Label.OPEN, STRONG + 0.5, closing.group(0).strip(" ?")[:48])], flags
    q = _main_clause(q)
    cues.extend(_leading_cues(q, full, previous, has_qmark))
    invite = _INVITE.match(q) or _INVITE_ANY.search(q) or _tell_request(q)
    if invite and not _LATER.search(q):
        cues.append(Cue("invitation", Label.OPEN, STRONG, invite.group(0).strip()))
        return cues, flags
    form = _last_clause(q)
    wrapped = _EMBED_WRAP.match(form)
    if wrapped:
        # "Mag ik vragen waarom je bent overgestapt?", "Weet je nog hoe dat ging?": the embedded question decides.
        form = form[wrapped.start("wh"):]
    fronted = _FRONTED.match(form)
    if fronted and not (_WH_OPEN.match(form) or _WH_CLOSED.match(form) or _yes_no(form) or _CONFIRM.match(form)):
        # "En de laatste keer dat je bestelde, hoe ging dat?": a topic put in front, then the question.
        form = fronted.group("q")
    cues.extend(_form_cues(form, has_qmark))
    return cues, flags


_AUXILIARY = frozenset("wordt werd worden werden is was zijn waren had hadden heeft hebben".split())


_ASSUMED = _rx(r"^(?:(?:en|dus|oké|nou)\s+)*ik\s+(?:neem\s+aan|ga\s+(?:er\s*)?van\s+uit|gok|wed)(?:\s+dat|,)")


_SELF_TALK = _rx(r"^(?:(?:en|maar|oh|ach|ah|nou|ja|haha|echt)\s+)*(?:ik\s+(?!hoor|begrijp|snap|merk|zie|proef|lees|bedoel)\w+|"
                 r"mijn|mij|me|zelf|\w+\s+(?:heb|had|ben|was|ken|kende|doe|deed|weet|vind|vond)\s+ik\b(?!\s+(?:je|jou|u)\b))\b")


def _declarative_cues(body: str, dus: bool, previous: str | None, has_qmark: bool, ov: float) -> list[Cue]:
    cues: list[Cue] = []
    add = cues.append
    low = body.lower()
    words = re.findall(r"\w+", low)
    reflect = _REFLECT_START.match(low)
    if reflect:
        add(Cue("reflection_starter", Label.REFLECTION, STRONG if previous else MEDIUM, reflect.group("ev")))
    second_person = bool(re.search(r"\b(?:je|jij|jou|jouw|u|uw|jullie)\b", low))
    # "Oh herkenbaar, mijn vader woont ook alleen, dus eh ja": the interviewer's own experience, about no one of
    # theirs, restates nothing of them (not "ik hoor dat…", a summary's frame).
    own = not reflect and not second_person and any(_SELF_TALK.match(c.strip()) for c in re.split(r"[,.;:!?]", low))
    if (dus or re.search(r"\bdus\b", low)) and not reflect and not own and len(words) >= 3 and not _SIGNPOST.search(low):
        grounded = second_person or ov >= 0.15
        add(Cue("so_summary", Label.REFLECTION, (MEDIUM if grounded else WEAK) + (0.5 if ov >= 0.2 else 0.0), "dus"))
    if previous and ov >= 0.5 and len(words) >= 4 and not own:
        add(Cue("restates", Label.REFLECTION, MEDIUM + (0.5 if second_person else 0.0), ""))
    elif previous and ov >= 0.25 and len(words) >= 4 and not own:
        add(Cue("restates", Label.REFLECTION, WEAK + (0.5 if second_person else 0.0), ""))
    if has_qmark and (reflect or dus or re.search(r"\bdus\b", low)) and previous:
        cause = _CAUSE.search(low)
        # "Dus je bent gestopt omdat het te duur werd?": a reason they never gave, handed over to confirm.
        new_cause = cause is not None and overlap(low[cause.end():], previous, LANG) < 0.5
        if new_cause:
            add(Cue("guess_question", Label.LEADING, STRONG + 1.5, cause.group("ev")))
        elif _ABSOLUTE.search(low) and _ABSOLUTE.search(low).group("ev") not in previous.lower():
            add(Cue("guess_question", Label.LEADING, STRONG + 1.5, _ABSOLUTE.search(low).group("ev")))
        elif _REDUCE.search(low) and not _their(_REDUCE.search(low).group(0), previous) and [
                w for w in words if w not in NL_STOP and w not in _FEELING_FRAME and not _their(w, previous)]:
            # "Dus de app is eigenlijk onbruikbaar geworden?": "eigenlijk" boils their story down to words of ours.
            add(Cue("guess_question", Label.LEADING, STRONG + 1.0, _REDUCE.search(low).group(0)))
        elif ov < 0.2:
            # Nothing of theirs in it at all: a guess of ours, not a summary of them.
            add(Cue("guess_question", Label.LEADING, (STRONG if ov < 0.05 else MEDIUM + 0.5), "dus"))
    absolute = _ABSOLUTE.search(low) if not has_qmark and previous and (dus or reflect or re.search(r"\bdus\b", low)) else None
    hedged = absolute is not None and re.search(r"\b(?:bijna|haast|nauwelijks|amper|vrijwel)\s+$", low[:absolute.start()])
    if absolute and not hedged and absolute.group("ev") not in previous.lower() and not _ABSOLUTE.search(previous.lower()):
        # "Dus je gaat nooit meer terug.": a rule or a decision of ours made of what they told, with or without "?".
        add(Cue("new_claim", Label.LEADING, STRONG + 1.0, absolute.group("ev")))
    offered = re.match(r"^(?:omdat|vanwege|doordat|want)\b", low)
    if has_qmark and previous and offered and not (reflect or dus) and overlap(low[offered.end():], previous, LANG) < 0.5:
        # "Zeker omdat je het te druk had?": a reason of ours offered to confirm.
        add(Cue("guess_question", Label.LEADING, STRONG + 1.0, offered.group(0)))
    suggest = _SUGGEST.match(low)
    if suggest and previous and overlap(low[suggest.end():], previous, LANG) < 0.5:
        # "Je zou zeggen dat het ook aan de prijs lag": a view of ours offered for them to take over.
        add(Cue("agreement", Label.LEADING, STRONG + 0.5, suggest.group(0).strip()))
    reduce = _REDUCE.search(low)
    if reduce and (dus or reflect) and previous and ov < 0.2 and len(words) >= 4 and not _their(reduce.group(0), previous):
        # "Dus eigenlijk ging het om het geld.": a summary that boils their story down to a thing they never said.
        theirs = {nl_norm(w) for w in re.findall(r"\w+", previous.lower())}
        new = [w for w in words if w not in NL_STOP and w not in _FEELING_FRAME and nl_norm(w) not in theirs
               and w != reduce.group(0)]
        if new:
            add(Cue("new_claim", Label.LEADING, STRONG + 1.0, new[-1]))
    summary = dus or reflect or re.search(r"\bdus\b", low)
    said = re.findall(r"[\wà-ÿ]+", low[reflect.end():] if reflect else low)  # not "als ik je goed begrijp"
    verdict = next((w for w in said if _loaded(w.rstrip("e")) or _loaded(w)), None) if summary and previous else None
    if verdict and not _their(verdict, previous) and not _their(verdict.rstrip("e"), previous) \
            and not any(_loaded(w) or _loaded(w.rstrip("e")) for w in re.findall(r"[\wà-ÿ]+", previous.lower())):
        # "vervelende buren dus eigenlijk" when they gave no verdict at all: a verdict of ours in a summary.
        add(Cue("new_claim", Label.LEADING, STRONG + 1.0, verdict))
    mainly = _MAINLY.search(low) if summary and previous else None
    ranked = re.search(r"\bniet\b.*\bmaar\b|\bmeest\b|\bbelangrijkst|\bvoornaamst", previous.lower()) if previous else None
    if mainly and not _MAINLY.search(previous.lower()) and not ranked and overlap(low[mainly.end():], previous, LANG) < 0.5:
        # (When they ranked it themselves, "niet om het geld, maar om het praatje", the ranking is theirs.)
        # "Dus het ging vooral om de prijs.": the main reason summed up for them when they ranked nothing.
        add(Cue("new_claim", Label.LEADING, STRONG + 1.0, mainly.group(0)))
    guess = _GUESS_DECL.match(low)
    if guess and not re.search(r"\b(?:ik|mij|me)\b", low):
        add(Cue("agreement", Label.LEADING, STRONG + 0.5, guess.group("ev")))
    if previous and (dus or second_person or reflect) and (not has_qmark or dus or reflect) and not guess:
        # A summary that hands them a decision or a feeling of yours: "Dus je bent gestopt met online bestellen.",
        # also with a rising "?" ("Dus eigenlijk ben je wel klaar met…?"). A participle before its auxiliary
        # ("wat er bezorgd wordt") is a passive, not a feeling.
        theirs = {w.lower() for w in re.findall(r"\w+", previous)}
        claim = [w for n, w in enumerate(words) if w in _NL_CLAIM and not _claim_theirs(w, theirs)
                 and not (n + 1 < len(words) and words[n + 1] in _AUXILIARY)
                 # "het gehad", "het (gewoon) zat": done with it; "twee keer te laat gehad" is a fact
                 and not (w in ("gehad", "zat") and not ({"het", "er"} & set(words[max(0, n - 3):n])))
                 # "te laat bezorgd", "thuis bezorgd": delivered, not worried
                 and not (w == "bezorgd" and n > 0 and words[n - 1] in ("laat", "vroeg", "thuis", "niet", "pas", "goed"))]
        if claim:
            add(Cue("new_claim", Label.LEADING, STRONG + 1.0, claim[0]))
    told = _TOLD_FEELING.match(low)
    if told and previous and not has_qmark and not _their(told.group("adj"), previous):
        # "Dat was natuurlijk wel heel vervelend voor je.": how it was for them, said for them (not "Dat klinkt…").
        add(Cue("guessed_feeling", Label.LEADING, STRONG + 1.0, told.group("adj")))
    if _FEELING_STATEMENT.match(low) and previous and not has_qmark:
        if _feeling_theirs(low, previous) is False:
            # A feeling they never named, put into their mouth ("Dat moet best stressvol zijn geweest."): leading.
            add(Cue("guessed_feeling", Label.LEADING, STRONG + 1.0, " ".join(words[2:5])))
        else:
            add(Cue("feeling_reflection", Label.REFLECTION, MEDIUM + 0.5, " ".join(words[:3])))
    if (previous and not reflect and second_person and len(words) >= 4 and (not has_qmark or ov >= 0.25)
            and not re.match(r"^(?:ik|wij|we|onze|ons|dank|bedankt|je\s+kunt|u\s+kunt|je\s+mag|u\s+mag)\b", low)
            and not _THANKS.search(low)):
        add(Cue("about_them", Label.REFLECTION, WEAK + 0.5, ""))
    greeting = _GREETING.match(low) or _THANKS.search(low)
    if greeting:
        add(Cue("greeting", Label.STATEMENT, STRONG, greeting.group("ev")))
    signpost = _SIGNPOST.search(low)
    if signpost:
        add(Cue("signpost", Label.STATEMENT, STRONG - 0.5, signpost.group("ev")))
    elif _INVITE.match(low) and _LATER.search(low):
        add(Cue("signpost", Label.STATEMENT, STRONG - 0.5, _LATER.search(low).group(0)))
    empathy = _EMPATHY.match(low)
    if empathy:
        add(Cue("empathy", Label.STATEMENT, MEDIUM if len(words) <= 6 or ov < 0.3 else WEAK, empathy.group(0)))
    # "Ik neem aan dat je dat niet nog een keer wil.": a guess of yours about them, said outright, is no view of your own.
    assumed = _ASSUMED.match(low)
    if assumed and re.search(r"\b(?:je|jij|u|jullie)\b", low[assumed.end():]):
        add(Cue("agreement", Label.LEADING, STRONG + 0.5, assumed.group(0)))
    own = _OWN_VIEW.match(low)
    if own and not reflect and not assumed:
        add(Cue("own_view", Label.STATEMENT, MEDIUM, own.group("ev")))
    info = _INFO.match(low)
    if info and not reflect:
        add(Cue("information", Label.STATEMENT, MEDIUM, info.group("ev")))
    if not cues:
        add(Cue("declarative", Label.STATEMENT, WEAK, ""))
    if any(c.name == "guessed_feeling" for c in cues):
        cues = [c for c in cues if c.name != "empathy"]
    if any(c.name in ("new_claim", "agreement", "guessed_feeling") for c in cues):
        # A summary that adds a claim of yours: what it restates does not make it a reflection.
        cues = [Cue(c.name, c.label, c.weight / 2, c.evidence) if c.label == Label.REFLECTION else c for c in cues]
    return cues


# "Als de app een melding gaf, zou je dat gebruiken?", "zou je zoiets gebruiken als het gratis was", "stel dat je een
# pakket had dat zelf herinneringen stuurt zou je dat gebruiken": a condition, and a yes/no question whether they would
# take up the thing it describes ("dat", "die", "het", "zoiets"). It asks them to approve a fix before anyone knows how
# they cope today. Not a question whether they would keep using theirs ("zou je het nog steeds gebruiken als het
# duurder werd", "zou je het weer proberen").
_TAKE_UP = _rx(r"\b(?P<ev>(?:zou|zouden|zoudt)\s+(?:je|jij|u|jullie)\s+(?:dan\s+|ook\s+|eens\s+|echt\s+)*"
               r"(?:dat|die|dit|het|zoiets|zo'n\s+[\wà-ÿ'-]+|er\s+een)\s+(?:dan\s+|ook\s+|eens\s+|echt\s+|vaker\s+|wel\s+)*"
               r"(?:gebruiken|proberen|nemen|kopen|aanschaffen|downloaden|installeren|willen(?:\s+hebben)?))\b")
_TAKE_UP_CONDITION = _rx(r"\b(?:als|wanneer|stel|mocht|gesteld\s+dat|indien)\b")
_KEEP_USING = _rx(r"\b(?:nog\s+steeds|nog\s+altijd|weer|opnieuw|nog\s+een\s+keer|blijven)\b")


def _takes_up_offer(low: str) -> "re.Match[str] | None":
    take_up = _TAKE_UP.search(low)
    if take_up is None or not _TAKE_UP_CONDITION.search(low) or _KEEP_USING.search(low):
        return None
    return take_up


def _flags(clean: str, focus: str, questions: list[str], is_q: bool) -> list[FlagHit]:
    hits: list[FlagHit] = []
    low = clean.lower()
    pitch = _PITCH.search(low) or (_takes_up_offer(low) if is_q else None)
    if pitch and (not is_q or _PRAISE.search(low) or not re.match(r"^\W*onze\b|^\W*ons\b", pitch.group("ev"))):
        ev = pitch.group("ev")
        # "Gebruik je onze app nog?" asks about the product; telling or praising it is a pitch.
        if not (is_q and ev.startswith(("onze", "ons ")) and not _PRAISE.search(low)):
            hits.append(FlagHit(Flag.PITCH, "pitch", ev.strip()))
    if not is_q:
        return hits
    described = None if hits else _DESCRIBED_SOLUTION.match(strip_markers(questions[-1])[0].lower() if questions else "")
    if described and not re.match(r"(?:een\s+)?iemand\b", described.group("ev")):
        hits.append(FlagHit(Flag.PITCH, "described_solution", described.group("ev")))
    question_text = " ".join(strip_markers(q)[0] for q in questions).lower()
    probe = _HYP_EXCLUDE.sub(" ", question_text)
    hyp = _HYP.search(probe)
    if hyp:
        hits.append(FlagHit(Flag.HYPOTHETICAL, "hypothetical", hyp.group("ev").strip()))
    focus_low = focus.lower()
    double = None
    for match in _DB_EN.finditer(focus_low):
        verb = match.group("verb")
        if verb and verb in _NOT_VERB:
            continue
        before = strip_markers(focus_low[:match.start()])[0]
        if not (_starts_question(_after_dan(before)) or question_onset(before) or _INVITE.match(before)
                or _WH_OPEN.match(before) or _WH_CLOSED.match(before)):
            continue  # "ja snap ik en eh hoe reageerde je baas": one question after a remark, not two
        double = match
        break
    if double:
        hits.append(FlagHit(Flag.DOUBLE_BARRELED, "double_barreled", double.group("ev").strip(" ?")))
    elif len(questions) >= 2 and questions[-2].rstrip().endswith("?"):
        first = strip_markers(questions[-2])[0].lower()
        last = strip_markers(questions[-1])[0].lower()
        offers = re.match(r"^(?:(?:was|is|waren|zijn)\s+(?:het|dat|dit|ze)|of\b|zoals|bijvoorbeeld|misschien)\b", last)
        preface = _INVITE.match(first) or re.match(r"^(?:weet\s+(?:je|u)\s+(?:nog|het\s+nog)|kun\s+je\s+je\s+herinneren|"
                                                   r"denk\s+(?:eens\s+)?terug|heb\s+je\s+ooit)", first)
        if not offers and not preface and not _REFLECT_CHECK.match(last) and overlap(last, first, LANG) < 0.5:
            hits.append(FlagHit(Flag.DOUBLE_BARRELED, "two_questions", last.rstrip("?")))
    return hits


def analyse(text: str, previous: str | None = None) -> Form:
    raw = clean_text(text)
    prev = clean_text(previous, limit=600) if previous else None
    if not re.search(r"\w", raw):
        return empty_form(text, LANG, prev)
    sentences = split_sentences(raw) or [raw]
    questions = [s for s in sentences if is_question(s)]
    cues: list[Cue] = []
    flags: list[FlagHit] = []
    declarative = False
    echo = 0.0
    low_all = raw.lower()

    if _ACK.match(low_all):
        cues.append(Cue("acknowledgement", Label.STATEMENT, STRONG + 0.5, raw))
        focus, declarative, questions = raw, True, []
    elif questions:
        focus = questions[-1]
        body, dus = strip_markers(focus)
        onset = None if _starts_question(body.lower()) else question_onset(focus)
        if onset:
            body = onset  # "nou en eh, die winkel, was dat dezelfde winkel…": the question after the topic
        q = body.lower().rstrip(" ?.!…")
        has_qmark = focus.rstrip().endswith("?")
        if _REFLECT_CHECK.match(q) and len(sentences) >= 2 and sentences[-2] not in questions[:-1]:
            # "Dus je bestelt op zondag. Klopt dat?" keeps the summary as the focus.
            focus = " ".join(sentences[:-1])
            fbody, fdus = strip_markers(focus)
            cues.extend(_declarative_cues(fbody, fdus, prev, False, overlap(fbody, prev, LANG)))
            cues.append(Cue("reflection_check", Label.REFLECTION, MEDIUM, q))
            declarative = True
        else:
            fragment, echo = echo_share(body, prev, LANG)
            question_like = (_WH_OPEN.match(q) and len(q.split()) > 3) or _yes_no(q) or _INVITE.match(q) or _TAG.search(q)
            if fragment and not question_like and len(re.findall(r"\w+", body)) <= 6:
                weight = STRONG + 0.5 if echo >= 0.99 else MEDIUM if echo >= 0.6 else 0.0
                if weight:
                    cues.append(Cue("echo", Label.ECHO, weight, fragment))
            qcues, qflags = _question_cues(q, raw, prev, has_qmark)
            flags.extend(qflags)
            if not qcues:
                # A statement said with a "?": a reflection, a guess or a check, depending on what they said.
                ov = overlap(body, prev, LANG)
                dcues = _declarative_cues(body, dus, prev, True, ov)
                if not any(c.label in (Label.REFLECTION, Label.LEADING) for c in dcues):
                    if echo < 0.6 and _FRAGMENT.match(q) and not _PERSON.search(q):
                        # A few words without a verb or a person, said with a "?" ("De inlogcode?", "Twee keer te
                        # laat?"): the echo probe, handing back words they said, even turns ago.
                        dcues.append(Cue("echo", Label.ECHO, MEDIUM + 0.5, q))
                    else:
                        dcues.append(Cue("check_question", Label.CLOSED, MEDIUM, q[:40]))
                qcues = [c for c in dcues if c.name != "declarative"]
            cues.extend(qcues)
    else:
        declarative = True
        whole, whole_dus = strip_markers(raw)
        fragment, echo = echo_share(whole, prev, LANG)
        # "Dus het werkte niet lekker.": "dus" makes their words a summary, not an echo.
        if fragment and len(re.findall(r"\w+", whole)) <= 6 and not whole_dus:
            if echo >= 0.99:
                cues.append(Cue("echo", Label.ECHO, STRONG + 0.5, fragment))
            elif echo >= 0.6:
                cues.append(Cue("echo", Label.ECHO, MEDIUM, fragment))
        substantive = [s for s in sentences if not _ACK.match(s.lower())] or sentences
        for position, sentence in enumerate(substantive):
            s_body, s_dus = strip_markers(sentence)
            last = position == len(substantive) - 1
            s_cues = _declarative_cues(s_body, s_dus or (whole_dus and position == 0), prev, False,
                                       overlap(s_body, prev, LANG))
            cues.extend(c if last else Cue(c.name, c.label, c.weight * 0.6, c.evidence)
                        for c in s_cues if last or c.name != "declarative")
        tag = _TAG.search(whole.lower())
        comma_niet = tag is not None and tag.group("tag") == "niet" and re.search(r",\s*niet\s*[.!]*$", whole.lower())
        if tag and (comma_niet or re.search(r"\b(?:toch|of\s+niet|nietwaar|hè|he|hé|(?:denk|vind|denkt|vindt)\s+(?:je|jij|u))\b",
                                            tag.group("tag"))) and len(re.findall(r"\w+", whole)) >= 3:
            # ", niet" after a claim, unpunctuated: it asks them to agree
            cues.append(Cue("tag_question", Label.LEADING, STRONG, tag.group("tag")))
        elif _PRESUME.search(whole.lower()) and re.search(r"\btoch\b", whole.lower()) and \
                not _NOT_PRESUME.search(whole.lower()):
            cues.append(Cue("presumptive", Label.LEADING, MEDIUM, "toch"))
        focus = raw

    focus_body = strip_markers(focus)[0]
    flags.extend(_flags(raw, focus_body, questions, bool(questions) and not declarative))
    return make_form(text=text, clean=raw, focus=focus_body or raw, sentences=sentences, questions=questions,
                     language=LANG, cues=cues, flags=flags, previous=prev, declarative=declarative, echo=echo)
