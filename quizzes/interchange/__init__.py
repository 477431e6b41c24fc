"""Questions in and out: Moodle XML and GIFT import (a report first, kept with the import,
then every importable question in one transaction) and Moodle XML and GIFT export.

- `common`: the parsed question (what is wrong with it, what changed), the file's problems,
  the checks both formats share, the report;
- `html_cleaning`: imported HTML cleaned to what the bank's rich text holds (nh3);
- `embedded_files`: Moodle XML's `@@PLUGINFILE@@` files as Wagtail images and documents;
- `moodle_import`, `moodle_export`: Moodle XML;
- `gift`, `gift_export`: GIFT;
- `importing`: the pending import (preview), its confirmation, and the questions created.

Each parsed question carries the line it starts on.
"""

from .common import MAX_BYTES, SCENARIO_SEPARATOR, ParsedQuestion, ParseResult, Problem
from .gift import parse_gift
from .gift_export import GiftExport, export_gift
from .importing import (
    import_confirm,
    import_discard,
    import_may_confirm,
    import_may_read,
    import_preview,
    imports_readable_by,
    parse_file,
    questions_import,
)
from .moodle_export import export_moodle_xml
from .moodle_import import MAX_XML_BYTES, parse_moodle_xml

__all__ = [
    "MAX_BYTES",
    "MAX_XML_BYTES",
    "SCENARIO_SEPARATOR",
    "GiftExport",
    "ParseResult",
    "ParsedQuestion",
    "Problem",
    "export_gift",
    "export_moodle_xml",
    "import_confirm",
    "import_discard",
    "import_may_confirm",
    "import_may_read",
    "import_preview",
    "imports_readable_by",
    "parse_file",
    "parse_gift",
    "parse_moodle_xml",
    "questions_import",
]
