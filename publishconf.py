"""Settings for `make publish`: the development settings plus the public address."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("NEWSDESK_SITEURL", "https://dailydiff.example")
FEED_DOMAIN = SITEURL
RELATIVE_URLS = False
