from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class AudienceEntryBlock(blocks.StructBlock):
    """An entry point for one audience: judges, prosecutors, police…"""

    title = blocks.CharBlock(label=_("Title"), max_length=80)
    text = blocks.TextBlock(label=_("Text"), max_length=400)
    link_page = blocks.PageChooserBlock(label=_("Link to page"), required=False)
    link_url = blocks.CharBlock(
        label=_("…or a link"), required=False, help_text=_("Used when no page is chosen.")
    )

    def clean(self, value):
        value = super().clean(value)
        if not value.get("link_page") and not value.get("link_url"):
            raise StructBlockValidationError(
                block_errors={
                    "link_page": ValidationError(
                        _("Choose a page or give a link: the card is a way in.")
                    )
                }
            )
        return value

    class Meta:
        icon = "user"
        template = "blocks/audience_entry.html"
        label = _("Audience entry point")
        preview_value = {
            "title": "Judges",
            "text": "Case law, the elements of the offence and sentencing.",
            "link_url": "/",
        }
        description = _("A card that leads one audience to what it needs first.")
