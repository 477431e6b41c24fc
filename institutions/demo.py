"""The demo institution tree (`demo_content/institutions.yaml`), for `manage.py load_demo`.

Institution names are the real ones (Serbian in Latin script, and English). The tree is an
organisational convenience for filtering statistics: courts and public prosecutors' offices
are independent of the ministries and sit under their own top nodes.

Idempotent: nodes are matched by code, updated in place, and moved back under their demo
parent if someone moved them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from config.api import DemoFile, demo_file_read, demo_folder

from .models import Institution, InstitutionKind, Region

FOLDER = demo_folder(__file__)
FIELDS = ("name_sr", "name_en", "kind", "region")


@dataclass(frozen=True)
class DemoInstitution:
    code: str
    name_sr: str
    name_en: str
    kind: str
    region: str = Region.NATIONAL
    children: tuple[DemoInstitution, ...] = field(default=())


def demo_institutions(folder: Path | None = None) -> tuple[DemoInstitution, ...]:
    """The tree as written in the file, checked."""
    folder = FOLDER if folder is None else folder
    file = demo_file_read(folder / "institutions.yaml")
    seen: set[str] = set()
    roots = file.items(file.data, "")
    return tuple(_node(file, node, f"[{i}]", seen) for i, node in enumerate(roots))


def _node(file: DemoFile, data, place: str, seen: set[str]) -> DemoInstitution:
    file.check(
        data,
        place,
        required=("code", "name_sr", "name_en", "kind"),
        optional=("region", "children"),
    )
    code = file.text(data["code"], f"{place}.code")
    if code in seen:
        raise file.error(f"{place}.code", f"{code} is used twice")
    seen.add(code)
    here = f"{place} ({code})"
    children = file.items(data.get("children", []), f"{here}.children")
    return DemoInstitution(
        code=code,
        name_sr=file.text(data["name_sr"], f"{here}.name_sr"),
        name_en=file.text(data["name_en"], f"{here}.name_en"),
        kind=file.choice(data["kind"], f"{here}.kind", InstitutionKind.values),
        region=file.choice(data.get("region", Region.NATIONAL), f"{here}.region", Region.values),
        children=tuple(
            _node(file, child, f"{here}.children[{i}]", seen) for i, child in enumerate(children)
        ),
    )


def load(report) -> None:
    """Create or update the institution tree, matching nodes by code."""
    counts = {"created": 0, "updated": 0, "moved": 0}
    for root in demo_institutions():
        _institution_upsert(root, parent=None, counts=counts)
    total = Institution.objects.count()
    report.notes.append(
        f"Institutions: {counts['created']} created, {counts['updated']} updated, "
        f"{counts['moved']} moved, {total} in the tree."
    )


def _institution_upsert(
    data: DemoInstitution, *, parent: Institution | None, counts: dict[str, int]
) -> Institution:
    values = {name: getattr(data, name) for name in FIELDS}
    node = Institution.objects.filter(code=data.code).first()
    if node is None:
        node = Institution(code=data.code, **values)
        if parent is None:
            node = Institution.add_root(instance=node)
        else:
            # Inserting sorted siblings rewrites paths: work from fresh copies.
            parent.refresh_from_db()
            node = parent.add_child(instance=node)
        counts["created"] += 1
    else:
        changed = [name for name, value in values.items() if getattr(node, name) != value]
        if changed:
            for name in changed:
                setattr(node, name, values[name])
            node.save(update_fields=changed)
            counts["updated"] += 1
        if _institution_reparent(node, parent=parent):
            counts["moved"] += 1
    for child in data.children:
        _institution_upsert(child, parent=node, counts=counts)
    node.refresh_from_db()
    return node


def _institution_reparent(node: Institution, *, parent: Institution | None) -> bool:
    """Put `node` back under `parent` if someone moved it; True when it moved."""
    current = node.get_parent(update=True)
    if (current.pk if current else None) == (parent.pk if parent else None):
        return False
    if parent is None:
        node.move(Institution.get_first_root_node(), pos="sorted-sibling")
    else:
        parent.refresh_from_db()
        node.move(parent, pos="sorted-child")
    node.refresh_from_db()
    return True
