from django.core.management.base import BaseCommand

from initiatives.services import stale_initiatives_flag


class Command(BaseCommand):
    help = (
        "Tell region coordinators about their initiatives without activity for STALE_INITIATIVE_DAYS, once per "
        "silent period (run daily, from cron)."
    )

    def handle(self, *args, **options):
        told = stale_initiatives_flag()
        self.stdout.write(f"{told} coordinator notification(s) about initiatives without activity.")
