"""Load rounds with wrk (Debian package `wrk`), the tool the peer harness uses, so that
both sides of a comparison get the same load: `wrk -t1 -c4 -d<seconds>s`."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import dataclass

WRK = shutil.which("wrk") or "/usr/bin/wrk"


@dataclass
class WrkRound:
    target: str
    rps: float
    requests: int
    non_2xx: int
    socket_errors: str
    latency_avg: str
    load1: float

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def wrk_available() -> bool:
    return os.path.exists(WRK)


def wrk_round(
    *,
    url: str,
    target: str,
    duration: float,
    cookie: str | None = None,
    threads: int = 1,
    connections: int = 4,
) -> WrkRound:
    seconds = max(1, round(duration))  # wrk takes whole seconds
    args = [WRK, f"-t{threads}", f"-c{connections}", f"-d{seconds}s"]
    if cookie:
        args += ["-H", f"Cookie: {cookie}"]
    out = subprocess.run(
        [*args, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    latency = re.search(r"Latency\s+([\d.]+\w+)", out)
    return WrkRound(
        target=target,
        rps=rps,
        requests=requests,
        non_2xx=int(bad.group(1)) if bad else 0,
        socket_errors=errors.group(1) if errors else "",
        latency_avg=latency.group(1) if latency else "",
        load1=os.getloadavg()[0],
    )
