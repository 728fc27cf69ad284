import pytest

from regions.models import Municipality, Organisation, OrganisationKind

from ..factories import CommentFactory, OrganisationFactory, verified_person


@pytest.fixture
def lead() -> Organisation:
    """The municipality that leads the initiative under test."""
    return OrganisationFactory(name="Gemeente Groningen", kind=OrganisationKind.MUNICIPALITY)


@pytest.fixture
def groningen() -> Municipality:
    return Municipality.objects.get(code="GM0014")


@pytest.fixture
def comment(initiative):
    """A spam comment by an English-speaking person on the module's `initiative`."""
    return CommentFactory(initiative=initiative, author=verified_person(language="en"), text="Koop nu goedkope pillen!")
