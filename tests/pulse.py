"""A private PulseAudio daemon with virtual devices, so audio tests use real devices, never yours.

The rig (see ../shared/DESIGN.md, "Facts about the machines here"):

- null sink `speaker`: where the program plays; recorded from `speaker.monitor`;
- null sink `micfeed`: where a test plays the trainee's speech;
- source `mic`: a remap of `micfeed.monitor`, the program's microphone.

The daemon runs as a child of the test process (not `--daemonize`d) so the
fixture owns its pid and kills exactly that process at teardown. ALSA's
default device is routed through pulse for this process (PortAudio reaches
pulse through ALSA), and `voicecoach.adapters.audio.devices.rescan_devices()`
makes an already-initialised PortAudio see the new devices.

Use it with::

    from tests.pulse import pulse_audio  # noqa: F401

The fixture is session scoped; the same function imported into several test
modules becomes several fixture definitions in pytest, so the daemon itself is
shared through a reference count and started only once.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import wave
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from tests.speech import speech_wav

REQUIRED_PROGRAMS = ("pulseaudio", "pactl", "paplay", "parecord", "pacat")
ALSA_MAIN_CONFIG = Path("/usr/share/alsa/alsa.conf")
START_TIMEOUT_SECONDS = 15.0
_PR_SET_PDEATHSIG = 1
ASOUNDRC = "pcm.!default { type pulse }\nctl.!default { type pulse }\n"


@dataclass
class SpeakerRecording:
    """A `parecord` running on a source; `stop()` ends it and returns the WAV path."""

    path: Path
    process: subprocess.Popen[bytes]

    def stop(self) -> Path:
        if self.process.poll() is None:
            # parecord finishes the WAV header on SIGINT.
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return self.path

    def samples(self) -> npt.NDArray[np.float32]:
        """Stop (if needed) and return the recording as mono float samples at 16 kHz."""
        self.stop()
        return read_wav_mono_16k(self.path)


@dataclass
class Loopback:
    """A `module-loopback` from the speaker's monitor into the microphone feed."""

    rig: PulseRig
    module_id: int
    _unloaded: bool = field(default=False, repr=False)

    def undo(self) -> None:
        if not self._unloaded:
            self._unloaded = True
            self.rig.pactl("unload-module", str(self.module_id))

    def __enter__(self) -> Loopback:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.undo()


@dataclass
class PulseRig:
    """Handle on the running daemon and helpers to speak into the mic and record the speaker."""

    runtime_dir: Path
    server: str
    process: subprocess.Popen[bytes]
    log_path: Path
    env: dict[str, str] = field(default_factory=dict)
    keepalives: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def pactl(self, *args: str) -> str:
        result = subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, text=True, timeout=15
        )
        if result.returncode != 0:
            raise RuntimeError(f"pactl {' '.join(args)} failed: {result.stderr.strip()}")
        return result.stdout

    def play_into_mic(self, wav_path: Path | str) -> subprocess.Popen[bytes]:
        """Play a WAV into `micfeed`, i.e. the trainee speaks into the virtual microphone."""
        return subprocess.Popen(
            ["paplay", "--device=micfeed", str(wav_path)],
            env={**self.env, "PULSE_SINK": "micfeed"},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def record_speaker(self, path: Path | str) -> SpeakerRecording:
        """Record what the program plays (16 kHz mono WAV from `speaker.monitor`)."""
        return self.record_source("speaker.monitor", path)

    def record_source(self, source: str, path: Path | str) -> SpeakerRecording:
        """Record any source; returns once pulse has the recording stream connected."""
        before = self._source_output_count()
        process = subprocess.Popen(
            [
                "parecord",
                f"--device={source}",
                "--latency-msec=20",  # the default buffers ~2 s, which SIGINT would drop
                "--file-format=wav",
                "--rate=16000",
                "--channels=1",
                "--format=s16le",
                str(path),
            ],
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while self._source_output_count() <= before:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"parecord did not start recording {source}")
            time.sleep(0.02)
        return SpeakerRecording(Path(path), process)

    def loopback_speaker_into_mic(self, latency_msec: int = 30) -> Loopback:
        """Send the program's own voice back into its microphone, as loudspeakers do."""
        output = self.pactl(
            "load-module",
            "module-loopback",
            "source=speaker.monitor",
            "sink=micfeed",
            f"latency_msec={latency_msec}",
            "source_dont_move=true",
            "sink_dont_move=true",
        )
        return Loopback(self, int(output.strip()))

    def _source_output_count(self) -> int:
        return len(
            [line for line in self.pactl("list", "short", "source-outputs").splitlines() if line]
        )


def read_wav_mono_16k(path: Path | str) -> npt.NDArray[np.float32]:
    """Read a 16-bit WAV (any channels, must be 16 kHz) as mono float samples."""
    with wave.open(str(path), "rb") as wav:
        if wav.getsampwidth() != 2 or wav.getframerate() != 16000:
            raise ValueError(f"{path}: expected 16-bit 16 kHz, got {wav.getparams()}")
        channels = wav.getnchannels()
        frames = wav.readframes(wav.getnframes())
    samples = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        samples = (
            samples[: len(samples) - len(samples) % channels].reshape(-1, channels).mean(axis=1)
        )
    return samples.astype(np.float32)


def make_speech_wav(path: Path, text: str, voice: str = "slt") -> Path:
    """Trainee speech made here and now: flite, resampled to 16 kHz mono with sox."""
    return speech_wav(path, text, voice)


def best_alignment(
    reference: npt.NDArray[np.float32], recorded: npt.NDArray[np.float32]
) -> tuple[int, float]:
    """(lag in samples, normalised correlation) where `reference` best matches inside `recorded`.

    The correlation is computed over the overlapping part only, so 1.0 means the
    recording holds the reference unchanged (up to gain) at that lag.
    """
    size = 1 << int(np.ceil(np.log2(len(reference) + len(recorded))))
    spectrum = np.fft.rfft(recorded, size) * np.conj(np.fft.rfft(reference, size))
    correlation = np.fft.irfft(spectrum, size)[: len(recorded)]
    lag = int(np.argmax(correlation))
    overlap = recorded[lag : lag + len(reference)]
    ref = reference[: len(overlap)]
    denominator = float(np.linalg.norm(ref) * np.linalg.norm(overlap)) or 1.0
    return lag, float(np.dot(ref, overlap) / denominator)


def rms(samples: npt.NDArray[np.float32]) -> float:
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64)))) if len(samples) else 0.0


def active_seconds(samples: npt.NDArray[np.float32], threshold: float = 0.01) -> float:
    """Time from the first to the last 20 ms frame louder than `threshold` (RMS), at 16 kHz."""
    frame = 320
    frames = len(samples) // frame
    loud = [i for i in range(frames) if rms(samples[i * frame : (i + 1) * frame]) > threshold]
    return 0.0 if not loud else (loud[-1] - loud[0] + 1) * frame / 16000


def _die_with_parent() -> None:
    """In the child before exec: get SIGTERM when the test process dies, even by SIGKILL.

    Without it a test run killed by a timeout leaves the daemon and its
    keepalive streams running (and using CPU) forever. Linux only (prctl).
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def _missing_programs() -> list[str]:
    return [name for name in REQUIRED_PROGRAMS if shutil.which(name) is None]


def _start_rig() -> PulseRig:
    missing = _missing_programs()
    if missing:
        pytest.skip(
            f"PulseAudio test rig needs {', '.join(missing)}: "
            "apt-get install pulseaudio pulseaudio-utils libasound2-plugins"
        )
    runtime_dir = Path(tempfile.mkdtemp(prefix="voicecoach-pulse-"))
    log_path = runtime_dir / "pulseaudio.log"
    socket_path = runtime_dir / "pulse" / "native"
    server = f"unix:{socket_path}"
    env = {
        **os.environ,
        "XDG_RUNTIME_DIR": str(runtime_dir),
        "PULSE_SERVER": server,
        "PULSE_SOURCE": "mic",
        "PULSE_SINK": "speaker",
        # The client cookie is irrelevant (anonymous auth on a private socket) but
        # must not be written into the developer's real config folder.
        "PULSE_COOKIE": str(runtime_dir / "cookie"),
    }
    command = [
        "pulseaudio",
        "--daemonize=no",
        "--exit-idle-time=-1",
        "-n",  # no default.pa: only the modules below, never a real sound card
        "--disallow-module-loading=no",
        f"--log-target=file:{log_path}",
        f"--load=module-native-protocol-unix auth-anonymous=1 socket={socket_path}",
        "--load=module-null-sink sink_name=speaker",
        "--load=module-null-sink sink_name=micfeed",
        "--load=module-remap-source master=micfeed.monitor source_name=mic",
    ]
    process = subprocess.Popen(
        command,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # a Ctrl-C in the terminal goes to pytest, which tears down
        preexec_fn=_die_with_parent,
    )
    rig = PulseRig(runtime_dir, server, process, log_path, env)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while True:
        if process.poll() is not None:
            log = log_path.read_text(errors="replace")[-2000:] if log_path.exists() else ""
            shutil.rmtree(runtime_dir, ignore_errors=True)
            pytest.fail(f"pulseaudio exited with {process.returncode} at start:\n{log}")
        try:
            rig.pactl("info")
            break
        except (RuntimeError, subprocess.TimeoutExpired):
            if time.monotonic() > deadline:
                _stop_rig(rig)
                pytest.fail("pulseaudio did not answer within 15 s")
            time.sleep(0.05)
    rig.pactl("set-default-sink", "speaker")
    rig.pactl("set-default-source", "mic")
    # An idle null sink renders in 2 s blocks, so the first audio a new
    # recording gets can be 2 s late, which no real device does. A silent,
    # low-latency stream into each sink keeps them ticking every 20 ms.
    for sink in ("micfeed", "speaker"):
        rig.keepalives.append(
            subprocess.Popen(
                # Raw zeros from /dev/zero: endless digital silence.
                [
                    "pacat",
                    "--playback",
                    "--raw",
                    "--latency-msec=20",
                    f"--device={sink}",
                    "/dev/zero",
                ],
                env=rig.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=_die_with_parent,
            )
        )
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while len(rig.pactl("list", "short", "sink-inputs").splitlines()) < len(rig.keepalives):
        if time.monotonic() > deadline:
            _stop_rig(rig)
            pytest.fail("pacat could not connect to the test PulseAudio daemon")
        time.sleep(0.02)
    # The block rendered before the keepalives connected still has to drain.
    while max(_sink_latencies_usec(rig)) > 50_000:
        if time.monotonic() > deadline:
            _stop_rig(rig)
            pytest.fail("the test sinks did not reach a low latency")
        time.sleep(0.05)
    asoundrc = runtime_dir / "asoundrc"
    asoundrc.write_text(ASOUNDRC)
    if ALSA_MAIN_CONFIG.exists():
        rig.env["ALSA_CONFIG_PATH"] = f"{ALSA_MAIN_CONFIG}:{asoundrc}"
    return rig


def _sink_latencies_usec(rig: PulseRig) -> list[int]:
    found = re.findall(r"^\s*Latency: (\d+) usec", rig.pactl("list", "sinks"), re.MULTILINE)
    return [int(value) for value in found] or [0]


def _stop_rig(rig: PulseRig) -> None:
    for keepalive in rig.keepalives:
        keepalive.terminate()
        keepalive.wait()
    if rig.process.poll() is None:
        rig.process.terminate()
        try:
            rig.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            rig.process.kill()
            rig.process.wait()
    shutil.rmtree(rig.runtime_dir, ignore_errors=True)


_PROCESS_ENV_KEYS = (
    "PULSE_SERVER",
    "PULSE_SOURCE",
    "PULSE_SINK",
    "PULSE_COOKIE",
    "ALSA_CONFIG_PATH",
)
_shared: dict[str, object] = {"rig": None, "users": 0, "saved_env": {}}


def _rescan_portaudio() -> None:
    """Let PortAudio, if already initialised, see the devices of the current environment."""
    import sys

    if "sounddevice" in sys.modules:
        from voicecoach.adapters.audio.devices import rescan_devices

        rescan_devices()


def _acquire() -> PulseRig:
    rig = _shared["rig"]
    if rig is None:
        rig = _start_rig()
        saved = {key: os.environ.get(key) for key in _PROCESS_ENV_KEYS}
        for key in _PROCESS_ENV_KEYS:
            if key in rig.env:
                os.environ[key] = rig.env[key]
        _shared["rig"] = rig
        _shared["saved_env"] = saved
        _rescan_portaudio()
    _shared["users"] = int(_shared["users"]) + 1  # type: ignore[call-overload]
    assert isinstance(rig, PulseRig)
    return rig


def _release() -> None:
    _shared["users"] = int(_shared["users"]) - 1  # type: ignore[call-overload]
    rig = _shared["rig"]
    if _shared["users"] == 0 and isinstance(rig, PulseRig):
        saved = _shared["saved_env"]
        assert isinstance(saved, dict)
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        _shared["rig"] = None
        _stop_rig(rig)
        _rescan_portaudio()


@pytest.fixture(scope="session")
def pulse_audio() -> Iterator[PulseRig]:
    """The PulseAudio rig: this process records from `mic` and plays to `speaker`."""
    rig = _acquire()
    try:
        yield rig
    finally:
        _release()
