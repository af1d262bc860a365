"""Site settings for The Daily Diff (development build). See docs/settings.md for every setting."""

AUTHOR = "The Daily Diff"
SITENAME = "The Daily Diff"
SITESUBTITLE = "Technology news, checked twice"
SITEURL = ""
PATH = "content"
TIMEZONE = "Europe/London"
DEFAULT_LANG = "en-GB"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "newsroom",
    "photos",
    "related",
    "seo",
    "search",
    "feeds",
    "most_read",
    "delivery",
]  # newsroom first: the others build on its data; delivery last: it compresses what they wrote

# Content: articles anywhere under content/ (by year), static pages in content/pages/.
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = ["pages", "images"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["images"]
IGNORE_FILES = [".*", "__pycache__", "README*"]
ARTICLE_TRANSLATION_ID = None  # two articles on one slug are an error, never "translations"
PAGE_TRANSLATION_ID = None
FORMATTED_FIELDS = []  # the standfirst (Summary) is plain text, escaped like every field
DEFAULT_DATE = None
WITH_FUTURE_DATES = True  # Pelican would read the clock; newsroom schedules stories against the build's "now"
NEWSROOM_SCHEDULED_PREVIEWS = True  # a story dated later is previewed at its URL, marked, in no list
CACHE_CONTENT = False  # Pelican's own cache keys on modification times; ours on content
CACHE_PATH = ".newsdesk/cache"  # converted article bodies (NEWSROOM_BODY_CACHE)
LOAD_CONTENT_CACHE = False

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.codehilite": {"css_class": "highlight", "guess_lang": False},
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

# auto_reload off: a build is one process with a fresh environment, so Jinja need not stat
# every template again each time a page asks for it.
JINJA_ENVIRONMENT = {
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
    "auto_reload": False,
}

# URLs: dated articles, and one URL space per kind of list page.
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
CATEGORY_URL = "section/{slug}/"
CATEGORY_SAVE_AS = "section/{slug}/index.html"
CATEGORIES_URL = "section/"
CATEGORIES_SAVE_AS = "section/index.html"
TAG_URL = "tag/{slug}/"
TAG_SAVE_AS = "tag/{slug}/index.html"
TAGS_URL = "tag/"
TAGS_SAVE_AS = "tag/index.html"
AUTHOR_URL = "author/{slug}/"
AUTHOR_SAVE_AS = "author/{slug}/index.html"
AUTHORS_URL = "author/"
AUTHORS_SAVE_AS = "author/index.html"
ARCHIVES_URL = "archives/"
ARCHIVES_SAVE_AS = "archives/index.html"
YEAR_ARCHIVE_URL = "{date:%Y}/"
YEAR_ARCHIVE_SAVE_AS = "{date:%Y}/index.html"
MONTH_ARCHIVE_URL = "{date:%Y}/{date:%m}/"
MONTH_ARCHIVE_SAVE_AS = "{date:%Y}/{date:%m}/index.html"
DAY_ARCHIVE_SAVE_AS = ""
NOTFOUND_URL = "404.html"
NOTFOUND_SAVE_AS = "404.html"
SEARCH_URL = "search/"
SEARCH_SAVE_AS = "search/index.html"
DIRECT_TEMPLATES = ["index", "archives", "tags", "categories", "authors", "notfound", "search"]

DEFAULT_PAGINATION = 20
# A year's or month's archive lists 200 stories a page: a year of a large site holds tens of thousands.
PAGINATED_TEMPLATES = {"index": None, "tag": None, "category": None, "author": None, "period_archives": 200}
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
)

# Feeds are written by the feeds plugin (plugins/feeds/settings.py has the defaults);
# Pelican's own feed writer stays off.
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
CATEGORY_FEED_RSS = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TAG_FEED_ATOM = None
TAG_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
FEEDS_TAG_AUTHORITY = "dailydiff.example"  # item IDs stay the same in development and published builds

# The publication's own settings (plugins/newsroom/settings.py has the defaults).
NEWSROOM_SECTIONS = [
    {"name": "Security", "slug": "security", "description": "Breaches, bugs, patches and the people behind them."},
    {"name": "Software", "slug": "software", "description": "Languages, tools, releases and the open-source commons."},
    {"name": "Cloud", "slug": "cloud", "description": "Hyperscalers, outages, pricing and the platforms on top."},
    {
        "name": "Enterprise",
        "slug": "enterprise",
        "description": "The business of IT: deals, budgets and the CIO's desk.",
    },
    {"name": "Hardware", "slug": "hardware", "description": "Chips, devices, datacentres and the supply chain."},
    {"name": "Government", "slug": "government", "description": "Regulation, public-sector IT and tech policy."},
    {"name": "Telco", "slug": "telco", "description": "Networks, spectrum, carriers and connectivity."},
    {"name": "Science", "slug": "science", "description": "Research, space and the science behind the tech."},
]
NEWSROOM_TIP_EMAIL = "tips@dailydiff.example"
NEWSROOM_AUTHORS_FILE = "authors.toml"
RELATED_COUNT = 4  # related stories under every article (plugins/related/settings.py has the rest)
MOST_READ_COUNT = 5  # Most Read: see docs/most-read.md and plugins/most_read/settings.py
MOST_READ_WINDOW_DAYS = 7
