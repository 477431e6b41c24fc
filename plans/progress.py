"""The progress of a background run of plans' rules: its transaction commits only at the end,
so how far it got lives in the cache meanwhile."""

from __future__ import annotations

from django.core.cache import cache

DAY = 24 * 3600


def run_progress_key(run_id: int) -> str:
    return f"plans:run:{run_id}:progress"


def run_progress_record(run_id: int, *, done: int, total: int) -> None:
    cache.set(run_progress_key(run_id), {"done": done, "total": total}, DAY)


def run_progress(run_id: int) -> dict | None:
    """{"done": n, "total": m} of a run under way, or None."""
    return cache.get(run_progress_key(run_id))


def run_progress_forget(run_id: int) -> None:
    cache.delete(run_progress_key(run_id))
