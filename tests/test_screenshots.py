"""`make screenshots` (tools/screenshots.py) works: real PNGs of the asked widths and an A4 print PDF."""

from __future__ import annotations

import re
import struct
import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.browser

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
A4_POINTS = (595.3, 841.9)


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE, "not a PNG file"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def test_screenshots_of_two_page_kinds_and_a_printed_vorlage(browser, site, tmp_path):
    out = tmp_path / "bilder"
    command = [sys.executable, str(REPO / "tools/screenshots.py"), "--site", str(site), "--out", str(out),
               "--kinds", "vorlage,suche", "--widths", "360,1280"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr

    names = sorted(p.name for p in out.iterdir())
    assert names == ["suche-1280.png", "suche-360.png", "vorlage-1280.png", "vorlage-360.png", "vorlage-druck.pdf"]
    for name in names[:-1]:
        width, height = _png_size((out / name).read_bytes())
        assert width == int(name.rsplit("-", 1)[1].removesuffix(".png")), name
        assert height > 900, f"{name}: a full page, not just the screen ({height} px)"
    pdf = (out / "vorlage-druck.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    boxes = {tuple(round(float(v), 1) for v in box) for box in re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)}
    assert boxes and all(abs(w - A4_POINTS[0]) < 2 and abs(h - A4_POINTS[1]) < 2 for w, h in boxes), boxes
