"""Ralph's LRS API with its file-system backend, for the xAPI tests: run by Ralph's own
Python (.venv-ralph/bin/python ralph_lrs.py HOST PORT), never imported by the suite.

`ralph runserver` would do, but for two things: it runs uvicorn with `reload=True` (a
watcher process over the current folder), and Ralph 5.1.0's file-system LRS backend writes
with the data backend's default operation, "create", which refuses to write to its
statements file once it exists: only the first request would ever be stored. Appending is
what a statements file needs; the rest (validation, ids, duplicates, authentication,
queries) is Ralph's, unchanged."""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    host, port = sys.argv[1], int(sys.argv[2])
    uvicorn.run("ralph.api:app", host=host, port=port, log_level="info")
