"""Word lists behind actor finding (:mod:`analysis.actors.found`): general English and US knowledge.

Nothing here is learned from a corpus. The lists say which capitalised words are titles, which
name kinds of organisation, and which are not actors at all (calendar words, places,
nationalities, party adjectives). Given names come from the ``gender-guesser`` package
(:func:`given_name_gender`).
"""

from __future__ import annotations

import re
from functools import lru_cache

# Letters of names, with the Latin accents ("Basáñez", "Émile", "Łukasz"), as regex class contents:
# capitals, and lower case (Latin Extended-A mixes both cases; its capitals inside a word do no harm)
NAME_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĲĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
NAME_LOWER = "a-zß-öø-ÿā-žș-ț"

# Titles written before a person's name ("Sen. Ted Cruz"); longest first when stripped.
PERSON_TITLES = frozenset(
    """mr mrs ms miss dr sir dame president vice-president sen senator gov governor rep representative
secretary speaker judge justice chairman chairwoman chair director gen general adm admiral col lt
sgt mayor leader pope king queen prince princess rev reverend sheriff attorney commissioner ambassador
chancellor minister premier treasurer comptroller candidate nominee congressman congresswoman councilman councilwoman
assemblyman lady first former incumbent then-candidate then-sen prof professor chief deputy mp mep msp
lord baroness
""".split()
)
# Short forms of titles, as compared ("Gov. Mario Cuomo" and "Governor Cuomo" hold one title).
TITLE_SPELLED = {"gov": "governor", "sen": "senator", "rep": "representative"}
# Adjectives and offices of titles: with titles only, still a role ("Vice Presidential", "Vice
# Presidency"), never a name.
TITLE_ADJECTIVES = frozenset(
    "presidential vice-presidential gubernatorial senatorial mayoral congressional presidency governorship".split()
)
MULTI_TITLES = (
    "vice president",
    "secretary of state",
    "attorney general",
    "majority leader",
    "minority leader",
    "house speaker",
    "first lady",
    "prime minister",
    "chief justice",
    "press secretary",
    "secretary of defense",
    "defense secretary",
    "chief of staff",
)
MALE_TITLES = frozenset({"mr", "sir", "king", "prince", "congressman", "councilman", "assemblyman"})
FEMALE_TITLES = frozenset({"mrs", "ms", "miss", "dame", "queen", "princess", "congresswoman", "councilwoman", "lady"})
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
# Common English short forms of given names -> the given name ("Joe" Biden is "Joseph R." Biden).
NICKNAMES = {
    short: full
    for full, shorts in {
        "joseph": "joe joey",
        "william": "bill billy will willie",
        "robert": "bob bobby rob robbie",
        "james": "jim jimmy jamie",
        "michael": "mike mikey",
        "thomas": "tom tommy",
        "richard": "dick rick ricky rich",
        "edward": "ed eddie ted ned",
        "christopher": "chris",
        "david": "dave",
        "daniel": "dan danny",
        "benjamin": "ben",
        "anthony": "tony",
        "ronald": "ron ronnie",
        "donald": "don donnie",
        "charles": "charlie chuck",
        "patrick": "pat",
        "elizabeth": "liz beth betsy",
        "katherine": "kate katie kathy",
        "samuel": "sam",
        "stephen": "steve",
        "steven": "steve",
        "nicholas": "nick",
        "matthew": "matt",
        "andrew": "andy drew",
        "timothy": "tim",
        "gregory": "greg",
        "gerald": "jerry",
        "lawrence": "larry",
        "frederick": "fred",
        "henry": "hank",
        "margaret": "peggy maggie",
        "jennifer": "jen jenny",
        "susan": "sue",
        "alexander": "alex",
        "jonathan": "jon",
        "kenneth": "ken kenny",
        "douglas": "doug",
        "zachary": "zach",
    }.items()
    for short in shorts.split()
}
# Last words that make a run a place, a law or an event, never a person ("Sunshine State", "Geneva Convention").
NOT_SURNAMES = frozenset(
    """state states county city street avenue road square island islands river valley park bay beach coast
convention act amendment treaty accord accords agreement doctrine plan deal tower hall cup cups olympic
olympics games trophy open championship championships premiership awards prize festival stadium""".split()
)

# A word of an organisation's name -> its type.
ORG_WORDS = {
    "government": """department dept senate house congress court bureau agency administration commission
office service reserve pentagon ministry parliament police army navy military cabinet legislature
assembly""",
    "media": """news times post journal press magazine network channel tribune herald radio television
daily gazette review report reuters broadcasting""",
    "company": "inc corp corporation company co llc ltd group bank airlines motors holdings industries",
    "organization": """party committee foundation university college institute association union campaign
center centre council fund pac church club league coalition project society organization federation
alliance caucus united rovers athletic wanderers albion exchange""",
}
ORG_TYPE = {word: kind for kind, words in ORG_WORDS.items() for word in words.split()}
# Lower-case words after a person's name that make an organisation of it ("the Trump campaign").
NAME_ORGS = {"campaign": "organization", "administration": "government"}
# Role phrases given to every found actor of a type (resolved per document, see stage docstring).
TYPE_ROLES = {"company": ("the company",)}
ORG_ROLES = {"party": "the party", "campaign": "the campaign", "committee": "the committee"}

CALENDAR = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec
christmas easter thanksgiving halloween ramadan hanukkah passover""".split()
)
# Months that are also given names ("April Ryan", "June Carter") or a surname ("Theresa May"):
# name words in a person's full name, the calendar everywhere else.
MONTH_GIVEN_NAMES = frozenset({"april", "may", "june", "august"})
MONTH_SURNAMES = frozenset({"may"})
# Places whose names hold a particle and open with a given name ("Rio" Ferdinand): no person's name.
PARTICLE_PLACES = frozenset(
    {"rio de janeiro", "santiago de chile", "santiago de compostela", "san jose del cabo", "rio de la plata"}
)
# First words of armed groups' names before the Arabic article ("Ansar al-Sharia", "Jabhat al-Nusra"):
# given names in the name list, but not a person's name here.
ARTICLE_ORG_WORDS = frozenset("ansar jabhat ahrar jaish harakat hayat tahrir kataib liwa saraya jund".split())
HOLIDAYS = (
    "New Year",
    "Labor Day",
    "Memorial Day",
    "Election Day",
    "Independence Day",
    "Super Tuesday",
    "Veterans Day",
)
PARTY_ADJECTIVES = frozenset(
    {"republican", "democratic", "democrat", "libertarian", "conservative", "liberal", "tory", "lib dem"}
)
# Plural party members count for the party ("Republicans said", "the Tories said").
PARTY_PLURALS = {
    "republicans": "republican party",
    "democrats": "democratic party",
    "conservatives": "conservative party",
    "tories": "conservative party",
}
PARTY_NICKNAMES = {
    "gop": "republican party",
    "g.o.p.": "republican party",
    "tory party": "conservative party",
    "lib dems": "liberal democrats",
}

US_STATES = """Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii
Idaho Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
Mississippi Missouri Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah
Vermont Virginia Washington Wisconsin Wyoming""".split()
US_STATES_2 = (
    "New Hampshire",
    "New Jersey",
    "New Mexico",
    "New York",
    "North Carolina",
    "North Dakota",
    "South Carolina",
    "South Dakota",
    "Rhode Island",
    "West Virginia",
)
PLACES = """America U.S. US USA U.S.A. America's Europe Asia Africa China Russia Mexico Canada Iran Iraq Syria
Israel Cuba Japan Germany France Britain England Ukraine Afghanistan Pakistan India Korea Libya Egypt
Turkey Italy Spain Brazil Venezuela Chicago Boston Philadelphia Cleveland Detroit Miami Atlanta Houston
Dallas Denver Phoenix Seattle Baltimore Manhattan Brooklyn Orlando Charleston Milwaukee Pittsburgh
Benghazi Moscow London Paris Beijing Havana Jerusalem Baghdad Tehran Damascus Brussels Berlin Tokyo
Mosul Aleppo Raqqa Kabul Vegas Angeles Francisco Diego Jersey Hampshire Carolina Dakota""".split()
PLACES_2 = (
    "United States",
    "Los Angeles",
    "Las Vegas",
    "San Francisco",
    "San Diego",
    "Des Moines",
    "Wall Street",
    "Capitol Hill",
    "Silicon Valley",
    "Middle East",
    "Puerto Rico",
    "Washington D.C.",
    "Washington, D.C.",
    "United Kingdom",
    "North Korea",
    "South Korea",
    "Saudi Arabia",
    "Great Britain",
    "Oval Office",
    "Trump Tower",
)
STATE_ABBREVIATIONS = """N.C. N.H. S.C. D.C. N.Y. N.J. N.M. N.D. S.D. R.I. W.Va. Calif. Fla. Tex. Mass. Va. Pa. Wis.
Mich. Ill. Ga. Ariz. Colo. Nev. Ky. Tenn. La. Ala. Md. Minn. Mo. Okla. Ore. Conn. Vt. Wash. Neb. Kan. Miss.
Ark. Ind. Del. Mont. Wyo. NH NC SC DC NY NJ USA UK""".split()
PLACE_PREFIXES = frozenset({"san", "santa", "los", "las", "el", "new", "fort", "st", "saint", "mount", "lake", "port"})
DEMONYMS = frozenset(
    """american americans african-american african-americans hispanic hispanics latino latinos latina
muslim muslims christian christians jewish jews jew catholic catholics evangelical evangelicals islamic
mexican mexicans russian russians chinese iranian syrian israeli israelis cuban british european
europeans asian arab arabs black white english spanish french german japanese korean canadian
millennials republicans democrats scottish welsh irish australian australians italian dutch belgian swiss
swedish norwegian danish finnish polish czech greek turkish portuguese brazilian argentine argentinian
chilean colombian venezuelan peruvian indian pakistani afghan iraqi saudi palestinian egyptian ukrainian
nigerian kenyan zimbabwean austrian hungarian romanian serbian croatian
""".split()
)
# Not actors though capitalised: pronoun "I", internet words, God, laws and generic words.
OTHER_WORDS = frozenset(
    """i tv internet web god obamacare medicare medicaid constitution bible ok am pm et est edt gmt
utc ap-photo photo video image credit getty via update watch follow abstract read more pac ceo cfo gdp
lgbt""".split()
)
# Words after a name that mark it as acting or speaking ("Politico reported").
ACTOR_CONTEXT = frozenset(
    """said says say told announced reported tweeted wrote claimed argued denied confirmed released
issued endorsed warned accused responded declined spokesman spokeswoman spokesperson officials
chairman reports added noted asked published revealed disclosed identified interviewed obtained estimated
predicted explained insisted suggested acknowledged admitted stated writes tweets posted sued ruled voted
approved rejected launched criticized criticised praised urged vowed promised pledged agreed refused
won beat lost drew defeated signed scored trailed manager boss striker midfielder defender goalkeeper
captain coach executive executives director staff fans supporters""".split()
)
# Words before a name that mark it as acting or spoken to ("told Politico").
ACTOR_BEFORE = frozenset({"told", "tells", "telling"})
# Words between a name and the word that shows it acting, skipped ("Politico has reported",
# "Politico recently reported"): auxiliaries and adverbs in -ly, less these.
SKIPPED_AFTER = frozenset({"has", "have", "had", "also", "then", "later", "first", "previously"})
NOT_ADVERBS = frozenset("family rally supply assembly reply ally daily weekly monthly only".split())
# Lower-case nouns that describe a person just before a full name ("GOP nominee Mitt Romney",
# "economist Jane Doe"): evidence of a person when the given name is not in the name list.
PERSON_NOUNS = frozenset(
    """nominee candidate contender adviser advisor aide spokesman spokeswoman spokesperson strategist
pollster consultant lobbyist lawyer attorney economist analyst professor scholar historian author writer
columnist journalist reporter correspondent anchor commentator pundit activist actor actress singer rapper
comedian musician artist businessman businesswoman billionaire tycoon entrepreneur donor
lawmaker legislator politician congressman congresswoman senator governor mayor sheriff prosecutor judge
detective officer soldier veteran player striker midfielder defender goalkeeper coach manager captain
champion boxer golfer cyclist athlete sprinter swimmer chef designer presenter broadcaster novelist poet
playwright filmmaker photographer scientist researcher doctor surgeon priest bishop rabbi imam pastor
wife husband son daughter brother sister father mother cousin uncle aunt nephew niece grandson
granddaughter widow colleague mate boss""".split()
)
PLATFORM_BEFORE = frozenset({"on", "via"})
# Line starts and contents of credit lines, bylines and page furniture.
CREDIT_RE = (
    r"^\s*(?:\(?photo|image|credit|reporting|additional reporting|editing|writing|follow|contact|copyright|©"
    r"|read more|related|click|watch|sign up|subscribe|by\s+[A-Z])|getty images|ap photo|/\s?afp|/\s?reuters"
)


@lru_cache(maxsize=1)
def _detector():
    import gender_guesser.detector as gd

    return gd.Detector(case_sensitive=False)


def load_given_names() -> None:
    """Read the given-name list now (about half a second), so processes forked afterwards share it
    instead of each reading it again."""
    _detector()


@lru_cache(maxsize=100_000)
def given_name_gender(word: str) -> str | None:
    """``"male"``, ``"female"``, ``"any"`` (androgynous) or None (not a known given name).

    Parameters
    ----------
    word: a capitalised word ("Hillary" -> "female"; "Twitter" -> None).
    """
    if len(word) < 2 or not word[0].isupper() or not word.isalpha():
        return None
    got = _detector().get_gender(word)
    if got == "unknown":
        return None
    return "male" if "male" == got.replace("mostly_", "") else "female" if got.endswith("female") else "any"


@lru_cache(maxsize=1)
def countries() -> frozenset[str]:
    """Names of the world's countries (ISO 3166, from the ``pycountry`` package) and the UK's four nations.

    The short form is kept where the ISO name has a qualifier ("Iran, Islamic Republic of" ->
    "Iran"); common names are added ("Bolivia", "Taiwan"). Places, not actors, like
    :data:`PLACES`: "Mike Ruddock's Wales" is no person called Wales.
    """
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        for name in (c.name, getattr(c, "common_name", None)):
            if name:
                names.add(re.split(r"\s*[,(\[]", name)[0].strip())
    for s in pycountry.subdivisions.get(country_code="GB"):
        if s.type in ("Country", "Province", "Nation"):
            names.add(re.split(r"\s*[,(\[]", s.name)[0].strip())
    return frozenset(n for n in names if n)


@lru_cache(maxsize=100_000)
def sure_gender(word: str) -> str | None:
    """``"male"`` or ``"female"`` when the given-name list has no doubt ("Walter"), else None.

    "Bernie" is only *mostly* female in the list, so an honorific ("Mr. Sanders") is not held
    against it; :func:`given_name_gender` would say "female".

    Parameters
    ----------
    word: a capitalised word.
    """
    if len(word) < 2 or not word[0].isupper() or not word.isalpha():
        return None
    got = _detector().get_gender(word)
    return got if got in ("male", "female") else None
