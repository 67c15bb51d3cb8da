"""``guidegen serve``: the service's answers, refusals and limits (Starlette's TestClient)."""

from __future__ import annotations

import contextlib
import gc
import io
import logging
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from PIL import Image
from starlette.testclient import TestClient

from guidegen import cli
from guidegen.content.knowledge import KnowledgeBase
from guidegen.service.app import create_app, local_location
from guidegen.service.limits import Limits
from guidegen.service.making import Knowledge, Made
from guidegen.trees.decisiontree import Tree

from .conftest import REPO
from .service import knowledge_for
from .test_profile import MINIMAL

URL = "/api/richtlijn"
JSON = {"Accept": "application/json"}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: What must never reach a browser: Python's words for an error.
LEAKS = ("Traceback", "Error", "Exception", 'File "', ".py", "/tmp", "guidegen-serve-")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text("<p>Handboek</p>", encoding="utf-8")
    return folder


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of this test's process: the service stores nothing there."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the service made a temporary file or folder")

    monkeypatch.setattr(tempfile, "mkdtemp", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    return folder


@pytest.fixture
def service(site: Path, scratch: Path, knowledge: tuple[KnowledgeBase, list[Tree]]) -> Knowledge:
    return knowledge_for(knowledge)


def client_for(site: Path, service: Knowledge, **options: Any) -> TestClient:
    return TestClient(create_app(site, service, **options), raise_server_exceptions=False)


@pytest.fixture
def client(site: Path, service: Knowledge) -> Iterator[TestClient]:
    with client_for(site, service) as running:
        yield running


def post(
    client: TestClient,
    profile: str | bytes,
    fmt: str = "docx",
    logo: bytes | None = None,
    headers: dict[str, str] | None = None,
) -> Any:
    data = profile.encode("utf-8") if isinstance(profile, str) else profile
    files = {"profiel": ("mijn profiel.yaml", data, "text/yaml")}
    if logo is not None:
        files["logo"] = ("logo.png", logo, "image/png")
    return client.post(URL, files=files, data={"formaat": fmt}, headers=JSON | (headers or {}))


def errors(answer: Any) -> list[str]:
    assert answer.headers["content-type"].startswith("application/json")
    return list(answer.json()["fouten"])


def assert_no_leak(text: str) -> None:
    for word in LEAKS:
        assert word not in text, word


def png(width: int, height: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (0, 80, 160)).save(out, "PNG")
    return out.getvalue()


# ---- the document ----


def test_a_profile_gives_a_word_document_named_by_the_service(
    client: TestClient, scratch: Path
) -> None:
    answer = post(client, MINIMAL.replace("Proefdorp", 'Proef"dorp/../x'))
    assert answer.status_code == 200
    assert answer.headers["content-type"] == DOCX
    # The name is a slug made by the service, not the upload's name or the raw input.
    assert answer.headers["content-disposition"] == (
        'attachment; filename="richtlijn-sociale-media-gemeente-proef-dorp-x.docx"'
    )
    document = docx.Document(io.BytesIO(answer.content))
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ['Richtlijn sociale media — Gemeente Proef"dorp/../x']
    assert list(scratch.iterdir()) == []  # nothing of the request was stored
    assert answer.headers["cache-control"] == "no-store"
    refused = post(client, MINIMAL + "platforms: [myspace]\n")
    assert refused.status_code == 400
    assert refused.headers["cache-control"] == "no-store"


def test_an_older_document_date_comes_with_a_notice_for_its_author(client: TestClient) -> None:
    """As ``guidegen generate`` prints it: a document dated before some of the knowledge
    leaves later notes out, and the author is told so (percent-encoded Dutch)."""
    older = post(client, MINIMAL + 'document:\n  date: "2024-01-01"\n', "html")
    assert older.status_code == 200
    notice = urllib.parse.unquote(older.headers["x-guidegen-notice"])
    assert notice.startswith("let op: het document is gedateerd 1 januari 2024.")
    assert "zijn weggelaten" in notice
    assert "bron(nen) zijn later geraadpleegd" in notice
    today = post(client, MINIMAL, "html")
    assert today.status_code == 200
    assert "x-guidegen-notice" not in today.headers


@pytest.mark.parametrize(
    ("fmt", "media", "start"),
    [("pdf", "application/pdf", b"%PDF-"), ("html", "text/html", b"<!DOCTYPE html>")],
)
def test_pdf_and_web_page(client: TestClient, fmt: str, media: str, start: bytes) -> None:
    answer = post(client, MINIMAL, fmt)
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(media)
    assert answer.headers["content-disposition"].endswith(f'proefdorp.{fmt}"')
    assert answer.content.startswith(start)
    # An organisation's document: no browser or proxy cache keeps a copy.
    assert answer.headers["cache-control"] == "no-store"


def test_an_uploaded_logo_is_in_the_document(client: TestClient) -> None:
    logo = (REPO / "profiles" / "logo-maasstad.png").read_bytes()
    answer = post(client, MINIMAL, logo=logo)
    assert answer.status_code == 200
    assert len(docx.Document(io.BytesIO(answer.content)).inline_shapes) == 1


def test_the_profile_may_come_as_text(client: TestClient) -> None:
    answer = client.post(URL, data={"profiel": MINIMAL, "formaat": "html"})
    assert answer.status_code == 200
    assert b"Gemeente Proefdorp" in answer.content


# ---- bad input: 400 with the profile's Dutch messages, all at once ----


def test_every_problem_at_once_located_in_dutch(client: TestClient, scratch: Path) -> None:
    answer = post(client, MINIMAL + "platfroms: [facebook]\ndocument:\n  date: 2026-02-30\n")
    assert answer.status_code == 400
    # Each problem names the field as the form labels it, not a place in a file.
    assert errors(answer) == [
        "fout: Profiel: onbekend veld 'platfroms' (bedoelde je 'platforms'?)",
        "fout: Documentgegevens › Datum: '2026-02-30' bestaat niet als datum; "
        "controleer de dag en de maand",
    ]
    assert list(scratch.iterdir()) == []


def test_invalid_yaml_names_its_line(client: TestClient) -> None:
    answer = post(client, MINIMAL + "goals: [dialoog\n")
    assert answer.status_code == 400
    [message] = errors(answer)
    assert message.startswith("fout: regel 5: ")
    assert_no_leak(answer.text)


def test_not_utf8_and_empty_profiles(client: TestClient) -> None:
    [message] = errors(post(client, "organisation:\n  name: Gemeente Sûd\n".encode("latin-1")))
    assert message.startswith("fout: regel ")
    assert "UTF-8" in message
    empty = post(client, b"  \n")
    assert empty.status_code == 400
    assert errors(empty) == [
        "fout: profiel: kies een profielbestand (profiel.yaml); het is verplicht"
    ]


def test_format_and_form_are_checked(client: TestClient) -> None:
    assert errors(post(client, MINIMAL, "md")) == [
        "fout: formaat: kies docx (Word), pdf (PDF), html (webpagina)"
    ]
    plain = client.post(URL, content=MINIMAL, headers=JSON | {"content-type": "text/yaml"})
    assert plain.status_code == 415
    assert errors(plain) == ["stuur het profiel met het formulier (multipart/form-data)"]


@pytest.mark.parametrize(
    ("field", "value", "line"),
    [
        ("organisation", "  logo: ../../../etc/logo.png", "fout: Organisatie en type: "),
        (
            "organisation",
            f"  logo: {REPO}/profiles/logo-maasstad.png",
            "fout: Organisatie en type: ",
        ),
        (
            "house_style",
            "  reference_docx: /etc/huisstijl.docx",
            "fout: Huisstijl: ",
        ),
    ],
)
def test_a_file_named_in_the_profile_is_refused(
    client: TestClient, field: str, value: str, line: str
) -> None:
    profile = (
        MINIMAL + value + "\n"
        if field == "organisation"
        else (MINIMAL + "house_style:\n" + value + "\n")
    )
    messages = errors(post(client, profile))
    assert len(messages) == 1
    assert messages[0].startswith(line)
    assert "een bestandsnaam werkt hier niet" in messages[0]


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        (b"GIF89a not a png", "fout: logo: dit is geen PNG- of JPEG-afbeelding"),
        (
            png(40, 40)[:60],
            "fout: logo: de afbeelding is niet te lezen; sla haar opnieuw op als PNG of JPEG",
        ),
        (
            png(4001, 2),
            "fout: logo: de afbeelding is 4001 × 2 pixels, meer dan 4000 pixels op een zijde; "
            "maak haar kleiner",
        ),
        (
            b"\x89PNG\r\n\x1a\n" + bytes(1_000_000),
            "fout: logo: groter dan 1 MB; kies een kleinere afbeelding",
        ),
    ],
    ids=["not-an-image", "truncated", "too-wide", "too-large"],
)
def test_an_uploaded_logo_is_checked_like_a_profiles(
    client: TestClient, logo: bytes, message: str
) -> None:
    answer = post(client, MINIMAL + "platfroms: []\n", logo=logo)
    assert answer.status_code == 400
    assert errors(answer) == [
        "fout: Profiel: onbekend veld 'platfroms' (bedoelde je 'platforms'?)",
        message,
    ]


def test_without_javascript_the_answer_is_a_dutch_page(client: TestClient) -> None:
    answer = client.post(
        URL, files={"profiel": ("p.yaml", b"organisation: [")}, data={"formaat": "docx"}
    )
    assert answer.status_code == 400
    assert answer.headers["content-type"].startswith("text/html")
    assert '<html lang="nl">' in answer.text
    assert "<h1>Het profiel klopt niet</h1>" in answer.text
    assert "<li>fout: regel 2: de opmaak (YAML) klopt niet" in answer.text
    assert "script" not in answer.text
    assert "default-src 'none'" in answer.headers["content-security-policy"]


# ---- limits ----


def test_a_body_over_the_limit_gets_413(site: Path, service: Knowledge) -> None:
    with client_for(site, service, limits=Limits(max_request_bytes=5_000)) as client:
        answer = post(client, MINIMAL + "# " + "x" * 6_000 + "\n")
        assert answer.status_code == 413
        assert errors(answer) == [
            "het verzoek is groter dan 0,005 MB; kies een kleiner logo of profiel"
        ]

        def chunks() -> Iterator[bytes]:  # no Content-Length: counted as it comes
            for _ in range(10):
                yield b"x" * 1_000

        streamed = client.post(
            URL, content=chunks(), headers={"content-type": "multipart/form-data; boundary=b"}
        )
        assert streamed.status_code == 413
        assert "Het verzoek is te groot" in streamed.text
        assert post(client, MINIMAL).status_code == 200


class Blocking:
    """A maker that waits until the test lets it finish."""

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, *args: Any) -> Made:
        self.started.set()
        assert self.release.wait(30)
        return Made("x.docx", DOCX, b"klaar")


def test_one_generation_too_many_gets_503_with_retry_after(site: Path, service: Knowledge) -> None:
    blocking = Blocking()
    limits = Limits(max_concurrent=1, retry_after=7)
    with client_for(site, service, limits=limits, maker=blocking) as client:
        answers: list[Any] = []
        first = threading.Thread(target=lambda: answers.append(post(client, MINIMAL)))
        first.start()
        assert blocking.started.wait(30)
        busy = post(client, MINIMAL)
        assert busy.status_code == 503
        assert busy.headers["retry-after"] == "7"
        assert errors(busy) == [
            "de site maakt al zoveel richtlijnen tegelijk als ze aankan (1); "
            "probeer het over 7 seconden opnieuw"
        ]
        blocking.release.set()
        first.join(30)
        assert answers[0].status_code == 200
        assert answers[0].content == b"klaar"


def test_a_generation_past_the_time_limit_gets_504_and_keeps_its_slot(
    site: Path, service: Knowledge
) -> None:
    blocking = Blocking()
    limits = Limits(max_concurrent=1, max_seconds=0.2)
    with client_for(site, service, limits=limits, maker=blocking) as client:
        slow = post(client, MINIMAL)
        assert slow.status_code == 504
        assert errors(slow) == [
            "het maken van de richtlijn duurde langer dan 0,2 seconden; probeer het later opnieuw"
        ]
        # The thread cannot be stopped: until it ends, its slot stays taken.
        assert post(client, MINIMAL).status_code == 503
        blocking.release.set()


def test_an_unexpected_error_is_500_in_dutch_with_details_in_the_log(
    site: Path, service: Knowledge, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any) -> Made:
        raise RuntimeError("geheim: /srv/guidegen/templates kapot")

    with client_for(site, service, maker=broken) as client:
        for headers in (JSON, {"Accept": "text/html"}):
            with caplog.at_level(logging.ERROR, logger="guidegen.serve"):
                answer = client.post(
                    URL,
                    files={"profiel": ("p.yaml", MINIMAL)},
                    data={"formaat": "docx"},
                    headers=headers,
                )
            assert answer.status_code == 500
            assert "er ging iets mis bij het maken van de richtlijn" in answer.text
            assert "geheim" not in answer.text
            assert_no_leak(answer.text)
    assert "geheim: /srv/guidegen/templates kapot" in caplog.text


# ---- the handbook's files ----


def test_files_without_listings_or_hidden_files(client: TestClient, site: Path) -> None:
    (site / ".buildinfo").write_text("intern", encoding="utf-8")
    (site / ".git").mkdir()
    (site / ".git" / "config").write_text("intern", encoding="utf-8")
    assert client.get("/").text == "<p>Handboek</p>"
    for path in ("/sub/", "/.buildinfo", "/%2Ebuildinfo", "/.git/config", "/../etc/passwd"):
        answer = client.get(path)
        assert answer.status_code == 404, path
        assert "intern" not in answer.text
        assert "Deze pagina bestaat niet" in answer.text
    assert client.post("/index.html").status_code == 405
    status = client.get("/api/status", headers=JSON).json()
    assert status["service"] == "guidegen"
    assert status["formats"] == ["docx", "pdf", "html"]
    assert client.get("/").headers["x-content-type-options"] == "nosniff"


def test_the_upload_form_shows_only_when_served(
    real_site: Path, knowledge: tuple[KnowledgeBase, list[Tree]]
) -> None:
    page = real_site / "richtlijn-samenstellen.html"
    on_disk = page.read_text(encoding="utf-8")
    assert 'id="gg-service-upload" hidden data-gg-service-only' in on_disk
    with client_for(real_site, knowledge_for(knowledge)) as client:
        served = client.get("/richtlijn-samenstellen.html").text
    assert served == on_disk.replace(
        'id="gg-service-upload" hidden data-gg-service-only',
        'id="gg-service-upload" data-gg-service-only',
    )


# ---- the command ----


def cyclic_garbage_collections(count: int = 20_000) -> int:
    """Make ``count`` objects only the cyclic collector can free: how often it ran."""
    started: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.callbacks.append(note)
    try:
        for _ in range(count):
            cycle: list[object] = []
            cycle.append(cycle)
    finally:
        gc.callbacks.remove(note)
    return len(started)


def test_serve_binds_127_0_0_1_and_says_where(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], site: Path
) -> None:
    seen: dict[str, Any] = {}
    monkeypatch.setattr(
        "uvicorn.run",
        lambda app, **options: seen.update(options, collections=cyclic_garbage_collections()),
    )
    command = ["serve", "--site", str(site), "--project", str(REPO), "--root-path", "/hb/"]
    monkeypatch.setattr(sys, "argv", ["guidegen", *command])
    python_thresholds = gc.get_threshold()
    try:
        with pytest.raises(SystemExit) as done:
            cli.run()  # the guidegen program, set for a short run until the service starts
    finally:
        gc.unfreeze()
        gc.set_threshold(*python_thresholds)
    output = capsys.readouterr().out
    assert done.value.code == 0, output
    # A service runs long: its garbage is collected as in any Python program.
    assert seen["collections"] > 0
    assert (seen["host"], seen["port"], seen["root_path"]) == ("127.0.0.1", 8000, "/hb")
    assert f"het handboek uit {site}" in output
    assert "http://127.0.0.1:8000/hb/" in output


def test_serve_stops_on_a_content_error(
    monkeypatch: pytest.MonkeyPatch, site: Path, handbook_project: Path
) -> None:
    monkeypatch.setattr("uvicorn.run", lambda app, **options: pytest.fail("started"))
    record = handbook_project / "content" / "strategies" / "informeren.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "onbekend: 1\n", encoding="utf-8")
    result = CliRunner().invoke(
        cli.main, ["serve", "--site", str(site), "--project", str(handbook_project)]
    )
    assert result.exit_code == 1
    assert "informeren.yaml:" in result.output
    assert "onbekend" in result.output
    empty = CliRunner().invoke(cli.main, ["serve", "--site", str(site / "sub")])
    assert empty.exit_code == 2
    assert "bevat geen gebouwd handboek" in empty.output


# ---- redirects, methods ----


def test_a_redirect_never_takes_the_host_header(client: TestClient, site: Path) -> None:
    (site / "kennisbank").mkdir()
    (site / "kennisbank" / "index.html").write_text("<p>Kennisbank</p>", encoding="utf-8")
    for host in ("evil.example", "evil.example:8443"):
        answer = client.get("/kennisbank?x=1", headers={"Host": host}, follow_redirects=False)
        assert answer.status_code == 307
        assert answer.headers["location"] == "/kennisbank/?x=1"


@pytest.mark.parametrize(
    ("location", "local"),
    [
        (b"http://evil.example/kennisbank/", b"/kennisbank/"),
        (b"https://evil.example:8443/hb/a/?q=1", b"/hb/a/?q=1"),
        (b"http://evil.example//evil.example/", b"/evil.example/"),  # not a host again
        (b"//evil.example/x", b"/x"),
        (b"/\\evil.example/x", b"/evil.example/x"),
        (b"/kennisbank/", b"/kennisbank/"),
    ],
)
def test_a_location_is_a_path_on_this_site(location: bytes, local: bytes) -> None:
    assert local_location(location) == local


def test_the_api_answers_another_method_with_405_in_dutch(client: TestClient) -> None:
    for method in ("GET", "PUT", "DELETE"):
        answer = client.request(method, URL, headers=JSON)
        assert answer.status_code == 405, method
        assert answer.headers["allow"] == "POST"
        assert errors(answer) == [
            "dit adres maakt een richtlijn van een verstuurd profiel; gebruik het formulier "
            "op de pagina 'Richtlijn samenstellen'"
        ]
    page = client.get(URL, headers={"Accept": "text/html"})
    assert page.status_code == 405
    assert "Dit adres werkt zo niet" in page.text
    assert client.head(URL).status_code == 405
    status = client.post("/api/status", headers=JSON)
    assert status.status_code == 405
    assert status.headers["allow"] == "GET, HEAD"


# ---- guidegen serve on a real uvicorn (127.0.0.1 only) ----


@pytest.fixture
def serving(site: Path, tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """``guidegen serve`` in its own process: its port and the file its log goes to."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = tmp_path / "serve.log"
    command = [
        str(Path(sys.executable).parent / "guidegen"),
        "serve",
        "--site",
        str(site),
        "--project",
        str(REPO),
        "--port",
        str(port),
        "--max-upload-seconds",
        "1",
    ]
    with log.open("wb") as output:
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=output)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert server.poll() is None, log.read_text(encoding="utf-8")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 1):
                break
            time.sleep(0.1)
        yield port, log
    finally:
        server.terminate()
        server.wait(timeout=10)


UPLOAD_HEAD = (
    b"POST /api/richtlijn HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n"
    b"Content-Type: multipart/form-data; boundary=grens\r\nContent-Length: 100000\r\n\r\n"
    b'--grens\r\nContent-Disposition: form-data; name="profiel"; filename="p.yaml"\r\n\r\n'
)


def test_an_aborted_upload_is_one_line_in_the_log(serving: tuple[int, Path]) -> None:
    port, log = serving
    for _ in range(10):
        with socket.create_connection(("127.0.0.1", port), 5) as connection:
            connection.sendall(UPLOAD_HEAD + b"organisation:\n  name: Gem")
            time.sleep(0.05)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and log.read_text().count("broke off") < 10:
        time.sleep(0.1)
    time.sleep(0.3)  # anything more it would write
    lines = log.read_text(encoding="utf-8").splitlines()
    assert lines == ["POST /api/richtlijn: the client broke off the request"] * 10
    assert "Traceback" not in log.read_text(encoding="utf-8")


def test_a_slow_upload_is_cut_off_with_408(serving: tuple[int, Path]) -> None:
    """A byte now and then (here every 0.3 s) no longer holds the connection for ever."""
    port, log = serving
    started = time.monotonic()
    answer = b""
    with socket.create_connection(("127.0.0.1", port), 5) as connection:
        connection.sendall(UPLOAD_HEAD)
        connection.settimeout(0.3)
        while time.monotonic() - started < 10:
            with contextlib.suppress(OSError):
                connection.sendall(b"x")
            try:
                chunk = connection.recv(65536)
            except TimeoutError:
                continue
            except ConnectionResetError:  # a byte sent after the answer: the server resets
                break
            if not chunk:
                break
            answer += chunk
    took = time.monotonic() - started
    assert answer.startswith(b"HTTP/1.1 408 "), answer[:200]
    assert b"connection: close" in answer.lower()
    assert b"het versturen duurde langer dan 1 seconden" in answer
    assert 0.9 < took < 5
    assert "Traceback" not in log.read_text(encoding="utf-8")
