"""Requests to join, their answers, invitations and suspensions reach people through the one notification channel
(an entry on /mijn/meldingen/, their preferences, the retry), except the few mails documented as transactional."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from agendastad.core.mail import TRANSACTIONAL_TEMPLATES, mail_send_transactional
from agendastad.notifications.models import Frequency, Notification, NotificationKind, NotificationPreference
from regions.models import Membership
from regions.services import (
    invitation_create,
    membership_approve,
    membership_decline,
    membership_request,
    person_suspend,
    suspension_lift,
)

from ..factories import OrganisationFactory, UserFactory, organisation_admin, person_of_kind, verified_person

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)


@pytest.fixture
def organisation():
    return OrganisationFactory(verified_at=timezone.now())


def notifications_of(person, template: str) -> list[Notification]:
    return list(Notification.objects.filter(recipient=person, template=template))


def invite(organisation, admin, email: str):
    return invitation_create(organisation=organisation, user=admin, email=email, role="member", language="nl")


def mails_to(person) -> list:
    return [message for message in mail.outbox if message.to == [person.email]]


def test_a_request_to_join_is_a_notification_for_each_admin_mailed_as_they_prefer(
    client, organisation, django_capture_on_commit_callbacks
):
    eager = organisation_admin(organisation)
    quiet = organisation_admin(organisation)
    NotificationPreference.objects.create(user=quiet, kind=NotificationKind.MEMBERSHIP, frequency=Frequency.OFF)
    person = verified_person()

    with django_capture_on_commit_callbacks(execute=True):
        membership_request(user=person, organisation=organisation)

    for admin in (eager, quiet):
        [notification] = notifications_of(admin, "membership_requested")
        assert notification.kind == NotificationKind.MEMBERSHIP
        assert notification.url == f"/organisaties/{organisation.slug}/leden/"
    [message] = mails_to(eager)
    assert "vraagt om lid te worden van" in message.body
    assert "List-Unsubscribe" in message.extra_headers
    assert mails_to(quiet) == []
    assert mails_to(person) == []
    client.force_login(quiet)
    page = client.get("/mijn/meldingen/").content.decode()
    assert f"Verzoek om lid te worden van {escape(organisation.name)}" in page


def test_an_approval_and_a_refusal_reach_the_person_who_asked(organisation, django_capture_on_commit_callbacks):
    admin = organisation_admin(organisation)
    approved, declined = verified_person(), verified_person()
    NotificationPreference.objects.create(user=declined, kind=NotificationKind.MEMBERSHIP, frequency=Frequency.DAILY)
    first = Membership.objects.create(user=approved, organisation=organisation)
    second = Membership.objects.create(user=declined, organisation=organisation)

    with django_capture_on_commit_callbacks(execute=True):
        membership_approve(membership=first, user=admin)
        membership_decline(membership=second, user=admin)

    assert notifications_of(approved, "membership_approved")[0].actor == admin
    assert len(mails_to(approved)) == 1
    [refusal] = notifications_of(declined, "membership_declined")
    assert refusal.delivery == Frequency.DAILY
    assert mails_to(declined) == []  # in the daily digest


def test_an_invitation_to_an_account_is_a_notification_and_to_an_unknown_address_a_transactional_mail(
    organisation, django_capture_on_commit_callbacks
):
    admin = organisation_admin(organisation)
    invitee = verified_person(language="en")

    with django_capture_on_commit_callbacks(execute=True):
        known = invite(organisation, admin, invitee.email)
        invite(organisation, admin, "nieuw@example.org")

    [notification] = notifications_of(invitee, "invitation")
    assert notification.url == f"/mijn/uitnodigingen/{known.token}/"
    [message] = mails_to(invitee)
    assert message.subject.startswith("Invitation to join")
    assert known.token in message.body
    [outside] = [message for message in mail.outbox if message.to == ["nieuw@example.org"]]
    assert "List-Unsubscribe" not in outside.extra_headers
    assert Notification.objects.filter(template="invitation").count() == 1


def test_a_suspension_is_mailed_regardless_and_its_lifting_is_a_notification(
    organisation, django_capture_on_commit_callbacks
):
    moderator = person_of_kind("moderator", organisation)
    person = verified_person()
    NotificationPreference.objects.create(user=person, kind=NotificationKind.MODERATION, frequency=Frequency.OFF)

    with django_capture_on_commit_callbacks(execute=True):
        suspension = person_suspend(person=person, user=moderator, reason="Spam.")
    [suspended] = mails_to(person)
    assert "Spam." in suspended.body
    assert not Notification.objects.filter(recipient=person).exists()

    with django_capture_on_commit_callbacks(execute=True):
        suspension_lift(suspension=suspension, user=moderator)
    [lifted] = notifications_of(person, "person_suspension_lifted")
    assert lifted.kind == NotificationKind.MODERATION
    assert len(mails_to(person)) == 1  # mail is off for moderation: listed on the site only


def _templates_sent_transactionally() -> set[str]:
    """The `template=` of every mail_send_transactional(…) call in the project's code."""
    found = set()
    for path in ROOT.glob("**/*.py"):
        if {".venv", "node_modules", "tests", "migrations"} & set(path.relative_to(ROOT).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "mail_send_transactional":
                [template] = [keyword.value for keyword in node.keywords if keyword.arg == "template"]
                assert isinstance(template, ast.Constant), f"{path}: name the transactional template literally"
                found.add(template.value)
    return found


def test_every_mail_outside_notifications_is_on_the_documented_transactional_list():
    documented = set(
        re.findall(r"^- `(\w+)`", (ROOT / "docs/notifications.md").read_text().split("## Transactional mail")[1], re.M)
    )
    assert _templates_sent_transactionally() == TRANSACTIONAL_TEMPLATES == documented
    with pytest.raises(ValueError):
        mail_send_transactional(to="a@example.org", language="nl", template="membership_approved", context={})


def test_no_code_sends_mail_around_the_two_channels():
    """Only agendastad/core/mail.py hands mail to Django (allauth's account mails go through its adapter)."""
    senders = re.compile(r"\b(EmailMessage|EmailMultiAlternatives|send_mail|send_mass_mail)\(")
    offenders = [
        str(path.relative_to(ROOT))
        for path in ROOT.glob("**/*.py")
        if not {".venv", "node_modules", "tests"} & set(path.relative_to(ROOT).parts)
        and senders.search(path.read_text(encoding="utf-8"))
    ]
    assert sorted(offenders) == ["agendastad/accounts/adapters.py", "agendastad/core/mail.py"]


def test_an_inactive_invitee_gets_no_mail(organisation, django_capture_on_commit_callbacks):
    admin = organisation_admin(organisation)
    gone = UserFactory(is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        invite(organisation, admin, gone.email)
    assert mail.outbox == []
