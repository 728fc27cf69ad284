"""Factories for tests. Text fields default to hostile content, so every page test is an escaping test."""

import factory
from django.contrib.auth import get_user_model

from regions.models import Municipality, Organisation, OrganisationKind

HOSTILE = '<script>alert("xss")</script>'


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    display_name = factory.Sequence(lambda n: f"{HOSTILE} Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery staple")

    @factory.post_generation
    def saved(obj, create: bool, extracted, **kwargs) -> None:
        if create:
            obj.save()


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"{HOSTILE} Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = OrganisationKind.BUSINESS
    municipality = factory.LazyFunction(lambda: Municipality.objects.get(code="GM0014"))
    description = HOSTILE
