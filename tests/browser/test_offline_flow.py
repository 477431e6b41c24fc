"""Learning offline, end to end in Chromium: save a course, read and mark lessons without a
connection, see them sent once when back online; refused records, refreshed copies, and a
device emptied at sign-out. The service worker needs a secure context: the live server's
127.0.0.1 is one."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext
from playwright.sync_api import expect

from courses.factories import course_with_lessons
from courses.models import Enrolment, LessonPage, StepCompletion
from home.models import ProgrammeSettings
from quizzes import factories as quiz_factories

PASSWORD = "correct horse battery staple"


def in_latin(message):
    with translation.override("sr-latn"):
        return gettext(message)


def before_placeholder(message):
    """The words of a translated message before its first %(…)s, as a pattern. A template's
    {% blocktranslate %} without variables keeps its placeholder as %%(…)s in the msgid."""
    translated = in_latin(message)
    if translated == message:
        translated = in_latin(message.replace("%(", "%%(")).replace("%%(", "%(")
    return re.compile(re.escape(translated.split("%(")[0].strip()))


def progress_text(percent, done, required):
    with translation.override("sr-latn"):
        return gettext("%(percent)s%% done (%(done)s of %(required)s required steps)") % {
            "percent": percent,
            "done": done,
            "required": required,
        }


def lessons_of(course):
    """The course's lessons, in order, published yesterday (as through Wagtail's publish:
    the server refuses a step recorded before its lesson was first published)."""
    lessons = LessonPage.objects.descendant_of(course).live().order_by("path")
    lessons.update(first_published_at=timezone.now() - timedelta(days=1))
    return list(lessons)


def wait_for_service_worker(page):
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller !== null")


def enrol(page, course):
    page.goto(course.url)
    page.get_by_role("button", name=re.compile(in_latin("Enrol in this course"))).click()
    expect(page.locator("main")).to_contain_text(progress_text(0, 0, 4))


def save_for_offline(page, course):
    """Click "Save for offline" (its size shown first) and wait for the copy; returns the
    progress bar's values seen on the way."""
    box = page.locator("#offline-course")
    save = box.locator("button.offline-save")
    expect(save).to_contain_text(before_placeholder("Save for offline (about %(size)s)"))
    expect(save).to_contain_text(re.compile(r"\d"))
    page.evaluate(
        """() => {
          window.offlineProgress = [];
          const box = document.getElementById("offline-course");
          new MutationObserver(() => {
            const bar = box.querySelector("progress");
            if (bar) window.offlineProgress.push([bar.value, bar.max]);
          }).observe(box, {subtree: true, childList: true, attributes: true, characterData: true});
        }"""
    )
    save.click()
    expect(box).to_contain_text(before_placeholder("Saved on this device (%(size)s)"))
    expect(box.locator("button.offline-remove")).to_have_text(in_latin("Remove offline copy"))
    wait_for_service_worker(page)
    return page.evaluate("window.offlineProgress")


def cache_contents(page):
    """Cache Storage: each cache's name and the paths it holds."""
    return page.evaluate(
        """async () => {
          const out = {};
          for (const name of await caches.keys()) {
            const cache = await caches.open(name);
            out[name] = (await cache.keys()).map((r) => new URL(r.url).pathname);
          }
          return out;
        }"""
    )


def sign_in_new_context(browser, live_server, log_in, user):
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(10_000)
    tab = context.new_page()
    log_in(tab, email=user.email, password=PASSWORD, language="sr-latn")
    return context, tab


def test_saved_course_is_read_offline_and_its_steps_sent_once_back_online(
    page, learner, log_in, browser, live_server
):
    course = course_with_lessons(modules=2, lessons=2, title="Offline course")
    lessons = lessons_of(course)
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    enrol(page, course)

    steps = save_for_offline(page, course)
    assert steps, "the progress bar was shown"
    assert steps[-1][0] == steps[-1][1] > 0, "the progress bar reached 100 %"
    assert f"course-{course.pk}" in cache_contents(page)

    page.context.set_offline(True)
    # Three lessons read, the first and the third marked as done.
    for index, lesson in enumerate(lessons[:3]):
        page.goto(lesson.url)
        expect(page.locator("main h1")).to_have_text(lesson.title)
        if index in (0, 2):
            page.locator("#mark-done button[type=submit]").click()
            expect(page.locator(".offline-queued")).to_be_visible()
    page.reload()
    expect(page.locator("main h1")).to_have_text(lessons[2].title)
    expect(page.locator(".offline-queued")).to_be_visible()  # still waiting, not a new form

    page.goto(course.url)
    pending = page.locator("#offline-pending")
    expect(pending).to_be_visible()
    expect(pending.locator("li")).to_have_text([lessons[0].title, lessons[2].title])
    enrolment = Enrolment.objects.get(user=learner, course=course)
    assert not StepCompletion.objects.filter(enrolment=enrolment).exists()

    # Back online, the page sends what waits (the browser's "online" event).
    page.context.set_offline(False)
    expect(page.locator(".offline-notice")).to_contain_text(in_latin("Sent."))
    expect(pending).to_be_hidden()
    done = set(StepCompletion.objects.filter(enrolment=enrolment).values_list("page_id", flat=True))
    assert done == {lessons[0].pk, lessons[2].pk}
    page.reload()  # nothing is sent twice
    expect(page.locator("main")).to_contain_text(progress_text(50, 2, 4))
    assert StepCompletion.objects.filter(enrolment=enrolment).count() == 2
    try:
        from offline.models import OfflineCompletion
    except ImportError:  # the server's half not merged yet
        pass
    else:
        assert OfflineCompletion.objects.count() == 2

    # Another device of the same learner sees the progress.
    context, other = sign_in_new_context(browser, live_server, log_in, learner)
    try:
        other.goto(course.url)
        expect(other.locator("main")).to_contain_text(progress_text(50, 2, 4))
    finally:
        context.close()

    # My learning lists the saved course with its size.
    page.goto("/sr-latn/learning/")
    saved = page.locator("#offline-saved")
    expect(saved).to_be_visible()
    expect(saved.locator("li")).to_contain_text("Offline course")


def queued_records(page):
    """The records waiting on the device (IndexedDB), whoever's they are."""
    return page.evaluate(
        """() => new Promise((resolve) => {
          const request = indexedDB.open("offline-learning", 1);
          request.onsuccess = () => {
            const db = request.result;
            if (!db.objectStoreNames.contains("queue")) return resolve([]);
            const all = db.transaction("queue").objectStore("queue").getAll();
            all.onsuccess = () => resolve(all.result);
          };
        })"""
    )


def test_a_shared_device_never_sends_one_learners_steps_as_anothers(
    page, learner, other_learner, log_in
):
    """A police station's shared computer: the first learner's session ends without signing
    out, with a step marked done offline; the next learner signs in on the same browser."""
    course = course_with_lessons(modules=2, lessons=2, title="Shared course")
    lessons = lessons_of(course)
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    enrol(page, course)
    save_for_offline(page, course)
    page.context.set_offline(True)
    page.goto(lessons[0].url)
    page.locator("#mark-done button[type=submit]").click()
    expect(page.locator(".offline-queued")).to_be_visible()

    page.context.clear_cookies()  # the session ends (expired), nobody signed out
    page.context.set_offline(False)
    page.goto(course.url)
    assert len(queued_records(page)) == 1, "kept for its learner: nobody is signed in"

    log_in(page, email=other_learner.email, password=PASSWORD, language="sr-latn")
    page.goto(course.url)
    page.get_by_role("button", name=re.compile(in_latin("Enrol in this course"))).click()
    expect(page.locator("#offline-course button.offline-save")).to_be_visible()
    # The other learner's copy is gone from the device; their record was not sent as this one's.
    page.wait_for_function(f"caches.keys().then(names => !names.includes('course-{course.pk}'))")
    expect(page.locator("#offline-pending")).to_be_hidden()
    assert not StepCompletion.objects.filter(enrolment__user=other_learner).exists()
    assert not StepCompletion.objects.filter(enrolment__user=learner).exists()
    assert [r["page"] for r in queued_records(page)] == [lessons[0].pk]


def test_a_saved_page_is_not_replaced_by_what_an_anonymous_reader_sees(page, learner, log_in):
    """The session ends (nobody signed out) and the course page is opened online, as anyone
    may: the saved copy keeps the learner's page, with their progress."""
    course = course_with_lessons(modules=2, lessons=2, title="Kept course")
    lessons_of(course)
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    enrol(page, course)
    save_for_offline(page, course)

    page.context.clear_cookies()
    page.goto(course.url)
    expect(page.get_by_role("link", name=re.compile(in_latin("Sign in to enrol")))).to_be_visible()
    page.wait_for_timeout(500)  # a refresh of the saved copy, if any, happens after the answer
    page.context.set_offline(True)
    page.reload()
    expect(page.locator("main")).to_contain_text(progress_text(0, 0, 4))


def test_revoked_enrolments_record_is_refused_and_the_copy_removed(page, learner, log_in):
    course = course_with_lessons(modules=1, lessons=2, title="Revoked course")
    lessons = lessons_of(course)
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    page.goto(course.url)
    page.get_by_role("button", name=re.compile(in_latin("Enrol in this course"))).click()
    save_for_offline(page, course)

    page.context.set_offline(True)
    page.goto(lessons[0].url)
    page.locator("#mark-done button[type=submit]").click()
    expect(page.locator(".offline-queued")).to_be_visible()

    Enrolment.objects.filter(user=learner, course=course).delete()  # revoked meanwhile

    page.context.set_offline(False)
    # Refused, with the server's reason, on the page open when the connection returns.
    notices = page.locator(".offline-notice .message-error")
    expect(notices.filter(has_text=lessons[0].title)).to_have_count(1)
    # ...and the copy is removed by the status check that follows (here, or on the next page).
    expect(
        notices.filter(
            has_text=before_placeholder(
                "The copy of %(title)s on this device was removed: the course is no longer "
                "available to you offline."
            )
        )
    ).to_have_count(1)
    page.goto(course.url)
    expect(page.locator("#offline-course")).to_have_count(0)  # no longer enrolled
    page.wait_for_function("caches.keys().then(k => !k.some(n => n.startsWith('course-')))")
    assert not StepCompletion.objects.exists()
    page.goto("/sr-latn/learning/")
    expect(page.locator("#offline-saved")).to_be_hidden()


def test_republished_course_is_refreshed_and_the_learner_told(page, learner, log_in):
    course = course_with_lessons(modules=1, lessons=2, title="Changing course")
    lesson = lessons_of(course)[0]
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    page.goto(course.url)
    page.get_by_role("button", name=re.compile(in_latin("Enrol in this course"))).click()
    save_for_offline(page, course)

    lesson.title = "Rewritten lesson"
    lesson.save_revision().publish()

    page.goto(course.url)
    expect(page.locator(".offline-notice")).to_contain_text(
        in_latin("This course was updated; the copy on this device has been refreshed.")
    )
    saved = page.evaluate(
        """async ([name, url]) => {
          const cache = await caches.open(name);
          const response = await cache.match(url, {ignoreVary: true});
          return response ? await response.text() : "";
        }""",
        [f"course-{course.pk}", lesson.url],
    )
    assert "Rewritten lesson" in saved


def test_sign_out_leaves_no_copy_and_nothing_private_in_the_cache(page, learner, log_in):
    quiz = quiz_factories.quiz_in_course(
        questions=[quiz_factories.single_choice()], lessons=1, title="A quiz"
    )
    course = quiz.get_parent().get_parent().specific
    log_in(page, email=learner.email, password=PASSWORD, language="sr-latn")
    page.goto(course.url)
    page.get_by_role("button", name=re.compile(in_latin("Enrol in this course"))).click()
    save_for_offline(page, course)

    page.goto("/admin/")
    page.goto(quiz.url)
    page.locator("#quiz-start").click()
    expect(page).to_have_url(re.compile(r"/attempts/\d+/"))
    attempt_path = re.sub(r"^https?://[^/]+", "", page.url).split("?")[0]
    before = cache_contents(page)
    assert not any(attempt_path in paths for paths in before.values())

    page.goto(course.url)
    page.locator(".site-nav").get_by_role("button", name=in_latin("Sign out")).click()
    expect(page.locator(".site-nav")).to_contain_text(in_latin("Sign in"))
    # The page registers the service worker again (for the offline page): let it settle.
    page.evaluate(
        "Promise.race([navigator.serviceWorker.ready, new Promise(r => setTimeout(r, 3000))])"
    )
    after = cache_contents(page)
    assert not [name for name in after if name.startswith("course-")], after
    every_path = [path for paths in after.values() for path in paths]
    assert not [p for p in every_path if p.startswith("/admin") or "/quizzes/" in p], after
    assert attempt_path not in every_path
    assert course.url not in every_path
    assert (
        page.evaluate(
            """() => new Promise((resolve) => {
          const request = indexedDB.open("offline-learning", 1);
          request.onsuccess = () => {
            const db = request.result;
            if (!db.objectStoreNames.contains("queue")) return resolve(0);
            const count = db.transaction("courses").objectStore("courses").count();
            count.onsuccess = () => resolve(count.result);
          };
        })"""
        )
        == 0
    )


@pytest.mark.parametrize("language", ["sr"])
def test_page_not_saved_shows_the_offline_page_in_the_readers_script(
    page, learner, log_in, language
):
    log_in(page, email=learner.email, password=PASSWORD, language=language)
    page.goto(f"/{language}/")
    wait_for_service_worker(page)
    page.wait_for_function(
        "caches.keys().then(names => Promise.all(names.map(n => caches.open(n).then(c => "
        f"c.match('/{language}/offline/'))))).then(found => found.some(Boolean))"
    )
    page.context.set_offline(True)
    page.goto(f"/{language}/learning/")
    expect(page.locator("#offline-page")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", language)
    name = ProgrammeSettings.current().name_for(language)
    expect(page.locator("footer")).to_contain_text(name)
    assert re.search("[А-Яа-яЂђЈјЉљЊњЋћЏџ]", name), "the programme's name in Cyrillic"
