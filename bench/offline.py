"""Page weight, Slow 3G timings and offline-copy sizes of the demo courses (issue 23).

    .venv/bin/python bench/offline.py                       # sr-latn, sr, en (~6 min)
    .venv/bin/python bench/offline.py --quick               # sr-latn, 3 lessons, 1 course slow
    .venv/bin/python bench/offline.py --languages sr-latn,en --no-slow

Builds a dedicated PostgreSQL database (bench_offline), Redis db 15 for cache and sessions,
runs `manage.py load_demo`, enrols the demo learner judge@demo.local in every demo course and
serves the site with gunicorn (production settings: whitenoise's compressed, hashed static
files; HTML as gunicorn sends it, uncompressed: production's proxy may gzip it, so the
gzipped size of each page's HTML is reported beside it). Debian's Chromium (Playwright,
the launch arguments of tests/browser/conftest.py) then reads, signed in:

1. Weight: the course page and every lesson of each demo course, first view (a new browser
   context: empty cache) and repeat view (the same URL again in that context), counting
   each response's encoded transfer bytes (CDP Network.loadingFinished encodedDataLength:
   headers and body as they came over the wire; 0 when served from the cache) by type.
2. Slow 3G (DevTools' preset: 2,000 ms latency, 500 kbit/s × 0.8 both ways) and the CPU
   slowed 4× (an old phone), cold cache: the course page and the heaviest lesson of each
   course, the home page and the case-law library. Times from the browser's Navigation
   Timing: DOMContentLoaded, load, and "interactive": the page complete (readyState), its
   "Mark as done" button there (lessons), and a key press handled (the time the handler
   ran, since the navigation started). Goal 5 s, reported as a ratio, not asserted.
3. The offline copy of each course, when the server has it (offline:copy, GET
   /<lang>/learning/offline/courses/<id>/): its total `bytes`, its number of URLs, and what
   downloading every URL it lists actually costs (bytes on the wire with gzip, and decoded).

Results print as tables; JSON goes to bench/out/offline.json. Exit status 1 when a page does
not answer 200.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import http.client
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import _common as common  # noqa: E402

DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/bench_offline"
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
LANGUAGES = ("sr-latn", "sr", "en")

CHROMIUM = "/usr/bin/chromium"
# As tests/browser/conftest.py launches it.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1280, "height": 800}

# Chrome DevTools' "Slow 3G" preset.
SLOW_3G = {
    "offline": False,
    "latency": 2000,
    "downloadThroughput": 500 * 1024 / 8 * 0.8,
    "uploadThroughput": 500 * 1024 / 8 * 0.8,
}
CPU_SLOWDOWN = 4
GOAL_MS = 5000

TYPES = {
    "Document": "html",
    "Stylesheet": "css",
    "Script": "js",
    "Image": "images",
    "Font": "fonts",
}
COLUMNS = ("html", "css", "js", "images", "fonts", "other")

# Before the page's own scripts: when a key press is handled, in ms since navigation start.
INPUT_PROBE = """
window.__benchInput = null;
document.addEventListener("keydown", function (event) {
  if (window.__benchInput === null) {
    window.__benchInput = {handled: performance.now(), delay: performance.now() - event.timeStamp};
  }
}, true);
"""


def _parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--languages", default=",".join(LANGUAGES))
    parser.add_argument(
        "--lessons", type=int, default=0, help="lessons weighed per course (0: all)"
    )
    parser.add_argument("--slow-courses", type=int, default=0, help="courses on Slow 3G (0: all)")
    parser.add_argument("--no-slow", action="store_true", help="skip the Slow 3G timings")
    parser.add_argument(
        "--repeats", type=int, default=3, help="Slow 3G loads per page (the median is shown)"
    )
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per Slow 3G page")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--redis-url", default=DEFAULT_REDIS_URL)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument("--json", default="offline.json", help="file under bench/out/")
    parser.add_argument("--quick", action="store_true", help="short smoke run")
    args = parser.parse_args(argv)
    if args.quick:
        if args.languages == ",".join(LANGUAGES):
            args.languages = "sr-latn"
        args.lessons = args.lessons or 3
        args.slow_courses = args.slow_courses or 1
        args.repeats = 1
    args.language_list = [x.strip() for x in args.languages.split(",") if x.strip()]
    unknown = set(args.language_list) - set(LANGUAGES)
    if unknown or not args.language_list:
        parser.error(f"--languages: pick from {','.join(LANGUAGES)} (got {args.languages!r})")
    return args


# --- The browser ---------------------------------------------------------------------


def _kind_of_mime(mime: str) -> str:
    """Resources Chrome types as "Other" (the favicon): by their MIME type."""
    if mime.startswith("image/"):
        return "images"
    if mime.startswith("font/"):
        return "fonts"
    return "other"


class Recorder:
    """Every response of a tab through CDP: its type, status and encoded bytes."""

    def __init__(self, cdp):
        self.requests: dict[str, dict] = {}
        cdp.on("Network.requestWillBeSent", self._sent)
        cdp.on("Network.responseReceived", self._response)
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.loadingFailed", self._failed)
        cdp.on("Network.requestServedFromCache", self._from_cache)

    def reset(self) -> None:
        self.requests = {}

    def _row(self, request_id: str) -> dict:
        return self.requests.setdefault(
            request_id,
            {"url": "", "type": "Other", "status": 0, "bytes": 0, "cached": False, "done": False},
        )

    def _sent(self, event):
        row = self._row(event["requestId"])
        row["url"] = event["request"]["url"]
        row["type"] = event.get("type") or row["type"]

    def _response(self, event):
        row = self._row(event["requestId"])
        row["type"] = event.get("type") or row["type"]
        response = event["response"]
        row["status"] = response["status"]
        row["mime"] = response.get("mimeType", "")
        row["url"] = response["url"]
        row["cached"] = row["cached"] or bool(response.get("fromDiskCache"))
        row["encoding"] = {k.lower(): v for k, v in response.get("headers", {}).items()}.get(
            "content-encoding", ""
        )

    def _finished(self, event):
        row = self._row(event["requestId"])
        row["bytes"] = int(event.get("encodedDataLength") or 0)
        row["done"] = True

    def _failed(self, event):
        row = self._row(event["requestId"])
        row["failed"] = event.get("errorText", "failed")
        row["done"] = True

    def _from_cache(self, event):
        self._row(event["requestId"])["cached"] = True

    def summary(self, base: str) -> dict:
        by_type = dict.fromkeys(COLUMNS, 0)
        resources = []
        for row in self.requests.values():
            if not row["url"].startswith(("http://", "https://")):
                continue  # data: URLs
            kind = TYPES.get(row["type"]) or _kind_of_mime(row.get("mime", ""))
            by_type[kind] += row["bytes"]
            resources.append(
                {
                    "url": row["url"].removeprefix(base),
                    "kind": kind,
                    "status": row["status"],
                    "bytes": row["bytes"],
                    "cached": row["cached"],
                    "encoding": row.get("encoding", ""),
                    **({"failed": row["failed"]} if "failed" in row else {}),
                }
            )
        resources.sort(key=lambda r: -r["bytes"])
        return {
            "total": sum(by_type.values()),
            "by_type": by_type,
            "requests": len(resources),
            "from_network": sum(1 for r in resources if r["bytes"]),
            "resources": resources,
        }


def _new_tab(browser, base: str, session_key: str, *, init_script: str | None = None):
    context = browser.new_context(base_url=base, viewport=VIEWPORT, locale="sr-Latn-RS")
    context.add_cookies(
        [{"name": "sessionid", "value": session_key, "url": base, "httpOnly": True}]
    )
    if init_script:
        context.add_init_script(init_script)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    return context, page, cdp


def _settle(page) -> None:
    """Until nothing more is loading (late images, a script's fetch), at most 5 s."""
    # A page that keeps polling still has its weight: go on after 5 s.
    with contextlib.suppress(Exception):
        page.wait_for_load_state("networkidle", timeout=5000)


def weigh(browser, base: str, session_key: str, path: str) -> dict:
    """First and repeat view of `path` in a fresh context."""
    context, page, cdp = _new_tab(browser, base, session_key)
    try:
        recorder = Recorder(cdp)
        response = page.goto(path, wait_until="load", timeout=60_000)
        _settle(page)
        status = response.status if response else 0
        html = response.body() if response and status == 200 else b""
        first = recorder.summary(base)
        recorder.reset()
        page.goto(path, wait_until="load", timeout=60_000)
        _settle(page)
        repeat = recorder.summary(base)
        return {
            "path": path,
            "status": status,
            "final_url": page.url.removeprefix(base),
            "html_bytes": len(html),
            "html_gzip_bytes": len(gzip.compress(html, compresslevel=6)) if html else 0,
            "first": first,
            "repeat": repeat,
        }
    finally:
        context.close()


def slow_3g(browser, base: str, session_key: str, path: str, *, lesson: bool, timeout: float):
    """Cold load of `path` on Slow 3G with the CPU slowed down: Navigation Timing, the
    time to interactive, and what took longest."""
    context, page, cdp = _new_tab(browser, base, session_key, init_script=INPUT_PROBE)
    try:
        recorder = Recorder(cdp)
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        started = time.monotonic()
        response = page.goto(path, wait_until="load", timeout=timeout * 1000)
        ready = "document.readyState === 'complete'" + (
            " && !!document.querySelector('#mark-done button, .message-success')" if lesson else ""
        )
        page.wait_for_function(ready, timeout=timeout * 1000, polling=50)
        page.keyboard.press("Shift")
        page.wait_for_function("window.__benchInput !== null", timeout=timeout * 1000, polling=50)
        wall_ms = 1000 * (time.monotonic() - started)
        timing = page.evaluate(
            """() => {
              const nav = performance.getEntriesByType("navigation")[0];
              const res = performance.getEntriesByType("resource").map(r => ({
                url: r.name, start: r.startTime, end: r.responseEnd, bytes: r.transferSize}));
              return {
                response_start: nav.responseStart, dcl: nav.domContentLoadedEventEnd,
                load: nav.loadEventEnd, html_end: nav.responseEnd,
                input: window.__benchInput, resources: res,
                mark_done: !!document.querySelector("#mark-done button"),
              };
            }"""
        )
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
        weight = recorder.summary(base)
        resources = sorted(timing["resources"], key=lambda r: -r["end"])
        interactive = max(timing["load"], timing["input"]["handled"])
        return {
            "path": path,
            "status": response.status if response else 0,
            # DevTools' throttling holds back the body, not the headers: not a real TTFB.
            "response_start_ms": round(timing["response_start"]),
            "html_done_ms": round(timing["html_end"]),
            "dcl_ms": round(timing["dcl"]),
            "load_ms": round(timing["load"]),
            "interactive_ms": round(interactive),
            "input_delay_ms": round(timing["input"]["delay"]),
            "wall_ms": round(wall_ms),
            "goal_ratio": round(interactive / GOAL_MS, 2),
            "mark_done": timing["mark_done"],
            "bytes": weight["total"],
            "by_type": weight["by_type"],
            "requests": weight["requests"],
            "last_resources": [
                {
                    "url": r["url"].removeprefix(base),
                    "start_ms": round(r["start"]),
                    "end_ms": round(r["end"]),
                    "bytes": r["bytes"],
                }
                for r in resources[:3]
            ],
        }
    finally:
        context.close()


# --- The offline copy ----------------------------------------------------------------


def _fetch_encoded(port: int, path: str, cookies: dict) -> tuple[int, int, int]:
    """GET with Accept-Encoding: gzip, as a browser on http:// sends it; returns (status,
    bytes on the wire (body), bytes decoded)."""
    conn = http.client.HTTPConnection(common.LOOPBACK, port, timeout=30)
    try:
        conn.request(
            "GET",
            path,
            headers={"Cookie": common.cookie_header(cookies), "Accept-Encoding": "gzip"},
        )
        response = conn.getresponse()
        body = response.read()
        decoded = body
        if response.headers.get("Content-Encoding") == "gzip":
            decoded = gzip.decompress(body)
        return response.status, len(body), len(decoded)
    finally:
        conn.close()


def offline_copy(port: int, language: str, course_id: int, cookies: dict) -> dict:
    path = f"/{language}/learning/offline/courses/{course_id}/"
    status, body, headers = common.http_get(port, path, cookies=cookies, timeout=60)
    is_json = "json" in (headers.get("Content-Type") or "")
    if not is_json:
        return {"available": False, "status": status, "path": path}
    data = json.loads(body)
    if status != 200:
        return {"available": True, "status": status, "path": path, "error": data.get("error")}
    wire = decoded = 0
    bad = []
    kinds: dict[str, dict] = {}
    for item in data.get("urls", []):
        fetched = item.get("from") or item["url"]
        item_status, item_wire, item_decoded = _fetch_encoded(port, fetched, cookies)
        if item_status != 200:
            bad.append({"url": fetched, "status": item_status})
        wire += item_wire
        decoded += item_decoded
        kind = kinds.setdefault(
            item.get("kind", "?"), {"urls": 0, "listed": 0, "wire": 0, "decoded": 0}
        )
        kind["urls"] += 1
        kind["listed"] += int(item.get("bytes") or 0)
        kind["wire"] += item_wire
        kind["decoded"] += item_decoded
    return {
        "available": True,
        "status": status,
        "path": path,
        "bytes": data.get("bytes"),
        "exact": data.get("exact"),
        "urls": len(data.get("urls", [])),
        "fetched_wire_bytes": wire,
        "fetched_decoded_bytes": decoded,
        "by_kind": kinds,
        "not_200": bad,
    }


# --- Output --------------------------------------------------------------------------


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def course_summary(pages: list[dict]) -> dict:
    firsts = [p["first"]["total"] for p in pages]
    repeats = [p["repeat"]["total"] for p in pages]
    heaviest = max(pages, key=lambda p: p["first"]["total"])
    return {
        "pages": len(pages),
        "first_median": statistics.median(firsts),
        "first_max": max(firsts),
        "repeat_median": statistics.median(repeats),
        "repeat_max": max(repeats),
        "heaviest": {
            "path": heaviest["path"],
            "first": heaviest["first"]["total"],
            "by_type": heaviest["first"]["by_type"],
            "html_bytes": heaviest["html_bytes"],
            "html_gzip_bytes": heaviest["html_gzip_bytes"],
            "largest": heaviest["first"]["resources"][:3],
        },
    }


def print_weights(language: str, courses: list[dict]) -> None:
    print(f"\nPage weight, {language} (KB transferred; first view = empty cache)")
    header = (
        f"| {'course':<44} | {'pages':>5} | {'1st med':>7} | {'1st max':>7} | {'rep med':>7} "
        f"| {'rep max':>7} | heaviest page (first view: html/css/js/img/font KB; html gzipped) |"
    )
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    for course in courses:
        s = course["summary"]
        h = s["heaviest"]
        t = h["by_type"]
        print(
            f"| {course['title'][:44]:<44} | {s['pages']:>5} | {kb(s['first_median']):>7} "
            f"| {kb(s['first_max']):>7} | {kb(s['repeat_median']):>7} | {kb(s['repeat_max']):>7} "
            f"| {h['path']} {kb(t['html'])}/{kb(t['css'])}/{kb(t['js'])}/{kb(t['images'])}"
            f"/{kb(t['fonts'])}; {kb(h['html_gzip_bytes'])} |"
        )


def print_slow(rows: list[dict], repeats: int) -> None:
    print(
        f"\nSlow 3G (2 s RTT, 400 kbit/s) + CPU ÷{CPU_SLOWDOWN}, cold cache; ms since the "
        f"navigation started (HTML: the page's HTML received), median run of {repeats}; "
        f"ratio = interactive / {GOAL_MS} ms (≤ 1 meets the goal)"
    )
    header = (
        f"| {'language':<7} | {'page':<36} | {'KB':>6} | {'req':>3} | {'HTML':>5} "
        f"| {'DCL':>6} | {'load':>6} "
        f"| {'inter.':>6} | {'ratio':>5} | last to arrive |"
    )
    print(header)
    print("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    for row in rows:
        last = row["last_resources"][0] if row["last_resources"] else None
        last_text = f"{last['url']} ({kb(last['bytes'])} KB, {last['end_ms']} ms)" if last else "—"
        print(
            f"| {row['language']:<7} | {row['label'][:36]:<36} | {kb(row['bytes']):>6} "
            f"| {row['requests']:>3} | {row['html_done_ms']:>5} "
            f"| {row['dcl_ms']:>6} | {row['load_ms']:>6} "
            f"| {row['interactive_ms']:>6} | {row['goal_ratio']:>5.2f} | {last_text} |"
        )


def _kind_ratios(by_kind: dict) -> str:
    """How far each kind's listed sizes are from what was downloaded (decoded)."""
    parts = []
    for kind in ("page", "quiz", "asset"):
        k = by_kind.get(kind)
        parts.append(f"{k['listed'] / k['decoded']:.2f}" if k and k["decoded"] else "—")
    return ", ".join(parts)


def print_copies(copies: list[dict]) -> None:
    print("\nOffline copy per course (offline:copy): listed bytes vs what downloading it costs")
    if not copies or not any(c["copy"]["available"] for c in copies):
        print("  not measured: offline:copy is not on this branch yet (the URL is not routed)")
        return
    header = (
        f"| {'language':<7} | {'course':<44} | {'URLs':>4} | {'listed KB':>9} | {'exact':>5} "
        f"| {'wire KB':>8} | {'decoded KB':>10} | listed ÷ decoded: pages, quiz, assets | not 200 |"
    )
    print(header)
    print("|" + "|".join("-" * len(c) for c in header.split("|")[1:-1]) + "|")
    for row in copies:
        c = row["copy"]
        if c.get("status") != 200:
            print(
                f"| {row['language']:<7} | {row['title'][:44]:<44} "
                f"| HTTP {c.get('status')} {c.get('error', '')}"
            )
            continue
        print(
            f"| {row['language']:<7} | {row['title'][:44]:<44} | {c['urls']:>4} "
            f"| {kb(c['bytes'] or 0):>9} "
            f"| {str(c['exact']):>5} | {kb(c['fetched_wire_bytes']):>8} "
            f"| {kb(c['fetched_decoded_bytes']):>10} | {_kind_ratios(c['by_kind']):<37} "
            f"| {len(c['not_200'])} |"
        )


# --- Main ----------------------------------------------------------------------------


def main(argv=None) -> int:
    args = _parse_args(argv)
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} is missing: apt-get install chromium", file=sys.stderr)
        return 2
    common.stop_cleanly_on_signals()
    env = common.bench_env(database_url=args.database_url, redis_url=args.redis_url)
    started = time.monotonic()
    problems: list[str] = []
    try:
        common.prepare_database(env=env)
        t = time.monotonic()
        seeded = common.django_call(
            "_offline_side", "seed", env=env, timeout=1800, languages=args.language_list
        )
        print(
            f"load_demo + enrolments: {time.monotonic() - t:.0f} s; learner {seeded['learner']}"
            + (f"; not visible to them: {seeded['skipped']}" if seeded["skipped"] else "")
        )
        cookies = {"sessionid": seeded["session_key"]}
        from playwright.sync_api import sync_playwright

        with common.Gunicorn(env=env, workers=args.workers) as server, sync_playwright() as pw:
            base = f"http://{common.LOOPBACK}:{server.port}"
            browser = pw.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            print(f"Chromium {browser.version}, gunicorn on {base} ({args.workers} workers)")
            weights: dict[str, list[dict]] = {}
            slow_rows: list[dict] = []
            copies: list[dict] = []
            for language in args.language_list:
                site = seeded[language]
                weights[language] = []
                for course in site["courses"]:
                    lessons = course["lessons"][: args.lessons or None]
                    pages = []
                    for path, kind in [(course["course"], "course")] + [
                        (ls["path"], "lesson") for ls in lessons
                    ]:
                        result = weigh(browser, base, seeded["session_key"], path)
                        result["kind"] = kind
                        if result["status"] != 200 or result["final_url"] != path:
                            problems.append(
                                f"{path}: HTTP {result['status']} → {result['final_url']}"
                            )
                        pages.append(result)
                    entry = {
                        "id": course["id"],
                        "title": course["title"],
                        "pages": pages,
                        "summary": course_summary(pages),
                    }
                    weights[language].append(entry)
                    s = entry["summary"]
                    print(
                        f"  {language} {course['title'][:50]}: {s['pages']} pages, first view "
                        f"median {kb(s['first_median'])} KB, max {kb(s['first_max'])} KB",
                        flush=True,
                    )
                    copies.append(
                        {
                            "language": language,
                            "id": course["id"],
                            "title": course["title"],
                            "copy": offline_copy(server.port, language, course["id"], cookies),
                        }
                    )

                if args.no_slow:
                    continue
                targets = []
                for entry in weights[language][: args.slow_courses or None]:
                    lessons = [p for p in entry["pages"] if p["kind"] == "lesson"]
                    targets.append((f"course: {entry['title']}", entry["pages"][0]["path"], False))
                    if lessons:
                        heaviest = max(lessons, key=lambda p: p["first"]["total"])
                        targets.append(
                            (f"heaviest lesson of {entry['title']}", heaviest["path"], True)
                        )
                targets.append(("home", site["home"], False))
                if site["caselaw"]:
                    targets.append(("case-law library", site["caselaw"], False))
                for label, path, lesson in targets:
                    runs = []
                    for _ in range(args.repeats):
                        try:
                            runs.append(
                                slow_3g(
                                    browser,
                                    base,
                                    seeded["session_key"],
                                    path,
                                    lesson=lesson,
                                    timeout=args.timeout,
                                )
                            )
                        except Exception as error:  # noqa: BLE001 - report and go on
                            problems.append(f"Slow 3G {path}: {error!r}"[:300])
                    if not runs:
                        continue
                    # The run of median interactive time, with every run's times beside it.
                    runs.sort(key=lambda r: r["interactive_ms"])
                    row = dict(runs[(len(runs) - 1) // 2])
                    row["runs"] = [
                        {k: r[k] for k in ("dcl_ms", "load_ms", "interactive_ms")} for r in runs
                    ]
                    row.update({"language": language, "label": label, "lesson": lesson})
                    if row["status"] != 200:
                        problems.append(f"Slow 3G {path}: HTTP {row['status']}")
                    slow_rows.append(row)
                    print(
                        f"  Slow 3G {language} {label[:50]}: "
                        f"interactive {[r['interactive_ms'] for r in row['runs']]} ms",
                        flush=True,
                    )
            browser.close()
            server_log = server.log_tail(3000)

        for language, courses in weights.items():
            print_weights(language, courses)
        if slow_rows:
            print_slow(slow_rows, args.repeats)
        print_copies(copies)
        if problems:
            print("\nProblems:\n  " + "\n  ".join(problems))
        if "Traceback" in server_log or "[ERROR]" in server_log:
            print("gunicorn log (tail):\n" + server_log)
        print(
            f"\nload average {' '.join(f'{x:.1f}' for x in __import__('os').getloadavg())}; "
            f"total {time.monotonic() - started:.0f} s"
        )
        if args.json:
            path = common.write_json(
                args.json,
                {
                    "benchmark": "offline",
                    "machine": common.machine_info(),
                    "chromium": CHROMIUM,
                    "settings": {
                        k: v
                        for k, v in vars(args).items()
                        if k not in {"database_url", "redis_url"}
                    },
                    "slow_3g": {**SLOW_3G, "cpu_slowdown": CPU_SLOWDOWN, "goal_ms": GOAL_MS},
                    "weights": weights,
                    "slow": slow_rows,
                    "offline_copies": copies,
                    "problems": problems,
                },
            )
            print(f"wrote {path.relative_to(common.ROOT)}")
        return 1 if problems else 0
    finally:
        if not args.keep_db:
            common.bench_state_drop(args.database_url, args.redis_url)


if __name__ == "__main__":
    common.run_main(main)
