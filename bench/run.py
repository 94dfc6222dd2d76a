"""The benchmark: whole builds against a plain Pelican build of similar content, in one run.

    .venv/bin/python bench/run.py [--runs 5] [--ci] [--only sample ...] [--write docs/performance.md]

Prints Markdown tables: the sample (HTML only, each document format, plain Pelican, same page
count), scaling with 10/100/1,000 achievements and activities, the rebuild latency of
`serve`, what a visitor downloads for the home page, the annexe and the deck, and a cohort
of 100 Books like the sample against plain Pelican on as many pages (`--cohort BOOKS`: that
measure alone); with `--ci`, the student's CI job (`ci.py`). Every figure is a
median of whole processes; the targets are checked at the end. `--only` runs some of these
measures (`--only html`: the sample's HTML build against plain Pelican alone, wall and CPU
time: on a busy machine the CPU times compare better).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(Path(__file__).parent))

import ci  # noqa: E402
from profiles import make_articles, make_profile  # noqa: E402

from profile_gen.outputs import DOCUMENT_FORMATS, DOCUMENT_SUFFIXES, classify  # noqa: E402

NOTES = "## Notes"
"""A hand-written section of docs/performance.md that `--write` keeps."""

PLAIN_CONF = """\
PATH = "content"
OUTPUT_PATH = "output"
AUTHOR = "Bench"
SITENAME = "Plain"
TIMEZONE = "Europe/Paris"
RELATIVE_URLS = True
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
"""


CPU: dict[tuple[str, ...], list[float]] = {}
"""User + system CPU seconds of every run, by command and folder: on a shared machine the
others' load inflates wall times, CPU time much less."""


ENV = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
"""The measured processes keep their compiled bytecode, as on a student's machine (a
`PYTHONDONTWRITEBYTECODE` here would charge every build for compiling profile_gen's
modules, and not Pelican's, which pip compiled at install)."""


def run(cmd: list[str], cwd: Path) -> tuple[float, int]:
    """Wall time (s) and peak memory (MB) of one whole process (its CPU time in `CPU`)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        cmd, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    CPU.setdefault((*cmd, str(cwd)), []).append(usage.ru_utime + usage.ru_stime)
    return elapsed, usage.ru_maxrss // 1024


def median(cmd: list[str], cwd: Path, runs: int) -> tuple[float, int]:
    return medians([(cmd, cwd)], runs)[0]


def medians(jobs: list[tuple[list[str], Path]], runs: int) -> list[tuple[float, int]]:
    """Median wall time and peak memory of each job, the jobs taking turns run after run so
    that a machine slowing down or speeding up weighs on all of them alike."""
    results: list[list[tuple[float, int]]] = [[] for _ in jobs]
    for _ in range(runs):
        for index, (cmd, cwd) in enumerate(jobs):
            results[index].append(run(cmd, cwd))
    return [(statistics.median(r[0] for r in rows), max(r[1] for r in rows)) for rows in results]


def paired(ours: tuple[list[str], Path], plain: tuple[list[str], Path], rounds: int) -> dict:
    """Our build against plain Pelican, run back to back `rounds` times: the median of the
    ratios of each pair (wall and CPU), and the median of each side. On a shared machine a
    run can take 20 % more or less than the one before it; a slowdown lasting a few seconds
    weighs on both runs of a pair, where the medians of separate series keep it."""
    rows = [
        (run(*ours)[0], CPU[(*ours[0], str(ours[1]))][-1], run(*plain)[0]) for _ in range(rounds)
    ]
    plain_cpu = CPU[(*plain[0], str(plain[1]))][-rounds:]
    return {
        "rounds": rounds,
        "ratio": statistics.median(a / b for a, _, b in rows),
        "ratio_cpu": statistics.median(a / b for (_, a, _), b in zip(rows, plain_cpu, strict=True)),
        "ours": statistics.median(a for a, _, _ in rows),
        "plain": statistics.median(b for _, _, b in rows),
    }


def project(folder: Path, profile_text: str | None = None) -> Path:
    """A Book project: the repository's theme and settings, and a profile."""
    shutil.copytree(ROOT / "theme", folder / "theme")
    shutil.copy(ROOT / "pelican.conf.py", folder / "pelican.conf.py")
    if profile_text is None:
        shutil.copytree(ROOT / "content", folder / "content")
    else:
        (folder / "content").mkdir(parents=True)
        (folder / "content/profile.yaml").write_text(profile_text, encoding="utf-8")
    return folder


def plain_site(folder: Path, pages: int) -> Path:
    (folder / "content").mkdir(parents=True)
    for name, text in make_articles(pages).items():
        (folder / "content" / name).write_text(text, encoding="utf-8")
    (folder / "conf.py").write_text(PLAIN_CONF, encoding="utf-8")
    return folder


def html_pages(folder: Path) -> int:
    return sum(1 for _ in (folder / "output").rglob("*.html"))


BUILD = [str(BIN / "profile-gen"), "build"]
FORCED = [*BUILD, "--force"]
PELICAN = [str(BIN / "pelican"), "-q", "-s", "conf.py"]


def bench_sample(tmp: Path, runs: int) -> dict:
    ours = project(tmp / "sample")
    run(BUILD, ours)  # warm the caches (photos, compiled templates, fonts)
    CPU.pop((*BUILD, str(ours)))  # not a rebuild with no change: every document was printed
    pages = html_pages(ours)
    plain = plain_site(tmp / "plain-sample", pages)
    run(PELICAN, plain)  # the same first run for Pelican (its bytecode, its theme)
    # cold documents: `--force` prints them all again (the documents' cache would keep them)
    only = [([*FORCED, "--formats", name], ours) for name in ("", *FORMATS)]
    (html, html_mb), *each, (full, full_mb), (again, _), (pelican, pelican_mb) = medians(
        [*only, (FORCED, ours), (BUILD, ours), (PELICAN, plain)], runs
    )
    cpu = {
        name: statistics.median(CPU[(*cmd, str(ours))])
        for (cmd, _), name in zip(
            [*only, (FORCED, ours), (BUILD, ours)], ("", *FORMATS, "all", "again"), strict=True
        )
    }
    printed = sorted(str(p.relative_to(ours / "output")) for p in documents(ours))
    pair = paired(only[0], (PELICAN, plain), 3 * runs)  # HTML only: the documents go
    return {
        "pair": pair,
        "cpu": {name: seconds - cpu[""] for name, seconds in cpu.items() if name},
        "html_cpu": cpu[""],
        "pelican_cpu": statistics.median(CPU[(*PELICAN, str(plain))][1:]),
        "pages": pages,
        "html": html,
        "html_mb": html_mb,
        "formats": {name: seconds - html for name, (seconds, _) in zip(FORMATS, each, strict=True)},
        "documents": printed,
        "pdf": full,
        "pdf_mb": full_mb,
        "again": again,
        "pelican": pelican,
        "pelican_mb": pelican_mb,
    }


def bench_html(tmp: Path, runs: int) -> dict:
    """The sample's HTML build against plain Pelican only (no document): `--only html`."""
    ours = project(tmp / "html")
    run([*BUILD, "--formats", ""], ours)
    pages = html_pages(ours)
    plain = plain_site(tmp / "plain-html", pages)
    run(PELICAN, plain)
    pair = paired(([*BUILD, "--formats", ""], ours), (PELICAN, plain), 3 * runs)
    return {"pages": pages, "pair": pair}


def _html_lines(results: dict) -> list[str]:
    h = results["html"]
    return ["## The HTML build", "", _pair_line(h["pages"], h["pair"]), ""]


def _pair_line(pages: int, pair: dict) -> str:
    return (
        f"`profile-gen build --formats ''` of the sample ({pages} pages) against plain Pelican "
        f"on as many Markdown pages, run back to back {pair['rounds']} times: "
        f"**{pair['ratio']:.2f} ×** (the median of the pairs' ratios; in CPU time "
        f"{pair['ratio_cpu']:.2f} ×); medians {pair['ours']:.2f} s and {pair['plain']:.2f} s."
    )


FORMATS = DOCUMENT_FORMATS
"""Each document format, timed on its own (the output registry's)."""


def documents(folder: Path) -> list[Path]:
    output = folder / "output"
    return [
        p
        for p in output.rglob("*")
        if p.is_file()
        and classify(p.relative_to(output).as_posix())
        and p.suffix.lower() in DOCUMENT_SUFFIXES
    ]


def bench_scaling(tmp: Path, runs: int) -> list[dict]:
    rows = []
    for size in (10, 100, 1000):
        ours = project(tmp / f"scale-{size}", make_profile("Bench Étudiant", size, size, seed=size))
        run([*BUILD, "--formats", ""], ours)
        times = runs if size < 1000 else max(1, runs // 2)
        pages = html_pages(ours)
        plain = plain_site(tmp / f"plain-{size}", pages)
        run(PELICAN, plain)
        (seconds, memory), (pelican, pelican_mb) = medians(
            [([*BUILD, "--formats", ""], ours), (PELICAN, plain)], times
        )
        rows.append(
            {
                "size": size,
                "pages": pages,
                "seconds": seconds,
                "mb": memory,
                "pelican": pelican,
                "pelican_mb": pelican_mb,
            }
        )
    plain = plain_site(tmp / "plain-1000-pages", 1000)
    rows.append({"size": "Pelican, 1,000 Markdown pages", "pelican": median(PELICAN, plain, 1)[0]})
    return rows


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_serve(tmp: Path, runs: int) -> float:
    folder = project(tmp / "serve")
    port = free_port()
    server = subprocess.Popen(
        [str(BIN / "profile-gen"), "serve", "--port", str(port)],
        cwd=folder,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    status_url = f"http://127.0.0.1:{port}/__profile_gen/status"

    def build_number() -> int:
        try:
            with urllib.request.urlopen(status_url, timeout=2) as response:
                return json.load(response)["build"]
        except OSError:
            return -1

    try:
        deadline = time.monotonic() + 60
        while build_number() < 1:
            if time.monotonic() > deadline:
                raise SystemExit("serve did not start")
            time.sleep(0.05)
        profile = folder / "content/profile.yaml"
        text = profile.read_text(encoding="utf-8")
        latencies = []
        for attempt in range(runs):
            before = build_number()
            profile.write_text(
                text.replace("Léa Moreau", f"Léa Moreau {attempt}", 1), encoding="utf-8"
            )
            started = time.perf_counter()
            while build_number() == before:
                time.sleep(0.005)
            latencies.append(time.perf_counter() - started)
            time.sleep(0.3)
        return statistics.median(latencies)
    finally:
        server.terminate()
        server.wait()


def bench_weight(tmp: Path) -> list[dict] | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    if not Path("/usr/bin/chromium").exists():
        return None
    folder = project(tmp / "weight")
    run(BUILD, folder)
    output = folder / "output"
    kinds = {".html": "HTML", ".css": "CSS", ".js": "JS", ".ttf": "fonts", ".woff2": "fonts"}
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        for label, page_path in (
            ("home", "index.html"),
            ("annexe", "annexe/index.html"),
            ("deck", "soutenance/index.html"),
        ):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            urls: list[str] = []
            page.on("requestfinished", lambda request, found=urls: found.append(request.url))
            page.goto((output / page_path).as_uri(), wait_until="networkidle")
            blocking = page.evaluate(
                "document.querySelectorAll('head link[rel=stylesheet], head script[src]:not([async]):not([defer])').length"
            )
            sizes: dict[str, int] = {}
            for url in dict.fromkeys(urls):
                path = Path(urllib.request.url2pathname(url.removeprefix("file://")))
                kind = kinds.get(path.suffix, "images")
                sizes[kind] = sizes.get(kind, 0) + path.stat().st_size
            rows.append(
                {
                    "page": label,
                    **sizes,
                    "total": sum(sizes.values()),
                    "blocking": blocking,
                    "outside": sum(1 for url in urls if not url.startswith("file://")),
                }
            )
            page.close()
        browser.close()
    return rows


def bench_cohort(tmp: Path, runs: int, count: int = 100) -> dict:
    """`build --cohort` of `count` Books like the sample (HTML only) against plain Pelican
    writing as many Markdown pages, in turns in the same run."""
    folder = tmp / "cohort"
    project(folder, "")
    for index in range(count):
        member = folder / "classe" / f"etudiant-{index + 1:03d}"
        shutil.copytree(ROOT / "content", member)
        profile = member / "profile.yaml"
        text = profile.read_text(encoding="utf-8").replace("Léa Moreau", f"Étudiant {index + 1}", 1)
        profile.write_text(text, encoding="utf-8")
    cmd = [*BUILD, "--cohort", "classe", "--formats", ""]
    run(cmd, folder)  # warm: the photos' cache, compiled templates
    pages = sum(1 for _ in (folder / "output").glob("*/**/*.html"))
    plain = plain_site(tmp / "plain-cohort", pages)
    run(PELICAN, plain)
    (seconds, memory), (pelican, pelican_mb) = medians([(cmd, folder), (PELICAN, plain)], runs)
    cpu = statistics.median(CPU[(*cmd, str(folder))])
    pelican_cpu = statistics.median(CPU[(*PELICAN, str(plain))])
    return {
        "count": count,
        "built": sum(1 for _ in (folder / "output").glob("*/index.html")),
        "pages": pages,
        "seconds": seconds,
        "cpu": cpu,
        "mb": memory,
        "pelican": pelican,
        "pelican_cpu": pelican_cpu,
        "pelican_mb": pelican_mb,
        "cores": os.cpu_count(),
    }


def cohort_report(c: dict) -> list[str]:
    return [
        "## Cohort",
        "",
        "| build | pages | time (s) | CPU (s) | peak memory (MB) | ratio to plain Pelican |",
        "|---|---:|---:|---:|---:|---:|",
        f"| `profile-gen build --cohort` of {c['count']} Books like the sample, HTML only, "
        f"{c['cores']} processes ({c['built']} built) | {c['pages']} | {c['seconds']:.2f} | "
        f"{c['cpu']:.2f} | {c['mb']} | {c['seconds'] / c['pelican']:.2f} |",
        f"| plain Pelican, {c['pages']} Markdown pages | {c['pages']} | {c['pelican']:.2f} | "
        f"{c['pelican_cpu']:.2f} | {c['pelican_mb']} | 1.00 |",
        "",
        "Peak memory: the largest of the command's processes (the parent or a worker).",
        "",
    ]


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()} {platform.release()}"


def report(results: dict) -> str:
    lines = [
        f"Machine: {results['machine']}  ",
        f"Run: {results['date']}, medians of {results['runs']} whole processes.",
        "",
    ]
    for key, section in SECTIONS:
        if results.get(key):
            lines += section(results)
    lines += ["## Targets", "", "| target | measured | met |", "|---|---|---|"]
    for name, measured, ok in results["targets"]:
        lines.append(f"| {name} | {measured} | {'yes' if ok else '**no**'} |")
    return "\n".join(lines) + "\n"


def _sample_lines(results: dict) -> list[str]:
    s = results["sample"]
    return [
        "## The sample",
        "",
        "| build | pages | time (s) | peak memory (MB) | ratio to plain Pelican |",
        "|---|---:|---:|---:|---:|",
        f"| `profile-gen build --formats ''` (HTML only) | {s['pages']} | {s['html']:.2f} | {s['html_mb']} | {s['pair']['ratio']:.2f} |",
        f"| `profile-gen build` (every document) | {s['pages']} | {s['pdf']:.2f} | {s['pdf_mb']} | {s['pdf'] / s['pelican']:.2f} |",
        f"| plain Pelican, {s['pages']} Markdown pages | {s['pages']} | {s['pelican']:.2f} | {s['pelican_mb']} | 1.00 |",
        "",
        f"The documents add {s['pdf'] - s['html']:.2f} s: "
        + ", ".join(f"`--formats {n}` {t:+.2f} s" for n, t in s["formats"].items())
        + f" (files: {', '.join(s['documents'])}). In CPU time (user + system): "
        + ", ".join(f"{n} {t:+.2f} s" for n, t in s["cpu"].items() if n != "again")
        + ".",
        "",
        *_pace_lines(s),
        f"Built again with no change (`profile-gen build`, every document kept): {s['again']:.2f} s "
        f"({s['again'] - s['html']:+.2f} s over the HTML-only build; CPU {s['cpu']['again']:+.2f} s).",
        "",
        f"In CPU time, the HTML build takes {s['html_cpu']:.2f} s and plain Pelican "
        f"{s['pelican_cpu']:.2f} s ({s['html_cpu'] / s['pelican_cpu']:.2f} ×): on a busy machine "
        "the CPU times compare better than the wall times.",
        "",
        "The HTML build's ratio in the table: " + _pair_line(s["pages"], s["pair"]),
        "",
    ]


def _pace_lines(s: dict) -> list[str]:
    paced = documents_at_pace(s)
    if paced is None:
        return []
    return [
        f"This machine's pace: plain Pelican writes the {s['pages']} pages in {s['pelican']:.2f} s "
        f"({s['pelican_cpu']:.2f} s CPU), against {PACE['wall']:.2f} s ({PACE['cpu']:.2f} s) on "
        "the machine the targets in seconds are set for (`PACE` in `bench/run.py`). At that "
        f"pace the documents add {paced[0]:.2f} s ({paced[1]:.2f} s CPU).",
        "",
    ]


def _scaling_lines(results: dict) -> list[str]:
    lines = [
        "## Scaling (achievements and activities, one language, no PDF)",
        "",
        "| achievements + activities | pages | time (s) | peak memory (MB) | plain Pelican, same pages (s) | ratio |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    rows = results["scaling"]
    for row in rows[:-1]:
        lines.append(
            f"| {row['size']} | {row['pages']} | {row['seconds']:.2f} | {row['mb']} | {row['pelican']:.2f} | {row['seconds'] / row['pelican']:.2f} |"
        )
    return [
        *lines,
        "",
        f"Plain Pelican with 1,000 Markdown pages: {rows[-1]['pelican']:.2f} s.",
        "",
    ]


def _serve_lines(results: dict) -> list[str]:
    return [
        "## Rebuild in `serve`",
        "",
        f"Profile saved → new build served: {results['serve']:.2f} s (median).",
        "",
    ]


def _weight_lines(results: dict) -> list[str]:
    lines = [
        "## What a visitor downloads (Chromium, 1280 × 800)",
        "",
        "| page | HTML | CSS | JS | fonts | images | total | render-blocking requests | outside requests |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in results["weight"]:
        kb = lambda key, row=row: f"{row.get(key, 0) / 1024:.1f} KB"  # noqa: E731
        lines.append(
            f"| {row['page']} | {kb('HTML')} | {kb('CSS')} | {kb('JS')} | {kb('fonts')} | {kb('images')} | {kb('total')} | {row['blocking']} | {row['outside']} |"
        )
    lines.append("")
    return lines


SECTIONS = (
    ("html", _html_lines),
    ("sample", _sample_lines),
    ("scaling", _scaling_lines),
    ("serve", _serve_lines),
    ("weight", _weight_lines),
    ("cohort", lambda results: cohort_report(results["cohort"])),
    ("ci", lambda results: ci.report(results["ci"])),
)


PACE = {"pages": 39, "wall": 0.41, "cpu": 0.38}
"""The pace the targets in seconds are set at: a machine on which plain Pelican writes the
sample's 39 pages in 0.41 s (0.38 s of CPU), as the 2-core machine of 2026-12-04's morning
did. The machine that issue 21 was measured on was no slower (plain Pelican's 3,901 pages:
5.9 s there, 7.7-8.6 s on that machine). On a shared machine the speed of a core varies
twofold from one session to the next: a figure in seconds is checked at this pace, scaled
by plain Pelican's time on the same pages in the same run (interleaved with the builds)."""


def documents_at_pace(s: dict) -> tuple[float, float] | None:
    """The seconds the documents add and their CPU seconds, brought to `PACE` (scaled by
    plain Pelican's time there over its time here); None when the sample's page count is
    not `PACE`'s."""
    if s["pages"] != PACE["pages"]:
        return None
    added, cpu = s["pdf"] - s["html"], s["cpu"]["all"]
    return added * PACE["wall"] / s["pelican"], cpu * PACE["cpu"] / s["pelican_cpu"]


def _documents_target(s: dict) -> tuple[str, str, bool]:
    added, cpu = s["pdf"] - s["html"], s["cpu"]["all"]
    measured = f"{added:.2f} s ({cpu:.2f} s CPU)"
    paced = documents_at_pace(s)
    if paced is not None:
        added, cpu = paced
        measured += f"; at that pace: {added:.2f} s ({cpu:.2f} s CPU)"
    return (
        "all documents cold add ≤ 2 s to the HTML build and ≤ 2.5 s of CPU (issue 21), on a"
        " machine where plain Pelican writes the sample's pages in"
        f" {PACE['wall']:.2f} s ({PACE['cpu']:.2f} s CPU)",
        measured,
        added <= 2.0 and cpu <= 2.5,
    )


def targets(results: dict) -> list[tuple[str, str, bool]]:
    checks = []
    if s := results.get("sample"):
        checks += [
            (
                "sample HTML build ≤ 1.1 × plain Pelican",
                f"{s['pair']['ratio']:.2f} ×",
                s["pair"]["ratio"] <= 1.1,
            ),
            (
                "the documents (PDF, DOCX, PPTX) add ≤ 3 s to the build (the time a student waits;"
                " the CPU time is the work of one core, what a machine without a second core or"
                " without fork, such as Windows, waits)",
                f"{s['pdf'] - s['html']:.2f} s ({s['cpu']['all']:.2f} s CPU)",
                s["pdf"] - s["html"] <= 3.0,
            ),
            _documents_target(s),
            (
                "a rebuild with no change ≤ the HTML-only build + 0.2 s",
                f"{s['again'] - s['html']:+.2f} s",
                s["again"] - s["html"] <= 0.2,
            ),
        ]
    if rows := results.get("scaling"):
        by_size = {row["size"]: row for row in rows}
        checks += [
            (
                "1,000 achievements ≤ 12 × the time of 100",
                f"{by_size[1000]['seconds'] / by_size[100]['seconds']:.1f} ×",
                by_size[1000]["seconds"] <= 12 * by_size[100]["seconds"],
            ),
            (
                "1,000 achievements no slower than Pelican with 1,000 Markdown pages",
                f"{by_size[1000]['seconds']:.2f} s vs {rows[-1]['pelican']:.2f} s",
                by_size[1000]["seconds"] <= rows[-1]["pelican"],
            ),
        ]
    if "serve" in results:
        checks.append(
            ("rebuild in serve < 0.5 s", f"{results['serve']:.2f} s", results["serve"] < 0.5)
        )
    if results.get("weight"):
        home = next(row for row in results["weight"] if row["page"] == "home")
        checks.append(
            (
                "home page < 150 KB in total, photo included",
                f"{home['total'] / 1024:.1f} KB",
                home["total"] < 150 * 1024,
            )
        )
        checks.append(
            (
                "home page: one render-blocking request (the CSS)",
                str(home["blocking"]),
                home["blocking"] == 1,
            )
        )
    if results.get("cohort"):
        checks.append(cohort_target(results["cohort"]))
    if (h := results.get("html")) and not results.get("sample"):
        checks.append(
            (
                "sample HTML build ≤ 1.1 × plain Pelican",
                f"{h['pair']['ratio']:.2f} ×",
                h["pair"]["ratio"] <= 1.1,
            )
        )
    if job := results.get("ci"):
        checks.append(
            (
                "the student's CI job (warm pip cache) ≤ 30 s",
                f"{job['total']:.1f} s",
                job["total"] <= 30,
            )
        )
    return checks


def cohort_target(c: dict) -> tuple[str, str, bool]:
    return (
        f"a cohort of {c['count']} Books no slower than plain Pelican on the same pages",
        f"{c['seconds']:.2f} s vs {c['pelican']:.2f} s ({c['seconds'] / c['pelican']:.2f} ×)",
        c["seconds"] <= c["pelican"],
    )


MEASURES = ("html", "sample", "scaling", "serve", "weight", "cohort", "ci")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", help="also write the report to this Markdown file")
    parser.add_argument(
        "--ci",
        action="store_true",
        help="also time the student's CI job: a fresh virtual environment, the starter "
        "workflow's install (warm pip cache), check and HTML build (a minute or two)",
    )
    parser.add_argument(
        "--only",
        nargs="+",
        choices=MEASURES,
        help="run these measures only (`--only html`: the sample's HTML build against plain "
        "Pelican, no document); not with --write",
    )
    parser.add_argument("--cohort", type=int, metavar="BOOKS", help="only the cohort, of BOOKS")
    args = parser.parse_args()
    if args.cohort:
        with tempfile.TemporaryDirectory(prefix="profile-gen-bench-") as folder:
            cohort = bench_cohort(Path(folder), args.runs, args.cohort)
        target = cohort_target(cohort)
        print("\n".join([*cohort_report(cohort), f"{target[0]}: {target[1]}"]))
        return 0
    if args.only and args.write:
        parser.error("--write needs every measure: leave --only out")
    chosen = args.only or [
        name for name in MEASURES if name != "html" and (name != "ci" or args.ci)
    ]
    measures = {
        "html": lambda tmp: bench_html(tmp, args.runs),
        "sample": lambda tmp: bench_sample(tmp, args.runs),
        "scaling": lambda tmp: bench_scaling(tmp, args.runs),
        "serve": lambda tmp: bench_serve(tmp, args.runs),
        "weight": bench_weight,
        "cohort": lambda tmp: bench_cohort(tmp, max(1, args.runs // 2)),
        "ci": lambda tmp: ci.bench_ci(tmp, min(args.runs, 3), ROOT, BIN, ENV),
    }
    with tempfile.TemporaryDirectory(prefix="profile-gen-bench-") as folder:
        tmp = Path(folder)
        results = {"machine": machine(), "runs": args.runs, "date": time.strftime("%Y-%m-%d")}
        for key in MEASURES:
            if key in chosen:
                print(f"… {key}", file=sys.stderr, flush=True)
                results[key] = measures[key](tmp)
    results["targets"] = targets(results)
    text = report(results)
    print(text)
    if args.write:
        target = Path(args.write)
        header = "# Performance\n\nFigures printed by `bench/run.py` (see the README).\n\n"
        previous = target.read_text(encoding="utf-8") if target.exists() else ""
        notes = previous[previous.index(NOTES) :] if NOTES in previous else ""
        target.write_text(header + text + ("\n" + notes if notes else ""), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
