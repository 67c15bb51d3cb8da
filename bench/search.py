"""Benchmark of the handbook's search: the evaluation set's score and what a search loads.

Run with ``make bench`` (or ``python bench/search.py``; it needs the test tools and
Debian's chromium, as the browser tests do). It builds the real handbook, serves it,
asks every question of ``tests/data/search-eval.yaml`` in Chromium and prints the share
whose expected page is in the top three, per kind of question, and the bytes one
search loads (text gzip-compressed, as a web server sends it; Pagefind's index files
are compressed already). Writes ``bench/results/search.json``.
``--site`` searches a handbook built elsewhere instead of building one; ``--quick`` asks
three questions only (the test suite runs it on its own build: it proves the script works).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import subprocess
import sys
import tempfile
import threading
from collections import defaultdict
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from tests.search_eval import KINDS, evaluate, load_questions, report, score  # noqa: E402

RESULTS = REPO / "bench" / "results"
SIZE_QUERY = "mag ik een boze reactie verwijderen"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def search_bytes(page: Any, base: str) -> tuple[int, int]:
    """Bytes loaded by the search page and one query, and how many index chunks."""
    sizes: dict[str, int] = {}

    def record(response: Any) -> None:
        text = response.url.split("?")[0].endswith((".html", ".js", ".css", ".json"))
        body = response.body()
        sizes[response.url] = len(gzip.compress(body, 6)) if text else len(body)

    page.on("response", record)
    page.goto(f"{base}search.html?q={quote(SIZE_QUERY)}")
    page.wait_for_function("() => document.getElementById('gg-search').dataset.state === 'done'")
    page.remove_listener("response", record)
    return sum(sizes.values()), sum("/_pagefind/index/" in url for url in sizes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built handbook (default: build one)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for search.json")
    parser.add_argument("--quick", action="store_true", help="three questions only")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = args.site or Path(tmp) / "html"
        if args.site is None:
            subprocess.run(
                [sys.executable, "-m", "sphinx", "-q", "-E", "-c", REPO, REPO / "docs", out],
                check=True,
            )
        handler = functools.partial(QuietHandler, directory=str(out))
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path="/usr/bin/chromium", args=["--no-sandbox"]
            )
            questions = load_questions()[: 3 if args.quick else None]
            answers = evaluate(browser.new_page(), base, questions)
            loaded, chunks = search_bytes(browser.new_page(), base)
            browser.close()
        server.shutdown()
    by_kind: dict[str, list[bool]] = defaultdict(list)
    for answer in answers:
        by_kind[answer.question.kind].append(answer.found)
    result = {
        "questions": len(answers),
        "top3": round(score(answers), 3),
        "by_kind": {
            kind: {"questions": len(found), "top3": round(sum(found) / len(found), 3)}
            for kind in KINDS
            if (found := by_kind[kind])
        },
        "missed": report(answers).splitlines(),
        "search_kb": round(loaded / 1024, 1),
        "index_chunks_loaded": chunks,
    }
    print(f"Search: {result['top3']:.1%} of {len(answers)} questions have their page in the top 3")
    for kind, figures in result["by_kind"].items():
        print(f"  {kind:14} {figures['top3']:6.1%} of {figures['questions']}")
    print(f"A search loads {result['search_kb']} KB ({chunks} index chunk(s))")
    args.results.mkdir(parents=True, exist_ok=True)
    text = json.dumps(result, indent=2, ensure_ascii=False) + "\n"
    (args.results / "search.json").write_text(text, encoding="utf-8")
    print(f"saved {args.results / 'search.json'}")


if __name__ == "__main__":
    main()
