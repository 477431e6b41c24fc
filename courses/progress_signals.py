"""Receivers that keep a learner's cached pages (pagecache) in step with their progress;
connected in CoursesConfig.ready()."""

from pagecache.api import learner_changed

from .models import Enrolment


def step_changed(*, instance, raw=False, **kwargs):
    """A step completion was saved or deleted: the learner's own cached pages go stale."""
    if raw:
        return
    enrolment = instance._state.fields_cache.get("enrolment")
    user_id = (
        enrolment.user_id
        if enrolment is not None
        else Enrolment.objects.filter(pk=instance.enrolment_id)
        .values_list("user_id", flat=True)
        .first()
    )
    learner_changed(user_id)
