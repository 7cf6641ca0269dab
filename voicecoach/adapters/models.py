"""Recogniser models on disk: where they live, which official ones exist, and fetching them.

Models live in `audio_models/` at the root of a source checkout (handy while
developing) and in `audio_models/` inside the user data folder (an installed
program). `fetch_model` downloads an archive to a temporary file in the target
folder, checks its size (always) and sha256 (when recorded or given), unpacks it
into a temporary folder beside the target, checks that it is a vosk model and
only then renames it into place: a failure at any step leaves nothing behind,
and a half-unpacked model can never be picked up.

No engine is imported here, so `voicecoach models list` and `doctor` stay cheap.
Raises `ModelError` with a one-line message that says what to do.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from voicecoach.errors import ModelError

REPO_MODELS_DIR = Path(__file__).resolve().parents[2] / "audio_models"
_BLOCK_BYTES = 1 << 16

ProgressCallback = Callable[[int, int | None], None]
"""Called with (bytes received so far, total bytes or None) while downloading."""


@dataclass(frozen=True)
class ModelInfo:
    """An official model: where to get it and what the download must look like.

    `size_bytes` and `sha256` are None where they are not known; they are never
    guessed. `provenance` says where the recorded values come from.
    """

    name: str
    folder: str
    url: str
    language: str
    description: str
    size_bytes: int | None = None
    sha256: str | None = None
    provenance: str = ""


REGISTRY: dict[str, ModelInfo] = {
    info.name: info
    for info in (
        ModelInfo(
            name="en-us-small",
            folder="vosk-model-small-en-us-0.15",
            url="https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
            language="en-us",
            description="official small US English vosk model (about 40 MB, Apache-2.0)",
            size_bytes=41_205_931,
            sha256="30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
            # alphacephei publishes no checksum; these two values are the ones several
            # independent public projects pin after downloading the official zip. They could
            # not be checked from this (offline) machine; --sha256 overrides them.
            provenance="size and sha256 as pinned by several public projects; "
            "not published upstream",
        ),
        ModelInfo(
            name="en-us",
            folder="vosk-model-en-us-0.22",
            url="https://alphacephei.com/vosk/models/vosk-model-en-us-0.22.zip",
            language="en-us",
            description="official large US English vosk model (about 1.8 GB, needs about 6 GB RAM)",
            provenance="size and sha256 unknown here: "
            "the size is checked against the server's Content-Length",
        ),
    )
}


@dataclass(frozen=True)
class InstalledModel:
    """A model folder found on disk."""

    folder: Path
    registry_name: str | None


def user_data_dir() -> Path:
    """The user data folder: `VOICECOACH_DATA_DIR`, else the platform's (platformdirs)."""
    configured = os.environ.get("VOICECOACH_DATA_DIR")
    if configured:
        return Path(configured).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir("voicecoach", appauthor=False))


def models_dirs() -> list[Path]:
    """Folders searched for models, in order: the checkout's `audio_models/`, the user's."""
    folders = []
    if REPO_MODELS_DIR.is_dir():
        folders.append(REPO_MODELS_DIR)
    folders.append(user_data_dir() / "audio_models")
    return folders


def default_models_dir() -> Path:
    """Where `fetch` unpacks to: the checkout's `audio_models/` if present, else the user's."""
    return models_dirs()[0]


def looks_like_vosk_model(folder: Path) -> bool:
    """True when the folder has the acoustic model and configuration vosk needs."""
    return (folder / "am" / "final.mdl").is_file() and (folder / "conf").is_dir()


def installed_models(folders: list[Path] | None = None) -> list[InstalledModel]:
    """Every vosk model folder directly inside the model folders (hidden ones skipped)."""
    by_folder = {info.folder: info.name for info in REGISTRY.values()}
    found: list[InstalledModel] = []
    for base in folders if folders is not None else models_dirs():
        if not base.is_dir():
            continue
        for child in sorted(base.iterdir()):
            if child.name.startswith(".") or not child.is_dir() or not looks_like_vosk_model(child):
                continue
            found.append(InstalledModel(folder=child, registry_name=by_folder.get(child.name)))
    return found


def find_vosk_model(folders: list[Path] | None = None) -> Path | None:
    """The model `auto` should use: an English one from the registry first, then any other."""
    models = installed_models(folders)
    if not models:
        return None
    order = list(REGISTRY)

    def rank(model: InstalledModel) -> tuple[int, str]:
        if model.registry_name is not None:
            return order.index(model.registry_name), model.folder.name
        return len(order), model.folder.name

    return min(models, key=rank).folder


def fetch_model(
    name: str,
    *,
    url: str | None = None,
    sha256: str | None = None,
    dest: Path | None = None,
    progress: ProgressCallback | None = None,
    timeout_seconds: float = 30.0,
) -> Path:
    """Download, verify and unpack a model; return the folder it now lives in.

    `name` is a registry name, or any name when `url` is given (the folder is
    then called `name`). `sha256` overrides the recorded checksum.

    Raises:
        ModelError: unknown name, already installed, unreachable host, HTTP error,
            wrong size or checksum, or an archive that is not a vosk model.
    """
    info = REGISTRY.get(name)
    if info is None and url is None:
        known = ", ".join(REGISTRY)
        raise ModelError(
            f"unknown model {name!r}: choose one of {known}, or give --url URL for another model"
        )
    source_url = url or (info.url if info else "")
    folder_name = info.folder if info else _safe_folder_name(name)
    expected_sha256 = (sha256 or (info.sha256 if info and not url else None) or "").lower() or None
    expected_size = info.size_bytes if info and not url else None
    target_dir = Path(dest) if dest is not None else default_models_dir()
    target = target_dir / folder_name
    if target.exists():
        raise ModelError(
            f"model {name} is already installed in {target}: delete that folder to fetch it again"
        )
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ModelError(
            f"cannot create {target_dir} ({error.strerror}): choose another folder with --dest"
        ) from None

    archive_fd, archive_name = tempfile.mkstemp(
        prefix=f".{folder_name}-", suffix=".download", dir=target_dir
    )
    archive_path = Path(archive_name)
    unpack_dir: Path | None = None
    try:
        with os.fdopen(archive_fd, "wb") as archive:
            digest = _download(
                source_url, archive, expected_size, target_dir, progress, timeout_seconds
            )
        actual_sha256 = digest.hexdigest()
        if expected_sha256 is not None and actual_sha256 != expected_sha256:
            raise ModelError(
                f"checksum mismatch for {source_url}: got sha256 {actual_sha256}, "
                f"expected {expected_sha256}; the download is corrupt or changed upstream: "
                "try again, or pass --sha256 if you trust the new file"
            )
        unpack_dir = Path(
            tempfile.mkdtemp(prefix=f".{folder_name}-", suffix=".unpack", dir=target_dir)
        )
        model_root = _unpack(archive_path, unpack_dir, source_url)
        try:
            os.rename(
                model_root, target
            )  # atomic on one file system: the model appears whole or not at all
        except OSError as error:
            raise ModelError(
                f"cannot move the model into {target} ({error.strerror}): check the folder"
            ) from None
        return target
    finally:
        archive_path.unlink(missing_ok=True)
        if unpack_dir is not None:
            shutil.rmtree(unpack_dir, ignore_errors=True)


def _download(
    url: str,
    archive: BinaryIO,
    expected_size: int | None,
    target_dir: Path,
    progress: ProgressCallback | None,
    timeout_seconds: float,
) -> hashlib._Hash:
    """Stream `url` into `archive`, checking the size; return the running sha256."""
    host = urllib.parse.urlsplit(url).hostname or url
    offline_hint = (
        f"check your connection, or download {url} yourself and unpack it into {target_dir}"
    )
    try:
        response = urllib.request.urlopen(url, timeout=timeout_seconds)  # noqa: S310 - http(s) URLs only
    except urllib.error.HTTPError as error:
        raise ModelError(
            f"download of {url} failed: HTTP {error.code} {error.reason}; {offline_hint}"
        ) from None
    except (urllib.error.URLError, OSError, ValueError):
        raise ModelError(f"cannot reach {host}: {offline_hint}") from None
    digest = hashlib.sha256()
    with response:
        header = response.headers.get("Content-Length")
        announced = int(header) if header and header.isdigit() else None
        if expected_size is not None and announced is not None and announced != expected_size:
            raise ModelError(
                f"{url} is {announced} bytes, expected {expected_size}: the file changed upstream; "
                "pass --url and --sha256 for the new file if you trust it"
            )
        total = expected_size if expected_size is not None else announced
        if total is None and expected_size is None:
            raise ModelError(
                f"cannot check the size of {url}: the server sent no Content-Length; "
                f"download it yourself and unpack it into {target_dir}"
            )
        received = 0
        if progress is not None:
            progress(0, total)
        while True:
            try:
                block = response.read(_BLOCK_BYTES)
            except http.client.IncompleteRead as error:
                block = error.partial  # counted below: the size check reports what was missing
                if block:
                    archive.write(block)
                    digest.update(block)
                    received += len(block)
                break
            except (OSError, http.client.HTTPException):
                raise ModelError(f"the download from {host} broke off: {offline_hint}") from None
            if not block:
                break
            archive.write(block)
            digest.update(block)
            received += len(block)
            if progress is not None:
                progress(received, total)
    if received != total:
        raise ModelError(
            f"download of {url} is {received} bytes, expected {total}: "
            "it is incomplete or changed; try again, "
            f"or download it yourself and unpack it into {target_dir}"
        )
    return digest


def _unpack(archive_path: Path, unpack_dir: Path, url: str) -> Path:
    """Unpack a zip into `unpack_dir` and return the folder in it that is the model."""
    try:
        with zipfile.ZipFile(archive_path) as archive:
            for member in archive.infolist():
                parts = PurePosixPath(member.filename).parts
                if member.filename.startswith("/") or ".." in parts or ":" in member.filename:
                    raise ModelError(
                        f"the archive from {url} holds an unsafe path {member.filename!r}: "
                        "refusing to unpack it"
                    )
            archive.extractall(unpack_dir)
    except zipfile.BadZipFile:
        raise ModelError(f"the download from {url} is not a zip archive: check the URL") from None
    except OSError as error:
        raise ModelError(
            f"cannot unpack the model into {unpack_dir.parent} ({error.strerror}): free some space"
        ) from None
    if looks_like_vosk_model(unpack_dir):
        return unpack_dir
    children = [
        child
        for child in unpack_dir.iterdir()
        if child.is_dir() and not child.name.startswith("__MACOSX")
    ]
    if len(children) == 1 and looks_like_vosk_model(children[0]):
        return children[0]
    raise ModelError(
        f"the archive from {url} is not a vosk model (no am/final.mdl and conf/): check the URL"
    )


def _safe_folder_name(name: str) -> str:
    cleaned = "".join(char if char.isalnum() or char in "-_." else "-" for char in name).strip(".-")
    if not cleaned:
        raise ModelError(
            f"{name!r} cannot be a folder name: give the model a plain name such as my-model"
        )
    return cleaned
