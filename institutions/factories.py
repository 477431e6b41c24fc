import factory

from .models import Institution, InstitutionKind, Region


class InstitutionFactory(factory.Factory):
    """Builds a node of the tree: `parent=None` makes a root, otherwise a child of `parent`."""

    class Meta:
        model = Institution

    code = factory.Sequence(lambda n: f"INST-{n:05d}")
    name_sr = factory.Sequence(lambda n: f"Institucija {n}")
    name_en = factory.Sequence(lambda n: f"Institution {n}")
    kind = InstitutionKind.OTHER
    region = Region.BELGRADE

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        node = model_class(**kwargs)
        if parent is None:
            return Institution.add_root(instance=node)
        parent.refresh_from_db()
        return parent.add_child(instance=node)

    @classmethod
    def _build(cls, model_class, *args, parent=None, **kwargs):
        return model_class(**kwargs)
