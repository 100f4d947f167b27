"""A child process that plans big scans, so the UI thread never waits for the GIL.

The parent sends the scan once, then a decisions dict per preview; the child answers with a
``Preview``. Frames are an 8-byte length and a pickle. ``python -m remedy.tui.planner`` runs it.
"""
from __future__ import annotations

import pickle
import struct
import subprocess
import sys
import threading
from typing import BinaryIO

HEADER = struct.Struct("!Q")


def write_frame(out: BinaryIO, value) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    out.write(HEADER.pack(len(data)) + data)
    out.flush()


def read_frame(source: BinaryIO):
    head = source.read(HEADER.size)
    if len(head) < HEADER.size:
        return None
    (size,) = HEADER.unpack(head)
    return pickle.loads(source.read(size))


class Planner:
    """The parent's handle on one child, bound to one scan."""

    def __init__(self, scan) -> None:
        self.scan = scan
        self._lock = threading.Lock()
        self._child = subprocess.Popen([sys.executable, "-m", "remedy.tui.planner"], stdin=subprocess.PIPE,
                                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        write_frame(self._child.stdin, scan)

    def preview(self, decisions: dict):
        with self._lock:
            write_frame(self._child.stdin, dict(decisions))
            answer = read_frame(self._child.stdout)
        if answer is None:
            raise RuntimeError("the planner process stopped")
        status, value = answer
        if status != "ok":
            raise RuntimeError(value)
        return value

    def close(self) -> None:
        try:
            self._child.stdin.close()
            self._child.wait(timeout=2)
        except Exception:
            self._child.kill()


def main() -> int:
    from remedy.tui.adapter import preview

    source, out = sys.stdin.buffer, sys.stdout.buffer
    scan = read_frame(source)
    while (decisions := read_frame(source)) is not None:
        try:
            answer = ("ok", preview(scan, decisions))
        except Exception as exc:  # reported to the UI's error router as one line
            answer = ("error", f"{type(exc).__name__}: {exc}")
        write_frame(out, answer)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
