from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from agendastad.core.page_cache import page_cache_invalidate
from regions.services import (
    BUNDLED_YEAR,
    DATA_DIR,
    OlderClassificationError,
    ReferenceDataError,
    reference_data_load,
)


class Command(BaseCommand):
    help = (
        f"Load a CBS classification of labour-market regions and municipalities: without options the {BUNDLED_YEAR} "
        "files that come with the code, or another year's files with --year and --regions, --municipalities "
        "(and --boundaries). Safe to run again: unchanged rows stay as they are, and earlier years' assignments "
        "of municipalities to regions are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--year", type=int, help=f"Classification year of the files (default: {BUNDLED_YEAR}, the bundled files)."
        )
        parser.add_argument("--regions", type=Path, help="CSV with region_code,region_name.")
        parser.add_argument(
            "--municipalities", type=Path, help="CSV with municipality_code,municipality_name,province,region_code."
        )
        parser.add_argument(
            "--boundaries",
            type=Path,
            help="GeoJSON of the region outlines (properties.code); without it the outlines loaded before stay.",
        )
        parser.add_argument(
            "--municipality-boundaries",
            type=Path,
            help="GeoJSON of the municipality outlines (properties.code); without it the outlines loaded before stay.",
        )

    def handle(self, *args, year, regions, municipalities, boundaries, municipality_boundaries, **options):
        own_files = any(path is not None for path in (regions, municipalities, boundaries, municipality_boundaries))
        if own_files and year is None:
            raise CommandError("Name the classification year of these files with --year.")
        if year not in (None, BUNDLED_YEAR) and (regions is None or municipalities is None):
            raise CommandError(
                f"The bundled files are the {BUNDLED_YEAR} classification: give the {year} files with --regions "
                "and --municipalities."
            )
        if not own_files:
            regions, municipalities = DATA_DIR / "labour_market_regions.csv", DATA_DIR / "municipalities.csv"
            boundaries = DATA_DIR / f"labour_market_regions_{BUNDLED_YEAR}.geojson"
            municipality_boundaries = DATA_DIR / f"municipalities_{BUNDLED_YEAR}.geojson"
        try:
            report = reference_data_load(
                year=year or BUNDLED_YEAR,
                regions_csv=regions or DATA_DIR / "labour_market_regions.csv",
                municipalities_csv=municipalities or DATA_DIR / "municipalities.csv",
                regions_geojson=boundaries,
                municipalities_geojson=municipality_boundaries,
            )
        except OlderClassificationError as error:
            if year is not None:
                raise CommandError(str(error)) from error
            self.stdout.write(
                f"The {error.newest} classification is loaded; the bundled {BUNDLED_YEAR} files are older: "
                "nothing changed."
            )
            return
        except ReferenceDataError as error:
            raise CommandError(str(error)) from error
        page_cache_invalidate()
        for change in report.changes:
            self.stdout.write(f"  {change}")
        self.stdout.write(self.style.SUCCESS(f"Regions and municipalities ({report.year}): {report}"))
