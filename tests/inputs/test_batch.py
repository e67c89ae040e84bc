"""Many inputs: directories, globs, lists, JSON Lines, --jobs, order, progress, --output-dir, schema."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from briefing.batch import Job, run
from briefing.inputs import ReadOptions, Source, iter_sources
from briefing.pipeline import BriefOptions
from inputs_support import DATA, ROOT, SEED, invoke, write_articles


@pytest.fixture
def news_dir(tmp_path):
    """A folder of good articles with a binary file, an empty file and files to skip among them."""
    root = tmp_path / "news"
    write_articles(root, 3)  # 01.txt 02.txt 03.txt
    (root / "sub").mkdir()
    (root / "sub" / "story.md").write_text("Harbour reopens\n\nThe harbour reopened on Friday after repairs. Boats returned.\n", encoding="utf-8")
    (root / "page.html").write_bytes((DATA / "article.html").read_bytes())
    (root / "corrupt.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 10)
    (root / "empty.txt").write_text(" \n\n", encoding="utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 32)  # not matched by the default globs
    (root / ".cache").mkdir()
    (root / ".cache" / "old.txt").write_text("Hidden folders are skipped. Always.\n", encoding="utf-8")
    return root


def test_directory_is_walked_recursively_in_order(news_dir, validate_json):
    result = invoke("summarize", news_dir, "-f", "json", "-n", "1")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    expected = ["01.txt", "02.txt", "03.txt", "corrupt.txt", "empty.txt", "page.html", "sub/story.md"]
    assert [d["source"] for d in docs] == [str(news_dir / name) for name in expected]
    by_name = {os.path.relpath(d["source"], news_dir): d for d in docs}
    assert by_name["corrupt.txt"]["error"] == "binary file, not text"
    assert by_name["empty.txt"]["error"] == "empty article"
    assert by_name["page.html"]["title"] == "Harbour council approves ferry expansion"
    assert by_name["sub/story.md"]["summary"][0]["text"] == "The harbour reopened on Friday after repairs."
    assert result.stderr.splitlines() == [
        f"briefing: error: {news_dir / 'corrupt.txt'}: binary file, not text",
        f"briefing: error: {news_dir / 'empty.txt'}: empty article",
        "5 briefed, 2 failed",
    ]


def test_glob_chooses_the_files(news_dir, validate_json):
    result = invoke("summarize", news_dir, "--glob", "*.md", "--glob", "0[12].txt", "-f", "json", "-j", "1")
    assert result.exit_code == 0
    assert [os.path.relpath(d["source"], news_dir) for d in validate_json(result.stdout)] == ["01.txt", "02.txt", "sub/story.md"]
    assert result.stderr == ""


def test_directory_without_matching_files(tmp_path):
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    result = invoke("brief", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"briefing: error: {tmp_path}: directory has no files matching *.txt, ")


def test_jsonl_ids_travel_and_a_missing_field_fails_alone(tmp_path, validate_json):
    feed = tmp_path / "feed.jsonl"
    records = [
        {"uid": "a-1", "body": "Rail strike ends\n\nThe rail strike ended on Monday after 12 days. Trains ran again."},
        {"uid": 2, "text": "no body field here"},
        {"uid": "a-3", "body": "<html><body><article><h1>Port expands</h1><p>The port added two cranes on Friday, officials said, and will hire 40 workers.</p></article></body></html>"},
    ]
    lines = [json.dumps(r) for r in records]
    lines.insert(2, "")  # blank lines are skipped
    lines.append("{not json")
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = invoke("brief", "--jsonl", feed, "--text-field", "body", "--id-field", "uid", "-f", "json")
    assert result.exit_code == 1
    docs = validate_json(result.stdout)
    assert [(d["source"], d["id"]) for d in docs] == [(f"{feed}:1", "a-1"), (f"{feed}:2", "2"), (f"{feed}:4", "a-3"), (f"{feed}:5", None)]
    assert docs[0]["title"] == "Rail strike ends"
    assert docs[1] == {"schema_version": 1, "source": f"{feed}:2", "id": "2", "error": "no 'body' field"}
    assert docs[2]["title"] == "Port expands" and "cranes" in docs[2]["text"]
    assert docs[3]["error"].startswith("not valid JSON")
    assert result.stderr.splitlines()[-1] == "2 briefed, 2 failed"


def test_jsonl_without_id_field_gives_null_ids(tmp_path, validate_json):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "The mayor resigned on Monday. A vote follows."}) + "\n", encoding="utf-8")
    docs = validate_json(invoke("summarize", "--jsonl", feed, "-f", "json").stdout)
    assert docs[0]["id"] is None and docs[0]["source"] == f"{feed}:1"


def test_missing_jsonl_file(tmp_path):
    result = invoke("summarize", "--jsonl", tmp_path / "nope.jsonl")
    assert result.exit_code == 1
    assert result.stderr == f"briefing: error: {tmp_path / 'nope.jsonl'}: no such file\n"


def test_order_is_kept_with_two_jobs(tmp_path, validate_json):
    paths = write_articles(tmp_path / "many", 12)
    result = invoke("summarize", *reversed(paths), "-f", "json", "-n", "1", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    docs = validate_json(result.stdout)
    assert [d["source"] for d in docs] == [str(p) for p in reversed(paths)]
    assert all(f"district {int(os.path.basename(d['source'])[:2])} " in d["summary"][0]["text"] for d in docs)
    serial = invoke("summarize", *reversed(paths), "-f", "json", "-n", "1", "--jobs", "1")
    assert serial.stdout == result.stdout


def test_text_format_with_several_inputs_and_two_jobs(tmp_path):
    paths = write_articles(tmp_path / "few", 3)
    result = invoke("summarize", *paths, "-n", "1", "-j", "2")
    assert result.stdout.split("\n\n")[0].startswith(f"==> {paths[0]} <==\nThe council of district 1 ")
    assert result.stdout.count("==> ") == 3


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path):
    paths = write_articles(tmp_path / "few", 3)
    result = invoke("summarize", *paths, "-f", "json", "-j", "1")
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.skipif(sys.platform != "linux", reason="uses a pseudo-terminal")
def test_progress_bar_on_a_terminal(tmp_path):
    """stderr on a (pseudo-)terminal, stdout a pipe: the bar (count, rate) is drawn on stderr only."""
    import pty

    paths = write_articles(tmp_path / "few", 3)
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COLUMNS": "100", "TERM": "xterm"}
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        env.pop(name, None)
    try:
        with subprocess.Popen(
            [sys.executable, "-m", "briefing", "summarize", *map(str, paths), "-f", "json", "-j", "1"],
            stdout=subprocess.PIPE,
            stderr=slave,
            stdin=subprocess.DEVNULL,
            env=env,
            cwd=ROOT,
        ) as proc:
            os.close(slave)
            slave = None
            out = proc.stdout.read()
            proc.wait(timeout=60)
        err = b""
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the terminal's other side is closed
                break
            if not chunk:
                break
            err += chunk
    finally:
        os.close(master)
        if slave is not None:
            os.close(slave)
    assert proc.returncode == 0
    assert len(out.splitlines()) == 3 and b"\x1b" not in out  # the bar never reaches stdout
    text = err.decode("utf-8", "replace")
    assert "3/3" in text and "/s" in text and "briefing" in text


def test_output_dir_writes_one_file_per_input(tmp_path, validate_json):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = write_articles(tmp_path / "a", 1)[0]
    second = write_articles(tmp_path / "b", 2)  # b/01.txt has the same name as a/01.txt
    out = tmp_path / "out"
    result = invoke("brief", first, *second, tmp_path / "missing.txt", "-f", "json", "-o", out, "-j", "2")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert sorted(p.name for p in out.iterdir()) == ["01-2.json", "01.json", "02.json"]
    assert validate_json((out / "01.json").read_text(encoding="utf-8"))[0]["source"] == str(first)
    assert validate_json((out / "01-2.json").read_text(encoding="utf-8"))[0]["source"] == str(second[0])
    assert result.stderr.splitlines()[-1] == "3 briefed, 1 failed"
    md = invoke("summarize", SEED, "-f", "markdown", "-o", out)
    assert md.exit_code == 0 and (out / f"{SEED.stem}.md").read_text(encoding="utf-8").startswith("# ")
    txt = invoke("summarize", SEED, "-o", out)
    assert txt.exit_code == 0 and (out / f"{SEED.stem}.txt").exists()


def test_output_dir_names_from_jsonl_ids(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        "\n".join(json.dumps({"id": i, "text": f"Story {i} ran on Monday. It was read widely."}) for i in ("x/1", "x/1", "y 2")) + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert invoke("summarize", "--jsonl", feed, "--id-field", "id", "-o", out, "-j", "1").exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["x_1-2.txt", "x_1.txt", "y_2.txt"]


def test_schema_command_prints_a_valid_json_schema():
    import jsonschema

    result = invoke("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator = jsonschema.Draft202012Validator(schema)
    assert not validator.is_valid({"schema_version": 1, "source": "x", "id": None, "error": "boom", "extra": 1})
    assert not validator.is_valid({"schema_version": 2, "source": "x", "id": None, "error": "boom"})


def test_every_command_output_conforms(validate_json):
    for command in ("summarize", "facts", "brief"):
        for extra in ((), ("--no-text",), ("--only", "dates")):
            if command == "summarize" and extra == ("--only", "dates"):
                continue
            validate_json(invoke(command, SEED, DATA / "article.html", "-f", "json", "-j", "1", *extra).stdout)


def test_runner_streams_with_a_bounded_window():
    """The first outcome comes out long before the last source is pulled, and no more than the
    window is ever in flight: memory does not grow with the number of inputs."""
    pulled = []

    def sources():
        for i in range(40):
            pulled.append(i)
            yield Source(f"doc{i}", "record", data=json.dumps({"text": f"Item {i} was sold on Monday. Buyers paid well."}).encode())

    job = Job("summarize", BriefOptions(facts=False), "json")
    seen = 0
    for outcome in run(job, sources(), jobs=2, window=4):
        if seen == 0:
            assert len(pulled) <= 5
        assert len(pulled) - seen <= 5
        assert json.loads(outcome.output)["source"] == f"doc{seen}"
        seen += 1
    assert seen == 40


def test_sources_are_listed_lazily(tmp_path):
    write_articles(tmp_path / "d", 3)
    stream = iter_sources([str(tmp_path / "d"), "http://127.0.0.1:9/x", "-"], stdin=None, read_data=False)
    assert [s.kind for s in stream] == ["path", "path", "path", "url", "stdin"]


def test_read_options_default():
    assert ReadOptions().text_field == "text" and ReadOptions().timeout > 0


@pytest.mark.skipif(sys.platform != "linux", reason="reads worker ids from /proc")
def test_ctrl_c_stops_workers_and_leaves_whole_lines(tmp_path):
    paths = write_articles(tmp_path / "many", 150)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with subprocess.Popen(
        [sys.executable, "-m", "briefing", "brief", str(tmp_path / "many"), "-f", "json", "--jobs", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        cwd=ROOT,
    ) as proc:
        first = proc.stdout.readline()  # wait until results flow
        assert first
        children = _children(proc.pid)
        assert children, "no worker processes"
        proc.send_signal(signal.SIGINT)
        rest = proc.stdout.read()  # (communicate() would skip what readline() buffered)
        err = proc.stderr.read()
        proc.wait(timeout=30)
    assert proc.returncode == 130, err.decode("utf-8", "replace")[-2000:]
    lines = (first + rest).decode("utf-8").splitlines()
    assert 1 <= len(lines) < len(paths), (len(lines), err.decode("utf-8", "replace")[-2000:])
    for line in lines:
        json.loads(line)  # no partial line
    assert b"Traceback" not in err
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(pid) for pid in children):
        time.sleep(0.05)
    assert not any(_alive(pid) for pid in children)


def _children(pid: int) -> list[int]:
    found = []
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as handle:
                found += [int(x) for x in handle.read().split()]
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            return handle.read().split(") ", 1)[1][0] != "Z"
    except (OSError, IndexError):
        return False
