"""The build's PDF step: WeasyPrint prints the annexe, the CV and the deck to PDF.

The annexe and the CV are deposit-ready: PDF/A-3u, tagged (the structure tree, the
language, alternative texts, footers as artifacts and table headers' scopes: `pdfua`; the
PDF/UA-1 identification too), with title, author, subject and a creation date taken from
the source, so the same input prints byte-identical files. The annexe carries the profile
as a JSON Resume attachment (`profile_gen.interop.embedded`).
The deck prints one 16:9 page per slide in the primary language (`soutenance.pdf`, for
the jury's USB stick: the defence's language; a second language's deck would add about
1 s of work to every build), in a helper process beside the annexe and the CV where the
system allows it (`write_pdfs`).

Only files under the output folder are read (`site.fetcher`); a missing system library
(Pango) gives one clear message naming the Debian/Ubuntu packages, and the HTML stays.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.metadata
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from profile_gen import i18n
from profile_gen.errors import BuildError, PdfUnavailable
from profile_gen.media import read_record, write_atomic
from profile_gen.media.documents import DocumentCache
from profile_gen.outputs import BY_NAME, pdf_sources
from profile_gen.printing import pdfua, prepared
from profile_gen.printing.collector import collector_paused
from profile_gen.printing.fetcher import STABLE_ROOT, laid_out, local_fetcher, weasyprint_module
from profile_gen.printing.kept import ATTACHED, keep_pdfs, reuse_pdfs
from profile_gen.views import glyphs
from profile_gen.views.documents import source_date

PDFS = {
    BY_NAME[BY_NAME[name].printed_from].at("fr") + "index.html": BY_NAME[name].at("fr")
    for name in ("annexe.pdf", "cv.pdf")
}
"""The printed documents (tagged, PDF/A), by the page they print (the output registry's)."""
DECK = BY_NAME["deck.pdf"].at("fr").removesuffix(".pdf")
"""The deck PDF's name, whatever the deck's folder (`soutenance/`, or `defence/` for an
English-first Book: `outputs.pdf_sources`)."""

VARIANT = "pdf/a-3u"
"""PDF/A-3 (level U: Unicode text) allows the attached profile; WeasyPrint takes one variant,
so PDF/UA-1 is declared beside it in the XMP metadata (`pdfua.deposit_metadata`)."""


# --------------------------------------------------------------------------- metadata


@dataclass(frozen=True)
class PrintInfo:
    """What the PDFs say about themselves besides their pages."""

    author: str
    date: datetime
    """Creation and modification date: from the source, never the clock."""
    subjects: dict[str, str] = field(default_factory=dict)
    """The subject of each PDF, by file (`annexe.pdf`, `soutenance.pdf`)."""
    attachment: str | None = None
    """The profile as JSON Resume, attached to `annexe.pdf`."""
    attachment_description: str = ""
    book_url: str | None = None
    """The Book's public address: links to its pages point there in print."""


def print_info(profile, source: Path) -> PrintInfo:
    """The metadata of the profile's PDFs; `source` is its `profile.yaml`."""
    from profile_gen.interop.embedded import attachment_text

    name, primary = profile.identity.name, profile.primary_language
    subjects = {
        "annexe.pdf": i18n.text(primary, "pdf.subject.annexe", name=name),
        "cv.pdf": i18n.text(primary, "pdf.subject.cv", name=name),
    }
    subjects[f"{DECK}.pdf"] = i18n.text(primary, "pdf.subject.deck", name=name)
    return PrintInfo(
        author=name,
        date=source_date(source),
        subjects=subjects,
        attachment=attachment_text(profile),
        attachment_description=i18n.text(primary, "pdf.attachment"),
        book_url=str(profile.links.book) if profile.links.book else None,
    )


# --------------------------------------------------------------------------- printing

LIVE_SCHEMES = ("https://", "http://", "mailto:")


def _public_links(document: Any, book_url: str | None) -> None:
    """Links to the Book's own pages (printed from a local address) point to the public
    Book when its address is known, and stay plain text otherwise; links that are not
    web or mail addresses stay text too."""
    for page in document.pages:
        kept = []
        for kind, target, rectangle, box in page.links:
            if kind == "external" and target.startswith(STABLE_ROOT) and book_url:
                path = target[len(STABLE_ROOT) :].removesuffix("index.html")
                target = book_url.rstrip("/") + "/" + path
            if kind != "external" or target.startswith(LIVE_SCHEMES):
                kept.append((kind, target, rectangle, box))
        page.links = kept


def _render(page: str, root: Path, shared: dict | None = None) -> Any:
    """The laid-out document of the page at `root/page`. Documents rendered with the same
    `shared` dict reuse their fonts and images."""
    weasyprint = weasyprint_module()
    from weasyprint.text.fonts import FontConfiguration

    shared = shared if shared is not None else {}
    fonts = shared.setdefault("fonts", FontConfiguration())
    text = glyphs.printed_spaces((root / page).read_text(encoding="utf-8"))
    if page not in PDFS:  # the deck keeps its emoji on screen; printed, they would be boxes
        text = glyphs.strip_emoji(text)  # the system font: symbols stay, colour emoji go
    fetcher = local_fetcher(root)
    html = weasyprint.HTML(string=text, base_url=STABLE_ROOT + page, url_fetcher=fetcher)
    document = html.render(font_config=fonts, cache=shared.setdefault("images", {}))
    shared.setdefault("fetched", {})[page] = fetcher.fetched  # what it is made of: the cache's
    if fetcher.refused:  # printed without it would differ from the page: say which
        url = fetcher.refused[0]
        shown = url[:80] + "…" if len(url) > 80 else url
        raise BuildError("pdf_resource_refused", page=page, url=shown)
    return document


def render_pdf(
    page: str,
    pdf_file: Path,
    root: Path,
    shared: dict | None = None,
    info: PrintInfo | None = None,
) -> int:
    """Print the page at `root/page` to `pdf_file`; return the number of pages. The annexe
    and the CV are PDF/A-3u and tagged; the annexe carries `info.attachment`."""
    with laid_out(page):
        return _write_pdf(page, pdf_file, root, shared, info)


def _write_pdf(
    page: str, pdf_file: Path, root: Path, shared: dict | None, info: PrintInfo | None
) -> int:
    """`render_pdf`'s work, which `laid_out` guards."""
    document = _render(page, root, shared)
    _public_links(document, info.book_url if info else None)
    name = pdf_file.relative_to(root).as_posix() if pdf_file.is_relative_to(root) else ""
    options: dict[str, Any] = {}
    if page in PDFS:
        options = {"pdf_variant": VARIANT, "pdf_tags": True}
    if page in PDFS and info is not None and info.attachment and name == ATTACHED:
        from profile_gen.interop.embedded import ATTACHMENT_NAME

        attachment = weasyprint_module().Attachment(
            string=info.attachment,
            name=ATTACHMENT_NAME,
            description=info.attachment_description,
            created=info.date,
            modified=info.date,
            relationship="Source",
        )
        options["attachments"] = [attachment]
    document.metadata = pdfua.deposit_metadata(document, info, name, bool(options))
    pdf_file.parent.mkdir(parents=True, exist_ok=True)
    data = document.write_pdf(**options)
    if options:  # tagged: what PDF/UA asks beyond WeasyPrint's tags
        data = pdfua.repaired(data)
    pdf_file.write_bytes(data)
    return len(document.pages)


def documents(output: Path) -> dict[str, str]:
    """Every page the build prints, with its PDF (relative to `output`): the annexe, the CV
    and the deck in the primary language, when the page is there."""
    # the deck of the primary language is at the root: `soutenance/`, or `defence/` for an
    # English-first Book; its PDF keeps one name (the output registry's)
    return {page: pdf for page, pdf in pdf_sources().items() if (output / page).is_file()}


def printed_pages(root: Path, page: str, cache: Path) -> int:
    """How many pages `root/page` prints on, without writing a PDF. The count is kept in
    `cache` by the content of the page and of its stylesheets, so an unchanged page is not
    laid out again (nor WeasyPrint imported)."""
    try:
        digest = hashlib.sha256(importlib.metadata.version("weasyprint").encode())
    except importlib.metadata.PackageNotFoundError:
        raise PdfUnavailable("WeasyPrint is not installed") from None
    for part in [root / page, *sorted((root / "theme" / "css").glob("*.css"))]:
        digest.update(part.read_bytes())
    for font in sorted((root / "theme" / "fonts").glob("*")):  # names and sizes are enough
        digest.update(f"{font.name}:{font.stat().st_size}".encode())
    record = cache / f"{digest.hexdigest()[:24]}.pages"
    try:
        return int(read_record(record))
    except (OSError, ValueError):
        pass
    with laid_out(page):
        count = len(_render(page, root).pages)
    write_atomic(record, str(count))
    return count


def write_pdfs(
    output: Path,
    only: tuple[str, ...] | None = None,
    info: PrintInfo | None = None,
    beside: bool = True,
    cache: DocumentCache | None = None,
    extra: Sequence[Callable[[], object]] = (),
) -> dict[str, int]:
    """Write the PDFs (or `only` some, by file) beside the pages; return their page counts.

    With `cache`, a PDF whose page, metadata and files read are unchanged is the one kept
    from a build before (`printing.kept`): not printed, and WeasyPrint not even imported
    when none is to be printed. With `beside` and where the system allows it
    (`can_print_beside`), the deck prints in a forked helper process while this one prints
    the annexe and the CV: on two cores the documents take the time of the longest, not of
    all three; `extra` (the Word and PowerPoint files to write) go to the helper too, or
    run here without one. The helper shares WeasyPrint, already imported, and the output is
    the same byte for byte."""
    jobs = {page: pdf for page, pdf in documents(output).items() if only is None or pdf in only}
    kept: dict[str, int] = {}
    keys: dict[str, str | None] = {}
    if cache is not None:
        kept, keys = reuse_pdfs(cache, jobs, output, info)
        jobs = {page: pdf for page, pdf in jobs.items() if pdf not in kept}
    with collector_paused():
        counts, fetched = _print(jobs, output, info, beside, extra)
    if cache is not None:
        keep_pdfs(cache, keys, output, counts, fetched)
    done = {**kept, **counts}
    return {pdf: done[pdf] for pdf in documents(output).values() if pdf in done}


def _print(
    jobs: dict[str, str],
    output: Path,
    info: PrintInfo | None,
    beside: bool,
    extra: Sequence[Callable[[], object]] = (),
) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Print `jobs` (page: PDF) and run `extra`: the page counts, the files each PDF read.
    The deck and `extra` go to the helper, the annexe and the CV stay here (the deck too
    when it is the only PDF to print beside `extra`)."""
    aside = {page: pdf for page, pdf in jobs.items() if pdf == f"{DECK}.pdf"}
    here = {page: pdf for page, pdf in jobs.items() if page not in aside}
    if not here and extra:
        here, aside = aside, {}
    helper, shared = None, {}
    if beside and here and (aside or extra) and can_print_beside():
        weasyprint_module()  # imported once, before the fork: the helper starts ready
        shared = prepared.shared()  # its fonts' configuration and C types too
        helper = _fork_printer(aside, output, info, extra, shared)

    def print_here(pages: dict[str, str], then: Sequence[Callable[[], object]] = ()) -> dict:
        counts = {
            pdf: render_pdf(page, output / pdf, output, shared, info) for page, pdf in pages.items()
        }
        for job in then:
            job()
        return {"counts": counts, "fetched": dict.fromkeys(pages.values(), _read(shared))}

    if helper is None:
        report = print_here(jobs, extra)
        return report["counts"], report["fetched"]
    try:
        done = print_here(here)
    except BaseException:
        _stop(helper)  # no helper left writing into a build that is given up
        raise
    # a failed helper's work is done here, where its errors are told
    there = _join(helper) or print_here(aside, extra)
    return {**done["counts"], **there["counts"]}, {**done["fetched"], **there["fetched"]}


def _read(shared: dict) -> list[str]:
    """The files read by every document printed with `shared`: each of them may use what
    another one loaded first (fonts, pictures are loaded once), so each is keyed by all."""
    return sorted({path for paths in shared.get("fetched", {}).values() for path in paths})


def can_print_beside() -> bool:
    """Whether a helper process can print beside this one: on Linux (fork is safe there with
    Pango; not on macOS, and Windows has no fork), with a second core this process may use,
    from a process that runs no other thread (`serve`) and is not itself a helper (a
    cohort's worker)."""
    import multiprocessing
    import sys
    import threading

    return (
        sys.platform == "linux"
        and len(os.sched_getaffinity(0)) > 1
        and threading.active_count() == 1
        and multiprocessing.parent_process() is None
    )


def _fork_printer(
    jobs: dict[str, str],
    output: Path,
    info: PrintInfo | None,
    extra: Sequence[Callable[[], object]] = (),
    shared: dict | None = None,
) -> tuple[int, int] | None:
    """Fork a helper that prints `jobs` (with its copy of `shared`), runs `extra` and reports
    the page counts through a pipe; any failure makes it exit with status 1 and no report.
    None when no process can be made."""
    read, write = os.pipe()
    try:
        pid = os.fork()
    except OSError:  # no process left to the user: everything prints here
        os.close(read)
        os.close(write)
        return None
    if pid == 0:  # pragma: no cover - the helper (coverage does not follow a bare fork)
        try:
            _print_and_report(jobs, output, info, read, write, extra, shared)
        finally:
            os._exit(1)  # reached only on a failure, Ctrl-C included: never the build's code
    os.close(write)
    return pid, read


def _print_and_report(  # pragma: no cover - runs in the helper
    jobs: dict[str, str],
    output: Path,
    info: PrintInfo | None,
    read: int,
    write: int,
    extra: Sequence[Callable[[], object]] = (),
    shared: dict | None = None,
) -> None:
    import json
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C ends the helper, nothing else
    # it ends with `os._exit`: the objects made before the fork are not its to collect (the
    # collector would walk them again and copy each page they lie on), nor the rest before
    # its last collection
    gc.freeze()
    gc.disable()
    os.close(read)
    shared = shared if shared is not None else {}
    counts = {
        pdf: render_pdf(page, output / pdf, output, shared, info) for page, pdf in jobs.items()
    }
    for job in extra:
        job()
    fetched = dict.fromkeys(jobs.values(), _read(shared))
    os.write(write, json.dumps({"counts": counts, "fetched": fetched}).encode())
    fonts = shared.get("fonts")
    if fonts is not None:  # WeasyPrint's folder of fonts: what collecting its cycles would do
        fonts.__del__()  # (0.05 s to walk the helper's objects)
    os._exit(0)


def _stop(helper: tuple[int, int]) -> None:
    """End the helper now (Ctrl-C, SIGTERM or an error here): it writes no more."""
    import signal

    pid, read = helper
    os.close(read)
    _kill(pid, signal.SIGKILL)


def _kill(pid: int, signum: int) -> None:
    try:
        os.kill(pid, signum)
        os.waitpid(pid, 0)
    except (ProcessLookupError, ChildProcessError):  # already gone, or reaped by a launcher
        pass


def _join(helper: tuple[int, int]) -> dict | None:
    """The helper's report (the page counts it printed, the files each read), or None when
    it failed."""
    import json
    import signal

    pid, read = helper
    try:
        with os.fdopen(read, "rb") as pipe:
            report = pipe.read()
    except BaseException:  # interrupted while waiting: the helper stops too
        _kill(pid, signal.SIGKILL)
        raise
    try:
        _, status = os.waitpid(pid, 0)
        failed = os.waitstatus_to_exitcode(status) != 0
    except ChildProcessError:  # SIGCHLD ignored (set by some launchers): the report tells
        failed = False
    try:
        found = None if failed else json.loads(report)
    except ValueError:  # no whole report: the helper stopped while printing
        return None
    return found if isinstance(found, dict) and {"counts", "fetched"} <= set(found) else None
