"""Dots packed as bytes: how ``DotChunk.data`` holds a pen's dots on one page.

19 bytes a dot (time, x and y in hundredths of an Ncode unit, force, type), little-endian and
unaligned, so a class's grading (≈ 40,000 dots) is under a megabyte and a billion dots are
19 GB of chunk data rather than a billion rows. Coordinates are stored as integers because the
pen reports them to 0.01 unit: nothing is lost.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from zuoye.core.ink import DotBatch, NcodeAddress

PACKED = np.dtype([("t", "<i8"), ("x", "<i4"), ("y", "<i4"), ("f", "<u2"), ("k", "i1")])


def pack(t: npt.NDArray[np.int64], x: npt.NDArray[np.float64], y: npt.NDArray[np.float64],
         force: npt.NDArray[np.int32], kind: npt.NDArray[np.int8]) -> bytes:
    out = np.empty(t.shape[0], PACKED)
    out["t"], out["k"] = t, kind
    out["x"], out["y"] = np.rint(x * 100), np.rint(y * 100)
    out["f"] = np.clip(force, 0, 65535)
    return out.tobytes()


def unpack(data: bytes | memoryview) -> npt.NDArray[np.void]:
    return np.frombuffer(bytes(data), PACKED)


def batch_of(chunks: Sequence[tuple[str, NcodeAddress, bytes | memoryview]]) -> DotBatch:
    """A ``DotBatch`` (the ink core's columns) from stored chunks of (pen serial, address, data)."""
    pens = {pen: n for n, pen in enumerate(dict.fromkeys(pen for pen, _, _ in chunks))}
    pages = {a: n for n, a in enumerate(dict.fromkeys(a for _, a, _ in chunks))}
    arrays = [unpack(data) for _, _, data in chunks]
    rows = np.concatenate(arrays) if arrays else np.empty(0, PACKED)
    return DotBatch(
        pens=tuple(pens), addresses=tuple(pages),
        pen=np.concatenate([np.full(len(a), pens[p], np.int32) for (p, _, _), a in zip(chunks, arrays)] or
                           [np.empty(0, np.int32)]),
        page=np.concatenate([np.full(len(a), pages[ad], np.int32) for (_, ad, _), a in zip(chunks, arrays)] or
                            [np.empty(0, np.int32)]),
        x=rows["x"] / 100.0, y=rows["y"] / 100.0, force=rows["f"].astype(np.int32), t=rows["t"].astype(np.int64),
        kind=rows["k"].astype(np.int8))
