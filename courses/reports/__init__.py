"""Trainers' view of their courses in the Wagtail admin: who is enrolled, where each learner
stands, how far each module is completed. Wagtail's report views give the listing, the
filters and the CSV / XLSX export.

- `permissions`: who sees which course's report (re-exported by `courses.api`);
- `queries`: the reads (module completion);
- `forms`: the learners' filters and the trainer assignment form;
- `views`: the report views; `urls`: their URLs under /admin/ (registered by wagtail_hooks).

Query counts do not grow with the number of learners or modules: every table is one
aggregate query.
"""
