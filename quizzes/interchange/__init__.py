"""Questions in and out: Moodle XML and GIFT import (a preview first, then all or nothing)
and Moodle XML export of the bank.

- `common`: the parsed question, problems with their lines, the checks both formats share;
- `moodle_xml`: Moodle XML import (through defusedxml) and export;
- `gift`: GIFT import;
- `importing`: a file parsed by its format, and the parsed questions created in the bank.

Each parsed question and each problem carries the line it starts on.
"""

from .common import MAX_BYTES, SCENARIO_SEPARATOR, ParsedQuestion, ParseResult, Problem
from .gift import parse_gift
from .importing import parse_file, questions_import
from .moodle_xml import export_moodle_xml, parse_moodle_xml

__all__ = [
    "MAX_BYTES",
    "SCENARIO_SEPARATOR",
    "ParseResult",
    "ParsedQuestion",
    "Problem",
    "export_moodle_xml",
    "parse_file",
    "parse_gift",
    "parse_moodle_xml",
    "questions_import",
]
