"""Keypress-to-repaint of the TUI with 5,000 findings (target: under 50 ms).

    .venv/bin/python bench/tui.py [--findings 5000] [--repeat 40]

Runs the real app headless on a hand-built scan (no database: the scan itself is
bench/scan.py's business). For each key it measures the time from the key event
to the last screen update it causes, including rendering that update to terminal
output (which headless mode would otherwise skip). The SQL preview is redrawn by a
worker after a decision; its latency is reported on its own line.
"""
from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from textual import events  # noqa: E402
from textual._compositor import CompositorUpdate  # noqa: E402

from remedy.tui import app as tui_app  # noqa: E402
from remedy.tui.app import RemedyApp  # noqa: E402
from remedy.tui.messages import PreviewRendered  # noqa: E402
from tests.tui.factory import big_scan  # noqa: E402


class TimedApp(RemedyApp):
    """Stamps every screen update, rendered to the bytes a terminal would get."""

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.painted: list[float] = []
        self.previews: list[float] = []

    def _display(self, screen, renderable) -> None:
        if renderable is not None:
            if isinstance(renderable, CompositorUpdate):
                renderable.render_segments(self.console)
            self.painted.append(time.perf_counter())
        super()._display(screen, renderable)

    def on_preview_rendered(self, message: PreviewRendered) -> None:
        super().on_preview_rendered(message)
        self.previews.append(time.perf_counter())


FIRST: dict[str, list[float]] = {}
CPU: dict[str, list[float]] = {}
QUIET = 0.12  # seconds without a repaint that end a measurement


async def measure(app: TimedApp, pilot, key: str, label: str = "") -> float:
    """Milliseconds from the key event to the last repaint it causes.

    The key goes straight to the driver (no pilot waits); the first repaint and the
    process CPU time spent on the key are noted in FIRST and CPU.
    """
    app.painted.clear()
    started, cpu = time.perf_counter(), time.process_time()
    app._driver.send_message(events.Key(key, key if len(key) == 1 else None))
    while True:
        await asyncio.sleep(0.005)
        now = time.perf_counter()
        last = app.painted[-1] if app.painted else started
        if now - last > QUIET and now - started > QUIET or now - started > 5:
            break
    cpu_ms = (time.process_time() - cpu) * 1000
    end = app.painted[-1] if app.painted else time.perf_counter()
    if label:
        FIRST.setdefault(label, []).append(((app.painted[0] if app.painted else end) - started) * 1000)
        CPU.setdefault(label, []).append(cpu_ms)
    return (end - started) * 1000


async def run(findings: int, repeat: int) -> dict[str, list[float]]:
    app = TimedApp("postgresql://bench@localhost/bench", "bench", scan=big_scan(findings))
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        for label, keys in (("tree: down", ["down"] * repeat), ("tree: up", ["up"] * repeat),
                            ("next undecided (n)", ["n"] * repeat), ("jump phase (2/3/1)", ["2", "3", "1"] * 4),
                            ("decide: skip (s)", ["n", "s"] * (repeat // 2)), ("undo (u)", ["u"] * (repeat // 2))):
            for key in keys:
                counted = key != "n" or label.startswith("next")
                ms = await measure(app, pilot, key, label if counted else "")
                if counted:
                    results.setdefault(label, []).append(ms)
        results["sql preview after a decision (worker)"] = await preview_latency(app, pilot, repeat // 8)
        tui_app.FILTER_DELAY = 60.0  # typing: measure the echo; the rebuild is measured on its own below
        results["filter: type one character"] = [await measure(app, pilot, k, "filter: type one character")
                                                 for k in ("slash", *"table_0001")][1:]
        results["filter: rebuild the tree"] = [await rebuild(app, needle) for needle in ("table_00", "", "col_1") * 3]
    return results


async def rebuild(app: TimedApp, needle: str) -> float:
    """The tree is filtered once typing pauses (FILTER_DELAY): time that rebuild and its repaint."""
    app.painted.clear()
    started = time.perf_counter()
    app._apply_filter(needle)
    await asyncio.sleep(QUIET * 2)
    return ((app.painted[-1] if app.painted else started) - started) * 1000
    return results


async def preview_latency(app: TimedApp, pilot, count: int) -> list[float]:
    """Key 's' on a finding to the new SQL on screen (includes the PREVIEW_DELAY debounce)."""
    out = []
    for _ in range(count):
        await measure(app, pilot, "n")
        await app.workers.wait_for_complete()
        app.previews.clear()
        started = time.perf_counter()
        app._driver.send_message(events.Key("s", "s"))
        while not app.previews and time.perf_counter() - started < 30:
            await asyncio.sleep(0.01)
        out.append((app.previews[-1] - started) * 1000 if app.previews else float("nan"))
    return out


def _p(values, pct: int, width: int = 9) -> str:
    if not values:
        return f"{'-':>{width}}"
    values = sorted(values)
    return f"{values[min(len(values) - 1, int(len(values) * pct / 100))]:>{width}.1f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="TUI keypress-to-repaint")
    parser.add_argument("--findings", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results = asyncio.run(run(args.findings, args.repeat))
    print(f"{args.findings} findings, 120x40, headless, ms (total run {time.perf_counter() - started:.1f} s)")
    print("first = key to first repaint; last = key to the last repaint it causes (detail, picker, SQL "
          "follow); cpu = process CPU spent on the key")
    print(f"{'action':38} {'n':>4} {'first p50':>9} {'first p95':>9} {'last p50':>9} {'last p95':>9} "
          f"{'cpu p50':>8}")
    for label, values in results.items():
        print(f"{label:38} {len(values):>4} {_p(FIRST.get(label), 50)} {_p(FIRST.get(label), 95)} "
              f"{_p(values, 50)} {_p(values, 95)} {_p(CPU.get(label), 50, 8)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
