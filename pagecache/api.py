"""What other apps may use of the page cache. Import this module, not pagecache's internals.

The page cache knows no other app: apps register with it (fillers, site settings) and call it.

Serving pages
- `serve_page(...)`: a page with nothing per reader but the common slots (home, catalogue),
  from the cache when current.
- `serve_cached(*, request, page, entry)`: answer from an entry a shell built.
- `personal_response(...)`, `shared_response(...)`: views (not pages) cached per reader or
  shared by all readers (My learning, certificate verification).
- `release()`: the deployed release, part of every key.

Shells (courses.lesson_shell, courses.course_shell, quizzes.quiz_shell) fill cached pages
- `store`, `versions`: the cache's entries and counters, as the shells use them
  (`store.Entry`, `store.entry_for`, `store.register_filler`, `versions.versions_read`…).
- `slot(number, detail)`: a placeholder a filler replaces per reader.

A learner's own pages
- `learner_counter(user_id)`: the counter of one learner's cached pages.
- `learner_changed(user_id)`: move it on; `learners_changed(user_ids)`: many at once.
- `learner_row_changed`: a post_save/post_delete receiver for rows with a `user_id`.

Changes that make pages out of date
- `DRAFT_FIELDS`: saving only these fields of a page changes nothing readers see.
- `site_settings_follow(*, settings_model, shown_models)`: the site's settings (home) move
  every page on change.
- `staff_flag_forget`: a receiver for accounts' `roles_changed` (the cached staff flag).

The signed-in account read from the cache
- `session_user`: the module (`forget(user_id)`, `CachedAuthenticationMiddleware`).
"""

from . import session_user, store, versions
from .own_views import (
    learner_changed,
    learner_counter,
    learner_row_changed,
    learners_changed,
    personal_response,
    shared_response,
)
from .signals import DRAFT_FIELDS, site_settings_follow
from .store import (
    release,
    serve_cached,
    serve_page,
    slot,
    staff_flag_forget,
)

__all__ = [
    "DRAFT_FIELDS",
    "learner_changed",
    "learner_counter",
    "learners_changed",
    "learner_row_changed",
    "personal_response",
    "release",
    "serve_cached",
    "serve_page",
    "session_user",
    "shared_response",
    "site_settings_follow",
    "slot",
    "staff_flag_forget",
    "store",
    "versions",
]
