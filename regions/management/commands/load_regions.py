from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agendastad.core.page_cache import page_cache_invalidate
from regions.services import DATA_DIR, ReferenceDataError, reference_data_load


class Command(BaseCommand):
    help = "Load the CBS labour-market regions and municipalities. Safe to run again: unchanged rows stay as they are."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=2025, help="Classification year of the files.")
        parser.add_argument("--regions", type=Path, default=DATA_DIR / "labour_market_regions.csv")
        parser.add_argument("--municipalities", type=Path, default=DATA_DIR / "municipalities.csv")
        parser.add_argument("--boundaries", type=Path, default=DATA_DIR / "labour_market_regions_2025.geojson")
        parser.add_argument("--municipality-boundaries", type=Path, default=DATA_DIR / "municipalities_2025.geojson")

    def handle(self, *args, year, regions, municipalities, boundaries, municipality_boundaries, **options):
        try:
            report = reference_data_load(
                year=year,
                regions_csv=regions,
                municipalities_csv=municipalities,
                regions_geojson=boundaries,
                municipalities_geojson=municipality_boundaries,
            )
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        page_cache_invalidate()
        for change in report.changes:
            self.stdout.write(f"  {change}")
        self.stdout.write(self.style.SUCCESS(f"Regions and municipalities ({year}): {report}"))
