"""Bounded local load test of ``guidegen serve``: Word guidelines, 8 requests at a time.

Run with ``make bench`` (or ``python bench/serve.py``; the handbook must be built,
``make site``). Starts ``guidegen serve`` on a free port of 127.0.0.1, posts the
largest example profile (its logo uploaded) ``--requests`` times, ``--parallel`` at a
time, and prints the median and 95th percentile latency, the throughput and the
answers that were not 200. It does so twice: with ``--max-concurrent`` as large as
the number of parallel clients (every request is generated), and with the default
limit (the others get 503 with Retry-After at once). Writes ``bench/results/serve.json``.
``--quick`` sends two requests, one at a time, to a handbook built elsewhere
(``--site``): the test suite runs it to prove the script works.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
SITE = REPO / "_build" / "html"
GUIDEGEN = Path(sys.executable).with_name("guidegen")
PROFILE = REPO / "profiles" / "gemeente-maasstad.yaml"
LOGO = REPO / "profiles" / "logo-maasstad.png"


def multipart(profile: bytes, logo: bytes, fmt: str) -> tuple[bytes, str]:
    """The body of the form post and its content type."""
    boundary = uuid.uuid4().hex
    parts = [
        ("profiel", "profiel.yaml", "text/yaml", profile),
        ("logo", "logo.png", "image/png", logo),
    ]
    body = b""
    for name, filename, kind, data in parts:
        body += (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'
            ).encode()
            + data
            + b"\r\n"
        )
    body += f'--{boundary}\r\nContent-Disposition: form-data; name="formaat"\r\n\r\n'.encode()
    body += fmt.encode() + f"\r\n--{boundary}--\r\n".encode()
    return body, f"multipart/form-data; boundary={boundary}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(site: Path, port: int, concurrent: int | None) -> subprocess.Popen[bytes]:
    """``guidegen serve`` on ``port``, once it answers ``api/status``."""
    limit = ["--max-concurrent", str(concurrent)] if concurrent else []
    command = [str(GUIDEGEN), "serve", "--site", str(site), "--port", str(port), *limit]
    server = subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/api/status")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("guidegen serve did not start")


def post(port: int, body: bytes, kind: str) -> tuple[int, float]:
    """One request: its status and latency in seconds."""
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    connection.request("POST", "/api/richtlijn", body, {"Content-Type": kind})
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.perf_counter() - start


def load_test(
    site: Path, requests: int, parallel: int, concurrent: int | None
) -> dict[str, object]:
    """Run the requests against a fresh service; the figures of its answers."""
    profile = re.sub(rb"(?m)^\s*logo:.*\n", b"", PROFILE.read_bytes())
    body, kind = multipart(profile, LOGO.read_bytes(), "docx")
    port = free_port()
    server = start(site, port, concurrent)
    try:
        post(port, body, kind)  # warm: the first generation imports the Word writer
        load = os.getloadavg()[0]
        began = time.perf_counter()
        with ThreadPoolExecutor(parallel) as pool:
            answers = list(pool.map(lambda _: post(port, body, kind), range(requests)))
        wall = time.perf_counter() - began
    finally:
        server.terminate()
        server.wait(timeout=30)
    ok = sorted(seconds for status, seconds in answers if status == 200)
    return {
        "max_concurrent": concurrent or "default",
        "requests": requests,
        "parallel": parallel,
        "ok": len(ok),
        "not_ok": dict(Counter(str(status) for status, _ in answers if status != 200)),
        "median_seconds": statistics.median(ok) if ok else None,
        "p95_seconds": ok[max(0, round(0.95 * len(ok)) - 1)] if ok else None,
        "all_median_seconds": statistics.median(seconds for _, seconds in answers),
        "wall_seconds": wall,
        "documents_per_second": len(ok) / wall,
        "load_average_at_start": round(load, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    parser.add_argument("--parallel", type=int, default=8)
    parser.add_argument("--site", type=Path, default=SITE, help="the built handbook")
    parser.add_argument("--results", type=Path, default=RESULTS, help="folder for serve.json")
    parser.add_argument("--quick", action="store_true", help="two requests, one at a time")
    args = parser.parse_args()
    if args.quick:
        args.requests, args.parallel = 2, 1
    if not (args.site / "index.html").is_file():
        raise SystemExit(f"{args.site} is missing: run make site first")
    rows = [
        load_test(args.site, args.requests, args.parallel, limit) for limit in (args.parallel, None)
    ]
    print(
        f"guidegen serve, {PROFILE.name} + logo -> docx, {args.requests} requests, "
        f"{args.parallel} at a time, 127.0.0.1, {os.cpu_count()} cores"
    )
    print("max-concurrent  ok  refused        median s  p95 s  docs/s  load avg")
    for row in rows:
        refused = ", ".join(f"{n}x{code}" for code, n in row["not_ok"].items()) or "-"  # type: ignore[attr-defined]
        median = f"{row['median_seconds']:.2f}" if row["median_seconds"] else "-"
        p95 = f"{row['p95_seconds']:.2f}" if row["p95_seconds"] else "-"
        print(
            f"{row['max_concurrent']!s:<14}  {row['ok']:>2}  {refused:<13}  {median:>8}  "
            f"{p95:>5}  {row['documents_per_second']:6.2f}  {row['load_average_at_start']:.1f}"
        )
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "serve.json").write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
    print(f"saved {args.results / 'serve.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
