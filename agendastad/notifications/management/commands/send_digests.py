from django.core.management.base import BaseCommand

from agendastad.notifications.delivery import DIGEST_FREQUENCIES, digests_send


class Command(BaseCommand):
    help = "Mail each person one digest of what waits for their daily or weekly mail (for cron)."

    def add_arguments(self, parser):
        parser.add_argument("--frequency", required=True, choices=DIGEST_FREQUENCIES)

    def handle(self, *args, frequency: str, **options):
        sent = digests_send(frequency=frequency)
        self.stdout.write(f"{sent} {frequency} digest(s) sent.")
