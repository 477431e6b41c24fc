"""The blocks a trainer builds a lesson from. Each has an icon, a template and a preview."""

import hashlib

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]


class ParagraphBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph.html"
        label = _("Text")
        preview_value = (
            "<p>Trafficking in human beings has three elements: an <b>act</b>, a "
            "<b>means</b> and a <b>purpose</b> of exploitation.</p>"
        )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"),
        choices=[("h2", _("Section")), ("h3", _("Subsection"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading.html"
        label = _("Heading")
        preview_value = {"text": "The three elements of trafficking", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=300,
        help_text=_("Describe the image for people who cannot see it. Required."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=300)

    class Meta:
        icon = "image"
        template = "blocks/image.html"
        label = _("Image")
        preview_value = {"alt_text": "A diagram of the referral mechanism", "caption": ""}


class VideoBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    video_file = DocumentChooserBlock(
        label=_("Uploaded video file"), required=False, help_text=_("MP4 or WebM.")
    )
    embed = EmbedBlock(label=_("…or an embedded video"), required=False)
    transcript = blocks.RichTextBlock(
        label=_("Transcript"),
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Required: people on slow links or who cannot hear read it instead."),
    )

    def clean(self, value):
        result = super().clean(value)
        has_file, has_embed = bool(result.get("video_file")), bool(result.get("embed"))
        if has_file == has_embed:
            message = _("Choose either an uploaded file or an embed, not both and not neither.")
            raise blocks.StructBlockValidationError(
                block_errors={"video_file": ErrorList([ValidationError(message)])}
            )
        return result

    class Meta:
        icon = "media"
        template = "blocks/video.html"
        label = _("Video")
        preview_value = {"title": "Interviewing a presumed victim", "transcript": "<p>…</p>"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    description = blocks.CharBlock(label=_("Description"), required=False, max_length=300)

    class Meta:
        icon = "doc-full"
        template = "blocks/document.html"
        label = _("Document download")
        preview_value = {"description": "The Palermo Protocol (PDF)"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("definition", _("Definition")),
            ("indicator", _("Indicator")),
            ("warning", _("Warning")),
            ("practice_tip", _("Practice tip")),
        ],
        default="definition",
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "ol", "ul", "link"])

    class Meta:
        icon = "help"
        template = "blocks/callout.html"
        label = _("Callout")
        preview_value = {
            "kind": "practice_tip",
            "title": "Ask open questions",
            "body": "<p>Let the person tell their story in their own words.</p>",
        }


class IndicatorItemBlock(blocks.StructBlock):
    indicator = blocks.CharBlock(label=_("Indicator"), max_length=300)
    explanation = blocks.TextBlock(label=_("Explanation"), required=False)

    class Meta:
        icon = "tick"


class IndicatorChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    intro = blocks.TextBlock(label=_("Introduction"), required=False)
    items = blocks.ListBlock(IndicatorItemBlock(), label=_("Indicators"), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/indicator_checklist.html"
        label = _("Indicator checklist")
        preview_value = {
            "title": "Indicators of forced labour",
            "items": [
                {"indicator": "Identity documents withheld by the employer"},
                {"indicator": "Debt that grows instead of being paid off"},
            ],
        }


class LegalProvisionBlock(blocks.StructBlock):
    instrument = blocks.CharBlock(label=_("Instrument"), max_length=200)
    article = blocks.CharBlock(label=_("Article"), max_length=100)
    text = blocks.TextBlock(label=_("Text of the provision"))
    source_url = blocks.URLBlock(label=_("Official source"), required=False)

    class Meta:
        icon = "openquote"
        template = "blocks/legal_provision.html"
        label = _("Legal provision")
        preview_value = {
            "instrument": "Criminal Code of the Republic of Serbia",
            "article": "Art. 388(1)",
            "text": "Whoever by force or threat, deception or maintaining deception…",
        }


class GlossaryTermBlock(blocks.StructBlock):
    term = blocks.CharBlock(label=_("Term"), max_length=120)
    definition = blocks.TextBlock(label=_("Definition"))

    class Meta:
        icon = "snippet"
        template = "blocks/glossary_term.html"
        label = _("Glossary term")
        preview_value = {
            "term": "Non-punishment principle",
            "definition": "Victims should not be punished for offences they were compelled "
            "to commit as a direct consequence of being trafficked.",
        }


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    body = blocks.RichTextBlock(label=_("Text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "arrow-down"


class AccordionBlock(blocks.StructBlock):
    items = blocks.ListBlock(AccordionItemBlock(), label=_("Sections"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/accordion.html"
        label = _("Accordion")
        preview_value = {
            "items": [
                {"title": "Act", "body": "<p>Recruitment, transportation, transfer…</p>"},
                {"title": "Means", "body": "<p>Threat, force, deception…</p>"},
            ]
        }


class CaseLawCardBlock(blocks.StructBlock):
    """A card for a judgment: a case page of the case-law library (its court, date and
    holding), or, for a judgment not in the library, the fields below."""

    case = blocks.PageChooserBlock(
        label=_("Case page"), required=False, page_type="caselaw.CasePage"
    )
    citation = blocks.CharBlock(
        label=_("Citation"), required=False, max_length=300, help_text=_("If no page is chosen.")
    )
    holding = blocks.CharBlock(
        label=_("One-line holding"),
        required=False,
        max_length=400,
        help_text=_("Leave empty to use the case page's own."),
    )
    link_url = blocks.URLBlock(label=_("Official source"), required=False)

    def clean(self, value):
        result = super().clean(value)
        if not result.get("case") and not result.get("citation"):
            message = _("Choose a case page or type a citation.")
            raise blocks.StructBlockValidationError(
                block_errors={"case": ErrorList([ValidationError(message)])}
            )
        return result

    class Meta:
        icon = "folder-open-inverse"
        template = "blocks/case_law_card.html"
        label = _("Case-law card")
        preview_value = {
            "citation": "Rantsev v. Cyprus and Russia, no. 25965/04, 7 January 2010",
            "holding": "Trafficking falls within the scope of Article 4 ECHR.",
        }


class PracticeChoiceBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Answer"), max_length=300)
    correct = blocks.BooleanBlock(label=_("Correct"), required=False)
    feedback = blocks.TextBlock(
        label=_("Feedback"),
        required=False,
        help_text=_("Shown when the learner checks their answer: why this is right or wrong."),
    )

    class Meta:
        icon = "radio-full"
        label = _("Choice")


class PracticeQuestionValue(blocks.StructValue):
    """A practice question's value, with what its template needs to know of its choices."""

    def correct_choices(self) -> list:
        return [choice for choice in self.get("choices") or [] if choice.get("correct")]

    def multiple_answers(self) -> bool:
        """Several correct choices: the learner ticks checkboxes; one: picks a radio."""
        return len(self.correct_choices()) > 1


class PracticeQuestionBlock(blocks.StructBlock):
    """An ungraded self-check inside a lesson. Unlike a quiz question, its answers are in
    the page (a learner offline checks them there): nothing is recorded."""

    MIN_CHOICES = 2
    MAX_CHOICES = 8

    question = blocks.TextBlock(label=_("Question"))
    choices = blocks.ListBlock(
        PracticeChoiceBlock(),
        label=_("Choices"),
        max_num=MAX_CHOICES,
        help_text=_(
            "From two to eight. Tick every correct one: with several correct choices the "
            "learner ticks boxes, with one they pick a single answer."
        ),
    )
    explanation = blocks.RichTextBlock(
        label=_("Explanation"),
        required=False,
        features=["bold", "italic", "ol", "ul", "link"],
        help_text=_("Shown with the answer, whatever the learner chose."),
    )

    def clean(self, value):
        choices = list(value.get("choices") or [])
        message = None
        if len(choices) < self.MIN_CHOICES:
            message = _("Give at least two choices.")
        elif not any(choice.get("correct") for choice in choices):
            message = _("Mark at least one choice as correct.")
        try:
            result = super().clean(value)
        except blocks.StructBlockValidationError as error:
            if message and "choices" not in error.block_errors:
                error.block_errors["choices"] = self._choices_error(message)
            raise
        if message:
            raise blocks.StructBlockValidationError(
                block_errors={"choices": self._choices_error(message)}
            )
        return result

    @staticmethod
    def _choices_error(message) -> ListBlockValidationError:
        return ListBlockValidationError(non_block_errors=ErrorList([ValidationError(message)]))

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        # The stream child's id where there is one ({% include_block block %} in a loop),
        # else one made from the text: the same question renders the same way.
        block = (parent_context or {}).get("block")
        block_id = getattr(block, "id", None) if getattr(block, "value", None) is value else None
        if not block_id:
            text = value.get("question", "") + "".join(
                choice.get("text", "") for choice in value.get("choices") or []
            )
            block_id = hashlib.sha256(text.encode()).hexdigest()[:12]
        context["practice_id"] = f"practice-{block_id}"
        return context

    class Meta:
        icon = "circle-check"
        template = "blocks/practice_question.html"
        label = _("Practice question")
        value_class = PracticeQuestionValue
        preview_value = {
            "question": "A 17-year-old agreed to work abroad. Must the prosecution prove "
            "a means such as deception?",
            "choices": [
                {"text": "Yes, as for an adult", "correct": False, "feedback": ""},
                {
                    "text": "No: for a child the act and the purpose are enough",
                    "correct": True,
                    "feedback": "",
                },
            ],
            "explanation": "<p>Article 3(c) of the Palermo Protocol.</p>",
        }


class LessonStreamBlock(blocks.StreamBlock):
    paragraph = ParagraphBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    indicator_checklist = IndicatorChecklistBlock()
    legal_provision = LegalProvisionBlock()
    glossary_term = GlossaryTermBlock()
    accordion = AccordionBlock()
    case_law = CaseLawCardBlock()
    practice_question = PracticeQuestionBlock()
