import factory

from institutions.factories import InstitutionFactory

from .models import Profession, User
from .services import role_grant, user_create


class UserFactory(factory.Factory):
    """A verified learner with a current institution. `roles=[(role, institution)]` adds roles."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Ljiljana"
    last_name = "Petrović"
    profession = Profession.POLICE_OFFICER
    institution = factory.SubFactory(InstitutionFactory)
    password = "correct horse battery staple"  # noqa: S105

    @classmethod
    def _create(cls, model_class, *args, roles=(), email_verified=True, **kwargs):
        user = user_create(email_verified=email_verified, **kwargs)
        for role, institution in roles:
            role_grant(user=user, role=role, institution=institution)
        return user
