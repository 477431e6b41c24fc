"""Loading the demo: each app loads its own demo data, in the order their needs set.

An app takes part by having a `demo` module with

- `load(report)`: create or update its demo data (idempotent: a second run changes
  nothing), adding a line or two to `report.notes`;
- optionally `DEMO_AFTER`: the apps whose demo data it needs (loaded before it);
- optionally `finish(report)`: run once every app has loaded (e.g. to link to what a
  later app made).

Apps run in INSTALLED_APPS order except where `DEMO_AFTER` asks for another. This module
knows no app's models; `manage.py load_demo` runs it inside one transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import import_module
from types import ModuleType

from django.apps import apps
from django.db.models.signals import post_save
from django.utils.module_loading import module_has_submodule
from modelsearch import index
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.tasks import update_reference_index_task


@dataclass
class DemoReport:
    """What the apps did: `notes`, printed once the transaction has committed, then each of
    `epilogue` (called with the command's stdout and style)."""

    notes: list[str] = field(default_factory=list)
    epilogue: list[Callable] = field(default_factory=list)


def demo_modules() -> list[tuple[str, ModuleType]]:
    """(app label, demo module) of every app that has one, in loading order."""
    found = {}
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "demo"):
            module = import_module(f"{config.name}.demo")
            if hasattr(module, "load"):
                found[config.label] = module
    ordered: list[str] = []
    visiting: set[str] = set()

    def visit(label: str) -> None:
        if label in ordered:
            return
        if label in visiting:
            raise RuntimeError(f"The demo modules' DEMO_AFTER lists form a circle at {label}.")
        visiting.add(label)
        for needed in getattr(found[label], "DEMO_AFTER", ()):
            if needed not in found:
                raise RuntimeError(f"{label}.demo needs {needed}, which has no demo module.")
            visit(needed)
        visiting.discard(label)
        ordered.append(label)

    for label in found:
        visit(label)
    return [(label, found[label]) for label in ordered]


def demo_load_all(report: DemoReport) -> None:
    modules = demo_modules()
    for _label, module in modules:
        module.load(report)
    for _label, module in modules:
        if hasattr(module, "finish"):
            module.finish(report)


@contextmanager
def indexes_built_here(report: DemoReport) -> Iterator[None]:
    """Bring the search index and Wagtail's reference index up to date in this process,
    instead of queueing a background task for every save.

    Each save of an indexed model normally queues an update of each index (modelsearch's
    and Wagtail's post_save handlers, django-tasks tasks): some 1,600 for the demo, and
    search finds nothing until a worker has run them. While the block runs the saves are
    only noted (model and id); at its end each object saved is indexed once, in its final
    state, inside the same transaction, by the same code the tasks run. Deletions still
    leave both indexes at once (post_delete is untouched). The search handler is swapped
    for the whole process: meant for a management command, not for a web process."""
    saved: dict[type, set] = defaultdict(set)

    def note(sender, instance, raw=False, **kwargs):
        if not raw:
            saved[sender].add(instance.pk)

    searched = [
        model
        for model in index.get_indexed_models()
        if post_save.disconnect(post_save_signal_handler, sender=model)
    ]
    post_save.connect(note, weak=False, dispatch_uid="load_demo.indexes")
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        post_save.disconnect(dispatch_uid="load_demo.indexes")
        for model in searched:
            post_save.connect(post_save_signal_handler, sender=model)
    counts = {"search": 0, "references": 0}
    for model, pks in saved.items():
        in_search = model in searched
        in_references = model in ReferenceIndex.tracked_models
        if not (in_search or in_references):
            continue
        for instance in model._default_manager.filter(pk__in=pks).iterator():
            if in_search:
                index.insert_or_update_object(instance)
                counts["search"] += 1
            if in_references:
                meta = instance._meta
                update_reference_index_task.call(meta.app_label, meta.model_name, str(instance.pk))
                counts["references"] += 1
    report.notes.append(
        f"Indexes: {counts['search']} objects indexed for search, "
        f"{counts['references']} for Wagtail's reference index."
    )
