"""The Django side of bench/certificates.py (run in subprocesses by common.django_call)."""

from __future__ import annotations

import gc
import time


def _completed_enrolments(*, count: int, tag: str) -> list[int]:
    """`count` learners (names in both scripts) who completed one course."""
    from django.utils import timezone

    from accounts.models import User
    from courses.factories import course_with_lessons
    from courses.models import Enrolment
    from institutions.models import Institution

    institution = Institution.objects.first()
    if institution is None:
        institution = Institution.add_root(
            code="BENCH", name_sr="Policijska uprava Beograd", name_en="Belgrade Police"
        )
    course = course_with_lessons(
        modules=1,
        lessons=1,
        title=f"Prepoznavanje trgovine ljudima {tag}",
        slug=f"bench-course-{tag}",
        validity_months=36,
    )
    names = [("Ђорђе", "Љубичић"), ("Ljiljana", "Đorđević"), ("Jelena", "Šćepanović")]
    users = User.objects.bulk_create(
        [
            User(
                email=f"learner-{tag}-{i}@bench.local",
                first_name=names[i % 3][0],
                last_name=names[i % 3][1],
                institution=institution,
                preferred_language=("sr", "sr-latn", "en")[i % 3],
            )
            for i in range(count)
        ]
    )
    now = timezone.now()
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(user=u, course=course, completed_at=now, completion_institution=institution)
            for u in users
        ]
    )
    return [e.pk for e in enrolments]


def _unsigned():
    """Issuing as it was before certificates were signed: the signing step left out (the
    bench's "without signing" figure; production never issues unsigned)."""
    from unittest import mock

    return mock.patch("certificates.rendering.pdf_sign", lambda pdf, reason="": pdf)


def measure_single(*, rounds: int) -> dict:
    """Issue one certificate (signed, as production does), issue another with the signing
    step left out, then draw the first one's final HTML with WeasyPrint alone; interleaved."""
    from certificates.api import certificate_issue
    from certificates.rendering import certificate_html, pdf_from_html
    from courses.models import Enrolment

    ids = _completed_enrolments(count=2 * rounds + 2, tag="single")
    enrolments = list(Enrolment.objects.filter(pk__in=ids).order_by("pk"))
    # Warm-up (fonts parsed, templates compiled, key loaded, connections open) for every path.
    warm = certificate_issue(enrolment=enrolments.pop())
    with _unsigned():
        certificate_issue(enrolment=enrolments.pop())
    pdf_from_html(certificate_html(certificate=warm))
    issue_s, unsigned_s, weasy_s, sizes, signed_sizes = [], [], [], [], []
    for signed_one, unsigned_one in zip(
        enrolments[:rounds], enrolments[rounds : 2 * rounds], strict=True
    ):
        # Each timed step starts with no garbage left by the other one to collect.
        gc.collect()
        start = time.perf_counter()
        certificate = certificate_issue(enrolment=signed_one)
        issue_s.append(time.perf_counter() - start)
        signed_sizes.append(certificate.pdf.size)
        gc.collect()
        with _unsigned():
            start = time.perf_counter()
            certificate_issue(enrolment=unsigned_one)
            unsigned_s.append(time.perf_counter() - start)
        html = certificate_html(certificate=certificate)  # the same final HTML
        gc.collect()
        start = time.perf_counter()
        pdf = pdf_from_html(html)
        weasy_s.append(time.perf_counter() - start)
        sizes.append(len(pdf))
    return {
        "issue_s": issue_s,
        "issue_unsigned_s": unsigned_s,
        "weasyprint_s": weasy_s,
        "pdf_bytes": sizes,
        "signed_pdf_bytes": signed_sizes,
    }


def seed_batch(*, count: int, tag: str) -> dict:
    """`count` completed enrolments, each with its issue task queued (nothing issued yet)."""
    from certificates.services import certificate_issue_task

    ids = _completed_enrolments(count=count, tag=tag)
    for pk in ids:
        certificate_issue_task.enqueue(enrolment_id=pk)
    return {"enrolment_ids": ids}


def batch_result(*, enrolment_ids: list[int]) -> dict:
    from django.db.models import Count, Max, Min

    from certificates.models import Certificate

    certificates = Certificate.objects.filter(enrolment_id__in=enrolment_ids)
    span = certificates.aggregate(
        first=Min("issued_at"), last=Max("pdf_rendered_at"), n=Count("pk")
    )
    per_enrolment = certificates.values("enrolment_id").annotate(n=Count("pk"))
    return {
        "certificates": span["n"],
        "with_pdf": certificates.exclude(pdf="").count(),
        "unique_serials": certificates.values("serial").distinct().count(),
        "max_per_enrolment": max((row["n"] for row in per_enrolment), default=0),
        "span_s": (span["last"] - span["first"]).total_seconds() if span["n"] else 0.0,
    }


def measure_parts(*, rounds: int) -> dict:
    """Where the time of one issue goes: the same steps as certificate_issue, timed apart."""
    from django.core.files.base import ContentFile
    from django.db import transaction

    from certificates.models import Certificate
    from certificates.rendering import certificate_html, pdf_from_html
    from certificates.services import _commit_without_waiting_for_disk, certificate_record
    from certificates.signing import pdf_sign
    from courses.models import Enrolment

    ids = _completed_enrolments(count=rounds + 1, tag="parts")
    enrolments = list(Enrolment.objects.filter(pk__in=ids).order_by("pk"))
    parts: dict[str, list[float]] = {"record": [], "html": [], "pdf": [], "sign": [], "store": []}
    for enrolment in enrolments:
        gc.collect()
        t0 = time.perf_counter()
        certificate = certificate_record(enrolment=enrolment)
        t1 = time.perf_counter()
        html = certificate_html(certificate=certificate)
        t2 = time.perf_counter()
        pdf = pdf_from_html(html)
        t3 = time.perf_counter()
        pdf = pdf_sign(pdf, reason=certificate.serial)
        t4 = time.perf_counter()
        certificate.pdf.save("certificate.pdf", ContentFile(pdf), save=False)
        with transaction.atomic():
            _commit_without_waiting_for_disk()
            Certificate.objects.filter(pk=certificate.pk).update(pdf=certificate.pdf.name)
        t5 = time.perf_counter()
        steps = (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4)
        for name, value in zip(parts, steps, strict=True):
            parts[name].append(value)
    return {name: sorted(values)[len(values) // 2] for name, values in parts.items()}
