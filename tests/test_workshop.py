"""The offline workshop bundle: what goes into the zip, and that it is reproducible."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.workshop.bundle import write_bundle

from .conftest import REPO


def fake_site(folder: Path) -> Path:
    for name, text in {
        "index.html": "<p>Handboek</p>",
        "beslisbomen/index.html": "<p>Bomen</p>",
        "beslisbomen/moet-ik-reageren.html": "<p>Boom</p>",
        ".doctrees/environment.pickle": "intern",
        ".buildinfo": "intern",
    }.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return folder


def test_bundle_holds_site_booklets_and_start_page(tmp_path: Path) -> None:
    site = fake_site(tmp_path / "html")
    booklets = tmp_path / "boekjes"
    booklets.mkdir()
    (booklets / "routeboekje-moet-ik-reageren.pdf").write_bytes(b"%PDF")
    # Issue 29: other files in the booklets' folder stay out of the bundle.
    (booklets / "aantekeningen.txt").write_text("privé")
    (booklets / "routeboekje-oude-boom.pdf").write_bytes(b"%PDF")
    target = tmp_path / "uit" / "workshop.zip"
    write_bundle(site, booklets, [("moet-ik-reageren", "Moet ik <reageren>?")], target)
    with zipfile.ZipFile(target) as bundle:
        names = bundle.namelist()
        start = BeautifulSoup(bundle.read("guidegen-workshop/start.html"), "html.parser")
    assert sorted(names) == [
        "guidegen-workshop/handboek/beslisbomen/index.html",
        "guidegen-workshop/handboek/beslisbomen/moet-ik-reageren.html",
        "guidegen-workshop/handboek/index.html",
        "guidegen-workshop/routeboekjes/routeboekje-moet-ik-reageren.pdf",
        "guidegen-workshop/start.html",
    ]
    links = {a.get_text(): a["href"] for a in start.find_all("a")}
    assert links["Moet ik <reageren>?"] == "handboek/beslisbomen/moet-ik-reageren.html"
    # Booklets by title, not by file name.
    assert links["Routeboekje: Moet ik <reageren>?"] == (
        "routeboekjes/routeboekje-moet-ik-reageren.pdf"
    )
    assert not list(target.parent.glob("*.tmp"))


def test_bundle_takes_the_booklets_the_site_printed_and_an_a_to_z(tmp_path: Path) -> None:
    """Issue 29: booklets built with the site; an A-Z instead of the search offline."""
    site = fake_site(tmp_path / "html")
    printed = site / "beslisbomen" / "routeboekjes"
    printed.mkdir()
    for name in ("routeboekje-a.pdf", "routeboekje-b.pdf", "routeboekje-alle-beslisbomen.pdf"):
        (printed / name).write_bytes(b"%PDF")
    (printed / "routeboekje-weg.pdf").write_bytes(b"%PDF")
    for name, title in (("kennisbank/zee.html", "Zee"), ("kennisbank/appel.html", "Appel")):
        (site / name).parent.mkdir(exist_ok=True)
        (site / name).write_text(f"<title>{title} &#8212; Handboek sociale media</title>")
    target = tmp_path / "workshop.zip"
    names = write_bundle(site, None, [("a", "Boom A"), ("b", "Boom B")], target)
    prefix = "guidegen-workshop/handboek/beslisbomen/routeboekjes/"
    assert sorted(n for n in names if n.startswith(prefix)) == [
        prefix + "routeboekje-a.pdf",
        prefix + "routeboekje-alle-beslisbomen.pdf",
        prefix + "routeboekje-b.pdf",
    ]
    assert not [n for n in names if n.startswith("guidegen-workshop/routeboekjes/")]
    with zipfile.ZipFile(target) as bundle:
        start = BeautifulSoup(bundle.read("guidegen-workshop/start.html"), "html.parser")
        a_to_z = BeautifulSoup(bundle.read("guidegen-workshop/a-z.html"), "html.parser")
    titles = [a.get_text() for a in start.select("h2 + ul a")]
    assert "Routeboekje: alle beslisbomen in één boekje" in titles
    assert "Alle pagina's van A tot Z" in start.get_text()
    assert "Ctrl+F" in start.get_text()
    assert [a.get_text() for a in a_to_z.select("li a")] == ["Appel", "Zee"]
    assert a_to_z.select("li a")[0]["href"] == "handboek/kennisbank/appel.html"


def test_same_inputs_give_the_same_zip(tmp_path: Path) -> None:
    site = fake_site(tmp_path / "html")
    booklets = tmp_path / "boekjes"
    booklets.mkdir()
    first, second = tmp_path / "a.zip", tmp_path / "b.zip"
    write_bundle(site, booklets, [], first)
    write_bundle(site, booklets, [], second)
    assert first.read_bytes() == second.read_bytes()


def test_cli_refuses_a_folder_without_a_built_handbook(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        ["workshop", "--site", str(tmp_path), "--booklets", str(tmp_path), "--project", str(REPO)],
    )
    assert result.exit_code == 2
    assert "bevat geen gebouwd handboek; voer eerst make site uit" in result.output
