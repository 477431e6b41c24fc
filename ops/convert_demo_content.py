"""One-off: write the demo content Python modules out as YAML/Markdown content files.

    DJANGO_SETTINGS_MODULE=config.settings.dev .venv/bin/python ops/convert_demo_content.py

Every value is written so that the new loaders read back exactly what the old ones stored
(checked here, string by string). Deleted once the files are in.
"""

# ruff: noqa: E402, E501, S101, S603, S607
import ast
import re
import subprocess
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
django.setup()

import yaml

from caselaw import demo_content as caselaw_content
from courses import demo_content as courses_content
from home import demo_data
from ops.demo_files import markdown_to_html, text_tidy
from quizzes import demo_content as quizzes_content

BASE = Path(__file__).resolve().parent.parent
# certificates/demo.py as it was before this change (it now reads the files this writes).
_OLD_CERTIFICATES_DEMO = subprocess.run(
    ["git", "show", "2853869:certificates/demo.py"], capture_output=True, text=True, check=True
).stdout
DEMO_SIGNATORIES = ast.literal_eval(
    next(
        node.value
        for node in ast.parse(_OLD_CERTIFICATES_DEMO).body
        if isinstance(node, ast.Assign) and node.targets[0].id == "DEMO_SIGNATORIES"
    )
)
WIDTH = 80
# Whitespace next to a block tag (`<ul> <li>`, left by the old loader's folding) means
# nothing in HTML; Markdown writes none.
BLOCK_TAG_SPACE = re.compile(r"(</?(?:p|ul|ol|li)>)\s+")
SPACE_BLOCK_TAG = re.compile(r"\s+(</?(?:p|ul|ol|li)>)")
RISKY_START = re.compile(r"^([-+*#>|=]|\d+[.)])")


def old_tidy_courses(text):
    parts = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(" ".join(part.split()) for part in parts)


def old_tidy_caselaw(text):
    return " ".join(text.split())


# --- Strings --------------------------------------------------------------------------


def wrap(text, width):
    words = text.split(" ")
    lines, line = [], ""
    for word in words:
        if not line:
            line = word
        elif len(line) + 1 + len(word) <= width or RISKY_START.match(word):
            line += " " + word
        else:
            lines.append(line)
            line = word
    lines.append(line)
    return lines


def plain(value):
    """A plain-text value as written; read back with text_tidy."""
    assert isinstance(value, str), value
    assert text_tidy(value) == value, f"not tidy: {value!r}"
    if (len(value) <= WIDTH or " " not in value) and "\n" not in value:
        return value
    paragraphs = value.split("\n\n")
    out = "\n\n".join("\n".join(wrap(p, WIDTH)) for p in paragraphs) + "\n"
    assert text_tidy(out) == value
    return out


def html_to_markdown(html):
    def inline(fragment):
        fragment = re.sub(r"<b>(.*?)</b>", r"**\1**", fragment)
        assert "<" not in fragment and "*" not in fragment.replace("**", ""), fragment
        return fragment

    blocks, position = [], 0
    for match in re.finditer(r"<p>(.*?)</p>|<ul>(.*?)</ul>", html):
        assert html[position : match.start()] == "", (html, position)
        position = match.end()
        if match.group(1) is not None:
            paragraph = inline(match.group(1))
            if RISKY_START.match(paragraph):
                paragraph = "\\" + paragraph
            blocks.append("\n".join(wrap(paragraph, WIDTH)))
        else:
            items = re.findall(r"<li>(.*?)</li>", match.group(2))
            assert "".join(f"<li>{i}</li>" for i in items) == match.group(2)
            lines = []
            for item in items:
                wrapped = wrap(inline(item), WIDTH - 2)
                lines.append("- " + "\n  ".join(wrapped))
            blocks.append("\n".join(lines))
    assert position == len(html), html
    return "\n\n".join(blocks) + "\n"


def rich(html):
    """A rich-text (HTML) value as Markdown; read back with markdown_to_html."""
    html = BLOCK_TAG_SPACE.sub(r"\1", SPACE_BLOCK_TAG.sub(r"\1", html.strip()))
    if not html.startswith("<"):
        html = f"<p>{html}</p>"
    markdown = html_to_markdown(html)
    back = markdown_to_html(markdown)
    assert back == html, f"\n{html}\n{markdown}\n{back}"
    return markdown if "\n" in markdown.strip() else markdown.strip()


# --- YAML -----------------------------------------------------------------------------


class Dumper(yaml.SafeDumper):
    def increase_indent(self, flow=False, indentless=False):
        return super().increase_indent(flow, False)


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


Dumper.add_representer(str, _str)


def write(relative, data, header=""):
    path = BASE / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=10000)
    path.write_text(header + text, encoding="utf-8")
    assert yaml.safe_load(path.read_text(encoding="utf-8")) == data


# --- Courses --------------------------------------------------------------------------

from wagtail import blocks as wagtail_blocks

from courses.blocks import LessonStreamBlock

STREAM = LessonStreamBlock()
COURSE_DIRS = {
    courses_content.nrm_coordination.COURSE["sr"]["slug"]: "nrm-coordination",
    courses_content.indicators_prevention.COURSE["sr"]["slug"]: "indicators-prevention",
    courses_content.elements_and_law.COURSE["sr"]["slug"]: "elements-and-law",
    courses_content.protection_asylum.COURSE["sr"]["slug"]: "protection-asylum",
}


def block_value(block, value):
    if isinstance(block, wagtail_blocks.StructBlock):
        out = {}
        for name, item in value.items():
            child = block.child_blocks[name]
            if isinstance(child, wagtail_blocks.ChooserBlock):
                assert item is None
                continue
            out[name] = block_value(child, item)
        return out
    if isinstance(block, wagtail_blocks.ListBlock):
        return [block_value(block.child_block, item) for item in value]
    if isinstance(block, wagtail_blocks.RichTextBlock):
        return rich(old_tidy_courses(value))
    if isinstance(block, wagtail_blocks.ChoiceBlock):
        return value
    if isinstance(value, str):
        return plain(old_tidy_courses(value))
    return value


def body(items):
    return [{kind: block_value(STREAM.child_blocks[kind], value)} for kind, value in items]


def page_text(data, rich_fields):
    out = {}
    for key, value in data.items():
        value = old_tidy_courses(value)
        out[key] = rich(value) if key in rich_fields else plain(value)
    return out


HEADER_COURSE = """\
# A demo course: its settings, then its text in Serbian (sr) and English (en), then its
# modules in order, each with its lessons in order (one file per lesson, in the module's
# folder, named by the lesson's Serbian slug). `summary` is plain text; `learning_objectives`
# and a module's `intro` are Markdown.
"""
HEADER_LESSON = """\
# A demo lesson: minutes, then its Serbian (sr) and English (en) versions. `body` lists the
# lesson's blocks in order; rich text (paragraph, callout and accordion bodies) is Markdown.
# How to edit: README.md, "Demo content files".
"""


def convert_courses():
    index = {lang: page_text(courses_content.INDEX[lang], {"intro"}) for lang in ("sr", "en")}
    index["courses"] = [COURSE_DIRS[c["sr"]["slug"]] for c in courses_content.COURSES]
    # The demo accounts given every demo course to edit (home's load_curriculum did this).
    index["trainers"] = ["trainer@demo.local", "senior.trainer@demo.local"]
    write(
        "courses/demo_content/index.yaml",
        index,
        "# The course catalogue page, the demo courses in order (one folder each), and the demo\n# trainers (accounts) given every demo course to edit.\n",
    )
    for course in courses_content.COURSES:
        folder = f"courses/demo_content/{COURSE_DIRS[course['sr']['slug']]}"
        data = {
            "programme_objective": course["programme_objective"],
            "audience_professions": list(course["audience_professions"]),
            "level": course["level"],
            "estimated_hours": float(course["estimated_hours"]),
        }
        assert str(data["estimated_hours"]) == str(course["estimated_hours"])
        if "validity_months" in course:
            data["validity_months"] = course["validity_months"]
        for lang in ("sr", "en"):
            data[lang] = page_text(course[lang], {"learning_objectives"})
        data["modules"] = []
        for module in course["modules"]:
            entry = {lang: page_text(module[lang], {"intro"}) for lang in ("sr", "en")}
            entry["lessons"] = []
            for lesson in module["lessons"]:
                slug = lesson["sr"]["slug"]
                entry["lessons"].append(slug)
                lesson_data = {"minutes": lesson["minutes"]}
                for lang in ("sr", "en"):
                    text = lesson[lang]
                    assert set(text) == {"slug", "title", "body"}
                    lesson_data[lang] = {
                        "slug": text["slug"],
                        "title": plain(old_tidy_courses(text["title"])),
                        "body": body(text["body"]),
                    }
                write(f"{folder}/{module['sr']['slug']}/{slug}.yaml", lesson_data, HEADER_LESSON)
            data["modules"].append(entry)
        write(f"{folder}/course.yaml", data, HEADER_COURSE)


# --- Quizzes --------------------------------------------------------------------------

HEADER_QUIZ = """\
# The demo quizzes of one course: a module quiz (in the module named by `module`) and a
# final exam (in the last module, `final`). Question texts and `explain` are Markdown.
# How to edit: README.md, "Demo content files".
"""


def question(data):
    out = {"key": data["key"], "kind": data["kind"]}
    for lang in ("sr", "en"):
        out[lang] = rich(data[lang])
    if data["key"] in quizzes_content.CASES_CITED:
        out["case"] = quizzes_content.CASES_CITED[data["key"]]
    if "options" in data:
        out["options"] = []
        for option in data["options"]:
            row = {"sr": plain(option[0]), "en": plain(option[1]), "fraction": option[2]}
            if len(option) > 3:
                row["feedback"] = {"sr": plain(option[3]), "en": plain(option[4])}
            out["options"].append(row)
    if "pairs" in data:
        out["pairs"] = [
            {"sr": plain(p[0]), "en": plain(p[1]), "match": {"sr": plain(p[2]), "en": plain(p[3])}}
            for p in data["pairs"]
        ]
    if "answer" in data:
        out["answer"] = data["answer"]
    if "tolerance" in data:
        out["tolerance"] = data["tolerance"]
    if "explain" in data:
        out["explain"] = {"sr": rich(data["explain"][0]), "en": rich(data["explain"][1])}
    if "subs" in data:
        out["subs"] = [question(sub) for sub in data["subs"]]
    known = {
        "key",
        "kind",
        "sr",
        "en",
        "options",
        "pairs",
        "answer",
        "tolerance",
        "explain",
        "subs",
    }
    assert set(data) <= known, set(data) - known
    return out


def convert_quizzes():
    for data in quizzes_content.QUIZZES:
        course = next(c for c in courses_content.COURSES if c["sr"]["slug"] == data["course"])
        name = COURSE_DIRS[course["sr"]["slug"]]
        out = {
            "course": data["course"],
            "module": data["module"],
            "final": data["final"],
            "module_title": dict(zip(("sr", "en"), map(plain, data["module_title"]), strict=True)),
            "final_title": dict(zip(("sr", "en"), map(plain, data["final_title"]), strict=True)),
            "module_questions": [question(q) for q in data["module_questions"]],
            "final_questions": [question(q) for q in data["final_questions"]],
        }
        assert set(data) == set(out)
        write(f"quizzes/demo_content/{name}.yaml", out, HEADER_QUIZ)


# --- Case law -------------------------------------------------------------------------

HEADER_CASE = """\
# A judgment of the demo case-law library. Vocabulary values by slug (caselaw/vocabularies.py);
# `holding` is plain text, `summary` and `significance` are Markdown.
# How to edit: README.md, "Demo content files".
"""


def convert_caselaw():
    index = {}
    for lang in ("sr", "en"):
        text = caselaw_content.INDEX[lang]
        index[lang] = {
            "slug": text["slug"],
            "title": plain(old_tidy_caselaw(text["title"])),
            "intro": rich(old_tidy_caselaw(text["intro"])),
        }
    index["cases"] = []
    for data in caselaw_content.CASES:
        name = data["en"]["slug"]
        index["cases"].append(name)
        out = {}
        for key, value in data.items():
            if key in ("sr", "en"):
                out[key] = {
                    "slug": value["slug"],
                    "title": plain(value["title"]),
                    "holding": plain(old_tidy_caselaw(value["holding"])),
                    "summary": rich(old_tidy_caselaw(value["summary"])),
                    "significance": rich(old_tidy_caselaw(value["significance"])),
                }
                assert set(value) == set(out[key])
            elif key == "provisions":
                out[key] = [{"instrument": i, "article": a, "outcome": o} for i, a, o in value]
            else:
                out[key] = value
        write(f"caselaw/demo_content/{name}.yaml", out, HEADER_CASE)
    write(
        "caselaw/demo_content/index.yaml",
        index,
        "# The case-law library page, and the demo judgments in order (one file each).\n",
    )


# --- Institutions, accounts, home, signatories ----------------------------------------


def institution(node):
    out = {"code": node.code, "name_sr": plain(node.name_sr), "name_en": plain(node.name_en)}
    out["kind"] = str(node.kind)
    if str(node.region) != "national":
        out["region"] = str(node.region)
    if node.children:
        out["children"] = [institution(child) for child in node.children]
    return out


def convert_people_and_home():
    write(
        "institutions/demo_content/institutions.yaml",
        [institution(root) for root in demo_data.INSTITUTIONS],
        "# The demo institution tree: code, names, kind and region (national when not given),\n"
        "# and the institutions under each. See institutions/models.py for the kinds and regions.\n",
    )
    accounts = []
    for account in demo_data.ACCOUNTS:
        row = {
            "email": account.email,
            "first_name": account.first_name,
            "last_name": account.last_name,
            "institution": account.institution,
            "profession": str(account.profession),
        }
        if account.preferred_language != "sr-latn":
            row["preferred_language"] = account.preferred_language
        if account.role:
            row["role"] = str(account.role)
        if account.scope:
            row["scope"] = account.scope
        accounts.append(row)
    write(
        "accounts/demo_content/accounts.yaml",
        accounts,
        "# The demo accounts (one per role, and learners), all with the demo password.\n"
        "# institution and scope are institution codes (institutions/demo_content).\n",
    )
    home = {}
    for lang in ("sr", "en"):
        page = demo_data.HOME_PAGE[lang]
        home[lang] = {
            "title": plain(page["title"]),
            "intro": rich(page["intro"]),
            "audiences": [
                {"title": plain(a["title"]), "course": a["course"], "text": plain(a["text"])}
                for a in page["audiences"]
            ],
        }
    settings = {key: plain(value) for key, value in demo_data.PROGRAMME_SETTINGS.items()}
    partners = []
    for name, name_en, url in demo_data.PARTNERS:
        partners.append({"name": name, "name_en": name_en, "url": url})
    write(
        "home/demo_content/home.yaml",
        {"home_page": home, "programme_settings": settings, "partners": partners},
        "# The home page (Serbian and English; `intro` is Markdown; each audience card leads to\n"
        "# the demo course named by its Serbian slug), the programme settings and the partners.\n",
    )
    write(
        "certificates/demo_content/signatories.yaml",
        [
            {k: (plain(v) if isinstance(v, str) else v) for k, v in s.items()}
            for s in DEMO_SIGNATORIES
        ],
        "# Demo signatories of certificates (marked as demo ones; real ones are set up in\n"
        "# Settings → Signatories).\n",
    )


if __name__ == "__main__":
    convert_courses()
    convert_quizzes()
    convert_caselaw()
    convert_people_and_home()
    print("done")
