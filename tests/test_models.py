"""Model download against a real local HTTP server serving archives the test builds.

The archives have the shape of a vosk model (am/final.mdl, conf/...), so the code
under test runs exactly as it would against alphacephei.com, minus the internet.
"""

from __future__ import annotations

import hashlib
import http.server
import io
import socket
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from voicecoach.adapters import models
from voicecoach.adapters.models import ModelInfo, fetch_model, installed_models
from voicecoach.cli import main
from voicecoach.errors import ModelError


def model_zip(
    top: str = "vosk-model-test-0.1", *, with_am: bool = True, extra: dict[str, bytes] | None = None
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if with_am:
            archive.writestr(f"{top}/am/final.mdl", b"\x00acoustic model" * 1000)
        archive.writestr(f"{top}/conf/model.conf", b"--min-active=200\n")
        archive.writestr(f"{top}/graph/HCLr.fst", b"\x01graph" * 20000)
        archive.writestr(f"{top}/README", b"test model\n")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


class Server:
    """Files by URL path; `short` paths announce more bytes than they send."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.short: set[str] = set()
        files, short = self.files, self.short

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                body = files.get(self.path)
                if body is None:
                    self.send_error(404, "Not Found")
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/zip")
                announced = len(body) + 1000 if self.path in short else len(body)
                self.send_header("Content-Length", str(announced))
                self.end_headers()
                self.wfile.write(body)
                if self.path in short:
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass  # keep test output clean

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server() -> Iterator[Server]:
    running = Server()
    yield running
    running.close()


@pytest.fixture
def dest(tmp_path: Path) -> Path:
    return tmp_path / "audio_models"


def leftovers(folder: Path) -> list[str]:
    return sorted(child.name for child in folder.iterdir()) if folder.exists() else []


def test_fetch_downloads_verifies_and_unpacks_with_progress(server: Server, dest: Path) -> None:
    archive = model_zip()
    server.files["/m.zip"] = archive
    calls: list[tuple[int, int | None]] = []
    target = fetch_model(
        "test-model",
        url=server.url("/m.zip"),
        sha256=hashlib.sha256(archive).hexdigest(),
        dest=dest,
        progress=lambda received, total: calls.append((received, total)),
    )
    assert target == dest / "test-model"
    assert (target / "am" / "final.mdl").read_bytes() == b"\x00acoustic model" * 1000
    assert (target / "conf" / "model.conf").is_file()
    assert leftovers(dest) == ["test-model"]  # no temporary file or folder left beside it
    assert calls[0] == (0, len(archive)) and calls[-1] == (len(archive), len(archive))
    assert [received for received, _ in calls] == sorted(received for received, _ in calls)
    assert installed_models([dest])[0].folder == target


def test_registry_entry_checks_recorded_size_and_checksum(
    server: Server, dest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = model_zip()
    server.files["/official.zip"] = archive
    info = ModelInfo(
        name="tiny",
        folder="vosk-model-tiny-0.1",
        url=server.url("/official.zip"),
        language="xx",
        description="test",
        size_bytes=len(archive),
        sha256=hashlib.sha256(archive).hexdigest(),
    )
    monkeypatch.setitem(models.REGISTRY, "tiny", info)
    assert fetch_model("tiny", dest=dest) == dest / "vosk-model-tiny-0.1"
    with pytest.raises(
        ModelError, match="already installed in .*vosk-model-tiny-0.1: delete that folder"
    ):
        fetch_model("tiny", dest=dest)


def test_wrong_checksum_leaves_nothing_behind(server: Server, dest: Path) -> None:
    server.files["/m.zip"] = model_zip()
    with pytest.raises(ModelError) as caught:
        fetch_model("test-model", url=server.url("/m.zip"), sha256="0" * 64, dest=dest)
    assert caught.value.message.startswith(
        f"checksum mismatch for {server.url('/m.zip')}: got sha256 "
    )
    assert "\n" not in caught.value.message
    assert leftovers(dest) == []


def test_wrong_recorded_size_is_refused(
    server: Server, dest: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = model_zip()
    server.files["/official.zip"] = archive
    info = ModelInfo(
        "tiny", "vosk-model-tiny-0.1", server.url("/official.zip"), "xx", "test", len(archive) + 1
    )
    monkeypatch.setitem(models.REGISTRY, "tiny", info)
    with pytest.raises(ModelError, match=f"is {len(archive)} bytes, expected {len(archive) + 1}"):
        fetch_model("tiny", dest=dest)
    assert leftovers(dest) == []


def test_download_cut_short_is_refused(server: Server, dest: Path) -> None:
    archive = model_zip()
    server.files["/cut.zip"] = archive
    server.short.add("/cut.zip")
    with pytest.raises(
        ModelError, match=f"is {len(archive)} bytes, expected {len(archive) + 1000}"
    ):
        fetch_model("test-model", url=server.url("/cut.zip"), dest=dest)
    assert leftovers(dest) == []


def test_unreachable_host_is_one_clear_line(dest: Path) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nothing listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/vosk-model.zip"
    with pytest.raises(ModelError) as caught:
        fetch_model("test-model", url=url, dest=dest)
    assert caught.value.message == (
        "cannot reach 127.0.0.1: check your connection, "
        f"or download {url} yourself and unpack it into {dest}"
    )
    assert leftovers(dest) == []


def test_http_error_is_reported(server: Server, dest: Path) -> None:
    with pytest.raises(ModelError, match="HTTP 404"):
        fetch_model("test-model", url=server.url("/missing.zip"), dest=dest)
    assert leftovers(dest) == []


@pytest.mark.parametrize(
    ("archive", "expected"),
    [
        (model_zip(with_am=False), "is not a vosk model"),
        (b"this is not a zip file at all", "is not a zip archive"),
        (model_zip(extra={"../escape.txt": b"x"}), "unsafe path"),
    ],
)
def test_bad_archives_leave_no_partial_folder(
    server: Server, dest: Path, archive: bytes, expected: str
) -> None:
    server.files["/bad.zip"] = archive
    with pytest.raises(ModelError, match=expected):
        fetch_model("test-model", url=server.url("/bad.zip"), dest=dest)
    assert leftovers(dest) == []
    assert not (dest.parent / "escape.txt").exists()


def test_unknown_name_without_url_lists_the_known_ones(dest: Path) -> None:
    with pytest.raises(ModelError, match="unknown model 'xx-small': choose one of en-us-small"):
        fetch_model("xx-small", dest=dest)


def test_official_small_english_model_is_registered_honestly() -> None:
    info = models.REGISTRY["en-us-small"]
    assert info.url == "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip"
    assert info.folder == "vosk-model-small-en-us-0.15"
    assert info.provenance  # where the recorded size and checksum come from is said


def test_cli_fetch_prints_the_folder_and_draws_progress_on_stderr(
    server: Server,
    isolated_user_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(models, "REPO_MODELS_DIR", isolated_user_dirs / "no-checkout")
    archive = model_zip()
    server.files["/m.zip"] = archive
    code = main(
        [
            "models",
            "fetch",
            "my-model",
            "--url",
            server.url("/m.zip"),
            "--sha256",
            hashlib.sha256(archive).hexdigest(),
        ]
    )
    out, err = capsys.readouterr()
    target = isolated_user_dirs / "audio_models" / "my-model"
    assert code == 0
    assert out == f"{target}\n"
    assert "100%" in err and "#" * 30 in err
    assert main(["models", "list"]) == 0
    listing = capsys.readouterr().out
    assert "en-us-small" in listing and "not installed" in listing
    assert str(target) in listing


def test_cli_fetch_offline_is_one_line_and_exit_code(
    dest: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code = main(
        ["models", "fetch", "x", "--url", f"http://127.0.0.1:{port}/x.zip", "--dest", str(dest)]
    )
    _, err = capsys.readouterr()
    assert code == ModelError.exit_code
    assert (
        err.startswith("voicecoach: cannot reach 127.0.0.1: check your connection")
        and err.count("\n") == 1
    )
