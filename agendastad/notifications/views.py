"""Following, the notification list, mail preferences and the one-click unsubscribe page."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, ListView, TemplateView
from rules.contrib.views import PermissionRequiredMixin

from . import delivery as notifications
from . import services
from .followables import FOLLOWABLES
from .forms import NotificationPreferencesForm
from .models import Frequency, Notification, NotificationKind
from .selectors import notifications_of, preferences_of


class FollowTargetMixin:
    """Finds what /volgen/<word>/<slug>/ names: 404 for an unknown word or slug, and for an initiative the
    person may not see, as for one that does not exist (before any login redirect or 403)."""

    http_method_names = ["post"]

    @cached_property
    def target(self):
        followable = FOLLOWABLES.get(self.kwargs["kind"])
        if followable is None:
            raise Http404
        target = get_object_or_404(followable.model, slug=self.kwargs["slug"])
        if followable.view_permission and not self.request.user.has_perm(followable.view_permission, target):
            raise Http404
        return target

    def get_permission_object(self):
        return self.target


class FollowView(FollowTargetMixin, PermissionRequiredMixin, View):
    permission_required = "agendastad.follow"

    def post(self, request, *args, **kwargs):
        services.follow_create(user=request.user, target=self.target)
        messages.success(request, _("You now follow %(name)s.") % {"name": self.target})
        return redirect(self.target)


class UnfollowView(FollowTargetMixin, PermissionRequiredMixin, View):
    permission_required = "agendastad.unfollow"

    def post(self, request, *args, **kwargs):
        services.follow_delete(user=request.user, target=self.target)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": self.target})
        return redirect(self.target)


class NotificationListView(PermissionRequiredMixin, ListView):
    permission_required = "agendastad.view_notifications"
    template_name = "notifications/notification_list.html"
    paginate_by = 20

    def get_queryset(self):
        return notifications_of(self.request.user)


class OwnNotificationMixin(PermissionRequiredMixin):
    """One of one's own notifications; someone else's is not found."""

    permission_required = "agendastad.read_notification"

    def get_permission_object(self):
        if not self.request.user.is_authenticated:
            return None
        return get_object_or_404(Notification, pk=self.kwargs["pk"], recipient=self.request.user)


class NotificationOpenView(OwnNotificationMixin, View):
    """Opening a notification from the list is one click on a button that looks like a link: its POST marks it
    read and goes to the page it is about. A GET (a bookmarked or prefetched address) only goes there: reading a
    page never changes state."""

    http_method_names = ["get", "post"]

    def get(self, request, *args, **kwargs):
        return redirect(notifications.localised_path(self.get_permission_object().url, get_language()))

    def post(self, request, *args, **kwargs):
        notification = services.notification_mark_read(notification=self.get_permission_object(), user=request.user)
        return redirect(notifications.localised_path(notification.url, get_language()))


class NotificationReadView(OwnNotificationMixin, View):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.notification_mark_read(notification=self.get_permission_object(), user=request.user)
        return redirect("notifications:list")


class NotificationReadAllView(PermissionRequiredMixin, View):
    permission_required = "agendastad.view_notifications"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        services.notifications_mark_all_read(user=request.user)
        messages.success(request, _("All notifications are marked as read."))
        return redirect("notifications:list")


class NotificationPreferencesView(PermissionRequiredMixin, FormView):
    permission_required = "agendastad.change_notification_preferences"
    form_class = NotificationPreferencesForm
    template_name = "notifications/preferences.html"

    def get_initial(self):
        return preferences_of(self.request.user)

    def form_valid(self, form):
        current = preferences_of(self.request.user)
        for kind, frequency in form.cleaned_data.items():
            if current[kind] != frequency:
                notifications.notification_preference_set(user=self.request.user, kind=kind, frequency=frequency)
        messages.success(self.request, _("Your choices are saved."))
        return redirect("notifications:preferences")


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(TemplateView):
    """The link in every mail: no login, the signed token says who and what. GET asks, POST turns it off.

    Without CSRF protection on purpose: mail clients POST "List-Unsubscribe=One-Click" here (RFC 8058).
    The worst a forged POST can do is stop mails that its own valid token names.
    """

    template_name = "notifications/unsubscribe.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.person, self.kinds = notifications.unsubscribe_read(kwargs["token"])
        except notifications.InvalidUnsubscribeToken:
            return render(request, "notifications/unsubscribe_invalid.html", status=404)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        chosen = preferences_of(self.person)
        return super().get_context_data(
            kinds=[NotificationKind(kind).label for kind in self.kinds],
            all_off=all(chosen[kind] == Frequency.OFF for kind in self.kinds),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        notifications.notification_unsubscribe(token=kwargs["token"])
        messages.success(request, _("Done: you get no more mail about this."))
        return redirect(request.path)
