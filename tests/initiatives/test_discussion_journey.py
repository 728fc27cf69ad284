"""The issue's "done when", as one story over HTTP: two partners from different helices discuss a proposal,
a third reports a comment, a moderator hides it from the queue with a reason, the author is told and
answers, and everyone gets exactly the mails their preferences ask for."""

import pytest
from django.core.management import call_command
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains

from agendastad.notifications.delivery import notification_preference_set
from agendastad.notifications.models import Frequency, NotificationKind
from initiatives.models import Comment, Hidden, ModerationAction, Status
from regions.models import OrganisationKind

from ..factories import (
    InitiativeFactory,
    MembershipFactory,
    OrganisationFactory,
    organisation_admin,
    person_of_kind,
    sign_in,
    verified_person,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_rate_limits")]


def signed_in(user) -> Client:
    client = Client()
    sign_in(client, user)
    return client


def test_partners_discuss_a_report_is_decided_from_the_queue_and_mails_follow_preferences(
    mailoutbox, django_capture_on_commit_callbacks
):
    municipality = OrganisationFactory(name="Gemeente Zwolle", kind=OrganisationKind.MUNICIPALITY)
    creator = organisation_admin(municipality, display_name="Wethouder Jansen")
    proposal = InitiativeFactory(
        lead_organisation=municipality, title="Techniekpact IJssel-Vecht", status=Status.PROPOSAL, created_by=creator
    )
    school = OrganisationFactory(name="Deltion College", kind=OrganisationKind.SCHOOL_MBO)
    teacher = verified_person(display_name="Docent de Boer", language="en")
    MembershipFactory(user=teacher, organisation=school)
    company = OrganisationFactory(name="Installatiebedrijf Zwolle", kind=OrganisationKind.BUSINESS)
    owner = verified_person(display_name="Eigenaar Smit")
    MembershipFactory(user=owner, organisation=company)
    # The creator wants comments on their initiative in the daily digest, not one mail each.
    notification_preference_set(user=creator, kind=NotificationKind.INITIATIVE_COMMENT, frequency=Frequency.DAILY)
    comments_url = f"/initiatieven/{proposal.slug}/reacties/"

    with django_capture_on_commit_callbacks(execute=True):
        signed_in(teacher).post(
            comments_url,
            {"kind": "offer", "text": "Wij leveren tien stagiairs elektrotechniek.", "organisation": school.pk},
        )
    question = Comment.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(owner).post(
            comments_url,
            {
                "kind": "commitment",
                "text": "Wij bieden ze allemaal een leerbaan, bel 06-12345678.",
                "organisation": company.pk,
                "parent": question.pk,
            },
        )
    reply = Comment.objects.exclude(pk=question.pk).get()

    page = Client().get(proposal.get_absolute_url())
    assertContains(page, "namens")
    assertContains(page, "Deltion College")
    assertContains(page, "Installatiebedrijf Zwolle")
    # Only the teacher was mailed, at once, about the reply; the creator waits for the digest.
    assert [(mail.to, mail.subject) for mail in mailoutbox] == [
        ([teacher.email], "A reply to your comment on Techniekpact IJssel-Vecht")
    ]

    neighbour = verified_person()
    with django_capture_on_commit_callbacks(execute=True):
        signed_in(neighbour).post(
            f"{comments_url}{reply.pk}/melden/", {"reason": "personal_data", "text": "Een telefoonnummer."}
        )
    assert len(mailoutbox) == 1  # a report mails nobody: it waits in the queue

    moderator = person_of_kind("moderator", municipality)
    admin = signed_in(moderator)
    queue = admin.get("/beheer/")
    moderate_url = f"{comments_url}{reply.pk}/modereren/"
    assertContains(queue, "Een telefoonnummer.")
    assertContains(queue, moderate_url)
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(moderate_url, {"decision": "hide", "reason": "Er staat een telefoonnummer in."})

    assert Comment.objects.get(pk=reply.pk).hidden == Hidden.HIDDEN
    assertNotContains(Client().get(proposal.get_absolute_url()), "06-12345678")
    # The owner is told of the decision, once; the reporter of the outcome, without the reason.
    [_reply_mail, *decided] = mailoutbox
    ((told,), (outcome,)) = (
        [m for m in decided if m.to == [owner.email]],
        [m for m in decided if m.to != [owner.email]],
    )
    assert outcome.to == [neighbour.email]
    assert "Er staat een telefoonnummer in." not in outcome.body
    assert "Er staat een telefoonnummer in." in told.body
    assert f"{comments_url}{reply.pk}/bezwaar/" in told.body

    with django_capture_on_commit_callbacks(execute=True):
        signed_in(owner).post(f"{comments_url}{reply.pk}/bezwaar/", {"text": "Het is mijn zakelijke nummer."})
    assert ModerationAction.objects.filter(comment=reply, action=ModerationAction.Action.APPEAL).count() == 1
    assertContains(admin.get("/beheer/"), "Het is mijn zakelijke nummer.")
    assert len(mailoutbox) == 3  # the answer waits in the queue too

    call_command("send_digests", frequency="daily", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("send_digests", frequency="daily", stdout=open("/dev/null", "w"))  # noqa: SIM115

    [_reply_mail, _told, _outcome, digest] = mailoutbox
    assert digest.to == [creator.email]
    assert "- 2 nieuwe reacties bij Techniekpact IJssel-Vecht" in digest.body  # both comments, on one line, once
    assert digest.body.count("Techniekpact IJssel-Vecht") == 1
