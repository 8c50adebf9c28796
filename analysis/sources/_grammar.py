"""The vocabulary of the ``sources`` stage: word lists and the regular-expression grammar.

Speech verbs, descriptor heads (official, spokesperson, company, statement, ...), stop and
role words, the noun-phrase grammar of speakers (names, descriptors, pronouns) and the
patterns read around a speech verb, all compiled once at import. Used by
:mod:`analysis.sources._doc`, :mod:`analysis.sources._reported_speech`, :mod:`analysis.sources._quotations`,
:mod:`analysis.sources._speakers` and the stage, :mod:`analysis.sources.stage` (its docstring gives the rules).
"""

from __future__ import annotations

import re

from analysis.actors.found import DATE_BEFORE
from analysis.actors.lexicon import MONTH_GIVEN_NAMES, NAME_LOWER, NAME_UPPER

# --- word lists ---------------------------------------------------------------------------------
# small closed word classes, shared by several patterns below
_AUX_VERBS = "is are was were has have had will would could can may might".split()
_MODALS_MORE = "must should be been".split()
_QUANTIFIERS = "most many some few several all both one two three four five".split()
_DETERMINERS = "the a an one some most many few several other two three four five".split()
_CONTRASTS = "while whereas but although though".split()
_AUXADV_WORDS = (
    """has have had was were is are also reportedly earlier previously later repeatedly publicly
privately again then once first recently further would will did does do not never separately similarly
initially originally subsequently already still even just only simply long since often usually frequently
always sometimes now here there""".split()
    + ["so far", "has since", "last week"]
)
_CLAUSE_VERBS = (
    """say says said saying tell tells told telling confirm confirms confirmed confirming
warn warns warned warning note notes noted noting add adds added adding insist insists insisted insisting
argue argues argued arguing predict predicts predicted predicting demand demands demanded demanding
claim claims claimed claiming stated stating explain explains explained explaining acknowledge
acknowledges acknowledged acknowledging admit admits admitted admitting stress stresses stressed
emphasize emphasizes emphasized emphasise emphasises emphasised deny denies denied denying maintain
maintains maintained assert asserts asserted contend contends contended caution cautions cautioned
concede concedes conceded reiterate reiterates reiterated write writes wrote writing report reports
reported reporting tweet tweets tweeted posted disclose discloses disclosed reveal reveals revealed
complain complains complained testify testifies testified recall recalls recalled recalling suggest suggests
suggested suggesting allege alleges alleged declare declares declared observe observes observed respond
responds responded remark remarks remarked remarking comment commented repeat repeats repeated repeating boast boasts boasted
boasting brag brags bragged bragging countered retort retorts retorted joke jokes joked joking quip quips
quipped""".split()
    + ["point out", "points out", "pointed out", "pointing out"]
)
_DIRECT_VERBS = (
    """continue continues continued ask asks asked describe describes described call calls
called term terms termed dub dubs dubbed quip quips quipped joke jokes joked reply replies replied
exclaim exclaimed calling describing dubbing shout shouts shouted yell yells yelled chant chants chanted
scream screamed exclaims cried boomed thundered snapped mused wondered recounted concluded concludes read reads
assured""".split()
    + ["went on", "goes on", "shot back", "fired back", "put it", "puts it"]
)
_SCOPE_ONLY = frozenset(
    """describe describes described describing call calls called calling term terms termed dubbed dub dubs
dubbing""".split()
)
_NP_VERBS = frozenset("outline outlines outlined outlining".split())
# verbs of saying whose object is what was said: a noun phrase ("announced her candidacy"), "X of ..."
# ("accused the board of hiding costs"), "X to ..." ("urged voters to stay home"), "to ..." ("vowed to
# fight on") or a question ("asked whether ..."): the content is everything after the verb
_OBJECT_VERBS = frozenset(
    """announce announces announced announcing accuse accuses accused accusing urge urges urged urging
promise promises promised promising vow vows vowed vowing pledging pledge pledges pledged ask asks asked
asking mention mentions mentioned mentioning deny denies denied denying admit admits admitted admitting
acknowledge acknowledges acknowledged acknowledging reveal reveals revealed revealing disclose discloses
disclosed concede concedes conceded reiterate reiterates reiterated demand demands demanded demanding
predict predicts predicted predicting repeat repeats repeated repeating report reports reported
recall recalls recalled recalling stress stresses stressed stressing emphasize emphasizes emphasized note notes noted noting
emphasizing emphasise emphasises emphasised""".split()
)
_TELL = frozenset("tell tells told telling".split())
VERB_FORMS = sorted(set(_CLAUSE_VERBS) | set(_DIRECT_VERBS) | _NP_VERBS | _OBJECT_VERBS, key=lambda w: (-len(w), w))

_ANON_HEADS = """officials official sources source persons person people individuals individual aides aide
insiders insider leaders leader leadership executives executive employees employee staffers staffer
negotiators negotiator diplomats diplomat officers officer advisers adviser advisors advisor investigators
investigator analysts analyst experts expert lawyers lawyer attorneys attorney researchers researcher
fellows fellow critics critic lawmakers lawmaker members member workers worker engineers engineer
economists economist scientists scientist observers observer ministers traders investors residents
woman women man men witnesses campaigners protesters doctors teachers users customers voters fans allies ally supporters supporter
backers backer opponents opponent donors donor voter resident witness protester doctor teacher user customer
fan trader investor campaigner delegates delegate organizers organizer strategists strategist republican
republicans democrat democrats conservative conservatives liberals progressives commenter commenters reader
readers viewers listeners caller callers attendees attendee participants participant respondents respondent
students student parents parent citizens citizen operative operatives guy guys someone somebody activist
activists confidant confidants loyalist loyalists veteran veterans reporter reporters journalist
journalists producer producers friend friends neighbor neighbors neighbour neighbours relative relatives
colleague colleagues volunteer volunteers lobbyist lobbyists consultant consultants pollster pollsters
historian historians professor professors scholar scholars advocate advocates""".split()
_SPOKES_HEADS = """spokespersons spokesperson spokespeople spokesman spokesmen spokeswoman spokeswomen
representatives representative""".split()
_ROLE_HEADS = """actor actress singer star player striker midfielder defender goalkeeper coach manager boss
chancellor premier leader chief champion winner author writer musician rapper comedian presenter host
politician mp campaigner chairman executive senator governor mayor candidate nominee congressman congresswoman
businessman businesswoman billionaire mogul tycoon moderator anchor judge frontrunner front-runner contender
hopeful""".split()  # "the actor said": the person just named
# words that make an appositive describe a person ("Roe, a former party director, said"): a lone
# capitalised word before it is a surname, not an organisation
_PERSON_ROLE_WORDS = """director president chairman chairwoman chair founder co-founder spokesman spokeswoman
spokesperson aide adviser advisor strategist consultant pollster analyst economist professor lawyer attorney
member senator governor mayor candidate nominee secretary manager executive officer editor reporter writer
author activist organizer volunteer supporter resident voter student teacher pastor rabbi minister veteran owner
mother father wife husband son daughter sister brother widow leader chief head commissioner delegate lawmaker
congressman congresswoman representative treasurer sheriff judge historian scientist researcher fellow
operative donor fundraiser partner""".split()
_TITLE_HEADS = [
    "chief executive",
    "ceo",
    "president",
    "chairman",
    "chairwoman",
    "founder",
    "co-founder",
    "secretary",
    "minister",
    "director",
]
_ORG_HEADS = """company firm lab laboratory startup start-up department agency administration government
ministry military group organization organisation office committee court team campaign union club
bank body regulator watchdog council board panel commission newspaper magazine network""".split()
_DOC_HEADS = """statements statement memos memorandum memo reports report filings filing letters letter
posts post release documents document emails email lawsuit complaint ruling study studies survey surveys
research figures data poll polls estimates statistics findings paper posting postings advertisement ad ads
website notice""".split()
_COMPANY_HEADS = frozenset("company firm lab laboratory startup start-up group club bank".split())
# verb forms that are also plural nouns ("Tory claims they ...", "reports say"): need a clause start before
_NOUN_LIKE_VERBS = frozenset("claims reports notes demands stresses posts tweets warnings".split())
_CLAUSE_BEFORE = re.compile(
    r"(?:\A|[,;:(\"“—–-]\s*|\b(?:and|but|that|while|as|because|when|if|although|though|so|"
    r"which|who|where|after|before|since|until|now|then|also|yet)\s+)\Z",
    re.I,
)

# verbs that often take a plain object ("confirmed the deal", "claimed the title"): without "that"
# or a quotation, their content must look like a clause (a pronoun subject or an early finite verb)
_OBJECT_PRONE = frozenset(
    """confirm confirms confirmed confirming reiterate reiterates reiterated deny denies
denied denying acknowledge acknowledges acknowledged acknowledging admit admits admitted admitting reveal reveals
revealed disclose discloses disclosed announce announces announced announcing outline outlines outlined
report reports reported reporting stress stresses stressed emphasize emphasizes emphasized emphasise emphasises
emphasised demand demands demanded demanding predict predicts predicted predicting claim claims claimed claiming
note notes noted noting add adds added adding maintain maintains maintained recall recalls recalled recalling
suggest suggests suggested suggesting declare declares declared observe observes observed respond responds
responded""".split()
)
_CLAUSE_START_WORDS = "he she it they we i you there".split()
_CLAUSE_START_VERBS = _AUX_VERBS + "must should did does do".split()
HEADS = sorted(
    set(_ANON_HEADS + _SPOKES_HEADS + _TITLE_HEADS + _ORG_HEADS + _DOC_HEADS + _ROLE_HEADS), key=lambda w: -len(w)
)

_STOP = """a an the and or but nor that this these those which who whom whose as of to in on at by for with
from into about over after before during while if when where whether than then so because not no is are
was were be been being has have had will would can could may might must should shall do does did said says
say told tells also it its he his she her they their them we our us i you your there here according
reportedly up out how what why""".split()
_STOPCAP = """The A An Another Other Such Several However Meanwhile But And Or Yet Still Also In On At For From With After Before During
Since Until Unless While When Whether If As Although Though Because So Thus This That These Those It Its He
His She Her They Their We Our I You Your What Who Why How Where There Here Then Now Asked According Even Only
Update Earlier Later Last Next Despite Whatever Otherwise Certainly Both Each Every Some Many Most All Any No
Not Neither Nor Instead Indeed Today Yesterday Tomorrow Monday Tuesday Wednesday Thursday Friday Saturday
Sunday January February March April May June July August September October November December Jan Feb Mar
Apr Jun Jul Aug Sep Sept Oct Nov Dec""".split()
_ADJ = (
    """senior top former current other unnamed anonymous administration government military intelligence
defense defence company industry campaign federal state local foreign western congressional security police
health legal trade financial technology tech two three four several some many multiple high-ranking""".split()
    + ["current and former", "former and current"]
)
_ROLE = """spokesman spokeswoman spokesperson chief executive secretary founder co-founder press fellow director
minister adviser advisor officer president chairman chairwoman senator representative lawyer attorney
analyst economist professor researcher reporter correspondent editor commander general ambassador governor
mayor deputy senior former top lead head official boss manager coach captain leader""".split()
_ORG_WORDS = frozenset(
    """department ministry agency inc inc. corp corp. company group bank council committee
commission court university institute center centre association union party office house news times
journal post press reuters bureau service services authority board foundation fund organisation
organization federation league club airlines motors pentagon kremlin parliament congress senate government
administration fc plc ltd llc act law bill treaty stadium park street exchange cup award awards prize festival
film films studio studios records airport river island road square hall museum hospital school college
church station bridge tower hotel forum summit conference championship championships games olympics
security defense defence war news radio television tv network online media technologies systems research
consulting partners capital holdings associates labs networks communications energy airways securities
pharmaceuticals consortium industry alliance coalition society trust""".split()
)
_MEDIA_WORDS = frozenset(
    """times news journal post press presse herald telegraph guardian tribune gazette radio
television tv magazine daily weekly bbc cnn reuters bloomberg afp""".split()
)
_HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. dr dr. sir sen. rep. gov. prof.".split())
_NOUN_COMPLEMENTS = (
    "suggestion suggestions claim claims allegation allegations idea notion speculation rumor "
    "rumors rumour rumours impression assertion denial"
).split()
_PERSON_TYPES = {"person"}
_MEDIA_TYPES = {"media"}


def _alt(words) -> str:
    """An alternation of ``words``, longest match first, a space matching any run of spaces,
    written as a prefix tree so the engine tries a few branches per position instead of every
    word: "say", "said", "says", "saying" -> ``sa(?:id|y(?:ing|s)?)``."""
    tree: dict = {}
    for w in set(words):
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        ends = "" in node
        kids = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not kids:
            return ""
        body = kids[0] if len(kids) == 1 else "(?:" + "|".join(kids) + ")"
        if ends:
            return f"(?:{body})?" if len(kids) == 1 else body + "?"
        return body

    return emit(tree)


# --- noun-phrase grammar for speakers -------------------------------------------------------------
UPPER, LOWER = NAME_UPPER, NAME_LOWER  # letters of names, with the Latin accents ("Basáñez", "Émile")
# Months that are given names ("April Ryan", "June Carter") open a name before a capitalised word,
# unless a date word stands before them ("in April Ryan said"); "May" ends one ("Theresa May").
_MONTH_NAMES = sorted(w.title() for w in MONTH_GIVEN_NAMES)
_STOPCAP_NAMES = [w for w in _STOPCAP if w not in _MONTH_NAMES]
_DATED = "|".join(rf"(?<=\b{w}\s)|(?<=\b{w.title()}\s)" for w in sorted(DATE_BEFORE))
# Negative lookaheads only (atomic: a failing word does not come back into them); "(?=[AJM])" first.
_MONTH_GIVEN = (
    rf"(?!(?=[AJM])(?:{_alt(_MONTH_NAMES)})\b(?![^\S\n]+[{UPPER}][{LOWER}]))"
    rf"(?!(?=[AJM])(?:{_DATED})(?:{_alt(_MONTH_NAMES)})\b)"
)
_MONTH_LATER = (
    rf"(?!(?=[AJ])(?:{_alt([m for m in _MONTH_NAMES if m != 'May'])})\b(?![^\S\n]+[{UPPER}][{LOWER}]))"
    r"(?!May\b[^\S\n]*\d)"
)
_CAPWORD = rf"(?:[{UPPER}][\w’'.&-]*|[a-z]{{1,3}}[A-Z][\w-]*|@\w+)"
# a capitalised word, not a function word ("The", "A"), though "A." before a capital is an initial ("Jock A. Finlayson")
_CAPX = rf"(?:[A-Z]\.(?=[^\S\n]+[{UPPER}])|(?!(?:{_alt(_STOPCAP_NAMES)})\b){_MONTH_GIVEN}{_CAPWORD})"
_CAPX_LATER = (
    rf"(?:[A-Z]\.(?=[^\S\n]+[{UPPER}])|(?!(?:{_alt(_STOPCAP_NAMES)})\b){_MONTH_LATER}{_CAPWORD})"  # after a name word
)
_ROLEW = rf"(?:{_alt(_ROLE)})"
_CONNECT = r"(?:of|for|de|van|von|der|den|ter|al|bin|ibn|du|da|di|del|della|dos|das|le|la)(?:\s+(?:the|a))?"
# "Ursula von der Leyen": up to two particles between name words; "Abdel Fattah al-Sisi": the article glued
_PARTICLE = r"(?:de|van|von|der|den|ter|bin|ibn|du|da|di|del|della|dos|das|le|la)"
NAME = (  # a surname may open with its particles ("von der Leyen said", "al-Sisi said")
    rf"(?:(?:[Tt]he\s+)?(?:{_ROLEW}\s+)*{_CAPX}|(?<![\w’'-])(?:{_PARTICLE}\s+){{1,2}}{_CAPX_LATER}"
    rf"|(?<![\w’'-])[ae]l-{_CAPX_LATER})"
    rf"(?:\s+(?:{_CONNECT}\s+){{0,2}}(?:{_ROLEW}\s+)*(?:[ae]l-(?=[{UPPER}]))?{_CAPX_LATER})*"
)
_DET = r"(?:[Aa]n?|[Tt]he|[Aa]nother|[Oo]ne|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]everal|[Ss]ome|[Mm]any|[Mm]ultiple|[Oo]ther|[Bb]oth|[Hh]is|[Hh]er|[Tt]heir|\d+(?:,\d{3})*)"
_MODWORD = rf"(?!(?i:{_alt(_STOP)})\b)(?![\w-]+ed\b)[\w][\w’'.&-]*"
_HEAD = rf"(?i:{_alt(HEADS)})\b(?![’'-])"
_POSTMOD = (
    r"(?:(?:familiar|involved|close|briefed|knowledgeable)\s+(?:with|to|on|in|about)\s+[^,;:\"“”()]{1,60}?"
    r"|with\s+(?:direct\s+|first-?hand\s+|detailed\s+)?knowledge\s+of\s+[^,;:\"“”()]{1,60}?"
    r"|(?:who|that)\s+[^,;:\"“”()]{1,80}?"
    rf"|(?:at|of|from|for)\s+{NAME}(?:\s+and\s+{NAME})?"
    rf"|(?:in|inside|within|on|at)\s+the\s+(?:{NAME}|[a-z][\w-]+)|in\s+{NAME})"
)
DESC_DET = rf"{_DET}\s+(?:{_MODWORD}\s+){{0,4}}?{_HEAD}(?:\s+{_POSTMOD})?"
DESC_BARE = rf"(?:(?:{_CAPX}|(?i:{_alt(_ADJ)}))\s+){{0,4}}?{_HEAD}(?:\s+{_POSTMOD})?"
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Tt]hey|[Ii]t|[Aa]nother|[Tt]he\s+(?:two|other)|[Bb]oth)"
NP = rf"(?:{PRONOUN}|{DESC_DET}|{DESC_BARE}|{NAME})"

# "half of GOP primary voters", "16 percent of registered voters", "two-thirds of the insiders": the share is the speaker
_PARTITIVE = (
    r"(?:(?i:half|a\s+majority|majorities|most|many|some|all|few|none|several|a\s+third|a\s+quarter|one|two|three)"
    r"|\d[\d.,]*\s*(?:%|percent)|[\w-]+\s+percent|(?i:one|two|three)-(?i:thirds?|quarters?))"
    rf"\s+of\s+(?:the\s+)?(?:[\w’'.&-]+\s+){{0,4}}?{_HEAD}"
)
# one alternation: its leftmost match is the earliest start over the alternatives, the first of them
# in this order at that start (as searching each alone and keeping the earliest), in one pass
_NP_END = re.compile(rf"(?<![\w’'-])(?:{PRONOUN}|{DESC_DET}|{DESC_BARE}|{NAME}|{_PARTITIVE})\s*\Z")
_NP_START = re.compile(
    rf"(?:(?:[Bb]ut|[Aa]nd|[Yy]et|[Ss]o|[Hh]owever,?)\s+)?(?![A-Z][a-z]+ing\b)({NP})(?=\s*,|\s+[a-z])"
)
_DESC_FULL = re.compile(
    rf"(?P<det>{_DET}\s+)?(?P<mods>(?:[\w’'.&@-]+\s+){{0,5}}?)(?P<head>{_HEAD})(?:\s+(?P<post>.+))?\Z", re.S
)
_DESC_END = re.compile(rf"(?P<det>{_DET}\s+)?(?P<mods>(?:[\w’'.&@-]+\s+){{0,5}}?)(?P<head>{_HEAD})(?P<post>)\Z")
_VERB_ALT = _alt(VERB_FORMS)
_AUXADV = (
    rf"(?:{_alt(_AUXADV_WORDS)}|(?:(?:on|earlier|later|late|early)\s+)?(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?:\s+(?:morning|afternoon|evening|night))?)"
)
_TRAIL_ADV = re.compile(rf"(?:\s+{_AUXADV})+\s*\Z")
_CUE_RE = re.compile(rf"\b(?:(?P<verb>{_VERB_ALT})|(?P<acc>[Aa]ccording\s+to)|(?P<rep>reportedly))\b(?![’'-])")
# after a quotation, a name may follow descriptor words: ," psychologist Jane Roe says / ," party
# running mate Gov. John Doe told ...
_TAG_NP = rf"(?:{NP}|(?:{_MODWORD}\s+){{1,6}}?{NAME})"
_PARTY = r"(?:\s+\([A-Z][\w.]*(?:-[A-Z][\w.]*)?\))"  # "Sen. Jane Roe (D-Ore.)"
_PARTY_ANY = re.compile(r"\s*\([A-Z][\w.]*(?:-[A-Z][\w.]*)?\)")  # the label, wherever it is written
_POST_RE = re.compile(
    rf"[\s,]*(?P<np>{_TAG_NP}(?:(?:,\s+[^,\"“”]{{1,160}}?){{1,2}},)?){_PARTY}?\s+(?:{_AUXADV}\s+)*(?P<verb>{_VERB_ALT})\b"
)
_INV_VERBS = "said|says|say|added|adds|wrote|writes|explained|argued|noted|warned|insisted|told|continued|asked"
# ", said Mr Smith." / ", said lobbyist and party strategist Jo Roe, ...": descriptor words may
# come before the name, but not a preposition ("said in Salem")
_INV_DESC_WORDS = rf"(?:(?:(?!(?i:{_alt(_STOP)})\b)[\w][\w’'.&-]*|and)\s+){{1,5}}?"
_INV_RE = re.compile(
    rf"\s+(?P<np>{PRONOUN}|{DESC_DET}|{_HEAD}\s+{NAME}|{DESC_BARE}|{NAME}|{_INV_DESC_WORDS}(?P<iname>{NAME}))(?=\s*[,.;!?]|\s*\Z)"
)
_NAME_FULL = re.compile(rf"(?:(?:[Bb]ut|[Aa]nd|[Yy]et)\s+)?({NAME})")
_PREP_START = re.compile(r"(?:back|about|of|for|on|against|over|with|in|at|by|from|into|up|out|off|down)\b")
_THAT_DET = re.compile(
    rf"\s+that\s+(?!(?:{_alt(_CLAUSE_START_WORDS + ['this', 'the', 'a', 'an'])})\b)[a-z]+\s+(?:{_alt(_AUX_VERBS)})\b"
)
_CLAUSE_START = re.compile(
    rf"(?:(?:{_alt(_CLAUSE_START_WORDS)})\b|(?:\S+\s+){{0,7}}?(?:{_alt(_CLAUSE_START_VERBS)})\b)", re.I
)
_INV_TAG_VERBS = (
    "said|says|added|adds|wrote|writes|asked|asks|continued|explained|told|tells|insisted|argued|noted|warned|"
    "recalled|replied|concluded|shouted|declared|quipped|joked|responded|stated|remarked|countered|tweeted|posted"
)
# in an inverted tag the phrase runs to the punctuation, so participles may modify its head ("said one
# unaligned county strategist.")
# an inverted tag's phrase ends at punctuation or at an adverbial ("said Jane Roe in a statement.",
# "said Jane Roe as she left.")
_INV_TAG_END = (
    r"(?=\s*[,.;:!?]|\s*\Z|\s+(?:in|on|at|to|as|during|after|before|when|while|from|with|about|back|again|"
    r"last|this|earlier|later|today|yesterday|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)\b)"
)
_DESC_DET_ED = rf"{_DET}\s+(?:(?!(?i:{_alt(_STOP)})\b)[\w][\w’'.&-]*\s+){{0,4}}?{_HEAD}(?:\s+{_POSTMOD})?"
_POST_INV_RE = re.compile(
    rf"[\s,]*(?P<verb>{_INV_TAG_VERBS})\s+(?P<np>{_DET}\s+[^,\"“”]{{1,60}}?,\s+{NAME}(?<!\s[A-Z])|{_PARTITIVE}|{_DESC_DET_ED}|(?:[\w][\w’'.&-]*\s+){{0,5}}?{NAME}){_PARTY}?"
    + _INV_TAG_END
)
# a tag whose speaker is a noun phrase outside the head lists, after a quotation ending in a comma or
# dash: ," the narrator says. / ," the bespectacled, 71-year-old diplomat said in an interview. /
# ," his nephew Omar Saleh added. / ," said a strategist for one of the campaigns, speaking ...
_GEN_WORDS = rf"(?:(?!(?i:{_alt(_STOP)})\b)[\w][\w’'.&-]*,?\s+){{0,5}}?"
_GEN_HEAD = rf"(?!(?:{_alt(_STOP)})\b)[a-z][\w’'-]*[a-z]"
_GEN_POST = r"(?:\s+(?:for|of|at|with|from)\s+(?:(?:the|a|an)\s+)?(?:[\w’'.&-]+\s+){0,3}?[\w’'.&-]+)?"
_TOLD_OBJ = r"(?:(?:(?<=told)|(?<=tells))\s+(?:(?:the|a|an)\s+)?(?:[\w’'.&-]+\s+){0,2}?[\w’'.&-]+)?"  # told the website
_GEN_NP = rf"{_DET}\s+{_GEN_WORDS}(?P<head>{_GEN_HEAD})(?:,?\s+(?P<name>{NAME}(?:,)?))?{_GEN_POST}"
_POST_ACC_RE = re.compile(r"[\s,]*according\s+to\s+(?P<np>[^,.;:!?\"“”]+)")
# a tag with a verb outside the lists, after a quotation that ends in a comma or dash ("…," Roe
# charged. / "…," the mayor fumed at the council.): the verb is a past or present form and the
# sentence ends or turns to an adverbial right after it
_TAG_END = r"(?=\s*(?:[.!?…,;]|\Z)|\s+(?:in|on|at|to|as|during|after|before|when|while|from|with|into|about|of|back|again|and)\b)"
_ANY_VERB = r"(?!(?:is|was|has|does|says|said)\b)[a-z]{3,}(?:ed|es|s)"
_POST_ANY_RE = re.compile(
    rf"[\s,]*(?P<np>{_TAG_NP}(?:(?:,\s+[^,\"“”]{{1,160}}?){{1,2}},)?){_PARTY}?\s+(?:{_AUXADV}\s+)*(?P<verb>{_ANY_VERB})\b{_TAG_END}"
)
_POST_ANY_INV_RE = re.compile(
    rf"[\s,]*(?P<verb>{_ANY_VERB})\s+(?P<np>{DESC_DET}|(?:[\w][\w’'.&-]*\s+){{0,5}}?{NAME})" + _INV_TAG_END
)

_POST_GEN_RE = re.compile(
    rf"[\s,]*(?P<np>{_GEN_NP}){_PARTY}?\s+(?:{_AUXADV}\s+)*(?P<verb>{_VERB_ALT})\b{_TOLD_OBJ}{_TAG_END}"
)
_POST_GEN_INV_RE = re.compile(rf"[\s,]*(?P<verb>{_INV_TAG_VERBS})\s+(?P<np>{_GEN_NP})" + _INV_TAG_END)
# the heads of a generic tag that are things written or shown, not people: typed as a document
GEN_DOC_HEADS = frozenset(
    """suit order ad sign card slate flyer flier mailer banner message caption headline slogan book page text
    transcript script petition brochure poster placard billboard editorial column article piece story commercial
    spot video opinion decision indictment motion brief bill resolution platform proposal manifesto guide
    invitation listing tweet label plaque screen disclosures records""".split()
)

# --- after the verb: objects and adverbials, then the content ------------------------------------
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)"
)
_ADVERBIAL = re.compile(
    rf"\s*,?\s+(?:(?:on\s+)?{_WEEKDAY}(?:\s+(?:morning|afternoon|evening|night))?"
    rf"|on\s+{_MONTH}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|(?:this|last|earlier\s+this|late\s+last|next)\s+(?:week|month|year|"
    r"morning|afternoon|evening|weekend|day)|earlier|later|previously|recently|yesterday|today|tonight|again|also|"
    r"publicly|privately|separately|repeatedly|overnight|on\s+(?:Twitter|Facebook|Instagram|X|television|TV|radio)"
    r"|in\s+(?:a|an|the|its|his|her|their)\s+(?:[\w-]+\s+){0,2}?(?:statement|post|interview|email|e-mail|letter|memo|"
    r"filing|tweet|note|press\s+release|briefing|blog\s+post|video|op-ed|speech|call|report)"
    rf"(?:\s+(?:on|to|with)\s+(?:X|Twitter|Facebook|LinkedIn|Truth\s+Social|{NAME}))?"
    r"(?:\s+(?:about|on)\s+the\s+\w+)?(?:\s+(?:provided|sent|given)\s+to\s+" + NAME + r")?"
    r"|(?:at|during)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:conference|briefing|hearing|meeting|event|summit)"
    r"|of\s+the\s+\w+|in\s+(?!The\b|A\b)[A-Z][\w’'.-]+(?:,?\s+[A-Z][\w’'.-]+){0,2})\b"
)
# a programme title after the verb: said on "Meet the Press" / told NBC's "Today Show"
_TITLE_ADV = re.compile(
    r"\s*,?\s+(?:on|to)\s+(?:[A-Z][\w&.]*(?:['’]s)?\s+){0,2}[\"“]"
    r"(?:[A-Z][\w'’&-]*|of|the|and|with|a)(?:\s+(?:[A-Z][\w'’&-]*|of|the|and|with|a)){0,5}[,.]?[\"”]"
)
_OBJ = rf"(?:{NAME}|reporters|journalists|lawmakers|investors|analysts|him|her|them|us|me)"
_TELL_OBJ = re.compile(rf"\s+(?:to\s+)?(?P<obj>{_OBJ})(?![\w’'-])")
# "told a Senate panel Wednesday", "told the crowd that": a short noun phrase object, when "that",
# punctuation or an adverbial follows it
_TELL_NP = re.compile(
    r"\s+(?P<obj>(?:a|an|the|his|her|their|its)\s+(?:(?!(?:of|about|how|what|why|that)\b)[\w’'.-]+\s+){0,3}?[\w’'.-]+)"
    r"(?=\s+that\b|\s*[,.;:]|\s+(?:on|in|at|during|last|this|earlier|later)\b|\s+\w+day\b)"
)
_TO_OBJ = re.compile(rf"\s+to\s+(?P<obj>{_OBJ})(?![\w’'-])")
_THAT = re.compile(r"(?:\s*,?\s+(?:as|when|while|after|before)\s+[^,;:\"“”]{1,80}?)?\s*,?\s+that\b")
# a prepositional phrase between the verb and "that": "writes in The Atlantic that", "told Roe at a debate that"
_PP_THAT = re.compile(r"\s+(?:in|on|at|to|during|from|with|for)\s+[^,;:\"“”.!?]{1,60}?\s*,?\s+that\b")
_FINAL = re.compile(r"\s*(?:[.!?…]+[\"”’')\]]*\s*\Z|\Z|,\s+(?:[a-z]+ing|who|which|as|adding|citing)\b)")
_QUOTE_INTRO = re.compile(r"\s*[,:]\s*[\"“‘]")
_DIRECTIVE = re.compile(r"\s+to\s+[a-z]")
_CUT = re.compile(rf",\s+(?:{_alt(_CONTRASTS + ['even as'])})\b|\s+even\s+as\b|;\s|:\s*[\"“‘]|,\s+(?=according\s+to\b)")
_DASH = re.compile(r"\s[—–]\s")
_CONNECTOR_END = re.compile(rf"(?:,\s*|,?\s+(?:{_alt(['and', 'while', 'but', 'whereas'])})\s*)\Z")
_CLAUSE_BREAK = re.compile(r":\s+|;\s+")
_REPORTEDLY_END = re.compile(rf",\s+(?:{_alt(['and', 'but', 'while', 'whereas'])})\s|;\s")
_SKIP_BEFORE = re.compile(rf"(?:\b(?:{_alt(_NOUN_COMPLEMENTS)})\s+that|\b(?:if|whether|unless))\s*\Z", re.I)
_DOC_VEHICLE = re.compile(r"\b(?:statement|memo|memorandum|letter|post|release|filing|note|email|report)\b")
_RELATIVE = re.compile(r"\s+(?:who|which|that)\b.*\Z", re.S)
_TERM_BEFORE = re.compile(r"\b(?:a|an|the|as|for|so-called|called|dubbed|termed|labell?ed|named|rebranded)\s*\Z", re.I)
_AUX_WORD = re.compile(rf"\b(?:{_alt(_AUX_VERBS + _MODALS_MORE)})\b", re.I)
_TITLE_BEFORE = re.compile(
    rf"\b(?P<title>(?i:{_alt(_TITLE_HEADS + ['spokesman', 'spokeswoman', 'spokesperson', 'lawyer', 'attorney', 'analyst', 'fellow'])}))\s+(?P<name>{_CAPX}(?:\s+{_CAPX}){{0,2}})"
)
_SOCIAL_BYLINE = re.compile(
    r"\s*(?:https?://\S+\s*)*[—–-]\s*(?P<name>[^—–\n(]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)[^\n]*\Z"
)
_URL_TAIL = re.compile(r"\s+https?://\S+")


_NAME_WORD = rf"[{UPPER}][{LOWER}]+(?:[-’'][{UPPER}]?[{LOWER}]+)?(?<!ing)(?<!['’]s)"
_PERSON_NAME = re.compile(  # "(?=[A-Z])" first: most positions fail before the stop-word check
    rf"(?=[{UPPER}])(?<![\w’'@.])(?=(?!(?:{_alt(_STOPCAP_NAMES)})\b){_MONTH_GIVEN}({_NAME_WORD}[^\S\n]+(?:[A-Z]\.[^\S\n]+)?(?:Mc|Mac|O')?{_NAME_WORD}"
    r"(?:,?[^\S\n]+(?:Jr\.|Sr\.|II|III|IV)(?![\w’'-]))?)(?![\w’'.-]))"
)
_SUBJECT_START = re.compile(
    rf"(?:\A|[.!?]\s+|[.!?][\"”’]\s+|\n|,\s+|\b(?:[Bb]ut|[Aa]nd|[Hh]owever,?)\s+)(?:(?:[A-Z][\w’'-]*|{_alt(_ROLE)})\s+){{0,4}}\Z"
)
