from django.views.generic import DetailView, ListView

from .models import Theme


class ThemeListView(ListView):
    model = Theme


class ThemeDetailView(DetailView):
    model = Theme
