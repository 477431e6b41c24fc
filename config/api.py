"""What the apps may use of the project package (config). Import this module, not config's
internals. config itself sits on top (settings, URLs); these few helpers are below every app.

- `safe_cell(value)`: a CSV cell a spreadsheet shows as text, never runs.
- `xlsx_text_cell(worksheet, value)`: an openpyxl write-only cell that is never a formula;
  `xlsx_text_row(worksheet, values)`: a row of them (what XLSX exports append).
- `retry_after(request, *, group, limit, window, count=True)`: a per-client limit on public
  requests (django-ratelimit, counted in the shared cache): None while within it, else the
  seconds to wait.

Content files (the demo curriculum, cases and people are YAML files with Markdown bodies)
- `demo_folder(app_module_file)`: an app's `demo_content/` folder.
- `demo_file_read(path)`: a checked `DemoFile`; `DemoContentError` names the file, the place
  and the reason when it is not.
- `stream_read(...)`: a StreamField value from a file's blocks, checked against the blocks.
- `markdown_to_html(text)`, `text_tidy(text)`: rich text as Wagtail stores it.
"""

from .demo_files import (
    DemoContentError,
    DemoFile,
    demo_file_read,
    demo_folder,
    markdown_to_html,
    stream_read,
    text_tidy,
)
from .ratelimit import retry_after
from .spreadsheets import safe_cell, xlsx_text_cell, xlsx_text_row

__all__ = [
    "DemoContentError",
    "DemoFile",
    "demo_file_read",
    "demo_folder",
    "markdown_to_html",
    "stream_read",
    "text_tidy",
    "safe_cell",
    "xlsx_text_cell",
    "xlsx_text_row",
    "retry_after",
]
