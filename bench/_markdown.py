"""The dated Markdown a bench writes with `--markdown PATH` for a page to include (pymdownx.snippets reads
bench/results/): one line that says when, where, under what load and with which settings it was measured,
then the bench's tables. Pages quote no speed of their own, so re-running a bench is how their numbers change.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path


class Measurement:
    """Started when the bench starts (the date and the load before), written when it ends (the load after)."""

    def __init__(self, command: str):
        self.command = command
        self.started = datetime.now(timezone.utc)
        self.load_before = os.getloadavg()[0]

    def header(self, settings: str) -> str:
        return (f"Measured {self.started:%Y-%m-%d %H:%M} UTC by `{self.command}` on {os.cpu_count()} cores "
                f"(load average {self.load_before:.1f} before, {os.getloadavg()[0]:.1f} after): {settings}")

    def write(self, path: str | os.PathLike, settings: str, *blocks: str) -> None:
        """The header and `blocks` (tables, notes) separated by blank lines, written to a temporary file
        and renamed, so an interrupted bench leaves the page's old table whole."""
        path = Path(path)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text("\n\n".join([self.header(settings), *blocks]) + "\n")
        tmp.replace(path)


def table(columns: list[str], rows: list[list[str]]) -> str:
    """A Markdown table: `columns` as its head, one line per row of cells."""
    lines = ["| " + " | ".join(columns) + " |", "|---" * len(columns) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)
