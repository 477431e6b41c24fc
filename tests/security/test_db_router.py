"""The read-replica router: statistics read the replica only when asked, writes never do."""

import pytest
from django.db import transaction

from config.db_routers import ReplicaRouter, replica_reads
from courses.models import Enrolment

router = ReplicaRouter()


def test_without_a_replica_everything_reads_the_primary(settings):
    settings.DATABASES = {"default": settings.DATABASES["default"]}
    with replica_reads():
        assert router.db_for_read(Enrolment) == "default"


@pytest.fixture
def with_replica(settings):
    settings.DATABASES = {**settings.DATABASES, "replica": dict(settings.DATABASES["default"])}


def test_reads_go_to_the_replica_only_inside_replica_reads(with_replica):
    assert router.db_for_read(Enrolment) == "default"
    with replica_reads():
        assert router.db_for_read(Enrolment) == "replica"
    assert router.db_for_read(Enrolment) == "default"


def test_writes_and_migrations_stay_on_the_primary(with_replica):
    with replica_reads():
        assert router.db_for_write(Enrolment) == "default"
    assert router.allow_migrate("default", "courses")
    assert not router.allow_migrate("replica", "courses")


@pytest.mark.django_db
def test_a_transaction_on_the_primary_keeps_reading_it(with_replica):
    with replica_reads(), transaction.atomic():
        assert router.db_for_read(Enrolment) == "default"


def test_replica_reads_decorates_a_function(with_replica):
    @replica_reads()
    def dashboard():
        return router.db_for_read(Enrolment)

    assert dashboard() == "replica"
