"""Organisation profiles: every error class located at file:line, and the defaults."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guidegen.knowledge import KnowledgeBase
from guidegen.profile import DEFAULT_PLATFORMS, load_profile
from guidegen.trees import Tree

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            MINIMAL + "platfroms: [facebook]\n",
            "profiel.yaml:4:1: error: unknown field 'platfroms'; did you mean 'platforms'?",
            id="unknown-field",
        ),
        pytest.param(
            "organisation:\n  type: gemeente\n",
            "profiel.yaml:2:3: error: missing required field 'name'; add it",
            id="missing-field",
        ),
        pytest.param(
            MINIMAL + "platforms: facebook\n",
            "profiel.yaml:4:12: error: platforms: expected a list, found text",
            id="wrong-type",
        ),
        pytest.param(
            "organisation:\n  name: Gemeente Proefdorp\n  type: dorp\n",
            "profiel.yaml:3:9: error: organisation.type: 'dorp' is not allowed; use one of "
            "'gemeente', 'provincie', 'waterschap', 'ministerie' or 'uitvoeringsorganisatie'",
            id="unknown-type",
        ),
        pytest.param(
            MINIMAL + "platforms: [facebook, myspace]\n",
            "profiel.yaml:4:23: error: platforms: unknown value 'myspace'; use one of x-twitter, "
            "facebook, linkedin, youtube, instagram, tiktok, whatsapp-kanalen, mastodon, bluesky, "
            "threads, weblog, eigen-platform, hyves",
            id="unknown-platform",
        ),
        pytest.param(
            MINIMAL + "platforms: [facebook, facebook]\n",
            "profiel.yaml:4:12: error: platforms: 'facebook' is listed more than once",
            id="duplicate-platform",
        ),
        pytest.param(
            MINIMAL + "goals: [wereldvrede]\n",
            "profiel.yaml:4:9: error: goals: unknown value 'wereldvrede'; use one of "
            "transparantie, gedrag-beinvloeden, meldingen-ontvangen, dienstverlening, dialoog, "
            "samen-beleid-maken, kennisdeling",
            id="unknown-goal",
        ),
        pytest.param(
            MINIMAL + "audiences: [burgemeester]\n",
            "profiel.yaml:4:13: error: audiences: unknown value 'burgemeester'; use one of "
            "ambtenaar, communicatieadviseur, bestuurder, raadslid, community-manager, "
            "projectleider",
            id="unknown-audience",
        ),
        pytest.param(
            MINIMAL + "include: [modereer-met-takt]\n",
            "profiel.yaml:4:11: error: include: no record has the id 'modereer-met-takt'; "
            "did you mean 'modereer-met-tact'?",
            id="dangling-include",
        ),
        pytest.param(
            MINIMAL + "exclude: [webcare]\n",
            "profiel.yaml:4:11: error: exclude: 'webcare' is a term; only practice, strategy, "
            "case, consideration, stepplan records can be included or left out",
            id="exclude-a-term",
        ),
        pytest.param(
            MINIMAL + "include: [modereer-met-tact]\nexclude: [modereer-met-tact]\n",
            "profiel.yaml:1:1: error: document: modereer-met-tact is both included and "
            "excluded; keep one",
            id="include-and-exclude",
        ),
        pytest.param(
            MINIMAL + "platforms: [facebook]\naccounts:\n  - {platform: linkedin, name: Wij}\n",
            "profiel.yaml:6:16: error: accounts: platform 'linkedin' is not in 'platforms'; "
            "add it there",
            id="account-platform-not-used",
        ),
        pytest.param(
            MINIMAL + "document:\n  date: '2026-02-30'\n",
            "profiel.yaml:5:9: error: document.date: '2026-02-30' is not a date",
            id="impossible-date",
        ),
        pytest.param(
            MINIMAL + "moderation:\n  remove: [spam, kritiek]\n",
            "profiel.yaml:5:18: error: moderation.remove.1: 'kritiek' is not allowed; use one "
            "of 'spam', 'kwetsend' or 'illegaal'",
            id="removal-beyond-the-rule",
        ),
        pytest.param(
            MINIMAL + "purpose: 'Wij <script>alert(1)</script> communiceren'\n",
            "profiel.yaml:4:10: error: purpose: raw HTML is not allowed in Markdown fields; use "
            "Markdown syntax (write '&lt;' for a literal '<')",
            id="html-in-markdown",
        ),
        pytest.param(
            MINIMAL + "max_cases: 500\n",
            "profiel.yaml:4:12: error: max_cases: Input should be less than or equal to 40",
            id="too-many-cases",
        ),
        pytest.param(
            MINIMAL + "organisation: [\n",
            "profiel.yaml:5:1: error: YAML syntax error: did not find expected node content",
            id="malformed-yaml",
        ),
        pytest.param(
            MINIMAL.encode("utf-8") + b"purpose: caf\xe9\n",
            "profiel.yaml:4:13: error: file is not valid UTF-8 (byte 0xe9); save it as UTF-8",
            id="not-utf8",
        ),
    ],
)
def test_each_profile_error_is_reported_at_its_line(
    tmp_path: Path, knowledge: tuple[KnowledgeBase, list[Tree]], text: str, expected: str
) -> None:
    assert expected in problems_for(tmp_path, knowledge, text)


@pytest.mark.parametrize(
    ("logo", "make", "message"),
    [
        ("../logo.png", "outside", "logo: must be a file in the profile's folder"),
        ("logo.png", None, "logo: file 'logo.png' does not exist"),
        ("logo.png", "text", "logo: not a PNG or JPEG image"),
        ("logo.png", "huge", "logo: larger than 1 MB; use a smaller image"),
        ("logo.png", "broken", "logo: the image cannot be read; save it again as PNG or JPEG"),
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
