"""Write the demo micro-lesson video (a short WebM/VP8 shipped as a static file; no internet).

Run once: ``python -m zuoye.learning.demo_video``; the output is committed as
``static/learning/demo/lesson.webm``. It shows a title card, a counting timeline and an
"end" card, so the player, the seek bar and the completion statement have something real.
"""

from __future__ import annotations

import sys
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).parent / "static" / "learning" / "demo" / "lesson.webm"
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
SIZE, FPS, SECONDS = (480, 270), 5, 12


def frame(second: float, font: ImageFont.FreeTypeFont, small: ImageFont.FreeTypeFont) -> np.ndarray:
    image = Image.new("RGB", SIZE, (20, 70, 120))
    draw = ImageDraw.Draw(image)
    draw.text((24, 30), "作业 · 名师微课（示例）", font=font, fill=(255, 255, 255))
    draw.text((24, 110), f"第 {int(second) + 1} 秒 / 共 {SECONDS} 秒", font=small, fill=(255, 230, 150))
    width = int((SIZE[0] - 48) * second / SECONDS)
    draw.rectangle((24, 200, 24 + width, 216), fill=(120, 200, 120))
    draw.rectangle((24, 200, SIZE[0] - 24, 216), outline=(255, 255, 255))
    return cv2.cvtColor(np.asarray(image), cv2.COLOR_RGB2BGR)


def main() -> int:
    font, small = ImageFont.truetype(FONT, 30), ImageFont.truetype(FONT, 24)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    writer = cv2.VideoWriter(str(OUT), cv2.VideoWriter_fourcc(*"VP80"), FPS, SIZE)
    if not writer.isOpened():
        print("OpenCV cannot write VP8 WebM here", file=sys.stderr)
        return 1
    for n in range(FPS * SECONDS):
        writer.write(frame(n / FPS, font, small))
    writer.release()
    print(OUT, OUT.stat().st_size, "bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
