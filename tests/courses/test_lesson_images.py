"""Lesson images as responsive renditions: WebP where the browser takes it, JPEG for the rest,
480 px wide for phones (the rendition the offline copy keeps: width-480|format-webp) and
960 px for the lesson column, with the alt text in the reader's script."""

import re

import pytest
import wagtail_factories

from courses.blocks import ImageBlock
from courses.factories import LessonPageFactory, ModulePageFactory, course_with_lessons
from courses.services import enrolment_create

pytestmark = pytest.mark.django_db

PHONE_WEBP = "width-480|format-webp"


@pytest.fixture
def image():
    return wagtail_factories.ImageFactory(file__width=1600, file__height=900, file__color="blue")


def rendered(image, alt_text="A diagram of the referral mechanism", caption=""):
    block = ImageBlock()
    value = block.to_python({"image": image.pk, "alt_text": alt_text, "caption": caption})
    return block.render(value)


def attributes(tag: str) -> dict[str, str]:
    return dict(re.findall(r'(\w[\w-]*)="([^"]*)"', tag))


def test_an_image_is_a_picture_with_a_webp_source_and_a_jpeg_fallback(image):
    html = rendered(image)
    picture = re.search(r"<picture>(.*?)</picture>", html, re.S).group(1)
    sources = re.findall(r"<source[^>]*>", picture)
    assert len(sources) == 1
    source = attributes(sources[0])
    assert source["type"] == "image/webp"
    assert re.search(r"\.webp 480w, \S+\.webp 960w$", source["srcset"])
    assert source["sizes"] == "(max-width: 600px) 480px, 960px"

    img = attributes(re.search(r"<img[^>]*>", picture).group(0))
    assert img["src"].endswith(".jpg")
    assert re.search(r"\.jpg 480w, \S+\.jpg 960w$", img["srcset"])
    assert (img["width"], img["height"]) == ("480", "270")
    assert img["alt"] == "A diagram of the referral mechanism"
    assert img["loading"] == "lazy"


def test_the_renditions_are_really_webp_and_jpeg(image):
    rendered(image)
    renditions = {rendition.filter_spec: rendition for rendition in image.renditions.all()}
    assert set(renditions) == {
        "width-480|format-webp",
        "width-960|format-webp",
        "width-480|format-jpeg",
        "width-960|format-jpeg",
    }
    for spec, rendition in renditions.items():
        with rendition.file.open("rb") as file:
            head = file.read(12)
        if "webp" in spec:
            assert head[:4] == b"RIFF" and head[8:12] == b"WEBP", spec
        else:
            assert head[:3] == b"\xff\xd8\xff", spec
    assert renditions[PHONE_WEBP].width == 480


def test_the_phone_sized_webp_is_the_one_the_offline_copy_asks_for(image):
    """Asked for by its filter, the offline copy gets the rendition the page already made."""
    rendered(image)
    made = image.renditions.get(filter_spec=PHONE_WEBP)
    assert image.get_rendition(PHONE_WEBP).file.name == made.file.name
    assert image.renditions.count() == 4


def test_a_cyrillic_reader_gets_the_alt_text_and_caption_in_cyrillic(client, learner, image):
    course = course_with_lessons(modules=0)
    module = ModulePageFactory(parent=course)
    lesson = LessonPageFactory(
        parent=module,
        body=[
            (
                "image",
                {"image": image, "alt_text": "Šema upućivanja žrtve", "caption": "Izvor: Centar"},
            )
        ],
    )
    enrolment_create(user=learner, course=course)
    client.force_login(learner)
    latin_url = lesson.url  # before a Cyrillic page makes Cyrillic the active language
    assert latin_url.startswith("/sr-latn/")

    html = client.get(latin_url.replace("/sr-latn/", "/sr/", 1)).content.decode()
    assert 'alt="Шема упућивања жртве"' in html
    assert "<figcaption>Извор: Центар</figcaption>" in html
    assert 'type="image/webp"' in html

    html = client.get(latin_url).content.decode()
    assert 'alt="Šema upućivanja žrtve"' in html
