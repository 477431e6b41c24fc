"""What other apps may use of pagecache. Import this module, not pagecache's internals."""

# Used by courses
from .store import learner_changed, learner_row_changed, serve_cached, serve_page

__all__ = ["learner_changed", "learner_row_changed", "serve_cached", "serve_page"]
