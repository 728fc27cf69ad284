import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils import translation

from agendastad.core.page_cache import page_cache_invalidate
from agendastad.demo.planner import (
    DEFAULT_INITIATIVES,
    DEFAULT_ORGANISATIONS,
    DEFAULT_PEOPLE,
    DEFAULT_SEED,
    DEMO_SUPERUSER_EMAIL,
    DEMO_SUPERUSER_PASSWORD,
    DemoDataError,
    demo_seed,
    demo_superuser_ensure,
    demo_superuser_login_works,
)
from regions.models import Organisation

SITE = "http://127.0.0.1:8000"  # where `make run` serves the site


class Command(BaseCommand):
    help = (
        "Create Dutch demo organisations, people and their memberships, and initiatives with their partnerships "
        "(needs load_regions first). The same --seed gives the same data on an empty database. No edit history "
        "is recorded for the demo initiatives."
    )

    def add_arguments(self, parser):
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="Seed of the random choices.")
        parser.add_argument(
            "--organisations", type=int, default=DEFAULT_ORGANISATIONS, help="How many organisations to create."
        )
        parser.add_argument("--people", type=int, default=DEFAULT_PEOPLE, help="How many people to create.")
        parser.add_argument(
            "--initiatives",
            type=int,
            default=DEFAULT_INITIATIVES,
            help="How many initiatives to create (100000 take a few minutes on PostgreSQL).",
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Add nothing when there are organisations already (the demo superuser is still created if missing).",
        )

    def handle(self, *args, seed, organisations, people, initiatives, if_empty, **options):
        existing = Organisation.objects.count()
        if if_empty and existing:
            _, superuser_created = demo_superuser_ensure()
            self.stdout.write(f"There are {existing} organisations already, so no demo data was added.")
        else:
            started = time.monotonic()
            try:
                report = demo_seed(seed=seed, organisations=organisations, people=people, initiatives=initiatives)
            except DemoDataError as error:
                raise CommandError(str(error)) from error
            superuser_created = report.superuser_created
            page_cache_invalidate()
            seconds = time.monotonic() - started
            self.stdout.write(self.style.SUCCESS(f"Demo data (seed {seed}): {report}, in {seconds:.1f} s."))
        if superuser_created:
            self.stdout.write(f"Created the demo superuser {DEMO_SUPERUSER_EMAIL}.")

        with translation.override(settings.LANGUAGE_CODE):
            login_url = SITE + reverse("account_login")
            admin_url = SITE + reverse("admin:index")
        if superuser_created or demo_superuser_login_works():
            self.stdout.write(
                self.style.SUCCESS(
                    f"Log in at {login_url} as {DEMO_SUPERUSER_EMAIL} with password {DEMO_SUPERUSER_PASSWORD}"
                )
            )
            self.stdout.write(f"The admin panel ({admin_url}) first asks you to set up an authenticator app.")
        else:
            self.stdout.write(
                self.style.WARNING(
                    f"{DEMO_SUPERUSER_EMAIL} exists but no longer signs in with the demo password: log in at "
                    f"{login_url} with its own password, or set a new one with "
                    f"manage.py changepassword {DEMO_SUPERUSER_EMAIL}"
                )
            )
