"""The offline workshop bundle: what goes into the zip, and that it is reproducible."""

from __future__ import annotations

import zipfile
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.workshop import write_bundle

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
    assert links["routeboekje-moet-ik-reageren.pdf"] == (
        "routeboekjes/routeboekje-moet-ik-reageren.pdf"
    )
    assert not list(target.parent.glob("*.tmp"))


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
