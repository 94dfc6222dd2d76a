"""Pelican registration: load the profile once, add the Book generator, prepare templates."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import NoReturn

from docutils.utils import SystemMessage  # type: ignore[import-untyped]
from jinja2 import TemplateNotFound
from pelican import readers as pelican_readers
from pelican import signals
from pelican.contents import Article, Page
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator

from profile_gen import designs, i18n, typography
from profile_gen.book import article_meta, design, render, sandbox, sanitize, time_limit
from profile_gen.book import settings as defaults
from profile_gen.book.context import ProfileGenerator
from profile_gen.book.generators.annexe import AnnexeGenerator
from profile_gen.book.generators.annexe_docx import AnnexeDocxGenerator
from profile_gen.book.generators.book import BookGenerator
from profile_gen.book.generators.deck import DefenceGenerator
from profile_gen.book.generators.deck_pptx import PowerPointGenerator
from profile_gen.errors import BuildError, BuildErrors, ProfileError, Said
from profile_gen.keys import (
    CITATION_KEY,
    PAGES_KEY,
    PDF_KEY,
    PROFILE_KEY,
    RAISE_KEY,
    SANDBOXED_KEY,
    STALE_KEY,
    profile_path,
    wants,
)
from profile_gen.media import cache_folder, documents, metadata
from profile_gen.media.article_pictures import place_pictures
from profile_gen.media.folder import ARTICLE_LIMIT, ATTACHMENT_LIMIT, checked_file, walk
from profile_gen.media.metadata import IMAGE_SUFFIXES, sensitive
from profile_gen.profile.loader import load
from profile_gen.views import citations


def load_profile(pelican) -> None:
    profile = None
    try:
        profile = load(profile_path(pelican.settings))
        pelican.settings[CITATION_KEY] = citations.from_settings(pelican.settings)
    except (ProfileError, BuildError) as error:
        _stop(pelican.settings, error, profile.primary_language if profile else "fr")
    pelican.settings[PROFILE_KEY] = profile
    try:
        chosen = design.load(profile, profile_path(pelican.settings))
    except BuildError as error:
        _stop(pelican.settings, error, profile.primary_language)
    pelican.settings[design.DESIGN_KEY] = chosen
    overrides = pelican.settings.setdefault("THEME_TEMPLATES_OVERRIDES", [])
    overrides += [
        str(folder) for folder in chosen.template_folders() if str(folder) not in overrides
    ]
    # articles in the profile's primary language are the originals, others their translations
    pelican.settings["DEFAULT_LANG"] = profile.primary_language
    if not pelican.settings.get("AUTHOR"):
        pelican.settings["AUTHOR"] = profile.identity.name  # the author of the Book's articles


def lock_settings(pelican) -> None:
    """No `.. include::`, no `.. raw::` (nor its `:file:` and `:url:`) in a reStructuredText
    article, whatever a settings file says: an article publishes nothing but its own text."""
    pelican.settings["DOCUTILS_SETTINGS"] = {
        **pelican.settings.get("DOCUTILS_SETTINGS", {}),
        **defaults.DOCUTILS_SETTINGS,
    }


def prepare_templates(generator) -> None:
    """Every generator's templates run in Jinja's sandbox when a student may have written one
    of them (`sandbox.environment`), autoescape and know the profile's filters (`t`, `md`,
    ...); compiled templates are cached in Jinja's own per-user folder (never in a student's
    folder, where compiled code could be planted), shared by the generators and kept across
    builds."""
    settings = generator.settings
    chosen = settings.get(design.DESIGN_KEY)
    generator.env = sandbox.environment(
        generator.env,
        settings["JINJA_ENVIRONMENT"],
        settings["THEME_TEMPLATES_OVERRIDES"],
        reads_content=not isinstance(generator, _OWN_TEMPLATES),
        package=(designs.built_in_folder(),),
        prefixes=design.prefixes(chosen) if chosen is not None else None,
    )
    render.install(generator.env)
    if isinstance(generator.env, sandbox.Sandbox):
        generator.env.guard_filters()
        _hide_machine_paths(generator.context)
        settings[SANDBOXED_KEY] = True
        generator.env.budget = settings.setdefault(BUDGET_KEY, sandbox.Budget())
        generator.env.hidden = (settings, settings.get(PROFILE_KEY))


def _machine_path(value: object, named: bool = False) -> bool:
    """Whether `value` is a folder or file of the building machine (an absolute path that
    exists, or any when the setting's name says it is one: `named`), or a list of them."""
    if isinstance(value, (list, tuple)):
        return bool(value) and all(_machine_path(item, named) for item in value)
    if not isinstance(value, (str, os.PathLike)):
        return False
    text = str(os.fspath(value))
    return len(text) > 1 and os.path.isabs(text) and (named or os.path.exists(text))


def _hide_machine_paths(context: dict) -> None:
    """The builder's folders (`PATH`, `OUTPUT_PATH`, `THEME`...: Pelican copies its settings
    into the templates' context) out of what a student's template can print: a tutor's
    cohort would put its own layout online. Pelican and the generators read their settings."""
    for key, value in list(context.items()):
        named = key.endswith(("PATH", "PATHS")) or key.startswith("THEME")
        if key.isupper() and _machine_path(value, named):
            context[key] = [] if isinstance(value, (list, tuple)) else ""


BUDGET_KEY = "PROFILE_GEN_TEMPLATE_BUDGET"
"""The processor time the build's renders in the sandbox have taken (`sandbox.Budget`)."""

_OWN_TEMPLATES = (ProfileGenerator, ArticlesGenerator, PagesGenerator, StaticGenerator)
"""The generators whose templates are the theme's (or a student's override of them): any
other (Pelican's `TEMPLATE_PAGES`, a plugin's) may read a template from the content folder."""


REFUSALS_KEY = "PROFILE_GEN_ARTICLE_REFUSALS"
"""Why docutils refused an article (a disabled `include` or `raw`), by absolute path:
Pelican logs a refused article without its reason, `check_articles` names it."""


SLOW_KEY = "PROFILE_GEN_ARTICLE_SLOW"
"""The articles that took more than `time_limit.SECONDS` to read (absolute paths)."""
DEEP_KEY = "PROFILE_GEN_ARTICLE_DEEP"
"""The articles nested too deeply for their reader (Python's recursion limit: hundreds of
chained reStructuredText references, of lists or quotes inside one another)."""


def guard_readers(readers) -> None:
    """Every reader takes an article's dates written YYYY-MM-DD only (`article_meta.
    article_date`); the Markdown and reStructuredText readers stop an article that takes too
    long to read (`time_limit`) or nests too deeply (`_limited`); the reStructuredText
    reader remembers why docutils refused an article."""
    processors = pelican_readers.METADATA_PROCESSORS
    processors["date"] = processors["modified"] = _article_date
    markdown = readers.reader_classes.get("md")
    if markdown is not None:
        limited = type(markdown.__name__, (markdown,), {"read": _limited(markdown.read)})
        for extension, reader_class in list(readers.reader_classes.items()):
            if reader_class is markdown:
                readers.reader_classes[extension] = limited
    rst = readers.reader_classes.get("rst")
    if rst is None:
        return

    def read(reader, source_path):
        try:
            return rst.read(reader, source_path)
        except SystemMessage as error:
            refusals = reader.settings.setdefault(REFUSALS_KEY, {})
            refusals[os.path.abspath(source_path)] = str(error)
            raise

    readers.reader_classes["rst"] = type(rst.__name__, (rst,), {"read": _limited(read)})


def _article_date(value: str, settings) -> object:
    return article_meta.article_date(value)


def _limited(read):
    def limited(reader, source_path):
        try:
            with time_limit.cpu_limit():
                return read(reader, source_path)
        except time_limit.TooSlow:  # Pelican skips the article; `check_articles` names it
            reader.settings.setdefault(SLOW_KEY, set()).add(os.path.abspath(source_path))
            raise ValueError("too slow to read") from None
        except RecursionError:
            reader.settings.setdefault(DEEP_KEY, set()).add(os.path.abspath(source_path))
            raise ValueError("nested too deeply to read") from None

    return limited


def check_content_files(generator) -> None:
    """Before Pelican opens an article (or a page): each is a regular file inside the
    profile's folder, within `ARTICLE_LIMIT` (no link out, no pipe or device, no loop)."""
    extensions = [f".{extension}" for extension in generator.readers.extensions]
    key = "ARTICLE_PATHS" if isinstance(generator, ArticlesGenerator) else "PAGE_PATHS"
    try:
        walk(Path(generator.path), generator.settings[key], extensions, ARTICLE_LIMIT)
    except BuildError as error:
        _stop(generator.settings, error)


def clean_article(content) -> None:
    """An article's (or a page's) HTML and its summary through the one HTML gate
    (`sanitize.clean`), then set in its language's typography (`profile_gen.typography`:
    ’, the French spaces), its title too (its address, made before, stays)."""
    if not isinstance(content, Article | Page):
        return
    if len(getattr(content, "slug", "") or "") > article_meta.SLUG_LIMIT:
        # a title of 300 characters made a folder name no system takes (255 bytes at most;
        # Windows' whole path, 260): its address keeps the title's first words
        content.slug = content.slug[: article_meta.SLUG_LIMIT].rsplit("-", 1)[0]
    if (invalid := article_meta.invalid_character(content)) is not None:
        # no page can hold it (nor can the sanitizer read it): the build stops on it
        # (`prepare_articles`), nothing of it is written
        content.profile_gen_invalid = invalid
        content._content, content._summary = "", ""
        return
    # then in the typography of the article's language, as the profile's texts are
    lang = getattr(content, "lang", None) or content.settings.get("DEFAULT_LANG")
    content._content = typography.typeset_html(sanitize.clean(content._content or ""), lang)
    for key in content.settings.get("FORMATTED_FIELDS", ()):
        if isinstance(content.metadata.get(key), str):
            content.metadata[key] = typography.typeset_html(
                sanitize.clean(content.metadata[key]), lang
            )
    if isinstance(getattr(content, "_summary", None), str):
        content._summary = typography.typeset_html(sanitize.clean(content._summary), lang)
    if isinstance(title := content.metadata.get("title"), str):  # its address stays
        content.metadata["title"] = content.title = typography.typeset(title, lang)


def add_generators(pelican):
    """The Book's pages, the annexe and the deck, then the office documents this build writes
    (none in an HTML-only build: each generator Pelican makes lists the theme's templates)."""
    office = [(AnnexeDocxGenerator, "docx"), (PowerPointGenerator, "pptx")]
    chosen = [generator for generator, name in office if wants(pelican.settings, name)]
    return [BookGenerator, AnnexeGenerator, DefenceGenerator, *chosen]


def copy_design_fonts(generators) -> None:
    """Before any page is written: the design's fonts into the Book (the CV is fitted to its
    page with them)."""
    if generators and (chosen := generators[0].settings.get(design.DESIGN_KEY)) is not None:
        design.copy_fonts(chosen, Path(generators[0].output_path))


ATTACHED_KEY = "PROFILE_GEN_ATTACHED"
"""Where the Book's static files go (`save_as`): the files its articles attach."""


def note_attachments(generator) -> None:
    generator.settings[ATTACHED_KEY] = [static.save_as for static in generator.staticfiles]


def clean_attachments(pelican) -> None:
    """The Book's copy of each image an article attaches, without what it tells of where
    it was taken or which camera took it (`media.metadata`, pixels as they are; a HEIC
    re-encoded): the student's own file is left as it is (`check` names it, `photo strip`
    cleans it)."""
    output = Path(pelican.output_path)
    for save_as in pelican.settings.get(ATTACHED_KEY, ()):
        copy = output / save_as
        if copy.suffix.lower() not in IMAGE_SUFFIXES or copy.is_symlink() or not sensitive(copy):
            continue
        try:
            metadata.strip(copy, reencode=True)
        except metadata.CannotStrip as error:  # never published with its location
            copy.unlink()
            found = BuildError(error.reason, path=save_as, detail=error.detail)
            _stop(pelican.settings, found)


def print_pdfs(pelican) -> None:
    """After every page is written: print the annexe, the CV and the deck to PDF, and write
    the Word and PowerPoint files the generators deferred (beside the PDFs: in the helper
    process that prints the deck, where there is one). Unchanged documents are kept.
    First, the pages of the build before that this one did not write go (`STALE_KEY`):
    the PDFs are printed from the pages there."""
    if (stale := pelican.settings.get(STALE_KEY)) is not None:
        stale()
    cache = documents.of_build(pelican.settings)
    wanted = pelican.settings.get(PDF_KEY, True)
    if not wanted or not wants(pelican.settings, "pdf"):
        cache.run_deferred(_run_here)
        return
    profile = pelican.settings[PROFILE_KEY]
    only = None if wanted is True else tuple(wanted)
    output = Path(pelican.output_path)

    def print_beside(extra: list) -> None:
        from profile_gen.printing import pdf  # not for an HTML build (its PDF/UA, its fetcher)

        try:
            info = pdf.print_info(profile, profile_path(pelican.settings))
            pages = pdf.write_pdfs(output, only, info, cache=cache, extra=extra)
            pelican.settings[PAGES_KEY] = pages
        except pdf.PdfUnavailable as error:
            pelican.settings[PAGES_KEY] = None
            print(
                i18n.text(profile.primary_language, "pdf.unavailable", detail=str(error)),
                file=sys.stderr,
            )
            _run_here(extra)  # the Word and PowerPoint files need no WeasyPrint

    cache.run_deferred(print_beside)


def _run_here(jobs: list) -> None:
    for job in jobs:
        job()


def prepare_articles(generator) -> None:
    """`Status: draft` keeps an article out of every output (Pelican would write it to
    drafts/, and fail to: the Book has no categories); pictures are placed, cleaned."""
    generator.drafts = []
    generator.drafts_translations = []
    content, output = Path(generator.path), Path(generator.output_path)
    cache = cache_folder(generator.settings, "images")
    for article in [*generator.articles, *generator.translations]:
        if (invalid := article_meta.invalid_character(article)) is not None:
            _stop(generator.settings, invalid)
        check_template(article, generator)
        check_attachments(article, content)
        html, problems = place_pictures(
            article._content, article.relative_source_path, article.save_as, content, output, cache
        )
        article._content = html
        for problem in problems:
            lang = generator.settings[PROFILE_KEY].primary_language
            detail = Said(*problem.refusal) if problem.refusal else ""
            error = BuildError(
                problem.code, article=problem.article, src=problem.src, detail=detail
            )
            _stop(generator.settings, error, lang)


def check_template(article, generator) -> None:
    """An article's `Template:` names a template of the student's own folder (`templates/`,
    without `.html`): the theme's pages (`cv`, `deck`...) need what only they are given, and
    a name that is nowhere would stop Pelican with a traceback."""
    name = getattr(article, "template", "article")
    if name == "article":
        return
    env = generator.env
    try:
        _, filename, _ = env.loader.get_source(env, f"{name}.html")
    except TemplateNotFound:
        filename = None
    own = Path(generator.settings["PATH"]).resolve()
    if filename is None or not Path(filename).resolve().is_relative_to(own):
        error = BuildError("article_template_unknown", file=article.relative_source_path, name=name)
        _stop(generator.settings, error)


PRIVATE_SUFFIXES = (".yaml", ".yml", ".py")
"""Files an article may not attach (`{static}`, `{attach}`): the profile, its private file
and the settings stay out of the Book, as do hidden files (`.git/`, `.cache/`)."""
ACTIVE_SUFFIXES = frozenset(
    {
        *(".html", ".htm", ".shtml", ".xhtml", ".xhtm", ".xht", ".mht", ".mhtml", ".htc"),
        *(".svg", ".svgz", ".xml", ".xsl", ".xslt", ".rss", ".atom", ".rdf", ".mml"),
        *(".js", ".mjs", ".wasm", ".swf", ".hta"),
    }
)
"""Files an article may not attach either: a browser runs what they hold (a page, an SVG,
an XML document with XHTML in it, a script) in the Book's origin, where it could read the
pages beside it (another student's annexe, in a tutor's cohort) and send them away. A PDF,
an image, an office file or an archive is only shown or downloaded."""


BYTE_ORDER_MARKS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
BLANK = b" \t\r\n\x0c\x00"
"""What may come before markup without hiding it: spaces (UTF-16's zero bytes with them)."""


def _markup(path: Path) -> bool:
    """Whether the file at `path` begins as markup (`<`) once its byte-order marks, spaces
    and UTF-16's zero bytes are passed, however many, whatever its name: a server may send
    any name as XML (`.xsd`, `.rng`, `.xpdl`, `.wsdl` are `application/xml` in the usual
    tables), and a browser then runs the XHTML scripts it holds. The documents a student
    attaches (PDF, images, office files, archives, text and data) never begin so."""
    pending = b""
    with path.open("rb") as file:
        while chunk := file.read(64 * 1024):
            head = pending + chunk
            while True:  # every mark and every space, in any order
                passed = head.lstrip(BLANK)
                for mark in BYTE_ORDER_MARKS:
                    passed = passed.removeprefix(mark)
                if passed == head:
                    break
                head = passed
            if len(head) >= 3 or not any(mark.startswith(head) for mark in BYTE_ORDER_MARKS):
                return head[:1] == b"<" if head else False
            pending = head  # a mark cut by the end of the chunk
    return False


def check_attachments(article, content: Path) -> None:
    """The files an article attaches, which Pelican would copy into the Book: each a regular
    file inside the profile's folder, within `ATTACHMENT_LIMIT`, none of the private ones
    (`PRIVATE_SUFFIXES`, hidden files) and none a browser would run (`ACTIVE_SUFFIXES`,
    `_markup`)."""
    for link in sorted(article.get_static_links()):
        path = content / link
        if not os.path.lexists(path):
            continue  # Pelican copies nothing, and says so
        try:
            target = checked_file(path, content, ATTACHMENT_LIMIT)
            parts = target.relative_to(content.resolve()).parts
            if target.suffix.lower() in PRIVATE_SUFFIXES or any(p.startswith(".") for p in parts):
                raise BuildError("folder_private", file=link)
            active = {Path(link).suffix.lower(), target.suffix.lower()} & ACTIVE_SUFFIXES
            if active or _markup(target):
                raise BuildError("folder_active", file=link)
        except BuildError as error:
            lang = article.settings[PROFILE_KEY].primary_language
            refusal = BuildError(
                "article_attachment_refused",
                article=article.relative_source_path,
                detail=Said(error.code, error.context),
            )
            _stop(article.settings, refusal, lang)


def check_articles(generators) -> None:
    """Stop the build, naming the files, on what Pelican would let pass quietly: an article
    it cannot read (no title, a bad date) is skipped with a log line, and two articles with
    one address end in an internal error. Every such article is named at once, as `check`
    names them (`BuildErrors`), not the first one alone."""
    if not generators:
        return
    settings = generators[0].settings
    context = generators[0].context  # shared by every generator
    failed = sorted(
        path for path, content in context.get("generated_content", {}).items() if content is None
    )
    found = _unreadable(settings, failed) if failed else []
    by_address: dict[str, list[str]] = {}
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            for article in [*generator.articles, *generator.translations]:
                if (refused := _misplaced(article)) is not None:
                    found.append(refused)
                by_address.setdefault(article.save_as, []).append(article.relative_source_path)
    for address, sources in sorted(by_address.items()):
        if len(sources) > 1:
            files = ", ".join(sorted(sources))
            found.append(BuildError("build_same_address", address=address, files=files))
    if found:
        _stop(settings, found[0] if len(found) == 1 else BuildErrors(found))


def _unreadable(settings: dict, failed: list[str]) -> list[BuildError]:
    """Why each of the articles Pelican could not read (`failed`, relative to the content
    folder) was refused; those with no reason found, named together."""
    content = Path(settings["PATH"])
    refusals = settings.get(REFUSALS_KEY, {})
    slow = settings.get(SLOW_KEY, set())
    deep = settings.get(DEEP_KEY, set())
    found: list[BuildError] = []
    for path in failed:
        source = str(content / path)
        if source in slow:
            found.append(
                BuildError("article_too_slow", file=path, seconds=f"{time_limit.SECONDS:g}")
            )
        elif source in deep:
            found.append(BuildError("article_too_deep", file=path))
        elif source in refusals:
            detail = refusals[source].replace(source, path)
            found.append(BuildError("article_rst_refused", file=path, detail=detail))
        else:  # its metadata read again (a reader stopped for a cause above read none)
            found += article_meta.problems_of(content / path, path)
    named = {error.context.get("file") for error in found}
    if unnamed := [path for path in failed if path not in named]:
        found.append(
            BuildError("build_skipped_articles", files=", ".join(unnamed), count=len(unnamed))
        )
    return found


_ARTICLES_PLACE = re.compile(r"(?:[a-z]{2}/)?articles/[^/].*\.html", re.DOTALL)
"""Where an article's page goes: `articles/SLUG/index.html` (`{lang}/articles/` for a
translation), a web page (`Save_as: articles/x.svg` would be a document a browser runs
otherwise)."""


def _misplaced(article) -> BuildError | None:
    """An article in a language the Book cannot label (`Lang:`; a French article in an
    English Book is fine), giving its own address (`Url:`: the Book's lists, the annexe
    and the Word file would link there, where its page is not), or whose page would
    replace one of the Book's own (`Save_as: index.html`, `articles/../index.html`)."""
    shown = article.relative_source_path
    if article.lang not in i18n.LANGUAGES:
        listed = ", ".join(i18n.LANGUAGES)
        return BuildError("article_lang", file=shown, found=article.lang, languages=listed)
    if url := article.metadata.get("url"):  # the lists would link where no page is
        return BuildError("article_url", file=shown, found=str(url)[:200])
    if not _ARTICLES_PLACE.fullmatch(article_meta.written_at(article.save_as)):
        line = "save_as" if "save_as" in article.metadata else "slug"  # the line that placed it
        return BuildError(f"article_{line}_place", file=shown, found=article.save_as)
    return None


def _stop(settings: dict, error: ProfileError | BuildError, lang: str | None = None) -> NoReturn:
    """Raise for `profile-gen`; for plain `pelican -s ...`, print the same one-screen
    message and exit 2, without a traceback."""
    if lang is None:
        profile = settings.get(PROFILE_KEY)
        lang = profile.primary_language if profile else "fr"
    if settings.get(RAISE_KEY):
        if not isinstance(error, ProfileError):  # which knows its profile's language
            error.lang = lang  # worded in it unless `--lang` asks for another
        raise error
    print(error.describe(lang), file=sys.stderr)
    raise SystemExit(2) from None


def register() -> None:
    signals.initialized.connect(load_profile)
    signals.initialized.connect(lock_settings)
    signals.readers_init.connect(guard_readers)
    signals.article_generator_init.connect(check_content_files)
    signals.page_generator_init.connect(check_content_files)
    signals.content_object_init.connect(clean_article)
    signals.article_generator_finalized.connect(prepare_articles)
    signals.all_generators_finalized.connect(check_articles)
    signals.generator_init.connect(prepare_templates)
    signals.get_generators.connect(add_generators)
    signals.all_generators_finalized.connect(copy_design_fonts)
    signals.static_generator_finalized.connect(note_attachments)
    signals.finalized.connect(clean_attachments)
    signals.finalized.connect(print_pdfs)
