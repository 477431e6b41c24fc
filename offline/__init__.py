"""Learning offline: the installable app (manifest, icons, service worker), courses saved on
the learner's device, and "Mark as done" recorded offline and synchronised once back online.

It sits above courses and quizzes and reaches them only through their faces (api.py)."""
