"""Words for the related plugin's generated evaluation sets (``bench/related_sets.py``).

Invented names (made from syllables by a seeded generator, so no real person, company or
place is named), six topics with their everyday vocabulary and sentence patterns, outlets
with their page furniture, and the generic words news headlines lean on. Every sentence
pattern was written for this project.
"""

from __future__ import annotations

import random

_ONSETS = ("b", "br", "d", "dr", "f", "g", "k", "kr", "l", "m", "n", "p", "r", "s", "st", "t", "tr", "v", "z", "h")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ei", "ou")
_CODAS = ("", "", "n", "r", "l", "s", "th", "k", "m")


def invented(rng: random.Random, syllables: int) -> str:
    """A pronounceable invented name, capitalised: 'Veltharo', 'Kresmin'."""
    word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables - 1))
    return (word + rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)).capitalize()


class Names:
    """Invented names, never the same one twice in one set."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.seen: set[str] = set()

    def take(self, syllables: int = 3) -> str:
        while True:
            name = invented(self.rng, syllables)
            if name not in self.seen and len(name) > 4:
                self.seen.add(name)
                return name


# fmt: off
# topic -> (section, everyday words of the topic, sentence patterns)
# slots: {name} the story's key name, {org} its organisation, {place}, {num} a figure,
# {w} and {v} everyday words of the topic.
TOPICS: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    'space': (
        'Science',
        ('orbit', 'launch', 'rocket', 'satellite', 'station', 'agency', 'mission', 'debris', 'engineer', 'telescope',
         'capsule', 'payload', 'altitude', 'reentry', 'trajectory', 'astronaut', 'crew', 'module',),
        ('Engineers at {org} said {name} was now at an altitude of about {num} kilometres.',
         'The {w} programme has faced questions over cost and {v} for several years.',
         'Tracking stations in {place} followed {name} through the night.',
         'Most of the {w} is expected to burn up, though some {v} may survive.',
         'The agency said the {w} posed very little risk to people on the ground.',
         'Controllers lost contact with {name} some time ago, {org} confirmed.',),
    ),
    'security': (
        'Security',
        ('attack', 'hacker', 'breach', 'password', 'ransomware', 'malware', 'server', 'patch', 'network',
         'vulnerability', 'criminal', 'encryption', 'phishing', 'firewall', 'account', 'leak', 'backup',),
        ('{org} said the {w} affected about {num} customers of {name}.',
         'Investigators believe the {w} began with a {v} sent to staff in {place}.',
         'Security researchers urged users of {name} to change their {w} at once.',
         'A criminal group claimed the {w} on its site, naming {name} among its victims.',
         'Many firms still run {w} software without the latest {v}.',
         'The {w} shows how exposed smaller firms remain, experts said.',),
    ),
    'chips': (
        'Hardware',
        ('chip', 'wafer', 'factory', 'semiconductor', 'foundry', 'transistor', 'memory', 'supply', 'export',
         'processor', 'plant', 'subsidy', 'shortage', 'fab', 'nanometre', 'equipment', 'yield',),
        ('{org} will build the {name} plant near {place}, creating {num} jobs.',
         'Demand for {w} has outstripped {v} since the start of the year.',
         'Analysts expect {name} to start making {w} within two years.',
         'The {w} industry has lobbied hard for a bigger {v}.',
         'Output at the {name} site reached {num} wafers a month, {org} said.',
         'Prices for {w} rose again as the {v} tightened.',),
    ),
    'telecom': (
        'Telco',
        ('broadband', 'fibre', 'network', 'mobile', 'operator', 'spectrum', 'mast', 'customer', 'outage', 'coverage',
         'regulator', 'tariff', 'subscriber', 'router', 'rollout', 'connection', 'signal',),
        ('{org} said {num} homes in {place} were affected by the {name} problem.',
         'The {w} market has been squeezed by rising costs and {v} disputes.',
         'Customers of {name} reported no {w} for much of the morning.',
         'The regulator asked {org} to explain the {w} by the end of the month.',
         'Rural {w} still lags the cities, and the {v} gap is closing slowly.',
         'Engineers restored the {w} to most of {place} by the evening.',),
    ),
    'ai': (
        'Software',
        ('model', 'chatbot', 'training', 'dataset', 'algorithm', 'startup', 'compute', 'benchmark', 'researcher',
         'assistant', 'automation', 'inference', 'developer', 'language', 'safety', 'licence', 'release',),
        ('{org} released {name}, a {w} it says beats rivals on {num} tests.',
         'Critics say the {w} industry moves faster than its {v} rules.',
         'Developers in {place} were among the first to try {name}.',
         'Training a {w} of this size needs vast amounts of {v}.',
         'The team behind {name} said it had spent {num} hours on safety checks.',
         'Investors poured money into {w} firms again this quarter.',),
    ),
    'policy': (
        'Government',
        ('bill', 'minister', 'parliament', 'regulation', 'consultation', 'committee', 'law', 'fine', 'rule',
         'watchdog', 'vote', 'amendment', 'court', 'privacy', 'competition', 'inquiry', 'ruling',),
        ('MPs voted {num} to 120 in favour of the {name} bill on Tuesday.',
         'The {w} follows a long {v} with industry groups.',
         '{org} said the {name} rules would be enforced from next spring in {place}.',
         'Campaigners want the {w} to go further on {v}.',
         'The minister defended {name} in a heated session of the {w}.',
         'Lawyers expect a long {w} over the wording of the {v}.',),
    ),
}

# sentences any story may carry: the padding of real news pages
FILLER = (
    'Officials said more details would be published in the coming days.',
    'The company declined to comment further when contacted.',
    'It is not the first time questions have been raised about the matter.',
    'Shares in several listed firms moved sharply on the news.',
    'Industry groups said they were studying the announcement closely.',
    'The figures have not been independently verified.',
    'A spokesperson said the situation was being monitored around the clock.',
    'Critics said the response had been slow and poorly explained.',
    'Analysts said the longer-term effects were hard to judge.',
    'The story has been updated with a statement from the company.',
    'Readers have written in with their own experiences of the problem.',
    'Further updates are expected later in the afternoon.',
)

# sentences about people and places that appear once: quotes, asides, other news on the page
INCIDENTAL = (
    '"We are watching this closely," said {person}, who leads the {other} office in {town}.',
    '{person}, an analyst at {other}, called it a turning point.',
    'Earlier, {person} had told a conference in {town} that nothing would change.',
    'In {town}, residents said they had heard little from {other}.',
    '{person} of {other} said the timing was a coincidence.',
    'A report by {other} last autumn warned of exactly this, {person} said.',
)

# how a follow-up recalls the actor's previous event
RECALL = 'It comes only weeks after {earlier} put {org} in the headlines.'

# page furniture per outlet: the captions, share bars and link boxes a scraped page keeps
FURNITURE = (
    ('hide caption', 'toggle caption', 'Image caption Photo agency handout', 'Share this with Facebook',
     'Share this with Twitter', 'Share this with Email', 'Related Topics', 'More on this story',),
    ('Advertisement', 'Skip advertisement', 'Continue reading the main story', 'Read more',
     'Sign up for our newsletter', 'Most popular', 'Related Coverage', 'Supported by',),
    ('Getty Images', 'Image copyright Reuters', 'Close', 'Media playback is unsupported on your device',
     'Watch Live', 'Top Stories', 'Features and Analysis', 'Around the network',),
    ('Follow us', 'Comment', 'Print', 'Reprints and permissions', 'Newsletter sign up', 'Trending now',
     'Recommended for you', 'Most read',),
)

# the words headline writers use for any story: frequent, and the cause of wrong links
HEADLINE_GENERIC = (
    'technology', 'lead', 'update', 'live', 'exclusive', 'shares', 'market', 'analysis', 'watch', 'report', 'news',
    'deal', 'warning', 'plan', 'rise', 'fall',
)

HEADLINE_PATTERNS = (
    '{name} {verb} as {w} questions grow', '{g}: {name} {verb} over {w}', '{name} {w} {verb}, {org} says',
    'Why {name} matters for the {w} {g}', '{org} {verb} {name} {w} after {g}', '{g} {name}: what we know so far',
    '{org} says {w} {verb} in {place}', '{name} {w}: {g} on the {v}', '{place} {w} {verb} amid {name} {g}',
    '{org} and {name}: the {w} {g} explained',
)

HEADLINE_VERBS = (
    'faces scrutiny', 'hits back', 'confirms', 'warns', 'pushes ahead', 'stalls', 'wins backing', 'draws criticism',
    'delays', 'expands',
)

OUTLETS = (
    'www.harbourdaily.co.uk', 'news.crestline.com', 'www.thewirebox.net', 'www.ledgerpost.com',
    'www.northgazette.co.uk', 'techwatch.io', 'www.bytejournal.com', 'www.metroherald.com',
)
# fmt: on
