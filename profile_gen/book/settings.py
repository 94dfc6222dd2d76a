"""The default Pelican settings of every Book, shipped with the package.

`profile-gen` starts from these and merges over them the values of a `pelican.conf.py`
found in the project (the folder of `profile.yaml`), so a student's file holds only what
it changes. The repository's own `pelican.conf.py` imports them (`from
profile_gen.book.settings import *`), so that plain `pelican -s pelican.conf.py` builds the
sample too. Relative paths are relative to the project folder.
"""

from importlib.resources import files

PATH = "."  # the folder of profile.yaml
OUTPUT_PATH = "output"
THEME = str(files("profile_gen.theme"))
PLUGINS = ["profile_gen.book.plugin"]

PROFILE_FILE = "profile.yaml"  # relative to PATH

SITENAME = "Book"  # replaced by the profile's name
TIMEZONE = "Europe/Paris"
DEFAULT_LANG = "fr"
SITEURL = ""  # e.g. "https://lea-moreau.github.io/book" for canonical URLs
RELATIVE_URLS = True

ARTICLE_PATHS = ["articles"]
PAGE_PATHS: list[str] = []
STATIC_PATHS: list[str] = []
ARTICLE_URL = "articles/{slug}/index.html"
ARTICLE_SAVE_AS = "articles/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/articles/{slug}/index.html"  # a translation (same Slug, other Lang)
ARTICLE_LANG_SAVE_AS = "{lang}/articles/{slug}/index.html"
DIRECT_TEMPLATES: list[str] = []  # the profile_gen generator writes the index and the pages
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ARCHIVES_SAVE_AS = ""
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = True
CACHE_PATH = ".cache"  # resized photos, reused while the source is unchanged

# How the annexe cites your articles, talks and posts: the style of your thesis, "apa"
# (APA 7, the default) or "harvard" (Cite Them Right). Harvard gives the date you last
# checked the links: CITATION_ACCESSED = "2026-11-20".
CITATION_STYLE = "apa"

# An article publishes its own text only: no `.. include::` of a file, no `.. raw::` HTML
# (the build enforces both, whatever a settings file says).
DOCUTILS_SETTINGS = {"file_insertion_enabled": False, "raw_enabled": False}
