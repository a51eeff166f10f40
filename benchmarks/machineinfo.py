"""The machine a benchmark ran on, for the tables and the JSON."""

from __future__ import annotations

import os
import platform
from pathlib import Path

import numpy as np


def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = int(Path("/proc/meminfo").read_text().split()[1]) // 1024 // 1024
    except OSError:
        mem = 0
    try:
        load = round(os.getloadavg()[0], 2)
    except OSError:
        load = None
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem,
        "load_1min": load,
        "python": platform.python_version(),
        "numpy": np.__version__,
    }


def machine_line(info: dict) -> str:
    return (
        f"[bold]Machine[/]: {info['cpu']}, {info['cores']} cores, {info['memory_gib']} GiB, "
        f"load {info.get('load_1min')}; Python {info['python']}, NumPy {info['numpy']}"
    )
