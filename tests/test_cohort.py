"""`profile-gen build --cohort DIR`: every profile folder built, a broken one reported alone."""

from __future__ import annotations

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
        profile.write_text(
            profile.read_text("utf-8").replace("name: Léa Moreau", f"name: {name}", 1), "utf-8"
        )
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
    output = tmp_path / "output"
    for slug, name in (("lea-moreau", "Léa Moreau"), ("marc-petit", "Marc Petit")):
        home = BeautifulSoup((output / slug / "index.html").read_text("utf-8"), "html.parser")
        assert home.find("h1").get_text() == name
        assert (output / slug / "images/portrait-160.webp").is_file()
        assert (output / slug / "soutenance/index.html").is_file()
    assert not (output / "zoe-broken").exists()
    index = BeautifulSoup((output / "index.html").read_text("utf-8"), "html.parser")
    links = {a.get_text(): a["href"] for a in index.find_all("a")}
    assert links == {"Léa Moreau": "lea-moreau/index.html", "Marc Petit": "marc-petit/index.html"}
    assert "zoe-broken" in index.get_text()


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
