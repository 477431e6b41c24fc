"""What the apps may use of the project package (config). Import this module, not config's
internals. config itself sits on top (settings, URLs); these few helpers are below every app.

- `safe_cell(value)`: a CSV cell a spreadsheet shows as text, never runs.
- `xlsx_text_cell(worksheet, value)`: an openpyxl write-only cell that is never a formula;
  `xlsx_text_row(worksheet, values)`: a row of them (what XLSX exports append).
- `client_request_allowed(request, *, scope, limit, window)`: a per-client limit on anonymous
  requests, counted in the shared cache.
"""

from .ratelimit import client_request_allowed
from .spreadsheets import safe_cell, xlsx_text_cell, xlsx_text_row

__all__ = ["client_request_allowed", "safe_cell", "xlsx_text_cell", "xlsx_text_row"]
