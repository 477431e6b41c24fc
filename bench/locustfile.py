"""Learners and managers against the two app servers of bench/cluster.py (headless locust).

Learners sign in, wait until every simulated user has started (a synchronised start: all of
them open the course and its first quiz in the same second), then read lessons and mark them
done; where a lesson or module page offers a quiz (a form posting to
/learning/quizzes/<id>/start/), they start it, answer the first option of every question and
submit. Managers sign in with password and TOTP and open their dashboards.

Each simulated user talks to one app server; when it stops answering (bench/cluster.py kills
one mid-run), the user moves to the other, as a load balancer would, keeping its cookies:
the session must be valid there too. Every move is counted as a "failover" row.

Environment: BENCH_HOSTS (comma-separated base URLs), BENCH_SEED (the JSON file seed wrote).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import itertools
import json
import os
import re
import struct
import time
from html import unescape

from gevent.event import Event
from locust import HttpUser, between, events, task

HOSTS = os.environ.get("BENCH_HOSTS", "http://127.0.0.1:8000").split(",")
SEED = json.loads(open(os.environ["BENCH_SEED"]).read()) if "BENCH_SEED" in os.environ else {}  # noqa: SIM115
_learners = itertools.cycle(SEED.get("learners", []))
_managers = itertools.cycle(SEED.get("managers", []))
_counter = itertools.count()
everyone_started = Event()

MARK_DONE = re.compile(r'<form[^>]*action="([^"]+)"[^>]*id="mark-done"')
QUIZ_START = re.compile(r'<form[^>]*action="([^"]*/learning/quizzes/\d+/start/)"')
FORM = re.compile(r"<form[^>]*action=\"([^\"]*)\"[^>]*>(.*?)</form>", re.S)
CHOICE = re.compile(r'<input[^>]*type="(radio|checkbox)"[^>]*>')
ATTR = re.compile(r'(\w[\w-]*)="([^"]*)"')


@events.spawning_complete.add_listener
def _all_spawned(user_count, **kwargs):
    everyone_started.set()


def totp(secret: str, at: float | None = None) -> str:
    counter = int(at or time.time()) // 30
    digest = hmac.new(
        base64.b32decode(secret, casefold=True), struct.pack(">Q", counter), hashlib.sha1
    ).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


class PlatformUser(HttpUser):
    abstract = True
    wait_time = between(1, 3)
    host = HOSTS[0]

    def on_start(self):
        number = next(_counter)
        self.base = HOSTS[number % len(HOSTS)]
        self.client_ip = f"10.{number // 65536 % 256}.{number // 256 % 256}.{number % 256}"

    # --- requests with load-balancer failover --------------------------------------------

    def _send(self, method: str, path: str, name: str, headers: dict | None = None, **kwargs):
        # The app servers run the production settings behind a (pretend) TLS load balancer:
        # the header says the client's connection was HTTPS, and secure cookies are sent back.
        # Each simulated person has their own address, as the load balancer reports it.
        headers = {
            "X-Forwarded-Proto": "https",
            "X-Forwarded-For": self.client_ip,
            **(headers or {}),
        }
        for _attempt in range(len(HOSTS)):
            url = path if path.startswith("http") else self.base + path
            if method == "POST":
                # One site name behind a real load balancer: the page posted from is on the
                # instance answering now.
                headers["Referer"] = url.replace("http://", "https://")
            for cookie in self.client.cookies:
                cookie.secure = False
            with self.client.request(
                method,
                url,
                name=name,
                catch_response=True,
                allow_redirects=False,
                headers=headers,
                **kwargs,
            ) as response:
                if response.status_code == 0:  # connection refused or reset: server gone
                    response.success()  # not the application's error; counted below
                    self._failover(name)
                    continue
                if response.status_code >= 400:
                    response.failure(f"{response.status_code}")
                return response
        return response

    def _failover(self, name: str) -> None:
        events.request.fire(
            request_type="LB",
            name=f"failover ({name})",
            response_time=0,
            response_length=0,
            exception=None,
            context={},
        )
        others = [h for h in HOSTS if h != self.base]
        self.base = others[0] if others else self.base

    def get(self, path: str, name: str):
        response = self._send("GET", path, name)
        # Follow redirects ourselves, so that each hop keeps the failover.
        hops = 0
        while response.status_code in (301, 302) and hops < 5:
            location = response.headers.get("Location", "")
            response = self._send("GET", location, name + " (redirect)")
            hops += 1
        return response

    def post(self, path: str, name: str, data: dict):
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        return self._send("POST", path, name, data=data)

    def sign_in(self, email: str, password: str):
        self.get("/sr-latn/accounts/login/", "login form")
        return self.post(
            "/sr-latn/accounts/login/", "login", {"login": email, "password": password}
        )


class Learner(PlatformUser):
    weight = 9

    def on_start(self):
        super().on_start()
        self.email = next(_learners)
        self.sign_in(self.email, SEED["password"])
        self.lessons: list[str] = []
        self.done: set[str] = set()
        self.quizzes_taken: set[str] = set()
        everyone_started.wait(timeout=120)
        # The synchronised start: everyone opens the course (and its first quiz) at once.
        course = self.get(SEED["course_url"], "course")
        self.lessons = self._lesson_links(course.text)
        if SEED.get("quiz_url"):
            # …and all start the course's first quiz in the same second.
            quiz = self.get(SEED["quiz_url"], "quiz page (synchronised start)")
            self._take_quizzes_on(quiz.text)

    def _lesson_links(self, html: str) -> list[str]:
        prefix = SEED["course_url"]
        links = [unescape(h) for h in re.findall(r'href="([^"#?]+)"', html)]
        return list(dict.fromkeys(h for h in links if h.startswith(prefix) and h != prefix))

    @task
    def read_a_lesson(self):
        pending = [url for url in self.lessons if url not in self.done]
        url = pending[0] if pending else self.lessons[len(self.done) % max(len(self.lessons), 1)]
        if not url:
            return
        page = self.get(url, "lesson or module")
        self.done.add(url)
        self._take_quizzes_on(page.text)
        match = MARK_DONE.search(page.text)
        if match:
            action = unescape(match.group(1))
            self.post(action, "mark done", {})
        if not pending:
            self.get("/sr-latn/certificates/", "my certificates")

    def _take_quizzes_on(self, html: str) -> None:
        for action in QUIZ_START.findall(html):
            if action in self.quizzes_taken:
                continue
            self.quizzes_taken.add(action)
            self._take_quiz(unescape(action))

    def _take_quiz(self, start_action: str) -> None:
        response = self.post(start_action, "quiz start", {})
        location = response.headers.get("Location", "")
        for _page in range(50):
            if not location:
                return
            page = self.get(location, "quiz page")
            form = next((f for f in FORM.findall(page.text) if "attempts/" in f[0]), None)
            if form is None:
                return
            action, body = unescape(form[0]) or location, form[1]
            answers: dict[str, str] = {}
            for tag in CHOICE.finditer(body):
                attrs = dict(ATTR.findall(tag.group(0)))
                answers.setdefault(attrs.get("name", ""), attrs.get("value", ""))
            answers.pop("", None)
            last = 'value="next"' not in body
            answers["nav"] = "finish" if last else "next"
            response = self.post(action or location, "quiz answer", answers)
            location = response.headers.get("Location", "")
            if last:
                if "/summary/" in location:  # the summary confirms the submit
                    self.get(location, "quiz summary")
                    submit = location.replace("/summary/", "/submit/")
                    response = self.post(submit, "quiz submit", {"confirm": "1"})
                    location = response.headers.get("Location", "")
                if location:
                    self.get(location, "quiz result")
                return


class Manager(PlatformUser):
    weight = 1

    def on_start(self):
        super().on_start()
        account = next(_managers)
        response = self.sign_in(account["email"], SEED["password"])
        # Password accepted: allauth asks for the second factor.
        if "/2fa/authenticate/" in response.headers.get("Location", ""):
            self.get("/sr-latn/accounts/2fa/authenticate/", "mfa form")
            self.post(
                "/sr-latn/accounts/2fa/authenticate/", "mfa", {"code": totp(account["secret"])}
            )
        everyone_started.wait(timeout=120)

    @task(3)
    def course_progress(self):
        self.get("/admin/reports/course-progress/", "admin: course progress")

    @task(2)
    def people(self):
        self.get("/admin/people/", "admin: people")

    @task(1)
    def dashboard(self):
        self.get("/admin/", "admin: dashboard")
