"""Helpers for the input tests: the HTML pages under data/, a local HTTP server on 127.0.0.1, and
running the CLI. Test modules import the fixtures from here (``from inputs_support import ...``): a
second conftest.py would shadow the root one's ``from conftest import ...``.

The server never reaches beyond the loopback interface; each route plays one case a URL input
must handle (a page, a 404, a redirect loop, a slow answer, a body over the size limit, ...).
"""

from __future__ import annotations

import http.server
import threading
import time
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
_BIG = b"<html><body><article><p>" + b"The council met again today and voted. " * 250 + b"</p></article></body></html>"
SLOW_SECONDS = 3.0  # the /slow route answers after this; tests use --timeout 0.5


def page(name: str) -> Path:
    return DATA / name


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, content_type: str | None, *, length: bool = True, headers=()) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in headers:
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        path = self.path.split("?", 1)[0]
        if path == "/article.html":
            self._send(200, page("article.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/latin1":
            # No charset in the header: the page's <meta charset="ISO-8859-1"> must be honoured.
            self._send(200, page("latin1.html").read_bytes(), "text/html")
        elif path == "/plain-latin1":
            text = "Zürich café owners raised prices by 5 percent on Monday. Customers complained loudly."
            self._send(200, text.encode("iso-8859-1"), "text/plain; charset=ISO-8859-1")
        elif path == "/no-article":
            self._send(200, page("no_article.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/moved":
            self._send(301, b"", None, headers=[("Location", "/article.html")])
        elif path == "/loop":
            self._send(302, b"", None, headers=[("Location", "/loop")])
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, page("article.html").read_bytes(), "text/html; charset=utf-8")
        elif path == "/big":
            self._send(200, _BIG, "text/html")
        elif path == "/big-unannounced":
            # No Content-Length: the limit must hold while the body streams in.
            self._send(200, _BIG, "text/html", length=False)
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png")
        else:
            self._send(404, b"<h1>Not found</h1>", "text/html")


class _QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that hangs up early (size limit, timeout) is expected here


@pytest.fixture(scope="session")
def http_server():
    """The base URL (``http://127.0.0.1:PORT``) of a server that runs for the test session."""
    server = _QuietServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, name="test-http-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def no_proxy(monkeypatch):
    """Requests to 127.0.0.1 go straight to the test server, whatever proxy the machine sets."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")


ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_3659efa8dcf43795.txt"
ARTICLES = ROOT / "tests" / "data" / "articles"


def invoke(*args, input=None, env=None, catch_exceptions=False):
    """Run the CLI in-process (Typer's CliRunner: stdout and stderr are pipes, not terminals)."""
    from typer.testing import CliRunner

    from briefing.cli import app

    return CliRunner().invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=catch_exceptions)


def write_articles(directory: Path, count: int) -> list[Path]:
    """`count` short distinct news texts as 01.txt, 02.txt, ... (each names its number)."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(1, count + 1):
        path = directory / f"{i:02d}.txt"
        path.write_text(
            f"Council approves budget number {i}\n\n"
            f"The council of district {i} approved a budget of {i} million dollars on Monday. "
            f"The vote was {i + 5} to 2, officials said. Residents will see {i} new parks.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def spans_hold(article) -> None:
    """Every span of the article (title, sentences, tokens, paragraphs, set-aside lines) indexes
    its text."""
    text = article.text
    if article.title is not None:
        assert text[article.title.start : article.title.end] == article.title_text
    for s in article.sentences:
        assert text[s.start : s.end] == s.text
        for t in s.tokens:
            assert text[t.start : t.end] == t.text
    for p in article.paragraphs:
        assert 0 <= p.start < p.end <= len(text)
    for sp in article.set_aside:
        assert 0 <= sp.start < sp.end <= len(text)
