"""Text recognition (OCR) of scanned pages with tesseract, when it is installed with German.

tesseract runs as a separate program (Debian: tesseract-ocr, tesseract-ocr-deu), one page image
at a time, with a timeout. Pages are handed over as greyscale PGM files: tesseract reads them
without an image library on our side.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from pathlib import Path

LANGUAGE = "deu"

# tesseract parallelises one page with OpenMP; the build already runs one file per core, and
# threads on top of that only add switching (tesseract's own advice for batch work).
_ENVIRONMENT = {"OMP_THREAD_LIMIT": "1"}


class OcrError(Exception):
    """tesseract failed on a page; the message says why (for the warning)."""


@functools.cache
def ocr_available() -> bool:
    """Whether tesseract with the German language data is installed (asked once per process)."""
    program = shutil.which("tesseract")
    if program is None:
        return False
    try:
        listed = subprocess.run(
            [program, "--list-langs"], capture_output=True, text=True, timeout=20, env=_environment()
        )
    except (OSError, subprocess.SubprocessError):
        return False
    # The list comes on stdout since tesseract 4; older versions printed it on stderr.
    languages = {line.strip() for line in (listed.stdout + "\n" + listed.stderr).splitlines()}
    return listed.returncode == 0 and LANGUAGE in languages


def pgm(width: int, height: int, stride: int, pixels: bytes | memoryview) -> bytes:
    """A binary PGM image from 8-bit grey rows of `stride` bytes each."""
    header = b"P5\n%d %d\n255\n" % (width, height)
    if stride == width:
        return header + bytes(pixels[: width * height])
    view = memoryview(pixels)
    return header + b"".join(view[row * stride : row * stride + width] for row in range(height))


def recognise(image: Path, timeout: float) -> str:
    """The text tesseract reads in the image file; raises OcrError (also on a timeout)."""
    program = shutil.which("tesseract")
    if program is None:
        raise OcrError("tesseract fehlt")
    try:
        finished = subprocess.run(
            [program, str(image), "stdout", "-l", LANGUAGE, "--psm", "3"],
            capture_output=True,
            timeout=max(1.0, timeout),
            env=_environment(),
        )
    except subprocess.TimeoutExpired:
        raise OcrError(f"keine Antwort nach {timeout:.0f} s") from None
    except OSError as error:
        raise OcrError(f"tesseract nicht startbar, Fehler {error.errno}") from None
    if finished.returncode != 0:
        last = finished.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"Status {finished.returncode}"]
        raise OcrError("tesseract meldet: " + last[0][:200])
    return finished.stdout.decode("utf-8", "replace")


def _environment() -> dict[str, str]:
    return {**os.environ, **_ENVIRONMENT}
