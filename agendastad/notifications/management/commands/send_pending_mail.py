from django.core.management.base import BaseCommand

from agendastad.notifications.delivery import pending_mail_send


class Command(BaseCommand):
    help = "Try again the notification mails that could not be sent right away (for cron, every few minutes)."

    def handle(self, *args, **options):
        sent = pending_mail_send()
        self.stdout.write(f"{sent} pending mail(s) sent.")
