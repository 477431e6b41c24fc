"""The statistics API (/api/v1/stats/…): the dashboard's figures as JSON, for personal
tokens. Parameters are read by the dashboard's own form (stats.forms.StatsFilterForm) and
the figures come from the same selectors, within the token owner's scope."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework import exceptions, permissions, serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api import Profession
from institutions.api import Region

from .authentication import AddressRateThrottle, BearerTokenAuthentication, TokenRateThrottle
from .forms import StatsFilterForm
from .selectors import (
    COMPLIANCE_BREAKDOWNS,
    GAIN_BREAKDOWNS,
    STATS_VIEWS,
    SUPPRESSED,
    TRAINING_BREAKDOWNS,
    OutOfScope,
    StatsFilters,
    as_of,
    compliance_breakdown,
    compliance_plan,
    compliance_summary,
    effective_filters,
    gain_breakdown,
    gain_summary,
    plans_for_stats,
    stats_scope_for,
    stats_summary,
    survey_stats,
    surveys_for_stats,
    training_breakdown,
    training_summary,
)

# --- Authentication ---------------------------------------------------------------------------


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "stats.authentication.BearerTokenAuthentication"
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal token from Statistics → API tokens in the admin.",
        }


class HasStatisticsScope(permissions.BasePermission):
    message = "Your roles give no access to statistics."

    def has_permission(self, request, view):
        scope = stats_scope_for(viewer=request.user)
        if scope is None:
            return False
        view.scope = scope
        return True


# --- Serializers (for the schema; the figures are already computed) ---------------------------


@extend_schema_field(
    {
        "oneOf": [
            {"type": "integer", "minimum": 0},
            {"type": "string", "enum": [SUPPRESSED]},
        ],
        "description": (
            'A count; "x" when it is hidden to protect individuals (it rests on fewer than '
            "STATS_MIN_CELL people, or would reveal such a count). Administrators' tokens "
            "get exact figures."
        ),
    }
)
class CountField(serializers.Field):
    def to_representation(self, value):
        return value


class FiguresSerializer(serializers.Serializer):
    enrolled = CountField()
    started = CountField()
    completed = CountField()
    completion_rate = serializers.FloatField(allow_null=True, help_text="Per cent.")
    passed_quizzes = CountField()
    average_final_score = serializers.FloatField(allow_null=True, help_text="Per cent.")
    median_days_to_complete = serializers.FloatField(allow_null=True)
    certificates_valid = CountField()
    certificates_expired = CountField()
    certificates_revoked = CountField()


class RowSerializer(FiguresSerializer):
    key = serializers.CharField(
        help_text="Institution code, profession, region or month (YYYY-MM)."
    )
    label = serializers.CharField()


class InstitutionRowSerializer(RowSerializer):
    code = serializers.CharField()
    has_children = serializers.BooleanField(
        help_text="Drill down with ?institution=<code> to see its children."
    )


class SummarySerializer(serializers.Serializer):
    filters = serializers.DictField(
        child=serializers.CharField(),
        help_text="The filters applied (periods widen to whole months unless you are an "
        "administrator).",
    )
    figures = FiguresSerializer()


class ErrorSerializer(serializers.Serializer):
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


FILTER_PARAMETERS = [
    OpenApiParameter(
        "institution",
        OpenApiTypes.STR,
        description="Institution code: the institution and everything below it.",
    ),
    OpenApiParameter("course", OpenApiTypes.INT, description="Course id (default: all)."),
    OpenApiParameter("profession", OpenApiTypes.STR, enum=Profession.values),
    OpenApiParameter("region", OpenApiTypes.STR, enum=Region.values),
    OpenApiParameter(
        "from", OpenApiTypes.DATE, description="Period start: enrolments still open on it."
    ),
    OpenApiParameter("to", OpenApiTypes.DATE, description="Period end (inclusive)."),
]
ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="Bad parameters, with the reason."),
    401: OpenApiResponse(DetailSerializer, description="No token, or a revoked or expired one."),
    403: OpenApiResponse(DetailSerializer, description="Outside your statistics."),
    429: OpenApiResponse(DetailSerializer, description="Too many requests (see Retry-After)."),
}


class StatsPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def paginate_queryset(self, queryset, request, view=None):
        # A page out of range is a bad parameter (400 with the reason), not a missing
        # resource: a 404 here would be turned into a redirect to a language prefix.
        try:
            return super().paginate_queryset(queryset, request, view=view)
        except exceptions.NotFound as error:
            raise _BadParameters({"page": [str(error.detail)]}) from error


# --- Views ------------------------------------------------------------------------------------


class StatsAPIView(APIView):
    authentication_classes = [BearerTokenAuthentication]
    permission_classes = [permissions.IsAuthenticated, HasStatisticsScope]
    renderer_classes = [JSONRenderer]
    throttle_classes = [TokenRateThrottle]

    def initial(self, request, *args, **kwargs):
        # The address is counted before the token is looked at, so that failed and
        # missing tokens count too; the token's own limit follows its authentication.
        address = AddressRateThrottle()
        if not address.allow_request(request, self):
            self.throttled(request, address.wait())
        super().initial(request, *args, **kwargs)

    def filters_or_400(self, request):
        form = StatsFilterForm(request.query_params, scope=self.scope)
        if not form.is_valid():
            raise _BadParameters(form.error_reasons())
        return form.to_filters()

    def breakdown_or_400(self, request, choices, *, default: str) -> str:
        by = request.query_params.get("by") or default
        if by not in choices:
            raise _BadParameters({"by": [f"Choose one of: {', '.join(choices)}."]})
        return by

    def handle_exception(self, exc):
        if isinstance(exc, _BadParameters):
            return Response({"errors": exc.reasons}, status=400)
        if isinstance(exc, OutOfScope):
            exc = exceptions.PermissionDenied("Outside your statistics.")
        return super().handle_exception(exc)


class _BadParameters(Exception):
    def __init__(self, reasons):
        super().__init__("bad parameters")
        self.reasons = reasons


class SummaryView(StatsAPIView):
    @extend_schema(
        operation_id="stats_summary",
        summary="Headline figures",
        parameters=FILTER_PARAMETERS,
        responses={200: SummarySerializer, **ERRORS},
    )
    def get(self, request):
        filters = self.filters_or_400(request)
        figures = stats_summary(scope=self.scope, filters=filters)
        applied = effective_filters(scope=self.scope, filters=filters)
        return Response({"filters": applied.as_params(), "figures": figures.public()})


def _breakdown_view(kind: str, serializer, summary: str):
    class BreakdownView(StatsAPIView):
        pagination_class = StatsPagination

        @extend_schema(
            operation_id=f"stats_by_{kind}",
            summary=summary,
            parameters=[
                *FILTER_PARAMETERS,
                OpenApiParameter("page", OpenApiTypes.INT),
                OpenApiParameter("page_size", OpenApiTypes.INT, description="At most 500."),
            ],
            responses={
                200: inline_serializer(
                    name=f"Paginated{kind.title()}Rows",
                    fields={
                        "count": serializers.IntegerField(),
                        "next": serializers.URLField(allow_null=True),
                        "previous": serializers.URLField(allow_null=True),
                        "results": serializer(many=True),
                    },
                ),
                **ERRORS,
            },
        )
        def get(self, request):
            filters = self.filters_or_400(request)
            rows = STATS_VIEWS[kind](scope=self.scope, filters=filters)
            data = [
                {
                    "key": str(row.key or ""),
                    "label": row.label,
                    "code": row.code,
                    "has_children": row.has_children,
                    **row.public(),
                }
                for row in rows
            ]
            paginator = self.pagination_class()
            page = paginator.paginate_queryset(data, request, view=self)
            return paginator.get_paginated_response(serializer(page, many=True).data)

    BreakdownView.__name__ = f"By{kind.title()}View"
    BreakdownView.__qualname__ = BreakdownView.__name__
    return BreakdownView


ByInstitutionView = _breakdown_view(
    "institution", InstitutionRowSerializer, "By child institution (drill down)"
)
ByProfessionView = _breakdown_view("profession", RowSerializer, "By profession")
BySexView = _breakdown_view("sex", RowSerializer, 'By declared sex (key "": not declared)')
ByRegionView = _breakdown_view("region", RowSerializer, "By region")
ByMonthView = _breakdown_view("month", RowSerializer, "By month")


# --- Trainings, knowledge gain, surveys ------------------------------------------------------


class TrainingFiguresSerializer(serializers.Serializer):
    trainings = CountField(
        help_text="Trainings held (a session, not cancelled, in the period). For anyone but "
        "an administrator without filters: those the people counted took part in."
    )
    participations = CountField(
        help_text="Confirmed registrations whose participant attended a session in the period."
    )
    people_trained = CountField(help_text="Distinct people among the participations.")
    completions = CountField(help_text="Participations completed before the period's end.")


class RowFieldsMixin(serializers.Serializer):
    key = serializers.CharField(
        help_text='Kind, declared sex ("": not declared), profession or institution code.'
    )
    label = serializers.CharField()
    code = serializers.CharField(allow_blank=True, help_text="Institution code (by institution).")
    has_children = serializers.BooleanField(
        help_text="Drill down with ?institution=<code> to see its children."
    )


class TrainingRowSerializer(RowFieldsMixin, TrainingFiguresSerializer):
    pass


def _filters_field():
    return serializers.DictField(
        child=serializers.CharField(),
        help_text="The filters applied (periods widen to whole months unless you are an "
        "administrator; the course filter does not apply here).",
    )


class TrainingsSerializer(serializers.Serializer):
    filters = _filters_field()
    by = serializers.ChoiceField(choices=TRAINING_BREAKDOWNS)
    total = TrainingFiguresSerializer()
    results = TrainingRowSerializer(many=True)


class GainFiguresSerializer(serializers.Serializer):
    tested = CountField(help_text="People with a pre-test and a post-test.")
    mean_pre = serializers.FloatField(allow_null=True, help_text="Per cent.")
    mean_post = serializers.FloatField(allow_null=True, help_text="Per cent.")
    mean_gain = serializers.FloatField(
        allow_null=True, help_text="Mean normalised gain (post − pre) / (100 − pre), per cent."
    )
    improved_share = serializers.FloatField(
        allow_null=True, help_text="Per cent of results with a higher post-test score."
    )


class GainRowSerializer(RowFieldsMixin, GainFiguresSerializer):
    pass


class GainSerializer(serializers.Serializer):
    filters = _filters_field()
    by = serializers.ChoiceField(choices=GAIN_BREAKDOWNS)
    total = GainFiguresSerializer()
    results = GainRowSerializer(many=True)


class ChoiceCountSerializer(serializers.Serializer):
    label = serializers.CharField()
    count = serializers.IntegerField(min_value=0)


class ItemFiguresSerializer(serializers.Serializer):
    item_id = serializers.IntegerField()
    text = serializers.CharField()
    kind = serializers.CharField(help_text="likert, single, multiple or text.")
    answered = serializers.IntegerField(min_value=0)
    counts = ChoiceCountSerializer(many=True, help_text="Free text is counted, never listed.")
    mean = serializers.FloatField(allow_null=True, help_text="Of a 1-5 scale.")


class SurveyFiguresSerializer(serializers.Serializer):
    invited = CountField()
    sent = CountField(help_text="Invitations sent.")
    answered = CountField()
    response_rate = serializers.FloatField(allow_null=True, help_text="Per cent of those sent.")
    respondents = CountField(help_text="Responses whose answers are counted below.")
    items = ItemFiguresSerializer(
        many=True,
        allow_null=True,
        help_text="null when hidden, or when no answer can be counted here (an anonymous "
        "survey's answers count only in the whole programme's total).",
    )


class SurveyRowSerializer(RowFieldsMixin, SurveyFiguresSerializer):
    pass


class SurveyInfoSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    anonymous = serializers.BooleanField()
    by_institution = serializers.BooleanField(
        help_text="false for an anonymous survey: its answers keep no link to the person's "
        "institution, and are counted only in the whole programme's total (administrators)."
    )


class SurveySerializer(serializers.Serializer):
    filters = _filters_field()
    survey = SurveyInfoSerializer()
    total = SurveyFiguresSerializer()
    results = SurveyRowSerializer(many=True)


def _no_course(parameters):
    return [p for p in parameters if p.name != "course"]


def _by_parameter(choices, default):
    return OpenApiParameter(
        "by",
        OpenApiTypes.STR,
        enum=list(choices),
        description=f"The breakdown (default {default}).",
    )


def _row(row) -> dict:
    return {
        "key": str(row.key or ""),
        "label": row.label,
        "code": row.code,
        "has_children": row.has_children,
        **row.public(),
    }


class TrainingsView(StatsAPIView):
    @extend_schema(
        operation_id="stats_trainings",
        summary="Trainings held, participations, people trained, completions",
        parameters=[*_no_course(FILTER_PARAMETERS), _by_parameter(TRAINING_BREAKDOWNS, "kind")],
        responses={200: TrainingsSerializer, **ERRORS},
    )
    def get(self, request):
        filters = self.filters_or_400(request)
        by = self.breakdown_or_400(request, TRAINING_BREAKDOWNS, default="kind")
        total = training_summary(scope=self.scope, filters=filters)
        rows = training_breakdown(scope=self.scope, filters=filters, by=by)
        return Response(
            {
                "filters": self._applied(filters),
                "by": by,
                "total": total.public(),
                "results": [_row(r) for r in rows],
            }
        )

    def _applied(self, filters):
        applied = effective_filters(scope=self.scope, filters=filters).as_params()
        applied.pop("course", None)
        return applied


class KnowledgeGainView(TrainingsView):
    @extend_schema(
        operation_id="stats_knowledge_gain",
        summary="Knowledge gain (pre- and post-tests)",
        parameters=[*_no_course(FILTER_PARAMETERS), _by_parameter(GAIN_BREAKDOWNS, "institution")],
        responses={200: GainSerializer, **ERRORS},
    )
    def get(self, request):
        filters = self.filters_or_400(request)
        by = self.breakdown_or_400(request, GAIN_BREAKDOWNS, default="institution")
        total = gain_summary(scope=self.scope, filters=filters)
        rows = gain_breakdown(scope=self.scope, filters=filters, by=by)
        return Response(
            {
                "filters": self._applied(filters),
                "by": by,
                "total": total.public(),
                "results": [_row(r) for r in rows],
            }
        )


class SurveyListView(StatsAPIView):
    @extend_schema(
        operation_id="stats_surveys",
        summary="Surveys (their ids for /stats/surveys/<id>/)",
        responses={
            200: inline_serializer(
                name="SurveyListItem",
                fields={
                    "id": serializers.IntegerField(),
                    "title": serializers.CharField(),
                    "anonymous": serializers.BooleanField(),
                },
                many=True,
            ),
            **{code: ERRORS[code] for code in (401, 403, 429)},
        },
    )
    def get(self, request):
        return Response(
            [{"id": s.pk, "title": s.title, "anonymous": s.anonymous} for s in surveys_for_stats()]
        )


def _items(items) -> list[dict] | None:
    if items is None:
        return None
    return [
        {
            "item_id": i.item_id,
            "text": i.text,
            "kind": i.kind,
            "answered": i.answered,
            "counts": [{"label": label, "count": count} for label, count in i.counts],
            "mean": i.mean,
        }
        for i in items
    ]


class SurveyView(StatsAPIView):
    @extend_schema(
        operation_id="stats_survey",
        summary="One survey's response rate and answers, in total and by institution",
        parameters=[
            OpenApiParameter("survey_id", OpenApiTypes.INT, OpenApiParameter.PATH),
            FILTER_PARAMETERS[0],
        ],
        responses={
            200: SurveySerializer,
            **ERRORS,
            404: OpenApiResponse(DetailSerializer, description="No such survey."),
        },
    )
    def get(self, request, survey_id: str):
        filters = self.filters_or_400(request)
        # Any text in the address answers in JSON (a route of digits only would leave the
        # rest to the site's HTML 404 page).
        if not (survey_id.isascii() and survey_id.isdigit()) or len(survey_id) > 18:
            raise exceptions.NotFound("No such survey.")
        survey_id = int(survey_id)
        if not surveys_for_stats().filter(pk=survey_id).exists():
            raise exceptions.NotFound("No such survey.")
        result = survey_stats(
            scope=self.scope,
            filters=StatsFilters(institution=filters.institution),
            survey_id=survey_id,
        )
        applied = {"institution": filters.institution.code} if filters.institution else {}

        def figures(row):
            return {**row.public(), "items": _items(row.items)}

        return Response(
            {
                "filters": applied,
                "survey": {
                    "id": result.survey.pk,
                    "title": result.survey.title,
                    "anonymous": result.survey.anonymous,
                    "by_institution": result.by_institution,
                },
                "total": figures(result.total),
                "results": [{**_row(r), "items": _items(r.items)} for r in result.rows],
            }
        )


# --- Training plans: compliance -------------------------------------------------------------


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    institution = serializers.CharField(
        allow_null=True,
        help_text="The code of the institution the plan belongs to; null for a national plan "
        "(its figures cover the people in your scope).",
    )
    active = serializers.BooleanField(help_text="false once the plan was ended.")


class ComplianceFiguresSerializer(serializers.Serializer):
    total = CountField(help_text="People holding an open assignment of the plan at the moment.")
    compliant = CountField(help_text="Every course and training of the plan done (and valid).")
    due = CountField(help_text="Not done, due date not passed.")
    overdue = CountField(help_text="Not done, due date passed.")
    expired = CountField(help_text="A course completed whose certificate is no longer valid.")
    compliance_rate = serializers.FloatField(
        allow_null=True, help_text="Per cent of the people assigned who are compliant."
    )


class ComplianceRowSerializer(RowFieldsMixin, ComplianceFiguresSerializer):
    pass


class ComplianceSerializer(serializers.Serializer):
    filters = serializers.DictField(
        child=serializers.CharField(),
        help_text="The filters applied (the period's end widens to the end of its month "
        "unless you are an administrator; the course and the period's start do not apply).",
    )
    plan = PlanSerializer()
    as_of = serializers.DateTimeField(
        allow_null=True,
        help_text="The moment the figures are taken at (the end of the period); null: now.",
    )
    by = serializers.ChoiceField(choices=COMPLIANCE_BREAKDOWNS)
    total = ComplianceFiguresSerializer()
    results = ComplianceRowSerializer(many=True)


def _plan(plan) -> dict:
    return {
        "id": plan.pk,
        "name": plan.name,
        "institution": plan.owner_institution.code if plan.owner_institution_id else None,
        "active": plan.is_active,
    }


class PlanListView(StatsAPIView):
    @extend_schema(
        operation_id="stats_plans",
        summary="Training plans whose compliance you may read (ids for /stats/compliance/)",
        description="The plans of the institutions in your scope, and the national plans "
        "(of which you see the people in your scope only).",
        responses={
            200: PlanSerializer(many=True),
            **{code: ERRORS[code] for code in (401, 403, 429)},
        },
    )
    def get(self, request):
        return Response([_plan(p) for p in plans_for_stats(scope=self.scope)])


COMPLIANCE_PARAMETERS = [
    OpenApiParameter(
        "plan",
        OpenApiTypes.INT,
        required=True,
        description="The plan's id (from /api/v1/stats/plans/).",
    ),
    *[p for p in FILTER_PARAMETERS if p.name not in ("course", "from", "to")],
    OpenApiParameter(
        "to",
        OpenApiTypes.DATE,
        description="Compliance as of the end of this day (of its month unless you are an "
        "administrator); without it, as of now. The period's start does not apply.",
    ),
    _by_parameter(COMPLIANCE_BREAKDOWNS, "institution"),
]


class ComplianceView(StatsAPIView):
    @extend_schema(
        operation_id="stats_compliance",
        summary="One training plan: people compliant, due, overdue and expired",
        description="As of the end of the period (or now): the people holding an open "
        "assignment of the plan then, each with their status then. The plan's courses and "
        "each person's due date are today's; people count in the institution, profession "
        "and sex they have now.",
        parameters=COMPLIANCE_PARAMETERS,
        responses={
            200: ComplianceSerializer,
            **ERRORS,
            404: OpenApiResponse(
                DetailSerializer, description="No such plan within your statistics."
            ),
        },
    )
    def get(self, request):
        filters = self.filters_or_400(request)
        by = self.breakdown_or_400(request, COMPLIANCE_BREAKDOWNS, default="institution")
        value = (request.query_params.get("plan") or "").strip()
        if not value:
            raise _BadParameters({"plan": ["Choose a plan: its id from /api/v1/stats/plans/."]})
        if not (value.isascii() and value.isdigit()) or len(value) > 18:
            raise _BadParameters({"plan": ["A plan's id is a whole number."]})
        plan = compliance_plan(scope=self.scope, plan_id=value)
        if plan is None:
            raise exceptions.NotFound("No such plan within your statistics.")
        total = compliance_summary(scope=self.scope, filters=filters, plan_id=plan.pk)
        rows = compliance_breakdown(scope=self.scope, filters=filters, plan_id=plan.pk, by=by)
        effective = effective_filters(scope=self.scope, filters=filters)
        applied = effective.as_params()
        for name in ("course", "from"):
            applied.pop(name, None)
        moment = as_of(effective)
        return Response(
            {
                "filters": applied,
                "plan": _plan(plan),
                "as_of": moment.isoformat() if moment else None,
                "by": by,
                "total": total.public(),
                "results": [_row(r) for r in rows],
            }
        )


class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI without a CSRF token in its script: the API takes bearer tokens only
    (no session, so nothing for CSRF to protect), and the page then reads the same for
    everyone, whatever cookies or credentials come with the request."""

    schema = None  # the docs page is not part of the API it documents

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response.data["csrf_token"] = ""
        return response


def only_this_api(endpoints, **kwargs):
    """drf-spectacular preprocessing hook: the schema describes /api/v1/ only (not the
    Wagtail admin's internal API)."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]
