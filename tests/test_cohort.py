"""`profile-gen build --cohort DIR`: every profile folder built, a broken one reported alone."""

from __future__ import annotations

import csv
import shutil

from bs4 import BeautifulSoup

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
    result = run_cli("build", "--cohort", str(classe), "--no-pdf", "--jobs", "2")
    assert result.code == 2  # one profile failed
    assert "2/3 Books" in result.out and "zoe-broken" in result.out
    assert "zoe-broken" in result.err and "profile.yaml:3:3: identity.headlin" in result.err
    # (not built: whatever the reason, a profile, an article, a template; the error says it)
    assert "✗ zoe-broken : non construit" in result.err
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
        "prêt",
    ]
    marc = books["Marc Petit"]
    assert marc.find_all("td")[1].get_text() == "10/11" and "prêt" not in marc.get_text()
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
    with path.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.DictReader(file))


def test_all_valid_cohort_exits_0_and_keeps_books_when_one_breaks(tmp_path, run_cli, in_dir):
    classe = make_cohort(tmp_path)
    shutil.rmtree(classe / "zoe-broken")
    in_dir(tmp_path)
    assert run_cli("build", "--cohort", str(classe), "--no-pdf").code == 0
    before = (tmp_path / "output/marc-petit/index.html").read_bytes()
    profile = classe / "marc-petit/profile.yaml"
    profile.write_text(profile.read_text("utf-8").replace("headline:", "headlin:", 1), "utf-8")
    assert run_cli("build", "--cohort", str(classe), "--no-pdf").code == 2
    assert (tmp_path / "output/marc-petit/index.html").read_bytes() == before


def test_cohort_errors(tmp_path, run_cli, in_dir):
    shutil.copy(ROOT / "pelican.conf.py", tmp_path / "pelican.conf.py")
    in_dir(tmp_path)
    (tmp_path / "vide").mkdir()
    result = run_cli("build", "--cohort", "vide")
    assert result.code == 2 and "aucun sous-dossier avec un profile.yaml" in result.err
    result = run_cli("build", "--cohort", "absent")
    assert result.code == 2 and "dossier introuvable" in result.err
