from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from institutions.api import ImportKind

from .import_files import (
    FILE_EXTENSIONS,
    MAX_FILE_BYTES,
    ImportFileRefused,
    import_file_read,
)


class ImportUploadForm(forms.Form):
    """Which kind of records, and the file. A file that cannot be read is a form error."""

    kind = forms.ChoiceField(
        label=_("What the file contains"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=format_lazy(
            _("UTF-8 CSV (comma or semicolon separated) or an Excel workbook, up to {mb} MB."),
            mb=MAX_FILE_BYTES // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(FILE_EXTENSIONS)}),
    )

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        kind = cleaned.get("kind")
        if upload is None or kind is None:
            return cleaned
        try:
            cleaned["rows"] = import_file_read(
                file=upload, name=upload.name, size=upload.size, kind=kind
            )
        except ImportFileRefused as refusal:
            self.add_error("file", str(refusal))
        return cleaned
