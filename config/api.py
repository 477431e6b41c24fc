"""What the apps may use of the project package (config). Import this module, not config's
internals. config itself sits on top (settings, URLs); these few helpers are below every app.

- `safe_cell(value)`: a CSV cell a spreadsheet shows as text, never runs.
- `xlsx_text_cell(worksheet, value)`: an openpyxl write-only cell that is never a formula;
  `xlsx_text_row(worksheet, values)`: a row of them (what XLSX exports append).
- `retry_after(request, *, group, limit, window, count=True)`: a per-client limit on public
  requests (django-ratelimit, counted in the shared cache): None while within it, else the
  seconds to wait.
"""

from .ratelimit import retry_after
from .spreadsheets import safe_cell, xlsx_text_cell, xlsx_text_row

__all__ = ["safe_cell", "xlsx_text_cell", "xlsx_text_row", "retry_after"]
