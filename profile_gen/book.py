"""The Book: a Pelican generator that writes the portfolio pages from the profile."""

from __future__ import annotations

from jinja2 import pass_context
from pelican.generators import Generator

from . import i18n, render


@pass_context
def _t(context, value) -> str:
    return render.localize(value, context["lang"], context["primary_lang"])


@pass_context
def _md(context, value):
    return render.markdown(value, context["lang"], context["primary_lang"])


@pass_context
def _date(context, value) -> str:
    return render.format_date(value, context["lang"])


@pass_context
def _label(context, key: str, **values) -> str:
    return i18n.text(context["lang"], key, **values)


class BookGenerator(Generator):
    """Writes the Book's pages with the theme's templates, once per language."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.env.filters.update({"t": _t, "md": _md, "date": _date})
        self.env.globals.update({"label": _label})

    def generate_context(self) -> None:
        from .plugin import PROFILE_KEY

        self.profile = self.settings[PROFILE_KEY]
        self.context["profile"] = self.profile
        self.context["SITENAME"] = self.profile.identity.name

    def generate_output(self, writer) -> None:
        profile = self.profile
        lang = profile.primary_language
        writer.write_file(
            "index.html",
            self.get_template("home"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            profile=profile,
            lang=lang,
            primary_lang=profile.primary_language,
        )
