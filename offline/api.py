"""The face of the offline app: what other apps may import from it."""

__all__: list[str] = []
