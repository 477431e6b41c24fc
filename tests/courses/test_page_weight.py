"""Lesson pages stay light for officials on slow links: the page, its stylesheets and its
scripts together under 30 KB transferred (gzip, as whitenoise and any proxy send them),
for the heaviest lesson of the demo curriculum, in each language, signed in."""

import gzip
import re

import pytest
from django.contrib.staticfiles import finders

from accounts.models import User
from courses.models import LessonPage
from courses.services import enrolment_create

BUDGET = 30 * 1024
ASSET = re.compile(r'<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="/static/([^"?]+)"')

pytestmark = pytest.mark.django_db


def gzipped(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def transferred(html: str) -> tuple[int, dict[str, int]]:
    sizes = {"page": gzipped(html.encode())}
    for asset in ASSET.findall(html):
        path = finders.find(asset)
        assert path, f"{asset} is linked but not found"
        with open(path, "rb") as file:
            sizes[asset] = gzipped(file.read())
    return sum(sizes.values()), sizes


@pytest.mark.parametrize("language", ["sr-latn", "sr", "en"])
def test_the_heaviest_demo_lesson_is_under_30_kb_transferred(demo_site, client, language):
    # Serbian content has one locale, served in Latin under /sr-latn/, Cyrillic under /sr/.
    content = "en" if language == "en" else "sr"
    lessons = LessonPage.objects.live().filter(locale__language_code=content)
    assert lessons.exists()
    heaviest = max(lessons.specific(), key=lambda page: len(str(page.body.raw_data)))
    course = heaviest.get_parent().get_parent().specific
    learner = User.objects.get(email="judge@demo.local")
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    response = client.get(f"/{language}/" + heaviest.url.split("/", 2)[2])
    assert response.status_code == 200
    total, sizes = transferred(response.content.decode())
    assert "css/site.css" in sizes
    assert total < BUDGET, f"{total} bytes: {sizes}"
