"""Settings for `make publish`: the development settings plus the public address."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("NEWSDESK_SITEURL", "https://dailydiff.example")
RELATIVE_URLS = False

# Drafts are previews for the desk: never publish them, not even at an unlisted URL.
DRAFT_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
# Scheduled stories (dated after the build's "now") leave no trace until their time.
NEWSROOM_SCHEDULED_PREVIEWS = False
