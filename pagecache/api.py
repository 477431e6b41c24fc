"""What other apps may use of pagecache. Import this module, not pagecache's internals."""

# Used by courses
from .store import learner_changed, learner_row_changed, serve_cached, serve_page

__all__ = ["learner_changed", "learner_row_changed", "serve_cached", "serve_page"]

# Used by caselaw
from .signals import DRAFT_FIELDS  # noqa: E402
from .store import release  # noqa: E402
from .versions import bump as versions_bump  # noqa: E402
from .versions import move_on as versions_move_on  # noqa: E402
from .versions import versions_read  # noqa: E402

__all__ += ["DRAFT_FIELDS", "release", "versions_bump", "versions_move_on", "versions_read"]
