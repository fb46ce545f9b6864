"""Render the app icon from its SVG: ``python packaging/make_icons.py``.

Reads ``resources/icons/org.livingwell.Outreach.svg`` and writes, with Qt's
``QSvgRenderer`` (no other image tool needed):

* ``resources/icons/hicolor/<N>x<N>/apps/org.livingwell.Outreach.png`` for N in
  :data:`SIZES` plus ``hicolor/scalable/apps/org.livingwell.Outreach.svg`` (the freedesktop
  icon theme layout, so the tree can be copied into ``/usr/share/icons``);
* ``resources/icons/outreach.ico`` (Windows; PNG-compressed entries 16–256) and
  ``resources/icons/outreach.icns`` (macOS; PNG entries 16–1024), used by
  ``packaging/outreach.spec`` on those systems.

Run it again after editing the SVG and commit the results; the build does not render.
"""

from __future__ import annotations

import os
import shutil
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication, QImage, QPainter  # noqa: E402
from PySide6.QtSvg import QSvgRenderer  # noqa: E402

APP_ID = "org.livingwell.Outreach"
ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SOURCE = ICONS / f"{APP_ID}.svg"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# ICNS element types holding PNG data, by pixel size.
ICNS_TYPES = ((16, b"icp4"), (32, b"icp5"), (64, b"icp6"), (128, b"ic07"), (256, b"ic08"),
              (512, b"ic09"), (1024, b"ic10"))


def render(renderer: QSvgRenderer, size: int) -> bytes:
    """The icon as PNG bytes at ``size``×``size`` pixels, transparent outside the tile."""
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # The stubs ask for bytes; PySide6 itself accepts only a str here.
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]
        raise RuntimeError(f"could not encode the {size}px icon as PNG")
    buffer.close()
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNGs (supported since Windows Vista)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size   # 0 means 256 in an ICO directory entry
        entries += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        blobs += blob
        offset += len(blob)
    return header + entries + blobs


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns made of PNG elements."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size]
                    for size, kind in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        sys.stderr.write(f"make_icons: {SOURCE} is not a valid SVG\n")
        return 1
    wanted = set(SIZES) | set(ICO_SIZES) | {size for size, _ in ICNS_TYPES}
    pngs = {size: render(renderer, size) for size in sorted(wanted)}
    for size in SIZES:
        folder = ICONS / "hicolor" / f"{size}x{size}" / "apps"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{APP_ID}.png").write_bytes(pngs[size])
    scalable = ICONS / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SOURCE, scalable / f"{APP_ID}.svg")
    (ICONS / "outreach.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "outreach.icns").write_bytes(icns(pngs))
    del app
    sys.stdout.write(f"wrote {len(SIZES)} PNGs, outreach.ico and outreach.icns in {ICONS}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
