"""The processor cores this process may run on: the second content reader and the chart
workers are started only where they leave a core to the build."""

from __future__ import annotations

import os


def usable() -> int:
    """The cores this process may run on (its affinity, which a container or ``taskset`` may
    narrow below the machine's count), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
