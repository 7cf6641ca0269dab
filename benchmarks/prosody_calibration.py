"""Calibrate the raised-voice thresholds on real speech (../shared/corpora/speech).

For each speaker with several clips (LJ Speech reader, the LibriVox reader, the
CMU "cards" speaker), every clip is judged against a baseline made of that
speaker's *other* clips (leave one out), as it is, made 10 dB louder (sox
`gain 10`) and made 4 semitones higher (sox `pitch 400`). Printed: the
calm-clip spread around the baseline, the false-alarm rate on unchanged clips
and the detection rates on the louder and higher versions, for the shipped
thresholds and a few alternatives.

    .venv/bin/python benchmarks/prosody_calibration.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import wave
from collections.abc import Sequence
from pathlib import Path
from statistics import median

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from voicecoach.adapters.audio.prosody import measure_prosody  # noqa: E402
from voicecoach.core.feedback.prosody import (  # noqa: E402
    DEFAULT_LOUDNESS_JUMP_DB,
    DEFAULT_PITCH_JUMP_SEMITONES,
    ProsodyReading,
    VoiceBaseline,
    semitones_between,
)

SPEAKERS = {
    "ljspeech reader": "coqui_tts_ljspeech/LJ*.wav",
    "librivox reader": "pocketsphinx/librivox/*.wav",
    "cards speaker": "pocketsphinx/cards/*.wav",
}
VARIANTS = {"normal": [], "louder +10 dB": ["gain", "10"], "higher +4 st": ["pitch", "400"]}


def read_16k(path: Path, effect: list[str], tmp: Path) -> bytes:
    out = tmp / f"{path.stem}-{len(effect)}-{'_'.join(effect)}.wav"
    subprocess.run(
        ["sox", "-V1", str(path), "-r", "16000", "-c", "1", "-b", "16", str(out), *effect],
        check=True,
        capture_output=True,
    )
    with wave.open(str(out), "rb") as handle:
        return handle.readframes(handle.getnframes())


def judge(
    readings: dict[str, dict[str, ProsodyReading]], loud_db: float, pitch_st: float
) -> dict[str, tuple[int, int]]:
    """variant -> (flagged, judged) with leave-one-out baselines per speaker."""
    result = {v: [0, 0] for v in VARIANTS}
    for clip, variants in readings.items():
        speaker, _ = clip.split("|", 1)
        baseline = VoiceBaseline(loudness_jump_db=loud_db, pitch_jump_semitones=pitch_st)
        for other, other_variants in readings.items():
            if other != clip and other.startswith(speaker + "|"):
                baseline.observe(other_variants["normal"])
        for variant, reading in variants.items():
            result[variant][1] += 1
            result[variant][0] += baseline.is_raised(reading) is not None
    return {v: (a, b) for v, (a, b) in result.items()}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    args = parser.parse_args(argv)
    speech = args.shared / "corpora" / "speech"
    readings: dict[str, dict[str, ProsodyReading]] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        for speaker, pattern in SPEAKERS.items():
            for path in sorted(speech.glob(pattern)):
                readings[f"{speaker}|{path.name}"] = {
                    variant: measure_prosody(read_16k(path, effect, tmp))
                    for variant, effect in VARIANTS.items()
                }

    print(
        f"{len(readings)} clips of {len(SPEAKERS)} speakers,"
        " each judged against the speaker's other clips"
    )
    for speaker in SPEAKERS:
        calm = [v["normal"] for k, v in readings.items() if k.startswith(speaker + "|")]
        levels = [r.loudness_dbfs for r in calm]
        pitches = [r.pitch_hz for r in calm if r.pitch_hz]
        mid_level, mid_pitch = median(levels), median(pitches)
        level_spread = max(abs(x - mid_level) for x in levels)
        pitch_spread = max(abs(semitones_between(mid_pitch, p)) for p in pitches)
        gains = [
            v["louder +10 dB"].loudness_dbfs - v["normal"].loudness_dbfs
            for k, v in readings.items()
            if k.startswith(speaker + "|")
        ]
        shifts = [
            semitones_between(v["normal"].pitch_hz, v["higher +4 st"].pitch_hz)
            for k, v in readings.items()
            if k.startswith(speaker + "|") and v["normal"].pitch_hz and v["higher +4 st"].pitch_hz
        ]
        print(
            f"  {speaker:16} clips {len(calm):2d}  calm level {mid_level:6.1f} dBFS"
            f" (max dev {level_spread:4.1f} dB)"
            f"  pitch {mid_pitch:5.0f} Hz (max dev {pitch_spread:4.1f} st)"
            f"  measured gain {median(gains):4.1f} dB  measured shift {median(shifts):4.1f} st"
        )
    print()
    print(
        f"{'loudness jump':>14} {'pitch jump':>11} {'false alarm':>12}"
        f" {'louder found':>13} {'higher found':>13}"
    )
    for loud_db, pitch_st in (
        (DEFAULT_LOUDNESS_JUMP_DB, DEFAULT_PITCH_JUMP_SEMITONES),
        (4.0, 2.0),
        (5.0, 2.5),
        (8.0, 3.5),
    ):
        res = judge(readings, loud_db, pitch_st)
        fa, n = res["normal"]
        lo, ln = res["louder +10 dB"]
        hi, hn = res["higher +4 st"]
        mark = (
            "  <- shipped"
            if (loud_db, pitch_st) == (DEFAULT_LOUDNESS_JUMP_DB, DEFAULT_PITCH_JUMP_SEMITONES)
            else ""
        )
        print(
            f"{loud_db:11.1f} dB {pitch_st:8.1f} st {fa:4d}/{n:<3d}{fa / n:5.0%}"
            f" {lo:4d}/{ln:<3d}{lo / ln:5.0%}"
            f" {hi:4d}/{hn:<3d}{hi / hn:5.0%}{mark}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
