"""The national programmes and deals: what each is, where in the country it is worked out and by which public
initiatives. Public initiatives only, for everyone, so the pages can be cached for all visitors alike."""

from django.views.generic import DetailView, ListView

from agendastad.agendas.selectors import programme_priorities
from initiatives.models import Initiative, NationalProgramme
from initiatives.selectors import with_list_data

from .participation import programme_counts

SHOWN_INITIATIVES = 20
"""A programme page shows the most recently active ones; the filtered list shows them all."""


class ProgrammeListView(ListView):
    model = NationalProgramme
    template_name = "insight/programme_list.html"

    def get_context_data(self, **kwargs):
        counts = programme_counts()
        rows = [(programme, counts.of(None, programme.pk)) for programme in self.object_list]
        return super().get_context_data(rows=rows, **kwargs)


class ProgrammeDetailView(DetailView):
    model = NationalProgramme
    template_name = "insight/programme_detail.html"
    context_object_name = "programme"

    def get_context_data(self, **kwargs):
        counts = programme_counts()
        initiatives = with_list_data(
            Initiative.objects.public().filter(programmes=self.object).order_by("-last_activity_at", "-pk")
        )
        return super().get_context_data(
            region_counts=counts.in_regions(self.object.pk),
            initiative_count=counts.of(None, self.object.pk),
            initiatives=initiatives[:SHOWN_INITIATIVES],
            agenda_regions=programme_priorities(self.object),
            **kwargs,
        )
