"""Hostile Markdown is refused wherever it stands: records, trees and profiles.

Each hostile snippet is tried on its own and inside a list item, a quote and a
numbered item (a line pattern missed those), in a record body, a tree's help
and advice, and a profile's Markdown field; each gives one located problem.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from guidegen.cli import main
from guidegen.content.safemarkdown import markdown_problem
from guidegen.content.wording import DUTCH

from .conftest import ROOTS, write

#: (snippet, what the message must say)
HOSTILE = {
    "button-link": (
        "```{button-link} javascript:alert(document.cookie)\nKlik hier\n```",
        "directive {button-link} is not allowed",
    ),
    "eval-rst": (
        "```{eval-rst}\n.. meta::\n   :http-equiv=refresh: 0;url=https://example.org\n```",
        "directive {eval-rst} is not allowed",
    ),
    "download": ("Zie {download}`/etc/hostname`.", "role {download} is not allowed"),
    "image": (":::{image} https://example.org/pixel.png\n:::", "directive {image} is not allowed"),
    "toctree": ("```{toctree}\nindex\n```", "directive {toctree} is not allowed"),
    "javascript-link": ("[klik](javascript:alert(1))", "link target 'javascript:alert(1)'"),
    "file-link": ("[klik](../../../../etc/hostname)", "link target '../../../../etc/hostname'"),
    # Admonitions and the formatting roles were allowed once: no directive or role is now.
    "in-admonition": (":::{note}\n```{toctree}\nindex\n```\n:::", "directive {note}"),
    "admonition": ("```{tip}\nEen tip.\n```", "directive {tip} is not allowed"),
    "sub-role": ("H{sub}`2`O", "role {sub} is not allowed"),
    "bare-colon-fence": (
        ":::\n```{download} /etc/hostname\n```\n:::",
        "fenced blocks (```, ~~~ or :::) are not allowed",
    ),
    "long-colon-fences": (":::::\n\n:::::", "fenced blocks (```, ~~~ or :::) are not allowed"),
    "code-fence": ("```\ncode\n```", "fenced blocks (```, ~~~ or :::) are not allowed"),
    "tilde-fence": ("~~~\ncode\n~~~", "fenced blocks (```, ~~~ or :::) are not allowed"),
    "script": ("<script>alert(1)</script>", "raw HTML is not allowed"),
    "meta-refresh": (
        'Tekst <meta http-equiv="refresh" content="0;url=https://example.org">',
        "raw HTML is not allowed",
    ),
}
#: How a snippet is placed: as is, in a bullet, a quote and a numbered item.
PLACES = {"top": "", "bullet": "- ", "quote": "> ", "numbered": "1. "}
CASES = [
    pytest.param(snippet, message, prefix, id=f"{name}-{place}")
    for name, (snippet, message) in HOSTILE.items()
    for place, prefix in PLACES.items()
]


def placed(snippet: str, prefix: str) -> str:
    """``snippet`` inside the container ``prefix`` opens (continuation lines indented)."""
    indent = ">" + " " if prefix == "> " else " " * len(prefix)
    first, *rest = snippet.split("\n")
    return "\n".join([prefix + first, *(indent + line for line in rest)])


def block(text: str, indent: str) -> str:
    """``text`` as a YAML literal block scalar at ``indent``."""
    return "|\n" + "\n".join(indent + line for line in text.split("\n"))


def run(*args: str) -> tuple[int, list[str]]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout.splitlines()


@pytest.mark.parametrize(("snippet", "message", "prefix"), CASES)
def test_parser_refuses_it(snippet: str, message: str, prefix: str) -> None:
    problem = markdown_problem(placed(snippet, prefix))
    assert problem is not None
    assert message in problem


@pytest.mark.parametrize(
    "text",
    [
        "Gewoon *tekst*, een [link](https://example.org), [mail](mailto:a@example.org), "
        "[een kop](#kop) en [een record](luister-eerst).",
        "- Een punt in een lijst met *nadruk*\n- en **vet**\n\n1. genummerd\n2. ook",
        "> Een citaat met een regeleinde\\\n> en nog een regel.",
        "Tekst met a < b, een `{download}` in code en <https://example.org>.",
    ],
)
def test_safe_markdown_passes(text: str) -> None:
    assert markdown_problem(text) is None


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(ROOTS / "test-handbook", target)
    return target


@pytest.mark.parametrize(("snippet", "message", "prefix"), CASES)
def test_record_body_is_refused_by_check(
    project: Path, snippet: str, message: str, prefix: str
) -> None:
    path = project / "content" / "practices" / "luister-eerst.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\nbody:") + 1
    end = text.index("\n", start)
    line = text.count("\n", 0, start) + 1
    path.write_text(
        text[:start] + "body: " + block(placed(snippet, prefix), "  ") + text[end:],
        encoding="utf-8",
    )
    code, lines = run("check", str(project))
    assert code == 1
    # The refused record is left out, so references to it are reported too.
    own = [found for found in lines if found.startswith(f"{path}:")]
    assert len(own) == 1, lines
    assert own[0].startswith(f"{path}:{line}:7: error: body: ")
    assert message in own[0]


@pytest.mark.parametrize("field", ["help", "advice"])
@pytest.mark.parametrize(("snippet", "message", "prefix"), CASES)
def test_tree_field_is_refused_by_check(
    project: Path, field: str, snippet: str, message: str, prefix: str
) -> None:
    path = project / "decisions" / "moet-ik-reageren.yaml"
    text = path.read_text(encoding="utf-8")
    old = {
        "help": "    help: Kijk of de reactie onderbouwd is.",
        "advice": "    advice: Reageer niet op emotionele reacties.",
    }[field]
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(
        text.replace(old, f"    {field}: " + block(placed(snippet, prefix), "      ")),
        encoding="utf-8",
    )
    code, lines = run("check", str(project))
    assert code == 1
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"{path}:{line}:")
    assert "error: nodes." in lines[0]
    assert message in lines[0]


@pytest.mark.parametrize(("snippet", "message", "prefix"), CASES)
def test_profile_field_is_refused_by_generate(
    tmp_path: Path, snippet: str, message: str, prefix: str
) -> None:
    profile = write(
        tmp_path / "profiel.yaml",
        "organisation:\n  name: Gemeente Proefdorp\n  type: gemeente\npurpose: "
        + block(placed(snippet, prefix), "  ")
        + "\n",
    )
    out = tmp_path / "uit"
    code, lines = run("generate", str(profile), "-o", str(out), "--format", "md")
    assert code == 1
    # Profile authors read Dutch: the same refusal, worded for them.
    assert lines[0].startswith(f"{profile}:4:10: fout: purpose: ")
    english = markdown_problem(placed(snippet, prefix))
    assert english is not None
    assert message in english
    assert DUTCH.translate(english) != english
    assert lines[0].endswith(DUTCH.translate(english))
    assert not out.exists() or not any(out.iterdir())
