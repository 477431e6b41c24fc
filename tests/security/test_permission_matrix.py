"""Every URL of the site × every role, with the status each role must get.

The URLs come from the URL conf itself (`get_resolver`, recursively: the site, the Wagtail
admin, allauth, the API), so a new URL is covered the moment it exists: without a rule in
RULES below this test fails and says which rule to add. Parameters are filled with real
objects that belong to somebody else (the learner's certificate and enrolment tried by the
other learner; a Belgrade person tried by the manager of Niš), so every id boundary is
crossed.

Every role is a signed-in client (staff with a second factor in the session), except
`anonymous` and `staff_no_mfa`: a trainer whose session never passed MFA, who must be sent to
set it up on every staff route (/admin/, /manage/), whatever the rule says for staff.

Read requests (GET) go to every URL for every role. Write requests (POST) go, for the roles
a rule refuses, to every URL that takes them: a refusal must hold for writes too.

A refusal is a 403, 404 or 405, or a redirect to the sign-in or second-factor page; nothing
else (a write that succeeds redirects too). A refused POST must also leave every table's row
count and every object of the world as they were. An allowed POST is made, in a fresh world,
and its effect checked (`WRITES`, at the end).
"""

from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone, translation

from accounts.factories import UserFactory
from accounts.middleware import path_needs_staff_mfa
from accounts.models import Role
from evaluation.factories import survey_with_items
from evaluation.models import KnowledgeTest
from evaluation.services import invite
from notifications.models import Notification
from notifications.services import notification_create
from plans.factories import plan_with
from plans.models import TrainingPlan
from plans.services import plan_apply
from quizzes.models import ImportFormat, QuestionCategory, QuestionImport
from quizzes.services import attempt_submit
from tests.conftest import login_with_mfa
from trainings.factories import training_with_sessions
from trainings.models import Registration, RegistrationState, TrainingSession

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "learner",
    "other_learner",
    "trainer",
    "manager_other",
    "analyst",
    "administrator",
]
ALL_ROLES = [*ROLES, "staff_no_mfa"]
MISSING = 999_999  # an id that names nothing


# --- Expected outcomes -------------------------------------------------------------------------


# A refusal that redirects may only send the person to sign in or to pass their second
# factor (paths without the language prefix); a redirect anywhere else, however polite, may
# be a write that succeeded, so it is not a refusal.
# (/admin/login/ is config.urls' alias that forwards to the sign-in page, `next` and all.)
LOGIN_PATHS = ("/accounts/login/", "/admin/login/")
MFA_PATHS = ("/accounts/2fa/totp/activate/", "/accounts/2fa/authenticate/")
LANGUAGE_PREFIXES = ("sr-latn", "sr", "en")


def redirect_path(response) -> str:
    """Where a redirect goes: its path, without scheme, host, query or language prefix."""
    path = urlsplit(response.get("Location", "")).path
    parts = path.split("/", 2)
    if len(parts) > 2 and parts[1] in LANGUAGE_PREFIXES:
        path = "/" + parts[2]
    return path


@dataclass(frozen=True)
class Expect:
    name: str
    statuses: tuple[int, ...]
    locations: tuple[str, ...] | None = None  # a 302 must go to one of these paths

    def matches(self, response) -> bool:
        if response.status_code not in self.statuses:
            return False
        if response.status_code == 302 and self.locations is not None:
            return redirect_path(response) in self.locations
        return True


OK = Expect("200", (200,))
LOGIN = Expect("sign-in redirect", (302,), LOGIN_PATHS)
MFA = Expect("MFA set-up redirect", (302,), MFA_PATHS)
REDIRECT = Expect("redirect", (302,))
DENY = Expect(
    "refused (403/404/405, or sent to sign in or to the second factor)",
    (302, 403, 404, 405),
    LOGIN_PATHS + MFA_PATHS,
)
NOT_FOUND = Expect("404", (404,))
FORBIDDEN = Expect("403", (403,))
UNAUTHORIZED = Expect("401", (401,))
ANY = Expect("any non-error", (200, 301, 302, 400, 403, 404, 405))
SKIP = Expect("not requested", ())

STAFF = ("trainer", "manager_other", "analyst", "administrator")


def rule(default: Expect, **roles: Expect) -> dict[str, Expect]:
    unknown = set(roles) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    return {role: roles.get(role, default) for role in ROLES}


def post_only(default: Expect, **roles: Expect) -> dict[str, Expect]:
    """A URL that only takes POST (GET: 405 for everyone). The expectations are for POST and
    are checked for the roles they refuse; allowed roles only check that GET is refused, so
    that the matrix never performs the write itself."""
    return {**rule(default, **roles), "_method": "post"}


def public(**roles):
    """Everyone, signed in or not."""
    return rule(OK, **roles)


def signed_in(default=OK, **roles):
    """Anyone signed in; anonymous is sent to sign in."""
    return rule(default, anonymous=LOGIN, **roles)


def admin_any(staff=ANY, **roles):
    """Wagtail's own admin screens: staff (with MFA) get what Wagtail's permissions give them,
    never an error; learners are refused; anonymous is sent to sign in."""
    return rule(
        staff,
        anonymous=LOGIN,
        learner=DENY,
        other_learner=DENY,
        **roles,
    )


def admin_only(**roles):
    """Admin screens for administrators only (sites, users, groups, workflows…)."""
    return admin_any(staff=DENY, administrator=ANY, **roles)


# --- Rules ----------------------------------------------------------------------------------------
# Keyed by URL name ("namespace:name"), or a glob over names; the first match wins, exact names
# before globs. Unnamed URLs are keyed by their route.

RULES: dict[str, dict[str, Expect]] = {
    # Site
    "healthz": public(),
    "set_language": post_only(ANY),
    # Browsers post violation reports here, signed in or not (no CSRF token, no session).
    "csp_report": post_only(ANY),
    # The installable app (offline learning): the same for everyone, nothing personal.
    "service_worker": public(),
    "offline_app:manifest": public(),
    "offline_app:page": public(),
    "home_redirect": rule(REDIRECT),
    "search": public(),
    "wagtail_serve": signed_in(),  # a lesson page
    "wagtailcore_login": public(),
    "wagtailcore_authenticate_with_password": rule(NOT_FOUND),  # no such restriction
    # Accounts (allauth)
    # Signed-in people are sent on from the sign-in and sign-up forms.
    "account_login": rule(REDIRECT, anonymous=OK),
    "account_logout": rule(ANY),  # tried last; Wagtail's sign-out may have run before
    "account_inactive": public(),
    "account_signup": rule(REDIRECT, anonymous=OK),
    "account_reauthenticate": signed_in(),
    "account_request_reauthentication_code": signed_in(),
    "account_confirm_reauthentication_code": rule(REDIRECT),
    "account_email": signed_in(),
    "account_email_verification_sent": public(),
    "account_change_password": signed_in(),
    "account_set_password": rule(REDIRECT),  # everyone has one: sent to "change"
    "account_reset_password": public(),
    "account_confirm_login_code": rule(REDIRECT),
    "account_confirm_email": public(),
    "account_reset_password_from_key_done": public(),
    "account_reset_password_from_key": public(),
    "account_reset_password_done": public(),
    "mfa_index": signed_in(),
    # Second-factor changes ask for the password again first.
    "mfa_authenticate": rule(REDIRECT),
    "mfa_reauthenticate": rule(REDIRECT),
    "mfa_activate_totp": rule(REDIRECT),
    "mfa_generate_recovery_codes": rule(REDIRECT),
    # Nobody here has an authenticator yet: nothing to deactivate or show.
    "mfa_*": rule(NOT_FOUND, anonymous=LOGIN),
    # Accounts (ours)
    "accounts:profile": signed_in(),
    "accounts:personal_data": signed_in(),
    "accounts:erasure": signed_in(),
    # Learning
    "courses:my_learning": signed_in(),
    "courses:enrol": post_only(OK, anonymous=LOGIN),
    "courses:step_done": post_only(OK, anonymous=LOGIN),
    # Restarting someone else's enrolment: not found.
    "courses:restart": post_only(
        OK,
        anonymous=LOGIN,
        other_learner=NOT_FOUND,
        trainer=NOT_FOUND,
        manager_other=NOT_FOUND,
        analyst=NOT_FOUND,
        administrator=NOT_FOUND,
    ),
    # Learning offline: JSON for the device's script (anonymous: 403, never a redirect).
    # The copy of the learner's own course only; the status of anyone's own courses; the
    # sync of anyone's own records (its effect: WRITES); a quiz's placeholder for those who
    # may see its course (an open one here).
    "offline:copy": rule(NOT_FOUND, anonymous=FORBIDDEN, learner=OK),
    "offline:status": rule(OK, anonymous=FORBIDDEN),
    "offline:sync": post_only(OK, anonymous=FORBIDDEN),
    "offline:quiz": rule(OK, anonymous=FORBIDDEN),
    # Certificates
    "certificates:mine": signed_in(),
    # The holder and administrators; not another learner, a trainer of another course, a
    # manager of another subtree, or an analyst.
    "certificates:download": signed_in(NOT_FOUND, learner=OK, administrator=OK),
    # The Open Badges credential speaks for its holder: nobody else gets it, staff included.
    "certificates:badge": signed_in(NOT_FOUND, learner=OK),
    "certificates:badge_json": signed_in(NOT_FOUND, learner=OK),
    # The issuer's published profile, keys, achievements and status list (no language prefix).
    "openbadges:*": public(),
    "certificates:verify_form": public(),
    "certificates:verify": public(),
    # Checking an uploaded PDF: public like the look-ups, and a POST that writes nothing
    # (tests/certificates/test_signing.py posts every kind of file).
    "certificates:verify_pdf": public(),
    # The component gallery: anyone with a staff role, never a learner
    "gallery:components": signed_in(OK, learner=DENY, other_learner=DENY),
    # Staff screens under /manage/
    # (the manager of Niš works in their own subtree; the Belgrade objects stay out of reach)
    "courses_manage:enrol_people": rule(DENY, anonymous=LOGIN, manager_other=OK, administrator=OK),
    # (GET: the confirmation page with the reason; POST revokes)
    "certificates_manage:revoke": rule(DENY, anonymous=LOGIN, administrator=OK),
    "certificates_manage:reissue": post_only(DENY, anonymous=LOGIN, administrator=OK),
    "certificates_manage:list": rule(
        DENY, anonymous=LOGIN, trainer=OK, manager_other=OK, administrator=OK
    ),
    "certificates_manage:exports": rule(DENY, anonymous=LOGIN, manager_other=OK, administrator=OK),
    # (the ZIP is built by a task after the commit, which this test never makes)
    "certificates_manage:export_download": rule(DENY, anonymous=LOGIN, administrator=NOT_FOUND),
    "certificates_manage:*": rule(DENY, anonymous=LOGIN, administrator=OK),
    "onboarding:import_upload": rule(DENY, anonymous=LOGIN, manager_other=OK, administrator=OK),
    "onboarding:import_template": rule(DENY, anonymous=LOGIN, manager_other=OK, administrator=OK),
    "onboarding:*": rule(DENY, anonymous=LOGIN, administrator=ANY),
    # Our admin screens
    "people:index*": admin_any(staff=DENY, manager_other=OK, administrator=OK),
    "people:role_*": admin_any(staff=DENY, administrator=ANY),
    "people:move": admin_any(staff=DENY, administrator=ANY),
    "people:*": admin_any(staff=DENY, administrator=OK),
    "audit:*": admin_any(staff=DENY, administrator=OK),
    "csp_reports:*": admin_any(staff=DENY, administrator=OK),
    "courses_reports:index*": admin_any(staff=DENY, trainer=OK, administrator=OK),
    "courses_reports:*": admin_any(staff=DENY, administrator=OK),
    "institution_tree:*": admin_any(staff=DENY, administrator=ANY),
    # Trainers keep the transliteration glossary; its report is theirs
    "serbian_transliteration_report": admin_any(staff=DENY, trainer=OK, administrator=OK),
    # Wagtail's admin
    # Sign-in, sign-out and password resets are allauth's (see settings): these redirect.
    "wagtailadmin_login_redirect": rule(LOGIN),
    "wagtailadmin_login": rule(LOGIN),
    "wagtailadmin_logout": admin_any(),
    # Wagtail's password reset is switched off (allauth's is used): its URLs answer 404.
    "wagtailadmin_password_reset*": rule(NOT_FOUND),
    "wagtailadmin_error_test": admin_any(staff=SKIP),  # raises on purpose
    "wagtailadmin_javascript_catalog": public(),
    "wagtailadmin_sprite": public(),
    "wagtailsites:*": admin_only(),
    "wagtaillocales:*": admin_only(),
    "wagtailusers_users:*": admin_only(),
    "wagtailusers_groups:*": admin_only(),
    # Choosing a workflow task (names only) is open to every editor, as in Wagtail.
    "wagtailadmin_workflows:task_chooser*": admin_any(),
    "wagtailadmin_workflows:*": admin_only(),
    "wagtailredirects:*": admin_only(),
    "wagtailsettings:*": admin_only(),
    "wagtailsnippets_certificates_signatory:*": admin_only(),
    "wagtailsnippetchoosers_certificates_signatory:*": admin_any(),
    "wagtaildocs_serve": rule(NOT_FOUND),  # no such document
    "wagtaildocs_authenticate_with_password": rule(NOT_FOUND),  # no such restriction
    "wagtail*": admin_any(),
    "simple_translation:*": admin_any(),
    "admin/test404/": admin_any(),
    "admin/^.*/$": admin_any(),
    # Quizzes: the learner's own attempt; nobody else's.
    # (only the enrolled learner starts; the attempt is still open, so its result page sends
    # the learner back to it)
    "quizzes:start": post_only(DENY, anonymous=LOGIN, learner=OK),
    "quizzes:attempt": signed_in(NOT_FOUND, learner=OK),
    "quizzes:summary": signed_in(NOT_FOUND, learner=OK),
    "quizzes:submit": post_only(NOT_FOUND, anonymous=LOGIN, learner=OK),
    "quizzes:result": signed_in(NOT_FOUND, learner=REDIRECT),
    # The question bank is for authors; regrading and statistics for the quiz's own trainers
    # (the trainer here teaches another course) and administrators.
    "quizzes_admin:regrade": admin_any(staff=DENY, administrator=OK),
    "quizzes_admin:statistics": admin_any(staff=DENY, administrator=OK),
    # An import's report is for those who keep its category (not this trainer's course).
    "quizzes_admin:import_detail": admin_any(staff=DENY, administrator=OK),
    "quizzes_admin:*": admin_any(staff=DENY, trainer=OK, administrator=OK),
    # Essays wait for the trainers of their course (the trainer here teaches another one):
    # the queue is theirs to read (empty for them), the answer is not.
    "quizzes_essays:queue": admin_any(staff=DENY, trainer=OK, administrator=OK),
    "quizzes_essays:grade": admin_any(staff=DENY, administrator=OK),
    # Trainings: anyone signed in asks for a place or opens a check-in link (which only a
    # POST by a registered participant, during the session, uses); managers nominate within
    # their subtree; the organiser (here: an administrator; the trainer organises nothing)
    # decides, marks attendance and prints sheets; a registration is cancelled by its holder.
    "trainings:register": post_only(OK, anonymous=LOGIN),
    "trainings:check_in": signed_in(),
    "trainings:nominate": rule(DENY, anonymous=LOGIN, manager_other=OK, administrator=OK),
    "trainings:cancel": post_only(DENY, anonymous=LOGIN, learner=OK, administrator=OK),
    "trainings:cancel_session": post_only(DENY, anonymous=LOGIN, administrator=OK),
    "trainings:*": rule(DENY, anonymous=LOGIN, administrator=OK),
    # Evaluation: the learner answers the survey they were asked; results and knowledge gain
    # are for the training's organisers (the export of a survey with too few answers sends
    # back to the results page).
    "evaluation:answer": rule(DENY, anonymous=LOGIN, learner=OK),
    "evaluation:results_export": rule(DENY, anonymous=LOGIN, administrator=REDIRECT),
    "evaluation:*": rule(DENY, anonymous=LOGIN, administrator=OK),
    # Training plans: administrators and managers; the plan in the world belongs to
    # Belgrade, which the other manager does not manage.
    "plans:list": rule(DENY, anonymous=LOGIN, manager_other=OK, administrator=OK),
    "plans:create": rule(DENY, anonymous=LOGIN, manager_other=OK, administrator=OK),
    "plans:end": post_only(DENY, anonymous=LOGIN, administrator=REDIRECT),
    "plans:*": rule(DENY, anonymous=LOGIN, administrator=OK),
    # Notifications: one's own messages only; someone else's is not found.
    "notifications:mark_read": post_only(NOT_FOUND, anonymous=LOGIN, learner=OK),
    "notifications:mark_all_read": post_only(OK, anonymous=LOGIN),
    # Case law: the library is public
    "caselaw:*": public(),
    "caselaw_import": admin_any(staff=DENY, administrator=OK),
    # Statistics: dashboards for managers and analysts; the API answers API tokens only,
    # never a browser session (so a page cannot read it with the visitor's cookies).
    # A programme report is downloaded by the person who asked for it only (here: the
    # Belgrade manager, who is none of the roles), a ready one, administrators included.
    "stats_admin:programme_report_download": admin_any(staff=NOT_FOUND, trainer=DENY),
    "stats_admin:*": admin_any(staff=OK, trainer=DENY),
    "stats_api:schema": public(),
    "stats_api:docs": public(),
    # Trainings, knowledge gain and surveys in the API: tokens only, like every figure.
    "stats_api:trainings": rule(UNAUTHORIZED),
    "stats_api:knowledge_gain": rule(UNAUTHORIZED),
    "stats_api:surveys": rule(UNAUTHORIZED),
    "stats_api:survey": rule(UNAUTHORIZED),
    "stats_api:plans": rule(UNAUTHORIZED),
    "stats_api:compliance": rule(UNAUTHORIZED),
    "stats_api:*": rule(UNAUTHORIZED),
}


def rule_for(key: str) -> dict[str, Expect] | None:
    if key in RULES:
        return RULES[key]
    for pattern, expectations in RULES.items():
        if any(c in pattern for c in "*?[") and fnmatch.fnmatchcase(key, pattern):
            return expectations
    return None


# --- The URL conf --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    key: str  # the URL name, or the route when unnamed
    name: str | None
    route: str
    params: tuple[str, ...]


def _params(pattern) -> tuple[str, ...]:
    converters = getattr(pattern.pattern, "converters", None)
    if converters:
        return tuple(converters)
    return tuple(pattern.pattern.regex.groupindex)


def all_routes(patterns=None, prefix="", namespace=None) -> list[Route]:
    patterns = get_resolver().url_patterns if patterns is None else patterns
    routes = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            routes += all_routes(pattern.url_patterns, prefix + str(pattern.pattern), ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            route = prefix + str(pattern.pattern)
            params = tuple(sorted(set(_params(pattern)) | _outer_params(prefix)))
            routes.append(Route(key=name or route, name=name, route=route, params=params))
    return routes


def _outer_params(prefix: str) -> set[str]:
    import re

    return set(re.findall(r"<(?:\w+:)?(\w+)>", prefix))


# --- Data: objects that belong to someone else ------------------------------------------------


@pytest.fixture
def world(tree, django_capture_on_commit_callbacks):
    from certificates.exports import export_create
    from certificates.models import Certificate
    from courses.authoring import course_assign_trainer
    from courses.factories import course_with_lessons
    from courses.models import LessonPage
    from tests.certificates.conftest import complete_course

    learner = UserFactory(institution=tree["station_bg"])
    other_learner = UserFactory(institution=tree["station_ni"])
    trainer = UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)])
    manager_other = UserFactory(
        institution=tree["nis"], roles=[(Role.INSTITUTION_MANAGER, tree["nis"])]
    )
    manager_bg = UserFactory(
        institution=tree["belgrade"], roles=[(Role.INSTITUTION_MANAGER, tree["belgrade"])]
    )
    analyst = UserFactory(
        institution=tree["ministry"], roles=[(Role.MINISTRY_ANALYST, tree["ministry"])]
    )
    administrator = UserFactory(institution=tree["ministry"], roles=[(Role.ADMINISTRATOR, None)])
    staff_no_mfa = UserFactory(institution=tree["ministry"], roles=[(Role.TRAINER, None)])

    course = course_with_lessons(modules=1, lessons=1, title="Identifikacija žrtava")
    other_course = course_with_lessons(modules=1, lessons=1, title="Drugi kurs")
    course_assign_trainer(course=other_course, user=trainer)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = complete_course(user=learner, course=course)
    certificate = Certificate.objects.get(enrolment=enrolment)
    lesson = LessonPage.objects.descendant_of(course).first()
    export = export_create(viewer=administrator)
    from caselaw.factories import CasePageFactory
    from quizzes import factories as quiz_factories
    from quizzes.services import attempt_start

    quiz = quiz_factories.quiz_in_course(questions=[quiz_factories.single_choice()], course=course)
    attempt = attempt_start(user=learner, quiz=quiz)
    case = CasePageFactory()
    # An essay answer of the learner's, waiting for the trainers of the course.
    essay_quiz = quiz_factories.quiz_in_course(questions=[quiz_factories.essay()], course=course)
    essay_attempt = attempt_start(user=learner, quiz=essay_quiz)
    essay_answer = essay_attempt.questions.get()
    essay_answer.response = "The three elements are met."
    essay_answer.save()
    attempt_submit(attempt=essay_attempt)
    # A training with the learner's place, a survey they were asked, a pre/post test.
    training = training_with_sessions()
    registration = Registration.objects.create(
        training=training, user=learner, state=RegistrationState.CONFIRMED
    )
    session = training.sessions.first()
    survey = survey_with_items(training=training)
    invite(surveys=[survey], user=learner, completed_at=timezone.now())
    question_import = QuestionImport.objects.create(
        created_by=administrator,
        file_name="bank.xml",
        format=ImportFormat.MOODLE_XML,
        category=QuestionCategory.objects.create(name="Identifikacija", course=course),
        language="sr",
    )
    knowledge_test = KnowledgeTest.objects.create(training=training, pre_test=quiz, post_test=quiz)
    plan = plan_with(owner=tree["belgrade"], institutions=[tree["belgrade"]], courses=[course])
    plan_apply(plan=plan)
    programme_report = _ready_programme_report(requested_by=manager_bg)
    notification = notification_create(user=learner, kind="plan_reminder", text="Yours")
    return {
        "users": {
            "learner": learner,
            "other_learner": other_learner,
            "trainer": trainer,
            "manager_other": manager_other,
            "analyst": analyst,
            "administrator": administrator,
            "staff_no_mfa": staff_no_mfa,
        },
        "learner": learner,
        "manager_bg": manager_bg,
        "course": course,
        "lesson": lesson,
        "enrolment": enrolment,
        "certificate": certificate,
        "export": export,
        "institution": tree["belgrade"],
        "quiz": quiz,
        "attempt": attempt,
        "case": case,
        "essay_answer": essay_answer,
        "training": training,
        "registration": registration,
        "session": session,
        "survey": survey,
        "knowledge_test": knowledge_test,
        "question_import": question_import,
        "plan": plan,
        "programme_report": programme_report,
        "notification": notification,
    }


def _ready_programme_report(*, requested_by):
    import datetime

    from django.core.files.base import ContentFile

    from stats.models import ProgrammeReport, ProgrammeReportStatus

    report = ProgrammeReport.objects.create(
        requested_by=requested_by,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 1, 31),
        scope=[requested_by.institution_id],
        status=ProgrammeReportStatus.READY,
    )
    report.file.save("programme.xlsx", ContentFile(b"PK"), save=True)
    return report


def _credential_key_thumbprint() -> str:
    from certificates.openbadges import issuer_keys

    return issuer_keys().signing.thumbprint()


def params_for(route: Route, world) -> dict[str, object]:
    """Real ids of someone else's objects, by URL name first, then by parameter name."""
    learner = world["learner"]
    by_name = {
        "people:detail": {"pk": learner.pk},
        "people:move": {"pk": learner.pk},
        "people:role_grant": {"pk": learner.pk},
        "people:role_revoke": {
            "pk": world["manager_bg"].pk,
            "assignment_pk": world["manager_bg"].role_assignments.get().pk,
        },
        "courses:restart": {"enrolment_id": world["enrolment"].pk},
        "offline:copy": {"course_id": world["course"].pk},
        "offline:quiz": {"page_id": world["quiz"].pk},
        "quizzes:start": {"quiz_id": world["quiz"].pk},
        "quizzes:attempt": {"attempt_id": world["attempt"].pk},
        "quizzes:submit": {"attempt_id": world["attempt"].pk},
        "quizzes:summary": {"attempt_id": world["attempt"].pk},
        "quizzes:result": {"attempt_id": world["attempt"].pk},
        "quizzes_admin:regrade": {"quiz_id": world["quiz"].pk},
        "quizzes_admin:statistics": {"quiz_id": world["quiz"].pk},
        "quizzes_essays:grade": {"answer_id": world["essay_answer"].pk},
        "quizzes_admin:import_detail": {"pk": world["question_import"].pk},
        "trainings:check_in": {
            "session_id": world["session"].pk,
            "key": world["session"].check_in_key,
        },
        "trainings:cancel": {"registration_id": world["registration"].pk},
        "evaluation:results_export": {"survey_id": world["survey"].pk, "extension": "csv"},
        "evaluation:knowledge_gain": {"test_id": world["knowledge_test"].pk},
        "plans:detail": {"plan_id": world["plan"].pk},
        "plans:edit": {"plan_id": world["plan"].pk},
        "plans:end": {"plan_id": world["plan"].pk},
        "notifications:mark_read": {"notification_id": world["notification"].pk},
        "caselaw:case_json": {"case_id": world["case"].pk},
        "caselaw:case_citation": {"case_id": world["case"].pk},
        "courses:enrol": {"course_id": world["course"].pk},
        "courses:step_done": {"page_id": world["lesson"].pk},
        "certificates:download": {"pk": world["certificate"].pk},
        "certificates:badge": {"pk": world["certificate"].pk},
        "certificates:badge_json": {"pk": world["certificate"].pk},
        "openbadges:key": {"thumbprint": _credential_key_thumbprint()},
        "openbadges:achievement": {"page_id": world["course"].pk},
        "certificates:verify": {"code": world["certificate"].code},
        "certificates_manage:detail": {"pk": world["certificate"].pk},
        "certificates_manage:revoke": {"pk": world["certificate"].pk},
        "certificates_manage:reissue": {"pk": world["certificate"].pk},
        "certificates_manage:export": {"pk": world["export"].pk},
        "certificates_manage:export_download": {"pk": world["export"].pk},
        "stats_admin:programme_report_download": {"pk": world["programme_report"].pk},
        "onboarding:import_template": {"kind": "users"},
        "institution_tree:edit": {"pk": world["institution"].pk},
        "institution_tree:delete": {"pk": world["institution"].pk},
        "institution_tree:history": {"pk": world["institution"].pk},
        "institution_tree:history_results": {"pk": world["institution"].pk},
        "institution_tree:usage": {"pk": world["institution"].pk},
        "courses_reports:course": {"course_id": world["course"].pk},
        "courses_reports:course_results": {"course_id": world["course"].pk},
        "courses_reports:trainers": {"course_id": world["course"].pk},
        "wagtailusers_users:edit": {"pk": learner.pk},
        "account_confirm_email": {"key": "not-a-key"},
        "account_reset_password_from_key": {"uidb36": "1", "key": "set-password"},
        "wagtaildocs_serve": None,
        "wagtailadmin_pages:revisions_compare": {
            "pk": world["course"].pk,
            "revision_id_a": "earliest",
            "revision_id_b": "latest",
        },
    }
    by_param = {
        "training_id": world["training"].pk,
        "session_id": world["session"].pk,
        "survey_id": world["survey"].pk,
        "page_id": world["course"].pk,
        "parent_page_id": world["course"].pk,
        "page_to_move_id": world["course"].pk,
        "destination_id": world["course"].pk,
        "page_pk": world["course"].pk,
        "content_type_app_name": "courses",
        "content_type_model_name": "coursepage",
        "app_label": "courses",
        "app_name": "home",
        "model_name": "coursepage",
        "action": "delete",
        "action_name": "approve",
        "object_id": str(world["course"].pk),
        "kind": "users",
        "code": "ABCD-EFGH-JKLM",
        "key": "x",
    }
    if route.name in by_name:
        return by_name[route.name]
    return {p: by_param.get(p, MISSING) for p in route.params}


def url_for(route: Route, world) -> str | None:
    if route.key == "wagtail_serve":
        return world["lesson"].url
    if route.key == "admin/^.*/$":
        return "/admin/no-such-screen/"
    if route.key == "admin/test404/":
        return "/admin/test404/"
    if route.key == "wagtaildocs_serve":
        return f"/documents/{MISSING}/missing.pdf"
    if route.name is None:
        return None
    with translation.override("en"):
        try:
            return reverse(route.name, kwargs=params_for(route, world) or None)
        except Exception as error:  # noqa: BLE001 - reported below as a missing filler
            print(route.key, error)  # noqa: T201
            return None


def client_for(role: str, world) -> Client:
    client = Client(raise_request_exception=False)
    if role == "anonymous":
        return client
    user = world["users"][role]
    if role == "staff_no_mfa" or not user.is_staff_role:
        client.force_login(user)
    else:
        login_with_mfa(client, user)
    return client


def expected(role: str, route: Route, url: str) -> Expect:
    """What `role` must get; staff without MFA are stopped on every staff route."""
    if role == "staff_no_mfa":
        if path_needs_staff_mfa(url):
            return MFA
        return RULES_CACHE[route.key]["trainer"]
    return RULES_CACHE[route.key][role]


RULES_CACHE: dict[str, dict[str, Expect]] = {}


# --- The tests ----------------------------------------------------------------------------------


def test_every_url_has_a_rule():
    """A new URL without a rule fails here, naming the rule to add."""
    missing = sorted({r.key for r in all_routes() if rule_for(r.key) is None})
    assert not missing, (
        "These URLs have no rule in tests/security/test_permission_matrix.py RULES; add one "
        "saying what each role must get (public(), signed_in(), admin_any(), admin_only(), "
        "rule(...)):\n  " + "\n  ".join(missing)
    )


REFUSALS = (DENY, LOGIN, MFA, NOT_FOUND, FORBIDDEN, UNAUTHORIZED)

# Rows that change without anyone writing on purpose: sessions, the audit trail (a refused
# attempt may well be recorded), Wagtail's per-user admin preferences, task results.
UNTRACKED_MODELS = {
    "sessions.session",
    "audit.auditevent",
    "wagtailusers.userprofile",
    "django_tasks_database.dbtaskresult",
}


def post_data_for(route_key: str, world) -> dict[str, object]:
    """What a refused role posts: a well-formed request, so that a missing check would act."""
    data = {"reason": "Matrix", "next": "/"}
    if route_key == "people:move":
        data["institution"] = world["institution"].pk
    if route_key == "people:role_grant":
        data.update(role=Role.ADMINISTRATOR, institution="")
    if route_key == "set_language":
        data["language"] = "en"
    return data


def state_fingerprint(world) -> dict[str, object]:
    """Row counts of every table (one query), and every field of the objects in `world`."""
    from django.apps import apps
    from django.db import connection

    tables = sorted(
        {
            model._meta.db_table
            for model in apps.get_models()
            if model._meta.managed
            and not model._meta.proxy
            and model._meta.label_lower not in UNTRACKED_MODELS
        }
    )
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        # Table names from the models, quoted: no outside input reaches this query.
        counts_sql = ", ".join(f"(SELECT COUNT(*) FROM {quote(t)})" for t in tables)  # noqa: S608
        cursor.execute(f"SELECT {counts_sql}")  # noqa: S608
        counts = dict(zip(tables, cursor.fetchone(), strict=True))
    objects = [
        value
        for value in [*world.values(), *world["users"].values()]
        if hasattr(value, "_meta") and hasattr(value, "pk")
    ]
    fields = {
        f"{obj._meta.label_lower}:{obj.pk}": type(obj)
        ._base_manager.filter(pk=obj.pk)
        .values()
        .first()
        for obj in objects
    }
    return {**counts, **fields}


def what_changed(before: dict, after: dict) -> list[str]:
    return sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))


def refused_post(client, url: str, want: Expect, route_key: str, world) -> str | None:
    """A refused write: a refusal (never a redirect elsewhere), and nothing changed."""
    before = state_fingerprint(world)
    post = client.post(url, post_data_for(route_key, world))
    refused = DENY.matches(post) or (want is UNAUTHORIZED and post.status_code == 401)
    if want is LOGIN and post.status_code == 302:
        refused = LOGIN.matches(post)
    if not refused:
        return f"POST got {post.status_code} {post.get('Location', '')}, want a refusal"
    changed = what_changed(before, state_fingerprint(world))
    if changed:
        return f"POST was refused ({post.status_code}) but changed {changed}"
    return None


def check_post_only(client, url: str, want: Expect, route_key: str, world) -> str | None:
    if want in REFUSALS and want is not MFA:
        return refused_post(client, url, want, route_key, world)
    # Allowed roles (and staff sent to MFA first): GET only, which must not act. What the
    # allowed write does is checked by test_allowed_write_has_its_effect below.
    get = client.get(url)
    if (want is MFA and not MFA.matches(get)) or (want is not MFA and get.status_code != 405):
        return f"GET got {get.status_code} {get.get('Location', '')}"
    return None


def check(client, url: str, want: Expect, route_key: str, world) -> str | None:
    response = client.get(url)
    if not want.matches(response):
        return f"GET got {response.status_code} {response.get('Location', '')}, want {want.name}"
    if want in REFUSALS:
        return refused_post(client, url, want, route_key, world)
    return None


@pytest.mark.parametrize("role", ALL_ROLES)
def test_each_role_gets_what_the_rules_say_on_every_url(role, world):
    client = client_for(role, world)
    failures = []
    # Signing out last, so that every other URL is tried with the session.
    for route in sorted(all_routes(), key=lambda r: "logout" in r.key):
        expectations = rule_for(route.key)
        if expectations is None:
            continue  # reported by test_every_url_has_a_rule
        RULES_CACHE[route.key] = expectations
        url = url_for(route, world)
        if url is None:
            failures.append(f"{route.key}: no parameters to build {route.route}; add to params_for")
            continue
        want = expected(role, route, url)
        if want is SKIP or (want is ANY and role in STAFF and role != "administrator"):
            # "Whatever Wagtail's permissions give" asserts only "no error": the
            # administrator, who reaches the most, checks that once for every staff role.
            continue
        if expectations.get("_method") == "post":
            problem = check_post_only(client, url, want, route.key, world)
        else:
            problem = check(client, url, want, route.key, world)
        if problem:
            failures.append(f"{url} ({route.key}) as {role}: {problem}")
    assert not failures, "\n".join(failures)


# --- What an allowed write does ---------------------------------------------------------------
# The sweep above never performs an allowed write (it would change the world under the URLs
# after it). Here each POST-only URL is posted, in a fresh world, by every role it allows, and
# the write must have happened: a 200 or a redirect alone proves nothing.


@dataclass(frozen=True)
class Write:
    roles: tuple[str, ...]
    effect: object  # (world, user) -> bool: false before the POST, true after
    data: object = None  # (world) -> POST data
    setup: object = None  # (world, user) -> None, run before the POST
    post: object = None  # (client, url) -> response, when the body is not form data


def _enrolled(world, user) -> bool:
    from courses.models import Enrolment

    return Enrolment.objects.filter(
        user=user, course=world["course"], archived_at__isnull=True
    ).exists()


def _enrol(world, user) -> None:
    from courses.services import enrolment_create

    enrolment_create(user=user, course=world["course"])


def _lesson_done(world, user) -> bool:
    from courses.models import StepCompletion

    return StepCompletion.objects.filter(
        enrolment__user=user, enrolment__archived_at__isnull=True, page=world["lesson"]
    ).exists()


def _offline_sync_post(client, url):
    import json
    import uuid

    from courses.models import LessonPage

    lesson = LessonPage.objects.live().order_by("path").first()
    record = {"id": str(uuid.uuid4()), "page": lesson.pk, "done_at": timezone.now().isoformat()}
    return client.post(url, json.dumps({"records": [record]}), content_type="application/json")


def _restarted(world, user) -> bool:
    from courses.models import Enrolment

    current = Enrolment.objects.get(user=user, course=world["course"], archived_at__isnull=True)
    return current.pk != world["enrolment"].pk and current.completed_at is None


def _certificate_status(world) -> str:
    world["certificate"].refresh_from_db()
    return world["certificate"].status()


def _no_attempt(world, user) -> None:
    world["attempt"].delete()


def _attempt_in_progress(world, user) -> bool:
    from quizzes.models import Attempt, AttemptState

    return Attempt.objects.filter(user=user, state=AttemptState.IN_PROGRESS).exists()


def _csp_reports_stored() -> bool:
    from audit.models import CSPReport

    return CSPReport.objects.exists()


def _speaks_english(world, user) -> bool:
    if user is None:
        return False  # the cookie is checked by the test itself
    user.refresh_from_db()
    return user.preferred_language == "en"


SIGNED_IN_BUT_THE_LEARNER = (
    "other_learner",
    "trainer",
    "manager_other",
    "analyst",
    "administrator",
)

WRITES: dict[str, Write] = {
    # (the learner has completed the course already: enrolling or marking a lesson is not new)
    "courses:enrol": Write(roles=SIGNED_IN_BUT_THE_LEARNER, effect=_enrolled),
    "courses:step_done": Write(roles=SIGNED_IN_BUT_THE_LEARNER, effect=_lesson_done, setup=_enrol),
    "courses:restart": Write(roles=("learner",), effect=_restarted),
    # (a lesson marked done offline a moment ago: the world's lesson, the first one)
    "offline:sync": Write(
        roles=SIGNED_IN_BUT_THE_LEARNER, effect=_lesson_done, setup=_enrol, post=_offline_sync_post
    ),
    "certificates_manage:revoke": Write(
        roles=("administrator",),
        data=lambda world: {"category": "error", "reason": "Issued by mistake"},
        effect=lambda world, user: _certificate_status(world) == "revoked",
    ),
    "certificates_manage:reissue": Write(
        roles=("administrator",),
        data=lambda world: {"reason": "Name corrected"},
        effect=lambda world, user: _certificate_status(world) == "superseded",
    ),
    "quizzes:start": Write(roles=("learner",), effect=_attempt_in_progress, setup=_no_attempt),
    # (the learner holds a place already: asking again is refused, tests/trainings)
    "trainings:register": Write(
        roles=SIGNED_IN_BUT_THE_LEARNER,
        effect=lambda world, user: Registration.objects.filter(
            training=world["training"], user=user, state=RegistrationState.REQUESTED
        ).exists(),
    ),
    "trainings:cancel_session": Write(
        roles=("administrator",),
        effect=lambda world, user: TrainingSession.objects.filter(
            pk=world["session"].pk, cancelled_at__isnull=False
        ).exists(),
    ),
    "trainings:cancel": Write(
        roles=("learner", "administrator"),
        effect=lambda world, user: Registration.objects.filter(
            pk=world["registration"].pk, state=RegistrationState.CANCELLED
        ).exists(),
    ),
    "plans:end": Write(
        roles=("administrator",),
        effect=lambda world, user: not TrainingPlan.objects.get(pk=world["plan"].pk).is_active,
    ),
    "notifications:mark_read": Write(
        roles=("learner",),
        effect=lambda world, user: Notification.objects.filter(
            pk=world["notification"].pk, read_at__isnull=False
        ).exists(),
    ),
    "notifications:mark_all_read": Write(
        roles=tuple(r for r in ROLES if r != "anonymous"),
        setup=lambda world, user: notification_create(user=user, kind="plan_reminder", text="x"),
        effect=lambda world, user: (
            not Notification.objects.filter(user=user, read_at__isnull=True).exists()
        ),
    ),
    "csp_report": Write(
        roles=("anonymous", "learner"),
        data=None,
        effect=lambda world, user: _csp_reports_stored(),
        post=lambda client, url: client.post(
            url,
            '{"csp-report": {"document-uri": "http://testserver/en/", '
            '"effective-directive": "script-src-elem", "blocked-uri": "inline"}}',
            content_type="application/csp-report",
        ),
    ),
    "set_language": Write(
        roles=tuple(r for r in ROLES if r != "anonymous"),
        data=lambda world: {"language": "en", "next": "/en/"},
        effect=_speaks_english,
    ),
}
# Allowed POSTs whose effect is checked elsewhere, and why.
WRITES_CHECKED_ELSEWHERE = {
    # Submitting asks for a confirmation on the quiz branches' summary page; tests/quizzes
    # checks that a submitted attempt is graded and closed.
    "quizzes:submit": "tests/quizzes/test_attempts.py",
    # Signs out (a session ends, nothing else): tests/accounts.
    "account_logout": "tests/accounts",
}


def _allowed_post_roles(expectations: dict[str, Expect]) -> set[str]:
    return {
        role
        for role in ROLES
        if expectations[role] not in REFUSALS and expectations[role] is not SKIP
    }


def test_every_allowed_post_only_write_has_its_effect_checked():
    missing = []
    for route in all_routes():
        expectations = rule_for(route.key)
        if not expectations or expectations.get("_method") != "post":
            continue
        if route.key in WRITES_CHECKED_ELSEWHERE:
            continue
        allowed = _allowed_post_roles(expectations) - {"anonymous"}
        covered = set(WRITES[route.key].roles) if route.key in WRITES else set()
        if route.key not in WRITES or not covered:
            missing.append(f"{route.key} (allowed: {sorted(allowed)})")
    assert not missing, "Add a Write to WRITES for: " + ", ".join(missing)


@pytest.mark.parametrize(
    ("key", "role"), [(key, role) for key, write in WRITES.items() for role in write.roles]
)
def test_allowed_write_has_its_effect(key, role, world):
    write = WRITES[key]
    route = next(r for r in all_routes() if r.key == key)
    url = url_for(route, world)
    user = world["users"].get(role)
    if write.setup:
        write.setup(world, user)
    assert not write.effect(world, user), "the effect holds already: the test would prove nothing"
    client = client_for(role, world)
    if write.post:
        response = write.post(client, url)
    else:
        response = client.post(url, write.data(world) if write.data else {})
    assert response.status_code in (200, 204, 302), response.status_code
    if response.status_code == 302:
        assert not DENY.matches(response), f"refused: {response['Location']}"
    assert write.effect(world, user), f"POST {url} as {role} answered but did nothing"
