"""`profile-gen build --cohort DIR`: every profile folder built, a broken one reported alone."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
from itertools import chain
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from profile_gen.app.cohort import Outcome, find_profiles, write_index
from profile_gen.app.cohort_pool import built_in_pool
from profile_gen.app.cohort_progress import Progress
from profile_gen.app.cohort_shard import parse_shard, shard_members, write_shard
from profile_gen.errors import BuildError
from profile_gen.outputs import DOCUMENT_SUFFIXES
from tests.conftest import ROOT


def make_cohort(root):
    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    classe = root / "classe"
    for folder, name in (("Léa Moreau", "Léa Moreau"), ("marc-petit", "Marc Petit")):
        shutil.copytree(ROOT / "content", classe / folder)
        profile = classe / folder / "profile.yaml"
        text = profile.read_text("utf-8").replace("name: Léa Moreau", f"name: {name}", 1)
        if name == "Marc Petit":  # no LinkedIn yet, and English first: his deck is defence/
            text = text.replace("  linkedin: https://www.linkedin.com/in/lea-moreau-exemple/\n", "")
            text = text.replace("locale: [fr, en]", "locale: [en, fr]", 1)
        profile.write_text(text, "utf-8")
    broken = classe / "zoe-broken"
    broken.mkdir()
    (broken / "profile.yaml").write_text("identity:\n  name: Zoé\n  headlin: oups\n", "utf-8")
    (classe / "notes").mkdir()  # no profile.yaml: not a member
    return classe


def test_cohort_builds_every_valid_profile(tmp_path, run_cli, in_dir):
    classe = make_cohort(tmp_path)
    in_dir(tmp_path)
    result = run_cli("build", "--cohort", str(classe), "--formats=", "--jobs", "2")  # the Books
    assert result.code == 2  # one profile failed
    assert "2/3 Books" in result.out and "zoe-broken" in result.out
    assert "zoe-broken" in result.err and "profile.yaml:3:3: identity.headlin" in result.err
    # (not built: whatever the reason, a profile, an article, a template; the error says it)
    assert "✗ zoe-broken : non construit" in result.err
    assert "construisez avec --public" in result.out  # the annexes print the phone
    output = tmp_path / "output"
    decks = {"lea-moreau": "soutenance", "marc-petit": "defence"}
    for slug, name in (("lea-moreau", "Léa Moreau"), ("marc-petit", "Marc Petit")):
        home = BeautifulSoup((output / slug / "index.html").read_text("utf-8"), "html.parser")
        assert home.find("h1").get_text() == name
        assert (output / slug / "images/portrait-160.webp").is_file()
        assert (output / slug / decks[slug] / "index.html").is_file()
    assert not (output / "zoe-broken").exists()
    index = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    books = {row.find("a").get_text(): row for row in index.select("#cohort-table tbody tr")}
    assert list(books) == ["Léa Moreau", "Marc Petit"]
    for slug, row in zip(("lea-moreau", "marc-petit"), books.values(), strict=True):
        hrefs = [a["href"] for a in row.find_all("a") if a["href"].endswith(".html")]
        assert hrefs == [
            f"{slug}/{page}/index.html".replace("//", "/") for page in ("", "annexe", decks[slug])
        ]
        assert all((output / href).is_file() for href in hrefs)
    # the tutor sees each student's readiness: the sample is complete, Marc lacks an item
    assert [td.get_text(" ", strip=True) for td in books["Léa Moreau"].find_all("td")[1:4]] == [
        "11/11",
        "7/7",
        "100\u00a0% · prêt",  # French typography: a no-break space before %
    ]
    marc = books["Marc Petit"]
    assert marc.find_all("td")[1].get_text() == "10/11" and "prêt" not in marc.get_text()
    assert marc["data-readiness"] == str(100 * 17 // 18) and "94\u00a0%" in marc.get_text()
    assert [li.get_text() for li in marc.select("details li")] == ["QR code + lien vers LinkedIn"]
    # and why a profile could not be built
    failed = index.find("h2", class_="failed").find_next("ul").get_text()
    assert "zoe-broken" in failed and "identity.headlin" in failed
    # the readiness table beside the page, every member in it, the broken one too
    rows = read_csv(output / "cohort.csv")
    assert [row["Identifiant"] for row in rows] == ["lea-moreau", "marc-petit", "zoe-broken"]
    assert [row["État"] for row in rows] == ["prêt", "à compléter", "non construit"]
    assert rows[1]["Annexes présentes"] == "10" and rows[1]["Annexes attendues"] == "11"
    assert "identity.headlin" in rows[2]["Erreur"]
    # stderr is no terminal here: plain progress lines, then the failures, at the end
    err = result.err.splitlines()
    assert "Books 3/3 (1 en échec)" in err
    assert err.index("Books 3/3 (1 en échec)") < err.index("✗ zoe-broken : non construit")


def read_csv(path):
    """The rows of a cohort's CSV: separated by semicolons in French, commas in English."""
    with path.open(encoding="utf-8-sig", newline="") as file:
        header = file.readline()
        file.seek(0)
        delimiter = ";" if header.count(";") > header.count(",") else ","
        return list(csv.DictReader(file, delimiter=delimiter))


def test_all_valid_cohort_exits_0_and_keeps_books_when_one_breaks(tmp_path, run_cli, in_dir):
    classe = make_cohort(tmp_path)
    shutil.rmtree(classe / "zoe-broken")
    in_dir(tmp_path)
    assert run_cli("build", "--cohort", str(classe), "--formats=").code == 0  # the Books
    before = (tmp_path / "output/marc-petit/index.html").read_bytes()
    profile = classe / "marc-petit/profile.yaml"
    profile.write_text(profile.read_text("utf-8").replace("headline:", "headlin:", 1), "utf-8")
    assert run_cli("build", "--cohort", str(classe), "--formats=").code == 2
    assert (tmp_path / "output/marc-petit/index.html").read_bytes() == before


def test_cohort_errors(tmp_path, run_cli, in_dir):
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    in_dir(tmp_path)
    (tmp_path / "vide").mkdir()
    result = run_cli("build", "--cohort", "vide")
    assert result.code == 2 and "aucun sous-dossier avec un profile.yaml" in result.err
    result = run_cli("build", "--cohort", "absent")
    assert result.code == 2 and "dossier introuvable" in result.err


# --------------------------------------------------------------------------- the page at scale


def outcomes_of(count: int) -> list[Outcome]:
    """Generated members: readiness from nothing to complete, one not built."""
    members = [
        Outcome(
            f"etudiant-{index:04d}",
            True,
            name=f"Étudiant {index:04d}",
            headline="Chef de projet",
            annexe=(index % 12, 11),
            defence=(index % 8, 7),
            missing=() if (index % 12, index % 8) == (11, 7) else ("QR code",),
        )
        for index in range(count)
    ]
    return [*members, Outcome("zz-casse", False, error="profile.yaml:3:3: identity.headlin")]


def test_index_is_a_sortable_filterable_table_with_its_csv(tmp_path):
    write_index(ROOT / "theme", tmp_path, outcomes_of(1000), "en")
    soup = BeautifulSoup((tmp_path / "index.html").read_text("utf-8"), "html.parser")
    heads = soup.select("#cohort-table thead th")
    assert [th.get("data-sort") for th in heads] == ["name", "annexe", "defence", "readiness", None]
    assert heads[0]["aria-sort"] == "ascending" and all(th["scope"] == "col" for th in heads)
    rows = soup.select("#cohort-table tbody tr")
    assert len(rows) == 1000  # the one not built is listed apart
    assert [row.find("a").get_text() for row in rows[:2]] == ["Étudiant 0000", "Étudiant 0001"]
    readiness = {row.find("a").get_text(): int(row["data-readiness"]) for row in rows}
    assert readiness["Étudiant 0000"] == 0 and readiness["Étudiant 0011"] == 100 * 14 // 18
    assert all(0 <= value <= 100 for value in readiness.values())
    # accents left out, as the script folds what is typed: "etudiant" finds "Étudiant"
    assert rows[3]["data-search"] == "etudiant 0003 etudiant-0003 chef de projet to complete"
    # without script: the whole table, no filter that would do nothing
    tools = soup.find(id="cohort-tools")
    assert tools.has_attr("hidden")
    assert (
        soup.find("label", attrs={"for": "cohort-filter"}).get_text()
        == "Filter (name, headline, status)"
    )
    shown = soup.find(id="cohort-shown")
    assert (shown["data-many"], shown["data-singular"]) == ("{count} of {total} Books shown", "1")
    link = soup.find("a", href="cohort.csv")
    assert link is not None and (tmp_path / link["href"]).is_file()
    assert "zz-casse" in soup.find("h2", class_="failed").find_next("ul").get_text()


def test_csv_reads_back_and_never_runs_a_formula(tmp_path):
    hostile = [
        Outcome(
            "a",
            True,
            name='=HYPERLINK("http://x";"clic")',
            annexe=(3, 11),
            defence=(7, 7),
            missing=("Langues",),
        ),
        Outcome("b", True, name="+33 6 12", headline="x", annexe=(11, 11), defence=(7, 7)),
        Outcome("c", True, name="-2+3", missing=("@SUM(A1)", "Langues"), annexe=(9, 11)),
        Outcome("d", False, error="\tprofile.yaml: oups\nligne 2"),
    ]
    write_index(ROOT / "theme", tmp_path, hostile, "fr")
    raw = (tmp_path / "cohort.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # for spreadsheets
    assert raw.splitlines()[0].decode("utf-8-sig").startswith("Identifiant;Nom;")  # French Excel
    (tmp_path / "en").mkdir()
    write_index(ROOT / "theme", tmp_path / "en", hostile, "en")
    assert (tmp_path / "en/cohort.csv").read_text("utf-8-sig").startswith("Slug,Name,")
    rows = read_csv(tmp_path / "cohort.csv")
    assert [row["Nom"] for row in rows] == [
        '\'=HYPERLINK("http://x";"clic")',
        "'+33 6 12",
        "'-2+3",
        "",
    ]
    assert rows[2]["À compléter"] == "'@SUM(A1) ; Langues"
    assert rows[3]["Erreur"] == "'\tprofile.yaml: oups\nligne 2"
    assert [row["État"] for row in rows] == ["à compléter", "prêt", "à compléter", "non construit"]
    assert (rows[0]["Annexes présentes"], rows[0]["Critères de soutenance remplis"]) == ("3", "7")
    assert rows[0]["Préparation (%)"] == str(100 * 10 // 18) and rows[3]["Préparation (%)"] == ""
    assert rows[1]["Book"] == "b/index.html" and rows[3]["Book"] == ""


# --------------------------------------------------------------------------- shards


def test_shards_are_deterministic_disjoint_and_complete(tmp_path):
    for index in range(23):
        member = tmp_path / f"Élève {index}"
        member.mkdir()
        (member / "profile.yaml").write_text("identity: {}\n", "utf-8")
    members = find_profiles(tmp_path)
    slugs = [slug for slug, _, _ in members]
    for count in (1, 2, 3, 7, 23, 30):
        shards = [[s for s, _, _ in shard_members(members, k, count)] for k in range(1, count + 1)]
        assert sorted(chain.from_iterable(shards)) == sorted(slugs)  # complete, and disjoint
        assert max(map(len, shards)) - min(map(len, shards)) <= 1  # balanced
        again = find_profiles(tmp_path)
        assert shards == [
            [s for s, _, _ in shard_members(again, k, count)] for k in range(1, count + 1)
        ]


@pytest.mark.parametrize("text", ["0/3", "4/3", "a/b", "3", "2/", "-1/2", "1/3/4"])
def test_a_bad_shard_is_a_user_error(text, tmp_path, run_cli, in_dir):
    with pytest.raises(BuildError):
        parse_shard(text)
    in_dir(tmp_path)
    (tmp_path / "classe").mkdir()
    result = run_cli("build", "--cohort", "classe", f"--shard={text}")
    assert result.code == 2 and "--shard attend K/N" in result.err and text in result.err
    result = run_cli("--lang", "en", "build", "--shard", "1/2")
    assert result.code == 2 and "--shard only goes with --cohort DIR" in result.err


def test_shards_then_merge_write_one_index(tmp_path, run_cli, in_dir):
    classe = make_cohort(tmp_path)
    shutil.rmtree(classe / "marc-petit")  # one Book to build, one member that fails
    in_dir(tmp_path)
    first = run_cli("build", "--cohort", "classe", "--formats=", "--shard", "1/2")
    assert first.code == 0 and "1/1 Books" in first.out
    output = tmp_path / "output"
    assert not (output / "index.html").exists()  # the merge writes it
    assert (output / "lea-moreau/index.html").is_file()
    # --formats= honoured: the pages only
    assert not [p for p in (output / "lea-moreau").rglob("*") if p.suffix in DOCUMENT_SUFFIXES]
    second = run_cli("build", "--cohort", "classe", "--formats=", "--shard", "2/2")
    assert second.code == 2 and "✗ zoe-broken : non construit" in second.err
    shard = json.loads((output / "cohort-shard-1-of-2.json").read_text("utf-8"))
    assert [member["slug"] for member in shard["members"]] == ["lea-moreau"]
    merged = run_cli("build", "--cohort", "classe", "--merge")
    assert merged.code == 2 and "1/2 Books réunis" in merged.out
    assert "✗ zoe-broken : non construit" in merged.err and "identity.headlin" in merged.err
    index = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    assert [a.get_text() for a in index.select("#cohort-table tbody tr td:first-child a")] == [
        "Léa Moreau"
    ]
    assert [row["État"] for row in read_csv(output / "cohort.csv")] == ["prêt", "non construit"]


def fake_shards(output, members):
    """Shard files as CI jobs leave them, with the Books they name."""
    output.mkdir()
    for index, slug in enumerate(members, start=1):
        (output / slug).mkdir()
        (output / slug / "index.html").write_text("<h1>Book</h1>", "utf-8")
        outcome = Outcome(slug, True, name=slug.title(), annexe=(11, 11), defence=(7, 7))
        write_shard(output, (index, len(members)), [outcome])


def test_merge_names_the_members_no_shard_built(tmp_path, run_cli, in_dir):
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    for name in ("ana", "ben", "chloe"):
        (tmp_path / "classe" / name).mkdir(parents=True)
        (tmp_path / "classe" / name / "profile.yaml").write_text("identity: {}\n", "utf-8")
    in_dir(tmp_path)
    assert "aucun fichier cohort-shard" in run_cli("build", "--cohort", "classe", "--merge").err
    fake_shards(tmp_path / "output", ["ana", "ben"])
    (tmp_path / "output/ben/index.html").unlink()  # its artifact half lost
    result = run_cli("--lang", "en", "build", "--cohort", "classe", "--merge")
    assert result.code == 2 and "1/3 Books gathered" in result.out
    assert f"{Path('classe/chloe')}: built by no share" in result.err
    assert "built by share cohort-shard-2-of-2.json, but its Book is missing" in result.err
    rows = read_csv(tmp_path / "output/cohort.csv")
    assert [(row["Slug"], row["Status"]) for row in rows] == [
        ("ana", "ready"),
        ("ben", "not built"),
        ("chloe", "not built"),
    ]


def test_merge_refuses_the_shares_of_two_splits(tmp_path, run_cli, in_dir):
    """`--shard K/2` then `--shard K/3` into one folder: a member named twice or lost
    between them; the merge refuses, naming the files, and writes nothing."""
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    for name in ("ana", "ben"):
        (tmp_path / "classe" / name).mkdir(parents=True)
        (tmp_path / "classe" / name / "profile.yaml").write_text("identity: {}\n", "utf-8")
    fake_shards(tmp_path / "output", ["ana", "ben"])
    write_shard(tmp_path / "output", (1, 3), [Outcome("ana", True, name="Ana")])
    in_dir(tmp_path)
    result = run_cli("build", "--cohort", "classe", "--merge")
    assert result.code == 2 and "plusieurs découpages" in result.err, result.err
    assert "cohort-shard-1-of-3.json" in result.err and "cohort-shard-2-of-2.json" in result.err
    assert not (tmp_path / "output/index.html").exists()


@pytest.mark.parametrize(
    "change",
    [
        lambda data: data["members"][0].update(slug="../../etc"),
        lambda data: data["members"][0].update(deck="https://evil.example/"),
        lambda data: data["members"][0].update(documents=["../secret.pdf"]),
        lambda data: data["members"][0].update(annexe="beaucoup"),
        lambda data: data.update(format="autre chose"),
    ],
)
def test_merge_refuses_a_tampered_shard_file(tmp_path, run_cli, in_dir, change):
    shutil.copytree(ROOT / "theme", tmp_path / "theme")
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    (tmp_path / "classe/ana").mkdir(parents=True)
    (tmp_path / "classe/ana/profile.yaml").write_text("identity: {}\n", "utf-8")
    fake_shards(tmp_path / "output", ["ana"])
    shard = tmp_path / "output/cohort-shard-1-of-1.json"
    data = json.loads(shard.read_text("utf-8"))
    change(data)
    shard.write_text(json.dumps(data), "utf-8")
    in_dir(tmp_path)
    result = run_cli("build", "--cohort", "classe", "--merge")
    assert result.code == 2 and "fichier de part illisible" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "output/index.html").exists()


# --------------------------------------------------------------------------- progress, workers


def test_progress_is_plain_lines_without_a_terminal():
    stream = io.StringIO()
    bar = Progress(25, "en", stream=stream)
    for index in range(25):
        bar.advance(ok=index != 4)
    bar.close()
    assert stream.getvalue().splitlines() == [
        "Books 3/25",  # a line every tenth (rounded up), the failures counted from the 5th
        *(f"Books {done}/25 (1 failed)" for done in (6, 9, 12, 15, 18, 21, 24, 25)),
    ]


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_redraws_one_line_on_a_terminal():
    stream = Terminal()
    bar = Progress(4, "fr", stream=stream)
    for ok in (True, False, True, True):
        bar.advance(ok)
    bar.close()
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    frames = text.rstrip("\n").split("\r")[1:]
    assert frames[0].rstrip() == "[#####...............] Books 1/4"
    assert frames[-1].rstrip() == "[####################] Books 4/4 (1 en échec)"
    assert len({len(frame) for frame in frames[1:]}) == 1  # the same width: never wrapped


def worker_pid(slug, *rest):
    return os.getpid()


def test_workers_are_replaced_after_their_share_and_every_member_ends():
    arguments = {f"m{index}": (None, f"m{index}", Path(".")) for index in range(7)}
    pids = list(built_in_pool(worker_pid, arguments, 2, print, print, per_worker=1))
    assert len(pids) == 7 and os.getpid() not in pids
    assert len(set(pids)) >= 4  # 2 workers per generation of 2 members, 4 generations


def test_page_sorts_filters_and_passes_axe_in_a_browser(chromium, tmp_path):
    """axe finds nothing in the light and the dark scheme, as loaded and once sorted (the
    page's script reads no scheme: one page, its scheme switched for each axe run)."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.test_a11y_browser import axe_violations

    def axe_in_each_scheme() -> None:
        for scheme in ("light", "dark"):
            page.emulate_media(color_scheme=scheme)
            assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (
                scheme == "dark"
            )
            assert axe_violations(page, axe) == [], scheme

    axe = Axe()
    write_index(ROOT / "theme", tmp_path, outcomes_of(40), "fr")
    page = chromium.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((tmp_path / "index.html").as_uri())
    assert page.is_visible("#cohort-filter")  # the script shows the tools it drives
    axe_in_each_scheme()
    names = "#cohort-table tbody tr:not([hidden]) td:first-child a"
    page.fill("#cohort-filter", "0003")
    assert page.locator(names).all_inner_texts() == ["Étudiant 0003"]
    assert page.inner_text("#cohort-shown") == "1 Book affiché sur 40"
    page.fill("#cohort-filter", "ÉTUDIANT 001")  # every word, in any case: 0001, 0010-0019
    assert page.inner_text("#cohort-shown") == "11 Books affichés sur 40"
    page.fill("#cohort-filter", "etudiant 001")  # accents left out, as typed in a hurry
    assert page.inner_text("#cohort-shown") == "11 Books affichés sur 40"
    page.fill("#cohort-filter", "")
    page.click("th[data-sort=readiness] button")
    assert page.get_attribute("th[data-sort=readiness]", "aria-sort") == "ascending"
    assert page.get_attribute("th[data-sort=name]", "aria-sort") is None
    readiness = page.eval_on_selector_all(
        "#cohort-table tbody tr", "rows => rows.map(row => Number(row.dataset.readiness))"
    )
    assert readiness == sorted(readiness) and readiness[0] < readiness[-1]
    page.click("th[data-sort=readiness] button")
    first = page.locator(names).first.inner_text()
    assert first == "Étudiant 0023"  # 11/11 and 7/7: the only complete one of 40
    axe_in_each_scheme()
    page.close()
    assert all(url.startswith("file://") for url in requests)  # offline: nothing fetched


def slow_class(root: Path) -> Path:
    """A class of three small Books (no photo, no article): `healthy`, `other`, and the one a
    test holds (`slow`)."""
    from tests.profiles import MINIMAL, make_project

    shutil.copytree(ROOT / "theme", root / "theme")
    shutil.copy(ROOT / "pelican.conf.py", root / "pelican.conf.py")
    make_project(root / "minimal", base=MINIMAL, image=None, articles=False)
    for slug in ("healthy", "other", "slow"):
        shutil.copytree(root / "minimal/content", root / "classe" / slug)
    return root / "classe"


def unlimited(real, held: str):
    """`cohort._built` for every member but `held` with no time limit: a test's short limit
    is for the member it holds, never for a healthy one a busy machine builds slowly.
    Workers are forked: they run it."""
    import faulthandler
    import signal

    def built(settings_file, slug, *rest):
        if slug != held:
            signal.setitimer(signal.ITIMER_REAL, 0)
            faulthandler.cancel_dump_traceback_later()
        return real(settings_file, slug, *rest)

    return built


def held(marker: Path, how: str = "alarm"):
    """A member's build that holds `slow` for a minute (and writes `marker` if it ever gets
    to the end): heard at once (`alarm`), its first alarm swallowed as a library that takes
    every exception for one of its own would (`swallowed`), or its alarm blocked as C code
    that holds the interpreter would leave it unheard (`unheard`); the others build for
    real, with no time limit (`unlimited`)."""
    import signal
    import time

    from profile_gen.app import cohort

    real = unlimited(cohort._built, "slow")

    def built(settings_file, slug, *rest):
        if slug == "slow":
            if how == "unheard":
                signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            if how == "swallowed":  # as WeasyPrint's drawing of an SVG picture does
                with contextlib.suppress(BaseException):
                    time.sleep(60)
            time.sleep(60)
            marker.write_text("the build was waited for", "utf-8")
        return real(settings_file, slug, *rest)

    return built


@pytest.mark.parametrize("how", ["alarm", "swallowed", "unheard"])
def test_a_book_held_past_its_time_limit_is_stopped_and_named(tmp_path, monkeypatch, capsys, how):
    """A hostile member made to be slow holds neither a worker nor the class: stopped at its
    limit (by the alarm, which comes again should one be swallowed; when it cannot be
    heard, its worker ends itself `GRACE` later, and the member built again alone ends the
    same way), named, the others built."""
    from profile_gen.app import cohort
    from profile_gen.book import time_limit

    classe, marker = slow_class(tmp_path), tmp_path / "waited"
    monkeypatch.setattr(cohort, "_built", held(marker, how))
    # the watchdog comes at once when the alarm goes unheard, else too late to stop `slow`
    monkeypatch.setattr(time_limit, "GRACE", 0.6 if how == "unheard" else 120.0)
    monkeypatch.setattr(time_limit, "REPEAT", 0.3)
    code = cohort.build_cohort(
        None, classe, tmp_path / "output", jobs=2, lang="en", progress=False, formats=(),
        time_limit=0.6,
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and not marker.exists()
    assert "classe/slow: this Book took longer than 0.01 min to build" in err
    assert "stopped short" not in err and "unexpected" not in err
    for slug in ("healthy", "other"):
        assert (tmp_path / "output" / slug / "index.html").is_file()
    index = BeautifulSoup((tmp_path / "output/index.html").read_text("utf-8"), "html.parser")
    assert "slow" in index.find("h2", class_="failed").find_next("ul").get_text()


def test_the_time_limit_is_given_in_minutes_with_a_cohort_only(tmp_path, run_cli, monkeypatch):
    """(Out of its range, test_cli's argument errors.)"""
    from profile_gen.app import cohort

    asked: list[dict] = []
    monkeypatch.setattr(cohort, "build_cohort", lambda *args, **kwargs: asked.append(kwargs))
    run_cli("build", "--cohort", str(tmp_path), "--time-limit", "3")
    run_cli("build", "--cohort", str(tmp_path))
    assert asked[0]["time_limit"] == 180 and "time_limit" not in asked[1]  # build_cohort's own
    alone = run_cli("--lang", "en", "build", "--time-limit", "3")
    assert alone.code == 2 and "--time-limit only goes with --cohort DIR" in alone.err


def handler_of_sigterm(*args):
    import signal

    return signal.getsignal(signal.SIGTERM)


def test_a_worker_ends_quietly_when_the_pool_stops_it():
    """When a worker dies the pool stops the others with SIGTERM: they end there, not
    through the command's own handler (`stopped_on_sigterm`), which raises."""
    import signal

    from profile_gen.app.startup import stopped_on_sigterm

    arguments = {"m": (None, "m", Path("."))}
    with stopped_on_sigterm():
        assert callable(signal.getsignal(signal.SIGTERM))
        found = list(built_in_pool(handler_of_sigterm, arguments, 1, print, print))
    assert found == [signal.SIG_DFL]


def held_or_pid(folder: Path, slug: str, *rest):
    """`slow` writes its process's id in `folder`, then holds it for a minute (and writes
    `waited` if it ever gets to the end); the others give theirs at once."""
    import time

    if slug == "slow":  # written whole, then named: never read half-written
        (folder / "slow.tmp").write_text(str(os.getpid()), "utf-8")
        (folder / "slow.tmp").rename(folder / "slow.pid")
        time.sleep(60)
        (folder / "waited").write_text("the build was waited for", "utf-8")
    return os.getpid()


def test_a_command_stopped_ends_its_workers_at_once(tmp_path):
    """Ctrl-C, SIGTERM or the caller gone while a Book is held: the workers are ended, not
    waited for until that Book's time limit."""
    import time

    arguments = {slug: (tmp_path, slug) for slug in ("quick", "slow")}
    outcomes = built_in_pool(held_or_pid, arguments, 2, print, print)
    assert isinstance(next(outcomes), int)  # `quick`'s; `slow` is held meanwhile
    for _ in range(6000):  # it starts beside `quick` (a minute at most: never a hang)
        if (tmp_path / "slow.pid").exists():
            break
        time.sleep(0.01)
    outcomes.close()  # what an exception in the command does at the pool's `yield`
    slow = int((tmp_path / "slow.pid").read_text("utf-8"))
    assert not (tmp_path / "waited").exists()
    with pytest.raises(ProcessLookupError):
        os.kill(slow, 0)  # ended and reaped


def test_the_time_limit_holds_nothing_outside_a_worker():
    """In the command's own process (a build, `serve`): no alarm set, no watchdog."""
    import signal

    from profile_gen.book.time_limit import time_limited

    before = signal.getsignal(signal.SIGALRM)
    with time_limited(0.01):
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is before


def test_a_hostile_article_past_the_books_time_limit_leaves_its_worker_sound(
    tmp_path, capsys, monkeypatch
):
    """For real: an article Python-Markdown takes minutes to read (under the article's own
    limit for the first 30 s), in the first Book of a worker that builds the next ones
    (with no limit: `unlimited`)."""
    from profile_gen.app import cohort

    monkeypatch.setattr(cohort, "_built", unlimited(cohort._built, "a-slow"))
    classe = slow_class(tmp_path)
    (classe / "slow").rename(classe / "a-slow")
    articles = classe / "a-slow/articles"
    articles.mkdir()
    (articles / "slow.md").write_text("Title: Slow\nDate: 2025-09-19\n\n" + "[" * 100_000, "utf-8")
    code = cohort.build_cohort(
        None, classe, tmp_path / "output", jobs=1, lang="fr", progress=False, formats=(),
        time_limit=1.0,
    )  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2
    assert "classe/a-slow : ce Book a pris plus de 0.0166667 min" in err
    assert not (tmp_path / "output/a-slow").exists()
    for slug in ("healthy", "other"):
        assert (tmp_path / "output" / slug / "index.html").is_file()


def test_a_public_cohort_keeps_every_annexe_off_its_output(tmp_path, run_cli, in_dir):
    """`--public` holds for a cohort as for one Book: the output a tutor hosts has no
    annexe, CV or document (the phone they print), and the index links none."""
    classe = make_cohort(tmp_path)
    shutil.rmtree(classe / "zoe-broken")
    in_dir(tmp_path)
    result = run_cli("build", "--cohort", str(classe), "--public", "--jobs", "2")
    assert result.code == 0, result.err
    assert "--public" not in result.out
    output = tmp_path / "output"
    digits = "12 34 56 78"
    pages = [p for p in output.rglob("*") if p.is_file()]
    assert any(p.name == "index.html" and p.parent.name == "lea-moreau" for p in pages)
    assert not [p for p in pages if p.suffix in DOCUMENT_SUFFIXES]
    assert not (output / "lea-moreau/annexe").exists() and not (output / "lea-moreau/cv").exists()
    assert not [
        p
        for p in pages
        if p.suffix in (".html", ".csv", ".json", ".xml", ".txt")
        and digits in p.read_text("utf-8", errors="replace")
    ]
    index = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    hrefs = [a["href"] for a in index.select("#cohort-table a")]
    assert hrefs == ["lea-moreau/index.html", "marc-petit/index.html"]  # no page kept off
    assert all((output / href).is_file() for href in hrefs)


def test_a_cohort_built_into_its_own_folder_is_refused(tmp_path, run_cli, in_dir):
    """`-o classe` would replace each student's folder with their Book: refused, untouched."""
    classe = make_cohort(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in classe.rglob("*"))
    in_dir(tmp_path)
    for target in (classe, tmp_path):
        result = run_cli("build", "--cohort", str(classe), "--formats=", "-o", str(target))
        assert result.code == 2 and "choisissez" in result.err, result.err
        assert sorted(p.relative_to(tmp_path) for p in classe.rglob("*")) == before


def test_an_invalid_private_value_is_never_quoted_in_the_cohort_outputs(tmp_path, run_cli, in_dir):
    """A member's `private.yaml` with an invalid phone, an invalid e-mail or broken YAML:
    the member is named with the file, line and field, never with the value (the index,
    the CSV and the summary are read by others)."""
    classe = make_cohort(tmp_path)
    secrets = {
        "marc-petit": (
            "identity:\n  contact:\n    phone: '06 98 76 54 32 (perso)'\n",
            "98 76 54 32",
        ),
        "Léa Moreau": (
            "identity:\n  contact:\n    email: 'lea@@secret-home.example'\n",
            "secret-home",
        ),
    }
    for folder, (text, _) in secrets.items():
        (classe / folder / "private.yaml").write_text(text, "utf-8")
    shutil.copytree(classe / "marc-petit", classe / "yaml-cassé")
    (classe / "yaml-cassé/private.yaml").write_text(
        'identity:\n  contact:\n    phone: "07 11 22 33 44 rue-secrète\n', "utf-8"
    )
    shutil.copytree(classe / "marc-petit", classe / "cle-privee")  # the phone as a key
    (classe / "cle-privee/private.yaml").write_text(
        "identity:\n  contact:\n    06 55 44 33 22: mon portable\n", "utf-8"
    )
    in_dir(tmp_path)
    result = run_cli("build", "--cohort", str(classe), "--formats=", "--jobs", "2")
    assert result.code == 2
    said = [result.out + result.err]
    said += [
        (tmp_path / "output" / name).read_text("utf-8-sig") for name in ("index.html", "cohort.csv")
    ]
    for text in said:
        for secret in ("98 76 54 32", "secret-home", "11 22 33 44", "rue-secrète", "55 44 33"):
            assert secret not in text
    assert "private.yaml:3:" in said[0]
    hidden = ("private.yaml reste privé", "private.yaml stays private")  # each member's language
    assert sum(said[0].count(words) for words in hidden) == 4


def test_the_page_without_script_lists_the_books_by_name():
    """The table's heading says "sorted by name" (`aria-sort` on Name): so is the page a
    browser shows without script, whatever the folders' names."""
    import tempfile

    outcomes = [
        Outcome("a-zoe", True, name="Zoé Martin"),
        Outcome("b-rocket", True, name="rocket"),
        Outcome("c-eloise", True, name="Éloïse Durand"),
        Outcome("d-adam", True, name="Adam"),
    ]
    with tempfile.TemporaryDirectory() as folder:
        write_index(ROOT / "theme", Path(folder), outcomes, "fr")
        soup = BeautifulSoup((Path(folder) / "index.html").read_text("utf-8"), "html.parser")
    names = [row.find("a").get_text() for row in soup.select("#cohort-table tbody tr")]
    assert names == ["Adam", "Éloïse Durand", "rocket", "Zoé Martin"]


def test_the_index_names_members_from_the_cohort_folder_not_the_machine(tmp_path, run_cli, in_dir):
    """Given as an absolute path (a CI runner's `/home/runner/work/…`), the cohort's folder
    is named by its name in what goes online: the index, the CSV, the summary."""
    classe = make_cohort(tmp_path)
    in_dir(tmp_path)
    result = run_cli("build", "--cohort", str(classe.resolve()), "--formats=", "-j", "2")
    assert result.code == 2
    index = (tmp_path / "output/index.html").read_text("utf-8")
    table = (tmp_path / "output/cohort.csv").read_text("utf-8-sig")
    for text in (index, table, result.err):
        assert "classe/zoe-broken/profile.yaml:3:3" in text
        assert str(tmp_path.resolve()) not in text and str(tmp_path) not in text


def test_the_tutor_is_told_of_renamed_ignored_and_stale_folders(tmp_path, run_cli, in_dir):
    """Two folders of one slug: the one named as the slug keeps it, the other is said with
    its new address; a folder without `profile.yaml` (a `profile.yml`) is said ignored; a
    Book left in the output by a folder gone from the cohort is said, not removed."""
    classe = make_cohort(tmp_path)
    shutil.rmtree(classe / "zoe-broken")
    shutil.copytree(classe / "marc-petit", classe / "Marc Petit")  # slug marc-petit too
    (classe / "typo").mkdir()
    (classe / "typo/profile.yml").write_text("identity: {name: T, headline: H}\n", "utf-8")
    in_dir(tmp_path)
    first = run_cli("build", "--cohort", str(classe), "--formats=", "-j", "2")
    assert first.code == 0, first.err
    assert "« Marc Petit » → marc-petit-2" in first.out
    assert "« marc-petit »" not in first.out  # the folder named as its slug keeps it
    assert "sans profile.yaml, ignorés : notes, typo" in first.out
    assert "ne sont plus dans la promotion" not in first.out
    shutil.rmtree(classe / "Marc Petit")
    again = run_cli("build", "--cohort", str(classe), "--formats=", "-j", "2")
    assert "ne sont plus dans la promotion" in again.out and ": marc-petit-2 ;" in again.out
    assert (tmp_path / "output/marc-petit-2/index.html").is_file()  # said, not removed


def test_the_filter_folds_as_the_page_script_does():
    """`text.folded` (each row's data-search) and the script's fold of what is typed
    (`normalize("NFD").replace(/\\p{M}/gu, "")`, lower case) must agree: every mark out, the
    spacing vowel signs of Devanagari too (`प्रिया` typed found nothing)."""
    from profile_gen.text import folded

    assert folded("Élodie Ærø") == "elodie ærø"
    assert folded("प्रिया") == "परय"  # virama (Mn) and vowel signs (Mc) left out


def test_a_public_cohort_leaves_no_annexe_in_its_output_whatever_was_there(
    tmp_path, run_cli, in_dir
):
    """`--public` into an output a full build wrote before: the previous Book a failing
    member keeps, and the Book of a student gone, lose their annexes and documents too."""
    classe = make_cohort(tmp_path)
    shutil.rmtree(classe / "zoe-broken")
    in_dir(tmp_path)
    assert run_cli("build", "--cohort", str(classe), "--formats", "pdf", "-j", "2").code == 0
    output = tmp_path / "output"
    assert (output / "marc-petit/annexe.pdf").is_file()
    (classe / "marc-petit/profile.yaml").write_text("identity: {name: [M\n", "utf-8")  # fails
    shutil.rmtree(classe / "Léa Moreau")  # gone: her Book stays, said stale
    result = run_cli("build", "--cohort", str(classe), "--public", "-j", "2")
    assert result.code == 2
    for book in ("marc-petit", "lea-moreau"):
        assert (output / book / "index.html").is_file()  # the Books stay, as they go online
        left = [p for p in (output / book).rglob("*") if p.is_file()]
        assert not [p for p in left if p.suffix in DOCUMENT_SUFFIXES], book
        assert not (output / book / "annexe/index.html").exists(), book
        assert not (output / book / "cv/index.html").exists(), book


def test_a_cohort_refuses_an_output_that_is_no_cohorts(tmp_path, run_cli, in_dir):
    """A git repository, a folder of files, another site, a student's folder, one Book's
    output: the cohort would overwrite or take them for stale Books. A single build into a
    cohort's output would replace every Book of it."""
    classe = make_cohort(tmp_path)
    shutil.rmtree(classe / "zoe-broken")
    in_dir(tmp_path)
    (tmp_path / "repo/.git").mkdir(parents=True)
    (tmp_path / "documents").mkdir()
    (tmp_path / "documents/cours.txt").write_text("mine", "utf-8")
    (tmp_path / "site/css").mkdir(parents=True)
    (tmp_path / "site/index.html").write_text("<p>mine</p>", "utf-8")
    assert (
        run_cli("build", "--content", str(classe / "marc-petit"), "--formats=", "-o", "one").code
        == 0
    )
    for target in ("repo", "documents", "site", str(classe / "marc-petit"), "one"):
        before = sorted(p.relative_to(tmp_path) for p in (tmp_path / target).rglob("*"))
        result = run_cli("build", "--cohort", str(classe), "--formats=", "-o", target)
        assert result.code == 2 and "pas un dossier de sortie de promotion" in result.err, target
        assert sorted(p.relative_to(tmp_path) for p in (tmp_path / target).rglob("*")) == before
    assert run_cli("build", "--cohort", str(classe), "--formats=", "-o", "promo").code == 0
    again = run_cli("build", "--cohort", str(classe), "--formats=", "-o", "promo")
    assert again.code == 0  # its own output: built again
    single = run_cli("build", "--content", str(classe / "marc-petit"), "--formats=", "-o", "promo")
    assert single.code == 2 and "pas un dossier de sortie de profile-gen" in single.err
    assert (tmp_path / "promo/lea-moreau/index.html").is_file()


def test_a_public_merge_leaves_no_annexe_whatever_each_share_was(tmp_path, run_cli, in_dir):
    classe = make_cohort(tmp_path)
    shutil.rmtree(classe / "zoe-broken")
    in_dir(tmp_path)
    first = run_cli("build", "--cohort", str(classe), "--formats", "pdf", "--shard", "1/2")
    assert first.code == 0 and [p for p in (tmp_path / "output").rglob("annexe.pdf")]
    # share 2 built apart (another CI job), public: its output gathered beside share 1's
    second = run_cli(
        "build", "--cohort", str(classe), "--formats=", "--public", "--shard", "2/2", "-o", "two"
    )
    assert second.code == 0
    shutil.copytree(tmp_path / "two", tmp_path / "output", dirs_exist_ok=True)
    merged = run_cli("build", "--cohort", str(classe), "--merge", "--public")
    assert merged.code == 0, merged.err
    output = tmp_path / "output"
    assert not [p for p in output.rglob("*") if p.suffix in DOCUMENT_SUFFIXES]
    assert not [p for p in output.rglob("annexe/index.html")]
    index = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    hrefs = [a["href"] for a in index.select("#cohort-table a")]
    assert hrefs and all((output / href).is_file() for href in hrefs)
    assert "--public" not in merged.out  # nothing private kept: no warning


def test_a_public_cohort_stopped_leaves_no_staging_behind(tmp_path, monkeypatch):
    """Ctrl-C or a cancelled CI job while Books are built: a worker's staging folder
    (`.slug.building`, a full build before its public copy) holds the annexe; it goes."""
    from profile_gen.app import cohort

    output = tmp_path / "output"
    (output / ".ana.building/annexe").mkdir(parents=True)
    (output / ".ana.building/annexe/index.html").write_text("+33 6 12 34 56 78", "utf-8")

    def stopped(*args, **kwargs):
        raise KeyboardInterrupt
        yield  # a generator, as the pool is

    monkeypatch.setattr(cohort, "built_in_pool", stopped)
    (tmp_path / "classe/ana").mkdir(parents=True)
    (tmp_path / "classe/ana/profile.yaml").write_text("identity: {name: A, headline: B}\n", "utf-8")
    with pytest.raises(KeyboardInterrupt):
        cohort.build_cohort(None, tmp_path / "classe", output, public=True, progress=False)
    assert not (output / ".ana.building").exists()
