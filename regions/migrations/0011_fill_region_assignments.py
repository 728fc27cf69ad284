"""The regions already loaded get their assignments: each municipality in its region, in the latest classification
year it appears in (for a retired municipality, the last year before it was retired)."""

from django.db import migrations


def fill(apps, schema_editor):
    Municipality = apps.get_model("regions", "Municipality")
    RegionAssignment = apps.get_model("regions", "RegionAssignment")
    RegionAssignment.objects.bulk_create(
        [
            RegionAssignment(year=year, municipality_id=municipality_id, region_id=region_id)
            for municipality_id, region_id, year in Municipality.objects.values_list(
                "pk", "region_id", "classification_year"
            )
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("regions", "0010_region_assignments")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
