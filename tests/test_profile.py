"""Organisation profiles: every error class located at file:line, and the defaults."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from guidegen.content.knowledge import KnowledgeBase
from guidegen.guideline.profile import DEFAULT_PLATFORMS, load_profile, logo_problem
from guidegen.trees.decisiontree import Tree

from .conftest import REPO, write

MINIMAL = """\
organisation:
  name: Gemeente Proefdorp
  type: gemeente
"""


def problems_for(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]], text: str | bytes
) -> list[str]:
    path = tmp_path / "profiel.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        write(path, text)
    loaded, problems = load_profile(path, knowledge[0])
    assert (loaded is None) == bool(problems)
    return [str(problem).replace(str(tmp_path) + "/", "") for problem in problems]


#: Each class of error in a profile: the text, and the message at its file:line:column
#: (the profile form refuses the same texts: tests/browser/test_profile_form.py).
PROFILE_ERRORS = [
    pytest.param(
        MINIMAL + "platfroms: [facebook]\n",
        "profiel.yaml:4:1: fout: onbekend veld 'platfroms' (bedoelde je 'platforms'?)",
        id="unknown-field",
    ),
    pytest.param(
        "organisation:\n  type: gemeente\n",
        "profiel.yaml:2:3: fout: het veld 'name' ontbreekt; het is verplicht",
        id="missing-field",
    ),
    pytest.param(
        MINIMAL + "platforms: facebook\n",
        "profiel.yaml:4:12: fout: platforms: hier hoort een lijst, maar er staat tekst",
        id="wrong-type",
    ),
    pytest.param(
        "organisation:\n  name: Gemeente Proefdorp\n  type: dorp\n",
        "profiel.yaml:3:9: fout: organisation.type: 'dorp' kan hier niet; kies uit "
        "'gemeente', 'provincie', 'waterschap', 'ministerie', 'uitvoeringsorganisatie' of "
        "'politie'",
        id="unknown-type",
    ),
    pytest.param(
        MINIMAL + "platforms: [facebook, myspace]\n",
        "profiel.yaml:4:23: fout: platforms: onbekende waarde 'myspace'; kies uit x-twitter, "
        "facebook, linkedin, youtube, instagram, tiktok, whatsapp-kanalen, mastodon, bluesky, "
        "threads, weblog, eigen-platform",
        id="unknown-platform",
    ),
    pytest.param(
        MINIMAL + "platforms: [facebook, facebook]\n",
        "profiel.yaml:4:12: fout: platforms: 'facebook' staat er 2 keer in; noem elke "
        "waarde één keer",
        id="duplicate-platform",
    ),
    pytest.param(
        MINIMAL + "goals: [wereldvrede]\n",
        "profiel.yaml:4:9: fout: goals: onbekende waarde 'wereldvrede'; kies uit "
        "transparantie, gedrag-beinvloeden, meldingen-ontvangen, dienstverlening, dialoog, "
        "samen-beleid-maken, kennisdeling",
        id="unknown-goal",
    ),
    pytest.param(
        MINIMAL + "audiences: [burgemeester]\n",
        "profiel.yaml:4:13: fout: audiences: onbekende waarde 'burgemeester'; kies uit "
        "ambtenaar, communicatieadviseur, bestuurder, raadslid, community-manager, "
        "projectleider",
        id="unknown-audience",
    ),
    pytest.param(
        MINIMAL + "include: [modereer-met-takt]\n",
        "profiel.yaml:4:11: fout: include.0: er is geen onderdeel met de id "
        "'modereer-met-takt' (bedoelde je 'modereer-met-tact'?)",
        id="dangling-include",
    ),
    pytest.param(
        MINIMAL + "exclude: [webcare]\n",
        "profiel.yaml:4:11: fout: exclude.0: 'webcare' is een begrip; hier kan alleen een "
        "do of don't, strategie, praktijkvoorbeeld, aandachtspunt of stappenplan staan",
        id="exclude-a-term",
    ),
    pytest.param(
        MINIMAL + "include: [modereer-met-tact]\nexclude: [modereer-met-tact]\n",
        "profiel.yaml:1:1: fout: profiel: modereer-met-tact staat zowel bij include als "
        "bij exclude; kies één van beide",
        id="include-and-exclude",
    ),
    pytest.param(
        MINIMAL + "platforms: [facebook]\naccounts:\n  - {platform: linkedin, name: Wij}\n",
        "profiel.yaml:6:16: fout: accounts: het platform 'linkedin' staat niet bij "
        "'platforms'; zet het daar ook bij",
        id="account-platform-not-used",
    ),
    pytest.param(
        MINIMAL + "document:\n  date: '2026-02-30'\n",
        "profiel.yaml:5:9: fout: document.date: '2026-02-30' bestaat niet als datum; "
        "controleer de dag en de maand",
        id="impossible-date",
    ),
    pytest.param(
        MINIMAL + "moderation:\n  remove: [spam, kritiek]\n",
        "profiel.yaml:5:18: fout: moderation.remove.1: 'kritiek' kan hier niet; kies uit "
        "'spam', 'kwetsend' of 'illegaal'",
        id="removal-beyond-the-rule",
    ),
    pytest.param(
        MINIMAL + "purpose: 'Wij <script>alert(1)</script> communiceren'\n",
        "profiel.yaml:4:10: fout: purpose: HTML kan niet in dit veld; gebruik Markdown "
        "(schrijf '&lt;' voor een los '<')",
        id="html-in-markdown",
    ),
    pytest.param(
        MINIMAL + "house_style:\n  colour: '#ffcc00'\n",
        "profiel.yaml:5:11: fout: house_style.colour: de huiskleur #ffcc00 is te licht voor "
        "tekst op wit (contrast 1.5:1, minimaal 4,5:1); kies een donkerdere kleur",
        id="too-light-colour",
    ),
    pytest.param(
        MINIMAL + "max_cases: 500\n",
        "profiel.yaml:4:12: fout: max_cases: mag hoogstens 40 zijn",
        id="too-many-cases",
    ),
    pytest.param(
        MINIMAL + "organisation: [\n",
        "profiel.yaml:5:1: fout: de opmaak (YAML) klopt niet: hier ontbreekt een waarde",
        id="malformed-yaml",
    ),
    pytest.param(
        MINIMAL.encode("utf-8") + b"purpose: caf\xe9\n",
        "profiel.yaml:4:13: fout: het bestand is geen geldige UTF-8 (byte 0xe9); sla het "
        "op als UTF-8",
        id="not-utf8",
    ),
    pytest.param(
        MINIMAL + "purpose: Wij communiceren\x07 open\n",
        "profiel.yaml:4:26: fout: het teken U+0007 (een stuurteken of niet-teken) kan niet "
        "in YAML; haal het weg (een editor laat het vaak niet zien)",
        id="control-character",
    ),
]


@pytest.mark.parametrize(("text", "expected"), PROFILE_ERRORS)
def test_each_profile_error_is_reported_at_its_line(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]], text: str, expected: str
) -> None:
    assert expected in problems_for(tmp_path, knowledge, text)


def test_every_problem_is_reported_at_once(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    text = (
        MINIMAL.replace("  type: gemeente", "  type: dorp")
        + "platfroms: [facebook]\nplatforms: [facebok]\ngoals: [dialoog]\n"
        + "include: [webcare]\nexclude: [bestaat-niet]\ndocument: {date: '2026-13-01'}\n"
    )
    lines = problems_for(tmp_path, knowledge, text)
    assert [line.split(": fout: ")[1].split(":")[0] for line in lines] == [
        "organisation.type",
        "onbekend veld 'platfroms' (bedoelde je 'platforms'?)",
        "platforms",
        "include.0",
        "exclude.0",
        "document.date",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "platforms: [facebok]\n",
            "platforms: onbekende waarde 'facebok' (bedoelde je 'facebook'?); kies uit",
            id="platform",
        ),
        pytest.param(
            "goals: [transparant]\n",
            "goals: onbekende waarde 'transparant' (bedoelde je 'transparantie'?); kies uit",
            id="goal",
        ),
        pytest.param(
            "audiences: [Raadslid]\n",
            "audiences: onbekende waarde 'Raadslid' (bedoelde je 'raadslid'?)",
            id="audience-in-capitals",
        ),
    ],
)
def test_an_unknown_vocabulary_value_gets_a_suggestion(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]], text: str, expected: str
) -> None:
    [line] = problems_for(tmp_path, knowledge, MINIMAL + text)
    assert expected in line


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "document: {date: 1-3-2026}\n",
            "document.date: '1-3-2026' heeft niet de goede vorm; schrijf een datum als "
            "JJJJ-MM-DD, bijvoorbeeld 2026-03-01",
            id="date",
        ),
        pytest.param(
            "organisation: {name: X, type: gemeente, website: www.x.nl}\n",
            "organisation.website: 'www.x.nl' heeft niet de goede vorm; schrijf een webadres "
            "dat begint met https://",
            id="website",
        ),
        pytest.param(
            "organisation: {name: X, type: gemeente, contact: {email: info-at-x.nl}}\n",
            "organisation.contact.email: 'info-at-x.nl' heeft niet de goede vorm; schrijf een "
            "e-mailadres, bijvoorbeeld communicatie@gemeente.nl",
            id="email",
        ),
    ],
)
def test_a_wrong_form_is_explained_in_plain_words(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]], text: str, expected: str
) -> None:
    base = MINIMAL if text.startswith("document") else ""
    [line] = problems_for(tmp_path, knowledge, base + text)
    assert line.endswith(expected)
    assert not any(mark in line for mark in ("\\d", "^", "$", "[", "{"))


BROKEN_PROFILES = [
    "",
    "- een lijst\n",
    "organisation: {name: X, type: gemeente}\norganisation: {name: Y, type: gemeente}\n",
    "organisation: &a {name: X, type: gemeente}\nsections: *a\n",
    "organisation: {name: X, type: gemeente}\nsections: [{title: T, body: '# Kop'}]\n",
    "organisation: {name: X, type: gemeente}\nsections: [{title: T, body: '![x](y.png)'}]\n",
    "organisation: {name: X, type: gemeente}\npurpose: '```{raw} html'\n",
    "organisation: {name: 'a\n\n  b', type: gemeente}\n",
    "organisation: {name: X, type: gemeente}\nmax_cases: veel\n",
    "organisation: {name: X, type: gemeente}\nmax_cases: -1\n",
    "organisation: {name: X, type: gemeente}\nsections: {title: T}\n",
    "organisation: {name: '', type: gemeente}\n",
    "organisation: {name: X, type: gemeente}\nmoderation: {remove: []}\n",
    "organisation: {name: X, type: gemeente}\nroles: {posting: 12}\n",
    "organisation:\n\tname: X\n",
    "organisation: {name: X: Y, type: gemeente}\n",
    "organisation: {name: 'X, type: gemeente}\n",
]
ENGLISH_WORDS = re.compile(
    r"\b(error|expected|unknown|field|missing|allowed|should|must|found|value|input|not)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("text", BROKEN_PROFILES)
def test_everything_a_profile_author_reads_is_dutch(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]], text: str
) -> None:
    lines = problems_for(tmp_path, knowledge, text)
    assert lines
    for line in lines:
        assert ": fout: " in line
        message = line.split(": fout: ", 1)[1]
        assert not ENGLISH_WORDS.search(message), message


def wide_png() -> bytes:
    out = io.BytesIO()
    Image.new("L", (4001, 1)).save(out, "PNG")
    return out.getvalue()


def bomb_png(side: int = 30_000) -> bytes:
    """A PNG header that claims ``side`` × ``side`` pixels (900 million): a decompression bomb."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    chunk = b"IHDR" + header
    ihdr = struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    end = struct.pack(">I", 0) + b"IEND" + struct.pack(">I", zlib.crc32(b"IEND"))
    return b"\x89PNG\r\n\x1a\n" + ihdr + end


@pytest.mark.parametrize(
    ("logo", "make", "message"),
    [
        ("../logo.png", "outside", "logo: het bestand moet in de map van het profiel staan"),
        ("logo.png", None, "logo: het bestand 'logo.png' bestaat niet"),
        ("logo.png", "text", "logo: dit is geen PNG- of JPEG-afbeelding"),
        ("logo.png", "huge", "logo: groter dan 1 MB; kies een kleinere afbeelding"),
        (
            "logo.png",
            "broken",
            "logo: de afbeelding is niet te lezen; sla haar opnieuw op als PNG of JPEG",
        ),
        (
            "logo.png",
            "wide",
            "logo: de afbeelding is 4001 × 1 pixels, meer dan 4000 pixels op een zijde; "
            "maak haar kleiner",
        ),
        (
            "logo.png",
            "bomb",
            "logo: de afbeelding heeft veel te veel pixels; maak haar kleiner (hoogstens "
            "4000 pixels op een zijde)",
        ),
    ],
)
def test_a_logo_must_be_a_small_image_next_to_the_profile(
    tmp_path: Path,
    knowledge: tuple[KnowledgeBase, list[Tree]],
    logo: str,
    make: str | None,
    message: str,
) -> None:
    folder = tmp_path / "profielen"
    png = (REPO / "profiles" / "logo-maasstad.png").read_bytes()
    contents = {
        "outside": png,
        "text": b"<svg onload='alert(1)'></svg>",
        "huge": png + b"\0" * 1_000_001,
        "broken": png[:40],
        "wide": wide_png(),
        "bomb": bomb_png(),
    }
    if make == "outside":
        (tmp_path / "logo.png").write_bytes(png)
    elif make is not None:
        write(folder / "logo.png", "").write_bytes(contents[make])
    path = write(folder / "p.yaml", MINIMAL.replace("  type:", f"  logo: {logo}\n  type:"))
    loaded, problems = load_profile(path, knowledge[0])
    assert loaded is None
    assert [p.message for p in problems] == [message]
    assert problems[0].line == 3


def image_bytes(size: tuple[int, int], fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize("fmt", ["PNG", "JPEG"])
def test_a_logo_is_checked_by_its_own_format(fmt: str) -> None:
    """PNG and JPEG are opened by their own plugin; each is decoded and measured."""
    good = image_bytes((300, 100), fmt)
    assert logo_problem(good) is None
    assert logo_problem(good[: len(good) // 2]) == (
        "logo: de afbeelding is niet te lezen; sla haar opnieuw op als PNG of JPEG"
    )
    assert logo_problem(good[:12]) == (
        "logo: de afbeelding is niet te lezen; sla haar opnieuw op als PNG of JPEG"
    )
    assert logo_problem(image_bytes((2, 4001), fmt)) == (
        "logo: de afbeelding is 2 × 4001 pixels, meer dan 4000 pixels op een zijde; "
        "maak haar kleiner"
    )


def test_five_lines_give_a_complete_profile_with_defaults(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    path = write(tmp_path / "p.yaml", MINIMAL)
    loaded, problems = load_profile(path, knowledge[0])
    assert problems == []
    assert loaded is not None
    profile = loaded.profile
    assert profile.platforms == list(DEFAULT_PLATFORMS)
    assert profile.goals == ["transparantie", "dienstverlening"]
    assert profile.moderation.remove == ["spam", "kwetsend", "illegaal"]
    assert "raadslid" in profile.audience_ids  # a municipality has a council


def test_a_ministry_gets_no_council_members_by_default(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    path = write(tmp_path / "p.yaml", MINIMAL.replace("gemeente\n", "ministerie\n"))
    loaded, _ = load_profile(path, knowledge[0])
    assert loaded is not None
    assert "raadslid" not in loaded.profile.audience_ids


def test_the_example_profiles_are_valid_and_different(
    knowledge: tuple[KnowledgeBase, list[Tree]],
) -> None:
    paths = sorted((REPO / "profiles").glob("*.yaml"))
    types = set()
    for path in paths:
        loaded, problems = load_profile(path, knowledge[0])
        assert problems == [], path
        assert loaded is not None
        assert path.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schemas/profile.schema.json\n"
        )
        types.add(loaded.profile.organisation.type)
    assert len(paths) >= 4
    assert {"gemeente", "waterschap", "ministerie"} <= types


def test_a_profile_folder_can_be_copied_with_its_logo(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    folder = tmp_path / "elders"
    shutil.copytree(REPO / "profiles", folder)
    loaded, problems = load_profile(folder / "gemeente-maasstad.yaml", knowledge[0])
    assert problems == []
    assert loaded is not None
    assert loaded.logo is not None
    assert loaded.logo.startswith(b"\x89PNG")
