"""How a view finds what its request is about: once, before any permission is asked."""

from django.db import models
from django.utils.functional import cached_property
from django.views.generic.detail import SingleObjectMixin


class RequestSubjectMixin(SingleObjectMixin):
    """Finds the object of the URL once (`find_subject()`: by default the slug or pk, as `SingleObjectMixin` does)
    and keeps it as `self.object`. rules' `PermissionRequiredMixin` asks its permission about that object, so a
    missing one (or one `find_subject()` hides with Http404) answers 404 before a login redirect or a 403, without
    overriding `dispatch`. `get_object()` answers the same object, whatever queryset it is given.

    Usage: `class LeaveView(PermissionRequiredMixin, RequestSubjectMixin, FormView)` with `model = Organisation`,
    then `self.object` in the view's methods.
    """

    @cached_property
    def object(self) -> models.Model:
        return self.find_subject()

    def find_subject(self) -> models.Model:
        return super().get_object()

    def get_object(self, queryset=None) -> models.Model:
        return self.object

    def get_permission_object(self) -> models.Model:
        return self.object
