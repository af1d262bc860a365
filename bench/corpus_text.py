"""Vocabulary and template prose for the synthetic corpus (pure: no I/O, no clock).

Every random choice goes through a ``Dice`` built on the caller's ``random.Random``,
and only its ``random()`` method is used, so a seed gives the same text on every
Python version. Companies, products, universities and projects are invented; the
topics, sections and regulators are ordinary tech-news vocabulary.
"""

from __future__ import annotations

import bisect
import itertools
import re
import string
from collections.abc import Callable, Sequence
from operator import attrgetter

SECTIONS = ("Security", "Cloud", "Government", "Telco", "Enterprise", "Software", "Hardware", "Science")
SECTION_WEIGHTS = (28, 17, 13, 10, 11, 10, 7, 4)
MIN_WORDS, MAX_WORDS = 500, 800


def _words(text: str) -> tuple[str, ...]:
    """A vocabulary list written as one '|'-separated string."""
    return tuple(item.strip() for item in text.split("|"))


class Dice:
    """Cheap draws from one ``random.Random``; only its ``random()`` is ever called."""

    __slots__ = ("rnd",)

    def __init__(self, rnd: Callable[[], float]) -> None:
        self.rnd = rnd

    def pick(self, seq: Sequence):
        return seq[int(self.rnd() * len(seq))]

    def between(self, lo: int, hi: int) -> int:
        """An integer in [lo, hi], both inclusive."""
        return lo + int(self.rnd() * (hi - lo + 1))

    def chance(self, p: float) -> bool:
        return self.rnd() < p

    def shuffled(self, items: Sequence) -> list:
        out = list(items)
        for i in range(len(out) - 1, 0, -1):
            j = int(self.rnd() * (i + 1))
            out[i], out[j] = out[j], out[i]
        return out


class Ranked:
    """Draw an index 0..n-1 with weight 1 / (rank + q) ** s (Zipf-Mandelbrot; q=1 is plain Zipf).

    ``weights`` replaces the formula with explicit weights. Hot loops may inline
    ``bisect_right(table.cumulative, rnd() * table.scale)``.
    """

    def __init__(self, n: int, s: float, q: float = 1.0, weights: Sequence[float] | None = None) -> None:
        raw = weights if weights is not None else [(rank + q) ** -s for rank in range(n)]
        self.cumulative = list(itertools.accumulate(raw))
        self.scale = self.cumulative[-1] * (1 - 2**-40)  # keeps every draw below the last boundary

    def draw(self, dice: Dice) -> int:
        return bisect.bisect_right(self.cumulative, dice.rnd() * self.scale)


_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slugify(text: str, limit: int = 72) -> str:
    """Lower-case ASCII letters and digits joined by single hyphens, cut at a word boundary."""
    slug = _NOT_SLUG.sub("-", text.lower().replace("'", "").replace("&", " and ")).strip("-")
    if len(slug) > limit:
        slug = slug[: limit + 1].rsplit("-", 1)[0]
    return slug


def count_words(text: str) -> int:
    """Whitespace-separated tokens with at least one letter or digit (markup alone is not a word)."""
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


# -- people ----------------------------------------------------------------------------------------

FIRST_NAMES = _words(
    "Amara|Bartek|Callum|Delphine|Eamon|Fatima|Gideon|Hana|Ivo|Jasmine|Kwame|Leonie|Marcus|Nadia|Oskar|Priyanka|"
    "Quentin|Rhiannon|Stellan|Tamsin|Umar|Valeria|Wiktor|Yara|Zachary|Anouk|Bilal|Cerys|Dmitri|Esme|Florian|Greta|"
    "Hamish|Ilse|Joaquin|Keira|Lorcan|Mireille|Niamh|Orla|Piers|Rashid|Saoirse|Theo|Ulrike|Vikram|Wren|Yannick|"
    "Zainab|Mateo"
)
LAST_NAMES = _words(
    "Achterberg|Blackwood|Castellano|Drummond|Eriksen|Fairweather|Gallagher|Hollis|Iwasaki|Jankowski|Kowalczyk|"
    "Lindgren|Nakashima|Oyelaran|Pemberton|Quigley|Rosenthal|Sandoval|Takahashi|Underwood|Varga|Whitlock|Zielinski|"
    "Ashdown|Brennan|Carver|Delacroix|Ellison|Ferreira|Grainger|Holloway|Ibarra|Jovanovic|Kaur|Lachance|Moreau|"
    "Novak|O'Rourke|Petrov|Rahman|Sato|Thorne|Vasquez|Whelan|Youssef|Zhou|Okonkwo|Marchetti"
)


def author_names(count: int, dice: Dice) -> list[str]:
    """``count`` distinct invented bylines (distinct by slug too), in a seeded order."""
    names: dict[str, str] = {}
    crowded = len(FIRST_NAMES) * len(LAST_NAMES) // 2
    while len(names) < count:
        name = f"{dice.pick(FIRST_NAMES)} {dice.pick(LAST_NAMES)}"
        if len(names) >= crowded:  # a very large staff: tell namesakes apart by a middle initial
            first, last = name.split(" ", 1)
            name = f"{first} {dice.pick(string.ascii_uppercase)}. {last}"
        names.setdefault(slugify(name, 200), name)
    return list(names.values())


# -- organisations and products (invented) -----------------------------------------------------------

COMPANIES = {
    "Security": _words("Kestrel Secure|Bastionfield|Sentryline|Ironmoss|Watchkeep|Cobalt Warden|Nightjar Labs"),
    "Cloud": _words("Northgate Cloud|Stratavault|Cumulo|Skyrill|Halyard Compute|Nimbral|Orchard Hosting"),
    "Government": _words("Civitas Digital|Ledgerline Public|Parapet Systems|Statecraft IT|Crownhill Services"),
    "Telco": _words("Brightline Telecom|Ferrolink|Tidewire|Meridian Mobile|Albion Fibre|Kinetix Telecom|Polestar"),
    "Enterprise": _words("Halvorsen Systems|Ledgerleaf|Quorum Works|Avalite|Brassfield Software|Marrowby"),
    "Software": _words("Quillbyte|Loomwright|Emberfox|Driftwood Dev|Pinecone Labs|Octavo|Hollowtree|Sparrowhawk"),
    "Hardware": _words("Corvid Silicon|Tenfold Semiconductor|Arclight Devices|Basalt Micro|Kilnworks|Quasar Circuits"),
    "Science": _words("Orbitra|Helix Foundry|Solenne Energy|Farpoint Aerospace|Deepwell Robotics|Lumenfall Quantum"),
}
ALL_COMPANIES = tuple(name for names in COMPANIES.values() for name in names)
BRANDS = _words(
    "Atlas|Beacon|Cinder|Delta|Ember|Fathom|Granite|Harbor|Iris|Juniper|Keystone|Lantern|Mosaic|Nova|Onyx|Prism|"
    "Quartz|Relay|Summit|Talon|Umbra|Vector|Willow|Zenith|Aurora|Cobalt|Drift|Echo|Falcon|Glacier|Indigo|Jetstream|"
    "Kite|Lumen|Nimbus|Orbit|Pylon"
)
PRODUCT_KINDS = {
    "Security": _words("Gateway|VPN|Firewall|EDR|Identity Manager|Mail Filter|Password Vault"),
    "Cloud": _words("Compute|Object Storage|Functions|Kubernetes Engine|Managed SQL|Backup|CDN"),
    "Government": _words("Case Manager|Payments Hub|ID Service|Records Platform|Benefits Portal"),
    "Telco": _words("Broadband|5G Core|Home Router|Mobile Plan|Fibre Gateway|Satellite Link"),
    "Enterprise": _words("ERP|CRM|HR Suite|Payroll|Analytics|Service Desk|Procurement Cloud"),
    "Software": _words("IDE|Browser|Database|OS|CI|Package Manager|Compiler|Office Suite"),
    "Hardware": _words("X9 processor|laptop|GPU|SSD|server|smartphone|AI accelerator"),
    "Science": _words("telescope|quantum computer|battery cell|weather model|supercomputer|rover"),
}
ANALYST_FIRMS = _words(
    "Moorcroft Research|Tallis Insight|Greyhound Analytics|Quayside Research|Bellwether Advisory|Arden Metrics"
)
UNIVERSITIES = _words(
    "Kingsbridge University|the Halden Institute|Eastmere University|the Ravensworth Laboratory|"
    "Caldervale University|the Institute for Applied Photonics"
)
REGULATORS = (  # (headline form, sentence form)
    ("CMA", "the Competition and Markets Authority"),
    ("FTC", "the US Federal Trade Commission"),
    ("Brussels", "the European Commission"),
    ("Ofcom", "Ofcom"),
    ("ICO", "the Information Commissioner's Office"),
    ("SEC", "the US Securities and Exchange Commission"),
    ("FCC", "the Federal Communications Commission"),
    ("ACCC", "Australia's competition regulator"),
    ("Irish DPC", "Ireland's Data Protection Commission"),
)
AGENCIES = (
    ("Home Office", "the Home Office"),
    ("HMRC", "HMRC"),
    ("DWP", "the Department for Work and Pensions"),
    ("NHS England", "NHS England"),
    ("MoD", "the Ministry of Defence"),
    ("Pentagon", "the Pentagon"),
    ("IRS", "the IRS"),
    ("Cabinet Office", "the Cabinet Office"),
    ("Met Office", "the Met Office"),
)
GOV_PROJECTS = _words(
    "digital ID scheme|tax platform|benefits system|border IT system|emergency services network|court case system|"
    "patient records upgrade|payroll replacement|cloud migration"
)
GOV_ACTIONS = _words(
    "ban default passwords on smart devices|force app stores to allow rival payment systems|"
    "require age checks on social media|cap charges for mobile roaming|make software makers liable for security flaws|"
    "limit facial recognition in public spaces|tax large digital platforms|regulate data brokers|"
    "require ransomware payments to be reported|give users a right to repair their phones"
)
DEMONYMS = _words("UK|EU|US|Australian|Canadian|German|French|Irish|Dutch|Japanese|Indian")
PLACES = _words(
    "the UK|Germany|France|Ireland|the Netherlands|the Nordics|Spain|Italy|Japan|India|Australia|Canada|Brazil|"
    "South Korea|Singapore|the US Midwest|Texas|Scotland|Wales"
)
TOPICS = _words(
    "zero trust|edge computing|machine learning|data sovereignty|observability|backups|disaster recovery|"
    "webassembly|low code|chatbots|computer vision|content moderation|copyright|right to repair|e-waste|"
    "carbon emissions|water use|power grids|nuclear power|hydrogen|electric vehicles|rare earths|tariffs|sanctions|"
    "remote work|skills shortages|venture capital|smartphones|wearables|smart homes|connected cars|drones|photonics|"
    "wifi|file systems|data lakes|analytics|video calls|payments|fintech|cryptocurrency|e-commerce|social media|"
    "online advertising|search|streaming|gaming|app stores|healthcare it|banking|logistics|aviation|defence|policing|"
    "pensions|digital skills|open data|identity verification|email security|spam|deepfakes|robotaxis|chip subsidies|"
    "datacentre power|liquid cooling|mainframes|legacy systems|technical debt|vendor lock-in"
)
TOPIC_PLACES = _words("uk|eu|usa|china|india|japan|germany|australia|canada|brazil|taiwan|south korea|ireland")

# -- tags ------------------------------------------------------------------------------------------

HEAD_TAGS = _words(
    "security|ai|cloud|privacy|regulation|open source|ransomware|chips|datacentres|5g|layoffs|linux|outages|"
    "government it|patches|earnings|broadband|space|energy|mergers"
)
SECTION_TAGS = {  # the first tag of each pool is the section's own name
    "Security": _words(
        "security|ransomware|vulnerabilities|data breaches|patches|phishing|malware|zero-day|encryption|identity|"
        "supply chain attacks|cybercrime|incident response|passwords|botnets|ddos"
    ),
    "Cloud": _words(
        "cloud|outages|kubernetes|serverless|datacentres|cloud pricing|storage|multicloud|finops|virtualisation|"
        "containers|egress fees|hyperscalers|saas"
    ),
    "Government": _words(
        "government|regulation|privacy|antitrust|procurement|surveillance|gdpr|online safety|digital id|"
        "public sector it|export controls|elections|tax|courts"
    ),
    "Telco": _words(
        "telco|5g|broadband|fibre|spectrum|satellites|mobile|masts|roaming|net neutrality|6g|subsea cables|"
        "3g switch-off|emergency calls"
    ),
    "Enterprise": _words(
        "enterprise|earnings|layoffs|mergers|acquisitions|licensing|erp|crm|outsourcing|it budgets|cios|hiring|"
        "subscriptions|consultancies"
    ),
    "Software": _words(
        "software|open source|linux|ai|programming|rust|python|javascript|developer tools|databases|browsers|"
        "package managers|devops|maintainers|releases"
    ),
    "Hardware": _words(
        "hardware|chips|semiconductors|gpus|cpus|memory|laptops|servers|risc-v|arm|supply chain|recalls|batteries|"
        "manufacturing"
    ),
    "Science": _words(
        "science|space|research|climate|energy|fusion|batteries|robotics|quantum computing|supercomputers|astronomy|"
        "materials|biotech"
    ),
}
COMPANY_TAG_SUFFIXES = _words(
    "results|outage|acquisition|lawsuit|layoffs|security|pricing|roadmap|partnership|ai|licensing|leadership"
)


def tag_vocabulary(count: int, dice: Dice) -> list[str]:
    """``count`` distinct tag names (distinct by slug), most popular first: "security" leads.

    The head is fixed; the tail (section pools, topics, places, companies, then
    company-specific tags) is shuffled with ``dice`` so each seed has its own tail.
    """
    tags: dict[str, str] = {}

    def add(names) -> None:
        for name in names:
            if len(tags) >= count:
                return
            tags.setdefault(slugify(name, 200), name)

    add(HEAD_TAGS)
    middle = [t for pool in SECTION_TAGS.values() for t in pool]
    middle += [*TOPICS, *(c.lower() for c in ALL_COMPANIES), *TOPIC_PLACES]
    add(dice.shuffled(list(dict.fromkeys(middle))))
    add(dice.shuffled([f"{c.lower()} {suffix}" for c in ALL_COMPANIES for suffix in COMPANY_TAG_SUFFIXES]))
    year = 2000
    while len(tags) < count:  # only for very large vocabularies
        add(f"{topic} {year}" for topic in TOPICS)
        year += 1
    return list(tags.values())


# -- story vocabulary ------------------------------------------------------------------------------

ROLES = _words(
    "chief executive|chief technology officer|head of threat research|vice president of engineering|spokesperson|"
    "principal engineer|chief information security officer|director of product|general counsel|head of policy|"
    "chief financial officer|lead maintainer"
)
EXEC_ROLES = _words("chief executive|finance chief|security chief|head of AI|chief operating officer|sales chief")
SEVERITIES = _words("critical|serious|high-severity|remotely exploitable|long-standing|nasty")
AUDIENCES = _words(
    "IT leaders|CIOs|developers|sysadmins|security teams|small businesses|finance chiefs|public sector buyers|"
    "datacentre operators|procurement teams|help desks|consumers"
)
TIMEFRAMES = _words(
    "the next six months|a year|the coming quarter|two years|18 months|the next financial year|three years|"
    "a matter of weeks"
)
WEEKDAYS = _words("Monday|Tuesday|Wednesday|Thursday|Friday")
MONTHS = _words("January|February|March|April|May|June|July|August|September|October|November|December")
CUSTOMERS = _words("customers|enterprise customers|subscribers|users|small-business customers|partners")
COSTS = _words("licence fees|support costs|energy bills|cloud bills|staffing costs|migration costs")
NOUNS = _words("outage|price rise|licensing change|restructuring|breach|delay|deal|rewrite|recall|migration|shake-up")
ORDINALS = _words("second|third|fourth|fifth")
ATTACK_GOALS = _words(
    "take over servers|read other users' email|bypass login|run code as root|steal session tokens|crash the device|"
    "escalate privileges|plant a backdoor"
)
VICTIMS = _words(
    "a regional hospital group|a logistics firm|a county council|a university|a car parts maker|a water utility|"
    "a law firm|a payroll provider"
)
FEATURES = _words(
    "a rewritten scheduler|native Arm builds|a memory-safe parser|an AI assistant|faster start-up|a plugin system|"
    "offline mode|end-to-end encryption|a new query planner"
)
SCIENCE_FEATS = _words(
    "a battery that charges in six minutes|a solar cell that beats silicon on efficiency|"
    "a chip-scale laser that runs at room temperature|a robot hand that can thread a needle|"
    "a qubit that stays coherent for a full second|a water filter that removes forever chemicals|"
    "a cement that absorbs carbon as it sets|a weather model that runs on a laptop"
)
SPACE_EVENTS = _words(
    "sends back its first images|enters orbit around Mars|loses contact after engine burn|"
    "spots water ice near the lunar south pole|survives its closest pass of the Sun|deploys its sunshield"
)


def _money(dice: Dice) -> str:
    if dice.chance(0.4):
        return f"${dice.between(11, 95) / 10:.1f} billion"
    return f"{dice.pick('$£€')}{dice.between(4, 90) * 10} million"


def _count(dice: Dice) -> str:
    if dice.chance(0.3):
        return f"{dice.between(11, 49) / 10:.1f} million"
    return f"{dice.between(12, 980) * 100:,}"


class Story:
    """The cast of one article: company, rival, product, spokesperson, and the facts its headline states.

    Slots listed in ``FIXED`` are drawn once per story (so the headline, lede and
    standfirst agree); every other slot is drawn afresh each time it is used.
    """

    def __init__(self, dice: Dice, section: str, year: int) -> None:
        pick = dice.pick
        self.dice, self.rnd, self.section, self.year = dice, dice.rnd, section, year
        self.co = pick(COMPANIES[section]) if dice.chance(0.75) else pick(ALL_COMPANIES)
        self.co2 = pick(ALL_COMPANIES)
        while self.co2 == self.co:
            self.co2 = pick(ALL_COMPANIES)
        self.product = f"{pick(BRANDS)} {pick(PRODUCT_KINDS[section])}"
        self.person = f"{pick(FIRST_NAMES)} {pick(LAST_NAMES)}"
        self.role = pick(ROLES)
        self.topic = pick(TOPICS)
        self.fixed: dict[str, str] = {}

    def once(self, name: str) -> str:
        value = self.fixed.get(name)
        if value is None:
            value = self.fixed[name] = FIXED[name](self)
        return value


def _one_of(choices: Sequence[str]) -> Callable[[Story], str]:
    """A slot that picks one of ``choices``."""
    n = len(choices)
    return lambda s: choices[int(s.rnd() * n)]


def _number(lo: int, hi: int) -> Callable[[Story], str]:
    """A slot that gives a whole number in [lo, hi]."""
    return lambda s: str(lo + int(s.rnd() * (hi - lo + 1)))


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _possessive(name: str) -> str:
    return f"{name}'" if name.endswith("s") else f"{name}'s"


# Slots drawn once per story; "Name" (capitalised) variants share the value of "name".
FIXED: dict[str, Callable[[Story], str]] = {
    "place": _one_of(PLACES),
    "sev": _one_of(SEVERITIES),
    "count": lambda s: _count(s.dice),
    "money": lambda s: _money(s.dice),
    "hours": _number(2, 14),
    "reg": lambda s: "|".join(s.dice.pick(REGULATORS)),
    "agency": lambda s: "|".join(s.dice.pick(AGENCIES)),
    "the_noun": _one_of(NOUNS),
    "who": _one_of(AUDIENCES),
    "goal": _one_of(ATTACK_GOALS),
    "victim": _one_of(VICTIMS),
    "gb": _number(40, 900),
    "n_flaws": _one_of(("two", "three", "four", "five", "six")),
    "days": _number(3, 60),
    "rate": _number(8, 45),
    "year1": lambda s: str(s.year + s.dice.between(1, 3)),
    "years": _number(2, 9),
    "regions": _number(2, 6),
    "gov_project": _one_of(GOV_PROJECTS),
    "gov_action": _one_of(GOV_ACTIONS),
    "demonym": _one_of(DEMONYMS),
    "legacy": _one_of(("3G", "2G", "copper", "landline")),
    "band": _one_of(("700MHz", "3.6GHz", "26GHz", "2.3GHz", "1.4GHz")),
    "quarter": _one_of(("first-quarter", "second-quarter", "third-quarter", "fourth-quarter")),
    "jobs": lambda s: f"{s.dice.between(2, 90) * 50:,}",
    "exec": _one_of(EXEC_ROLES),
    "version": lambda s: f"{s.dice.between(2, 24)}.{s.dice.between(0, 9)}",
    "feature": _one_of(FEATURES),
    "licence": _one_of(("Apache 2.0", "the MIT licence", "GPLv3", "a source-available licence")),
    "oss": _one_of(("libtidewater", "quickfern", "Marlin Build", "pagewright", "Kettle ORM", "hashlane")),
    "oss_reason": _one_of(("burnout", "a lack of funding", "abuse from users", "a licensing dispute")),
    "cores": lambda s: str(s.dice.pick((16, 24, 32, 48, 64, 96, 128, 192))),
    "nm": lambda s: str(s.dice.pick((2, 3, 4, 5, 7))),
    "chip": _one_of(("server processor", "AI accelerator", "laptop chip", "network processor")),
    "workload": _one_of(("AI training", "laptops", "edge servers", "cars", "phones", "storage arrays")),
    "devices": _one_of(("laptops", "power banks", "smart speakers", "tablets", "routers", "e-bikes")),
    "feat": _one_of(SCIENCE_FEATS),
    "uni": _one_of(UNIVERSITIES),
    "space_agency": _one_of(("NASA", "ESA", "JAXA", "ISRO", "the UK Space Agency")),
    "mission": _one_of(("Lantern", "Osprey-3", "Kittiwake", "Meridian Deep", "Halo-2", "Tern")),
    "space_event": _one_of(SPACE_EVENTS),
    "twh": _number(3, 60),
}
# Slots drawn afresh on every use.
FRESH: dict[str, Callable[[Story], str]] = {
    "co": attrgetter("co"),
    "co_s": lambda s: _possessive(s.co),
    "co2": attrgetter("co2"),
    "prod": attrgetter("product"),
    "person": attrgetter("person"),
    "role": attrgetter("role"),
    "topic": attrgetter("topic"),
    "any_topic": _one_of(TOPICS),
    "anyone": lambda s: f"{s.dice.pick(FIRST_NAMES)} {s.dice.pick(LAST_NAMES)}",
    "reg": lambda s: s.once("reg").split("|")[0],
    "reg_long": lambda s: s.once("reg").split("|")[1],
    "agency": lambda s: s.once("agency").split("|")[0],
    "agency_long": lambda s: s.once("agency").split("|")[1],
    "noun": _one_of(NOUNS),
    "analyst": _one_of(ANALYST_FIRMS),
    "aud": _one_of(AUDIENCES),
    "wd": _one_of(WEEKDAYS),
    "month": _one_of(MONTHS),
    "tf": _one_of(TIMEFRAMES),
    "cust": _one_of(CUSTOMERS),
    "cost": _one_of(COSTS),
    "pct": _number(6, 64),
    "small_pct": _number(2, 12),
    "coverage": _number(80, 99),
    "few": _one_of(("two", "three", "four", "five", "six")),
    "num": lambda s: _count(s.dice),
    "cash": lambda s: _money(s.dice),
    "year": lambda s: str(s.year),
    "year0": lambda s: str(s.year - s.dice.between(1, 8)),
    "ord": _one_of(ORDINALS),
    "any_victim": _one_of(VICTIMS),
    "cve": lambda s: f"{s.year}-{s.dice.between(1000, 49999)}",
    "cvss": lambda s: f"{s.dice.between(70, 100) / 10:.1f}",
    "funder": _one_of(("a national research council", "a charitable foundation", "an EU grant")),
    "mult": _one_of(("two", "three", "four", "ten")),
    "headcount": lambda s: f"{s.dice.between(3, 120) * 10:,}",
    "price": _number(4, 60),
    "watts": lambda s: str(s.dice.between(9, 70) * 10),
}


def _slot(name: str) -> Callable[[Story], str]:
    if name in FRESH:
        return FRESH[name]
    base = name[:1].lower() + name[1:]
    if base in FIXED:
        return (lambda s: s.once(base)) if base == name else (lambda s: _cap(s.once(base)))
    if base in FRESH:
        return lambda s: _cap(FRESH[base](s))
    raise KeyError(f"unknown template slot {{{name}}}")


_FORMATTER = string.Formatter()


class Template:
    """A ``{slot}`` template compiled once into a positional format string and its slot functions."""

    __slots__ = ("fmt", "slots", "starts_plain", "text")

    def __init__(self, text: str) -> None:
        pieces, slots = [], []
        for literal, name, _spec, _conv in _FORMATTER.parse(text):
            pieces.append(literal.replace("{", "{{").replace("}", "}}"))
            if name is not None:
                pieces.append("{}")
                slots.append(_slot(name))
        self.fmt, self.slots = "".join(pieces), tuple(slots)
        self.text = None if slots else text  # nothing to fill in
        # may a connective ("Still, the ...") go in front, lower-casing the first word?
        self.starts_plain = text.split(" ", 1)[0] in _PLAIN_OPENERS

    def render(self, story: Story) -> str:
        if self.text is not None:
            return self.text
        return self.fmt.format(*[slot(story) for slot in self.slots])


_PLAIN_OPENERS = {"The", "It", "That", "Some", "Several", "Customers", "Critics", "Rivals", "Insiders", "Engineers"}


def _templates(*texts: str) -> tuple[Template, ...]:
    return tuple(Template(t) for t in texts)


# -- headlines, ledes and standfirsts: one story type per tuple --------------------------------------

STORY_TYPES = {
    "Security": (
        (
            "{co} patches {sev} {prod} bug already under attack",
            "{co} has shipped an emergency fix for a {sev} vulnerability in {prod} after finding evidence that "
            "attackers were already exploiting it against {cust}.",
            "Admins are urged to update now; {co} says the attacks so far look targeted rather than widespread.",
        ),
        (
            "Ransomware crew claims {gb} GB haul from {victim} in {place}",
            "A ransomware gang says it stole {gb} GB of files from {victim} in {place} and has threatened to publish "
            "them unless a ransom is paid by {wd}.",
            "Services are running, the organisation says, but some systems stay offline while investigators work out "
            "what was taken.",
        ),
        (
            "{co} admits breach exposed data on {count} customers",
            "{co} has confirmed that an intruder reached a database holding details of about {count} customers, "
            "{days} days after staff first spotted suspicious activity.",
            "Names, email addresses and some payment details were exposed, the company says, but not passwords.",
        ),
        (
            "Researchers find {n_flaws} {sev} flaws in {prod} that let attackers {goal}",
            "Researchers at {co2} have disclosed {n_flaws} vulnerabilities in {co_s} {prod} which, chained together, "
            "let an attacker {goal}.",
            "The bugs were reported to {co} in {month}; fixes are out, but older versions will not be patched.",
        ),
        (
            "Patch now: {prod} bug lets attackers {goal}",
            "Anyone running {co_s} {prod} should update as soon as possible, because a {sev} flaw disclosed on {wd} "
            "lets a remote attacker {goal} without logging in.",
            "Tracked as CVE-{cve}, the bug scores {cvss} out of 10 and exploit code is already circulating.",
        ),
        (
            "{co} says stolen contractor login let attackers into {prod}",
            "{co} says attackers got into its {prod} environment using credentials stolen from a contractor, and "
            "spent {days} days inside before anyone noticed.",
            "The company has reset thousands of accounts and is reviewing how suppliers are given access.",
        ),
    ),
    "Cloud": (
        (
            "{co} outage takes {prod} offline for {hours} hours",
            "Customers of {co} lost access to {prod} for around {hours} hours on {wd}, after what the company "
            "described as a faulty network configuration change.",
            "Service credits are on offer, but customers in {place} say the status page stayed green for most of it.",
        ),
        (
            "{co} to raise {prod} prices by up to {rate} percent",
            "{co} will put up the price of {prod} by as much as {rate} percent from {month}, according to an email "
            "sent to customers this week.",
            "The company blames energy and hardware costs; customers say the rise lands in the middle of their "
            "budget year.",
        ),
        (
            "{co} opens {regions} new cloud regions in {place}",
            "{co} has switched on {regions} new cloud regions in {place}, part of a {money} expansion it announced "
            "last year.",
            "Data residency rules are driving demand, the company says, though capacity for AI work remains tight.",
        ),
        (
            "{co} scraps egress fees for {prod} customers who leave",
            "{co} will no longer charge {prod} customers to take their data with them when they move to another "
            "provider, it said on {wd}.",
            "The change follows pressure from {reg_long}, which has been looking at how cloud providers keep "
            "customers in.",
        ),
        (
            "{co} to spend {money} on datacentres in {place}",
            "{co} plans to spend {money} building datacentres in {place} over {tf}, it said on {wd}, citing demand "
            "for {topic}.",
            "Local officials welcomed the jobs, but campaigners have questions about power and water use.",
        ),
    ),
    "Government": (
        (
            "{reg} opens probe into {co} over {topic}",
            "{Reg_long} has opened a formal investigation into {co}, focusing on how the company behaves in the "
            "market for {topic}.",
            "{co} says it will cooperate fully; a decision on next steps is expected within {tf}.",
        ),
        (
            "{agency} signs {money} deal with {co} for {gov_project}",
            "{Agency_long} has signed a {money} contract with {co} to build a new {gov_project}, according to "
            "procurement records published this week.",
            "The deal runs for {years} years and was awarded without a full competition, which critics say leaves "
            "taxpayers exposed.",
        ),
        (
            "Audit finds {agency} {gov_project} {years} years late and {money} over budget",
            "Auditors say the {gov_project} run by {agency_long} is {years} years behind schedule and has cost "
            "{money} more than planned.",
            "The report blames changing requirements and a reliance on contractors, and says there is still no "
            "realistic plan.",
        ),
        (
            "{demonym} lawmakers back plan to {gov_action}",
            "{demonym} lawmakers have voted in favour of plans to {gov_action}, despite lobbying from {co} and other "
            "technology companies.",
            "Supporters say the rules are overdue; industry groups warn the costs will be passed on to {aud}.",
        ),
        (
            "{co} fined {money} over {topic} failings",
            "{co} has been fined {money} by {reg_long} after an investigation found serious failings in its "
            "handling of {topic}.",
            "The company says it will appeal, arguing that the problems were fixed before the investigation began.",
        ),
    ),
    "Telco": (
        (
            "{co} to switch off {legacy} network in {place} by {year1}",
            "{co} will shut down its {legacy} network in {place} by the end of {year1}, freeing spectrum and "
            "equipment for newer services.",
            "Fewer than {small_pct} percent of its traffic still uses the old network, the operator says, but alarms "
            "and card terminals depend on it.",
        ),
        (
            "{co} pays {money} for {band} spectrum in {place}",
            "{co} has paid {money} for a block of {band} spectrum in {place}, the most it has spent at auction in a "
            "decade.",
            "The operator says the airwaves will improve indoor coverage; rivals say the auction rules favoured the "
            "incumbent.",
        ),
        (
            "{co} fibre rollout passes {count} homes but misses target",
            "{co} says its fibre network now passes {count} homes and businesses, short of the target it set itself "
            "for {year}.",
            "Construction delays and a shortage of engineers are blamed, and next year's forecast has been trimmed.",
        ),
        (
            "{co} network fault leaves {count} customers without service",
            "Around {count} {co} customers were left without mobile or broadband service for up to {hours} hours on "
            "{wd} after a fault in the core network.",
            "Emergency calls were affected in some areas, so {reg_long} is likely to take an interest.",
        ),
        (
            "{co} and {co2} agree to share rural masts in {place}",
            "{co} and {co2} will share masts and radio equipment at hundreds of rural sites in {place}, the two "
            "operators said on {wd}.",
            "The arrangement should fill coverage gaps faster and cut costs, though {reg_long} has yet to approve it.",
        ),
    ),
    "Enterprise": (
        (
            "{co} to cut {jobs} jobs as {topic} sales slow",
            "{co} is to lay off about {jobs} staff, blaming weaker demand for its {topic} products and the cost of "
            "its push into AI.",
            "The cuts fall mostly on sales and support; engineering is said to be largely spared.",
        ),
        (
            "{co} buys {co2} for {money}",
            "{co} has agreed to buy {co2} for {money}, its biggest acquisition to date, in a bid to strengthen its "
            "position in {topic}.",
            "The deal needs approval from {reg_long} and is expected to close within {tf}.",
        ),
        (
            "{co} shares slide after {quarter} revenue misses forecasts",
            "Shares in {co} fell sharply in after-hours trading on {wd} after the company reported {quarter} revenue "
            "below analysts' expectations.",
            "Executives blamed longer sales cycles and cautious customers, and trimmed guidance for the year.",
        ),
        (
            "CIOs balk at {co} licensing shake-up for {prod}",
            "IT leaders are pushing back against a change to how {co} licenses {prod}, which some say will raise "
            "their costs by {rate} percent or more.",
            "The company says most customers will pay the same or less; user groups are not convinced.",
        ),
        (
            "{co} poaches {exec} from {co2}",
            "{co} has hired {person} from {co2} as its new {exec}, the company said on {wd}, as it tries to revive "
            "growth in {topic}.",
            "{person} replaces an executive who left in {month} after less than two years in the job.",
        ),
    ),
    "Software": (
        (
            "{prod} {version} arrives with {feature}",
            "{co} has released version {version} of {prod}, and the headline addition is {feature}.",
            "Upgrades are free for existing users, but the release drops support for some older systems.",
        ),
        (
            "{co} open-sources {prod} under {licence}",
            "{co} has published the source code of {prod} under {licence}, a move it says will help {aud} audit and "
            "extend the software.",
            "Some contributors worry about governance, since {co} will keep control of the project's direction.",
        ),
        (
            "Maintainers of {oss} step down, citing {oss_reason}",
            "The volunteers who look after {oss}, a library used in thousands of projects including {co_s} {prod}, "
            "say they are stepping down because of {oss_reason}.",
            "They have asked for new maintainers, and for companies that depend on the code to help pay for it.",
        ),
        (
            "{co} kills {prod} feature after developer backlash",
            "{co} has reversed a change to {prod} that developers had complained about loudly since it appeared in a "
            "preview build.",
            "The company says it listened to feedback; some users say the change should never have shipped.",
        ),
        (
            "{co} bolts AI assistant on to {prod}",
            "{co} is adding an AI assistant to {prod}, promising to answer questions, write code and summarise "
            "documents for {aud}.",
            "It will cost extra on most plans, and administrators can switch it off, at least for now.",
        ),
    ),
    "Hardware": (
        (
            "{co} unveils {cores}-core {chip} for {workload}",
            "{co} has taken the wraps off a {cores}-core {chip} aimed at {workload}, built on a {nm}nm process.",
            "Samples are with partners now and systems are due in {month}; pricing has not been announced.",
        ),
        (
            "{co} delays {prod} to {year1} after yield problems",
            "{co} has pushed back the launch of its {prod} to {year1}, blaming lower than expected yields at its "
            "manufacturing partner.",
            "Customers who planned refreshes around the part will have to wait, or look at {co2} instead.",
        ),
        (
            "Memory prices jump {rate} percent as {co} trims output",
            "Contract prices for memory chips rose by around {rate} percent this quarter after {co} cut production, "
            "according to {analyst}.",
            "PC and server makers are expected to pass at least some of the increase on to buyers.",
        ),
        (
            "{co} recalls {count} {devices} over overheating batteries",
            "{co} is recalling about {count} {devices} after reports that their batteries can overheat while charging.",
            "Owners are told to stop using the devices and apply for a refund or a replacement.",
        ),
        (
            "{co} to build {money} chip plant in {place}",
            "{co} will build a {money} chip plant in {place}, helped by public subsidies, with production due to "
            "start in {year1}.",
            "The plant is expected to employ around {headcount} people once it is running at full capacity.",
        ),
    ),
    "Science": (
        (
            "Researchers at {uni} build {feat}",
            "A team at {uni} says it has built {feat}, a result that could matter for {topic}.",
            "The work is at an early stage, and the researchers say a commercial product is years away.",
        ),
        (
            "{Space_agency} {mission} probe {space_event}",
            "It has been a big week for the {mission} mission run by {space_agency}, which launched in {year0} and "
            "has now passed a milestone the team has worked towards for years.",
            "Scientists say the data will keep them busy for {years} years.",
        ),
        (
            "Datacentres in {place} used {twh} TWh of electricity last year, study finds",
            "Datacentres in {place} consumed about {twh} terawatt-hours of electricity last year, according to a "
            "study from {uni}, roughly {pct} percent more than the year before.",
            "The authors say AI workloads account for most of the growth and call for better public reporting.",
        ),
        (
            "{co} says its {prod} set a record in {month} tests",
            "{co} says its {prod} set a new record during tests this spring, although the results have not yet "
            "been independently checked.",
            "Outside experts called the claim plausible but said they would wait for a peer-reviewed paper.",
        ),
        (
            "{Uni} supercomputer tops efficiency list",
            "A supercomputer at {uni} has been ranked the most energy-efficient machine of its size, doing more work "
            "per watt than systems built by {co}.",
            "The machine will be used for {topic} research and climate modelling.",
        ),
    ),
}
GENERIC_STORY_TYPES = (
    (
        "Why {who} are rethinking {topic}",
        "For years {topic} was an easy sell to {who}. That is starting to change, as budgets tighten and the promised "
        "savings fail to appear.",
        "We asked buyers, analysts and suppliers including {co} what is driving the rethink.",
    ),
    (
        "{co} and {co2} settle {topic} dispute",
        "{co} and {co2} have settled their long-running dispute over {topic}, ending litigation that began in {year0}.",
        "Terms were not disclosed, but both companies said the agreement includes a licensing arrangement.",
    ),
    (
        "Explainer: what {co_s} {the_noun} means for {who}",
        "{co_s} {the_noun} has caused plenty of confusion this week. Here is what we know, and what {who} should do "
        "about it.",
        "The short version is to act before {month}, and to read the small print.",
    ),
    (
        "{co} boss says {topic} bet will take {tf} to pay off",
        "The chief executive of {co} has told investors to be patient, saying heavy spending on {topic} will take "
        "{tf} to show up in profits.",
        "Analysts at {analyst} are less sure, pointing to slowing demand and tougher competition from {co2}.",
    ),
)
STORIES = {section: tuple(_templates(*story) for story in types) for section, types in STORY_TYPES.items()}
GENERIC_STORIES = tuple(_templates(*story) for story in GENERIC_STORY_TYPES)

# -- body sentences -------------------------------------------------------------------------------------

GENERIC_SENTENCES = _templates(
    "{co} said the change would take effect within {tf}, though it gave no firm date.",
    "The company told us that fewer than {small_pct} percent of {cust} were affected.",
    "{person}, {role} at {co}, said the decision had been months in the making.",
    "{analyst} puts the cost to {cust} at around {cash} a year.",
    "{co} did not respond to a request for comment by the time of publication.",
    "A spokesperson for {co2} declined to comment.",
    "It is the {ord} {noun} at {co} since {year0}.",
    "Customers running {prod} on older hardware will need to upgrade first.",
    "According to {analyst}, spending on {any_topic} rose {pct} percent last year.",
    "{co2}, the company's closest rival, made a similar move in {month}.",
    "Several {aud} we spoke to said the timing could hardly be worse.",
    "The trouble began on {wd} morning, when {cust} started reporting errors.",
    "That leaves {aud} with an awkward choice between paying more and moving elsewhere.",
    "Internal documents suggest the plan was first discussed in {year0}.",
    "{co} says it has already contacted every affected customer.",
    "The figures do not include {cust} in {place}, which are reported separately.",
    "Shares in {co} closed {small_pct} percent lower on the news.",
    "It is not yet clear whether {reg_long} will look at the matter.",
    "Engineers traced the problem to a configuration update pushed out on {wd}.",
    "{co} has spent heavily on {topic} over the past {years} years.",
    "The company insists that no customer data left its systems.",
    "Critics say the move hands even more power to a handful of large suppliers.",
    "For now, the advice to {aud} is to check which versions of {prod} they run.",
    "Pricing for {prod} starts at ${price} per user per month.",
    "The business employs around {headcount} people, most of them in {place}.",
    "Independent testers said the results were broadly in line with the company's claims.",
    "A full post-mortem is promised within {tf}.",
    "Trade bodies representing {aud} have asked for a longer transition period.",
    "The arrangement still needs the approval of {reg_long}.",
    "Earlier this year {co} admitted that its {topic} roadmap had slipped.",
    "None of this is new, and similar warnings about {any_topic} were made in {year0}.",
    "That is roughly {mult} times the figure reported a year earlier.",
    "{co} declined to say how many staff were working on the problem.",
    "The update is being rolled out in stages, starting with {cust} in {place}.",
    "Some {aud} have already started testing alternatives from {co2}.",
    "The company expects the work to be finished by the end of {year1}.",
    "{person} said the company had learned lessons and would publish more detail shortly.",
    "{Aud} have long complained that {topic} is harder to budget for than it should be.",
    "Competition in {topic} has intensified since {co2} entered the market.",
    "The company's last annual report lists {any_topic} as a principal risk.",
    "Asked about the timing, {co} pointed to a blog post it published in {month}.",
    "Insiders describe the mood among staff as tense.",
    "{co} has form here, since a similar {noun} in {year0} took weeks to resolve.",
    "Rivals including {co2} were quick to offer discounts to unhappy customers.",
    "It remains to be seen whether {cust} will notice much difference day to day.",
    "Forum threads suggest frustration is running high among {aud}.",
    "The company said more than {num} {cust} had signed up in the first week.",
    "A person familiar with the matter said the decision was taken at board level.",
)
SECTION_SENTENCES = {
    "Security": _templates(
        "The flaw, tracked as CVE-{cve}, carries a severity score of {cvss} out of 10.",
        "Attackers appear to have used stolen credentials to get in, then moved laterally across the network.",
        "{co} says it found no evidence that backups had been tampered with.",
        "Incident responders from {co2} were called in on {wd}.",
        "The same gang has previously targeted {any_victim} in {place}.",
        "Admins who cannot patch straight away should block access to the management interface.",
        "Indicators of compromise have been shared with national cyber security agencies.",
        "The researchers say they reported the bug to {co} in {month} and were first told it was expected behaviour.",
    ),
    "Cloud": _templates(
        "Error rates in the affected region peaked at around {pct} percent, according to the status page.",
        "{co} will credit affected customers under the terms of its service level agreement.",
        "Egress charges have long been a sore point for customers trying to move data between providers.",
        "Customers who had spread workloads across more than one region were largely unaffected.",
        "{co} says demand for GPU capacity still outstrips supply.",
        "Reserved-capacity customers will see the new prices when their commitments renew.",
        "The company's cloud division grew revenue by {pct} percent last quarter.",
        "The new capacity brings the company's footprint in {place} to {regions} regions.",
    ),
    "Government": _templates(
        "The contract was awarded without a competitive tender, procurement records show.",
        "MPs on the committee said they were deeply concerned by the delays.",
        "The programme's budget has grown several times since it was first approved in {year0}.",
        "Ministers have promised a consultation before any new rules are drafted.",
        "Civil servants told auditors the original timetable was never realistic.",
        "Campaign groups say the plans raise serious questions about privacy.",
        "The department says it has learned from previous IT projects that went wrong.",
        "A freedom of information request showed that {few} outside consultancies were involved.",
    ),
    "Telco": _templates(
        "The operator says its network now reaches {coverage} percent of the population.",
        "Rural customers have complained about patchy coverage for years.",
        "The old network will be switched off region by region over {tf}.",
        "{co} says it has invested {cash} in its network over the past {years} years.",
        "Roaming and wholesale revenue both fell during the period.",
        "Engineers had to replace damaged equipment at {few} exchanges.",
        "Customers with landline-based alarms are being offered free replacement kit.",
        "The regulator is consulting on how much operators may charge for access to poles and ducts.",
    ),
    "Enterprise": _templates(
        "Revenue for the quarter came in at {cash}, below what analysts had expected.",
        "The job cuts amount to roughly {small_pct} percent of the workforce.",
        "Customers on perpetual licences will be moved to subscriptions at renewal.",
        "The acquisition is expected to close in the second half of {year1}.",
        "Gross margins held up better than expected thanks to price rises.",
        "The company repeated its forecast of double-digit growth in recurring revenue.",
        "Several large customers are said to be renegotiating their contracts.",
        "Consultancies have seen demand for {any_topic} projects cool in recent months.",
    ),
    "Software": _templates(
        "Version {version} also drops support for several older operating systems.",
        "The maintainers say the rewrite cut memory use by around {pct} percent.",
        "The project says it is used by an estimated {num} developers.",
        "Developers can try a preview now, with a stable release planned for {month}.",
        "The changelog runs to several thousand lines.",
        "Existing plugins should keep working, though some deprecated APIs have gone.",
        "Package registries have seen a rise in typosquatted copies of popular libraries.",
        "Benchmarks published by the project show start-up times roughly halved.",
    ),
    "Hardware": _templates(
        "The chip is built on a {nm}nm process and packs {cores} cores.",
        "Early benchmarks suggest a {pct} percent improvement over the previous generation.",
        "Supply is expected to remain tight until {year1}.",
        "Pricing has not been announced, but partners expect systems to ship in {month}.",
        "Power draw tops out at {watts} watts on the fastest parts.",
        "Memory bandwidth, not raw compute, is the bottleneck for most of these workloads.",
        "{analyst} expects shipments to recover in the second half of the year.",
        "The part is socket-compatible with the previous generation, which will please system builders.",
    ),
    "Science": _templates(
        "The results were published this week in a peer-reviewed journal.",
        "The team now hopes to repeat the experiment at a larger scale.",
        "Funding for the work came partly from {funder}.",
        "Independent researchers cautioned that the findings have yet to be replicated.",
        "The instrument took {years} years to design and build.",
        "Data from the project will be released publicly after an embargo period.",
        "The researchers used a supercomputer at {uni} to run the simulations.",
        "Commercial applications are likely to be years away, the team said.",
    ),
}
CONNECTIVES = _words("Still,|Meanwhile,|Separately,|Even so,|At the same time,|For its part,|Behind the scenes,")

QUOTES = _templates(
    "We moved as quickly as we responsibly could, and we will keep customers informed as we learn more.",
    "Nobody who has followed {topic} over the past few years should be surprised by this.",
    "This is exactly the kind of {noun} that {aud} have been warning about for a long time.",
    "Our customers asked for something simpler, and that is what we are giving them.",
    "The economics of {topic} only work if you are the size of {co}.",
    "We do not think this changes very much for the average customer.",
    "If you are running {prod} and you have not updated it yet, stop reading and go and do it.",
    "There is a lot of marketing here and not much detail yet.",
    "It is a sensible move, but it is about three years too late.",
    "Frankly, we would have preferred more notice.",
    "The hard part is not the technology, it is persuading people to change how they work.",
    "We are confident the changes will make the service more reliable.",
)
QUOTE_LEADS = _templates(
    "In a statement, {person}, {role} at {co}, said:",
    "{anyone}, an analyst at {analyst}, was blunter:",
    "{person}, {role} at {co}, told us:",
    "Not everyone is convinced. {anyone}, who advises {aud} at {analyst}, put it like this:",
)
LIST_INTROS = _templates(
    "What to do now:",
    "The main changes at a glance:",
    "Key points from the announcement:",
    "What {aud} should check:",
    "The company's own advice:",
)
LIST_ITEMS = _templates(
    "Update {prod} to the latest release",
    "Rotate any credentials stored on affected systems",
    "Check logs for unfamiliar logins since {wd}",
    "Restrict the management interface to trusted networks",
    "Turn on multi-factor authentication for admin accounts",
    "Ask suppliers whether they rely on {prod}",
    "Review contracts that come up for renewal within {tf}",
    "Budget for higher {cost}",
    "Test the migration on non-production systems first",
    "Get the vendor's roadmap in writing",
    "Compare quotes from {co2} and other rivals",
    "Watch the vendor's status page for updates",
    "Keep a copy of your data outside {co_s} platform",
    "Brief the help desk before users start calling",
)
SUBHEADS = _words(
    "Where it went wrong|How we got here|The fix|Customers react|Counting the cost|Watchdogs circle|Next steps|"
    "Read the contract|Been here before|A crowded field|How it works|By the figures|Who is affected|Mixed reviews|"
    "Zooming out|Follow the money|Lessons for IT teams|Timeline|Reading between the lines|Rivals respond|The catch|"
    "Open questions|Why now|What the analysts say"
)
LINK_LINES = _words(
    "{co} set out the details in a [{anchor}]({url}).|The [{anchor}]({url}) has the full timeline.|"
    "More detail is in a [{anchor}]({url}) published on {wd}.|Read the [{anchor}]({url}) for the technical background."
)
ANCHORS = _words(
    "security advisory|blog post|regulatory filing|technical write-up|press release|court filing|research paper|"
    "status page update|investor presentation"
)
LINK_HOSTS = _words(
    "www.example.com|blog.example.org|research.example.net|newsroom.example.com|status.example.org|docs.example.net"
)


# -- putting an article together ----------------------------------------------------------------------


def story_texts(story: Story) -> tuple[str, str, str]:
    """(headline, lede, standfirst) of one story, from one story type."""
    dice = story.dice
    types = GENERIC_STORIES if dice.chance(0.15) else STORIES[story.section]
    head, lede, stand = dice.pick(types)
    return _cap(head.render(story)), lede.render(story), stand.render(story)


class _Sentences:
    """Body sentences for one story, dealt from decks so that no template repeats until its deck runs out."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.own: list[Template] | None = []
        self.generic: list[Template] = []

    def next(self) -> str:
        rnd = self.story.dice.rnd
        if rnd() < 0.2 and self.own is not None:  # the small section deck is dealt once, never reshuffled
            deck = self.own = self.own or list(SECTION_SENTENCES[self.story.section])
        else:
            deck = self.generic = self.generic or list(GENERIC_SENTENCES)
        template = deck.pop(int(rnd() * len(deck)))
        if deck is self.own and not deck:
            self.own = None
        text = template.render(self.story)
        if template.starts_plain and rnd() < 0.12:
            text = f"{CONNECTIVES[int(rnd() * len(CONNECTIVES))]} {text[0].lower()}{text[1:]}"
        return text


def _furniture(story: Story, slug: str) -> tuple[list[str], str, list[str], list[str], int]:
    """Subheads, the link sentence, the quote and the optional list of one article, and their word count."""
    dice = story.dice
    heads: list[str] = []
    n_heads = dice.between(2, 3)
    while len(heads) < n_heads:
        head = dice.pick(SUBHEADS)
        if head not in heads:
            heads.append(head)
    anchor = dice.pick(ANCHORS)
    url = f"https://{dice.pick(LINK_HOSTS)}/{story.year}/{slugify(anchor)}-{'-'.join(slug.split('-')[:4])}"
    link = dice.pick(LINK_LINES).replace("{anchor}", anchor).replace("{url}", url).replace("{co}", story.co)
    link = link.replace("{wd}", dice.pick(WEEKDAYS))
    quote = [dice.pick(QUOTE_LEADS).render(story), "> " + dice.pick(QUOTES).render(story)]
    bullets: list[str] = []
    items: list[str] = []
    if dice.chance(0.4):
        for _ in range(dice.between(3, 5)):
            item = dice.pick(LIST_ITEMS).render(story)
            if item not in items:
                items.append(item)
        bullets = [dice.pick(LIST_INTROS).render(story), "\n".join(f"- {item}" for item in items)]
    # no token lacks a letter or digit except the '>' of the quote, left out here, and the '-' of the items
    words = sum(piece.count(" ") + 1 for piece in [*heads, link, *quote, *bullets[:1], *items]) - 1
    return heads, link, quote, bullets, words


def compose_body(story: Story, lede: str, slug: str) -> tuple[str, int]:
    """The Markdown body (500-800 words) and its word count as ``count_words`` counts it."""
    dice = story.dice
    target = MIN_WORDS + int((dice.rnd() + dice.rnd() + dice.rnd()) / 3 * 240)
    heads, link, quote, bullets, words = _furniture(story, slug)

    # the paragraphs: the lede plus a sentence or two, then 2-4 sentences each until the target
    sentences = _Sentences(story)
    paragraphs = [" ".join([lede] + [sentences.next() for _ in range(dice.between(1, 2))])]
    words += paragraphs[0].count(" ") + 1
    while words < target or len(paragraphs) < len(heads) + 2:
        chosen: list[str] = []
        for _ in range(dice.between(2, 4)):
            sentence = sentences.next()
            size = sentence.count(" ") + 1
            if words + size > MAX_WORDS:
                break
            chosen.append(sentence)
            words += size
        if not chosen:
            break
        paragraphs.append(" ".join(chosen))
    linked = dice.between(1, len(paragraphs) - 1)
    paragraphs[linked] = f"{paragraphs[linked]} {link}"

    # lay out: intro paragraphs, then a section per subhead, with the quote and the list inside one
    intro = 3 if len(paragraphs) >= 2 * len(heads) + 3 else 2
    blocks, rest = paragraphs[:intro], paragraphs[intro:]
    quote_at, list_at = dice.between(0, len(heads) - 1), dice.between(0, len(heads) - 1)
    for i, head in enumerate(heads):
        share = -(-len(rest) // (len(heads) - i))  # ceiling division: earlier sections take the spare
        mine, rest = rest[:share], rest[share:]
        blocks += [f"## {head}", *mine[:1], *(quote if i == quote_at else []), *mine[1:]]
        blocks += bullets if i == list_at else []
    return "\n\n".join(blocks) + "\n", words
