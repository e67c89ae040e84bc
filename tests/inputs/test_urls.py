"""URL inputs against a local HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import time

import pytest

from briefing.errors import InputError
from briefing.fetch import fetch, parse_content_type
from inputs_support import http_server, invoke, no_proxy  # noqa: F401 (fixtures)

pytestmark = pytest.mark.usefixtures("no_proxy")


def test_page_is_fetched_and_extracted(http_server, validate_json):
    url = f"{http_server}/article.html"
    result = invoke("brief", url, "-f", "json")
    assert result.exit_code == 0, result.stderr
    doc = validate_json(result.stdout)[0]
    assert doc["source"] == url
    assert doc["title"] == "Harbour council approves ferry expansion"
    assert doc["metadata"]["date"] == "2024-03-14"
    assert doc["metadata"]["site"] == "The Coastal Courier"
    assert "Commenter" not in doc["text"]


def test_redirect_is_followed(http_server, validate_json):
    doc = validate_json(invoke("summarize", f"{http_server}/moved", "-f", "json").stdout)[0]
    assert doc["source"] == f"{http_server}/moved"
    assert doc["title"] == "Harbour council approves ferry expansion"


def test_charset_from_meta_when_the_header_has_none(http_server, validate_json):
    doc = validate_json(invoke("summarize", f"{http_server}/latin1", "-f", "json").stdout)[0]
    assert doc["title"] == "Café owners in Zürich raise prices"


def test_charset_from_the_content_type_header(http_server, validate_json):
    doc = validate_json(invoke("summarize", f"{http_server}/plain-latin1", "-f", "json").stdout)[0]
    assert doc["text"].startswith("Zürich café owners")


def test_404_names_the_url(http_server, validate_json):
    url = f"{http_server}/missing"
    result = invoke("brief", url, "-f", "json")
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {url}: HTTP 404 Not Found\n"
    assert validate_json(result.stdout) == [{"schema_version": 1, "source": url, "id": None, "error": "HTTP 404 Not Found"}]


def test_redirect_loop_is_bounded(http_server):
    url = f"{http_server}/loop"
    result = invoke("brief", url)
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {url}: too many redirects (more than 5)\n"


def test_slow_response_times_out(http_server):
    url = f"{http_server}/slow"
    started = time.monotonic()
    result = invoke("brief", url, "--timeout", "0.5")
    assert time.monotonic() - started < 2.5
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {url}: timed out after 0.5 s\n"


@pytest.mark.parametrize("route", ["/big", "/big-unannounced"])
def test_body_over_the_size_limit(http_server, route):
    url = f"{http_server}{route}"
    result = invoke("brief", url, "--max-bytes", "5000")
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {url}: input too large: more than 5000 bytes (raise the limit with --max-bytes)\n"
    assert invoke("summarize", url, "--max-bytes", "20000").exit_code == 0


def test_non_text_content_type_is_refused(http_server):
    url = f"{http_server}/image.png"
    result = invoke("brief", url)
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {url}: unsupported content type image/png: not a text or HTML page\n"


def test_page_without_article(http_server):
    url = f"{http_server}/no-article"
    result = invoke("brief", url)
    assert result.stderr == f"briefing: error: {url}: no article text found in the HTML page\n"


def test_connection_refused_names_the_url():
    import socket

    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/story"
    result = invoke("brief", url, "--timeout", "2")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"briefing: error: {url}: cannot connect: ")
    assert result.stderr.count("\n") == 1


def test_only_http_and_https():
    result = invoke("brief", "ftp://127.0.0.1/story.txt")
    assert result.exit_code == 1
    assert result.stderr == "briefing: error: ftp://127.0.0.1/story.txt: unsupported URL scheme 'ftp': only http and https\n"
    with pytest.raises(InputError, match="only http and https"):
        fetch("file:///etc/hostname")


def test_urls_and_files_from_a_list_keep_their_order(http_server, tmp_path, validate_json):
    from inputs_support import SEED

    listing = tmp_path / "inputs.txt"
    listing.write_text(f"# a comment\n{http_server}/article.html\n\n{SEED}\n{http_server}/missing\n", encoding="utf-8")
    result = invoke("summarize", "--from-list", listing, "-f", "json", "-j", "1")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [d["source"] for d in docs] == [f"{http_server}/article.html", str(SEED), f"{http_server}/missing"]
    assert "error" in docs[2]
    assert result.stderr.splitlines()[-1] == "2 briefed, 1 failed"


def test_parse_content_type():
    assert parse_content_type("text/html; charset=ISO-8859-1") == ("text/html", "ISO-8859-1")
    assert parse_content_type('Text/HTML;Charset="utf-8"') == ("text/html", "utf-8")
    assert parse_content_type(None) == (None, None)
