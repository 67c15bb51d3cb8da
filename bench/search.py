"""Benchmark of the handbook's search: the evaluation set's score and what a search loads.

Run with ``make bench`` (or ``python bench/search.py``; it needs the test tools and
Debian's chromium, as the browser tests do). It builds the real handbook, serves it,
asks every question of ``tests/data/search-eval.yaml`` in Chromium and prints the share
whose expected page is in the top three, per kind of question, and the bytes one
search loads (text gzip-compressed, as a web server sends it; Pagefind's index files
are compressed already). Writes ``bench/results/search.json``.
"""

from __future__ import annotations

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
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "html"
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
            questions = load_questions()
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
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "search.json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
