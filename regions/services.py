"""Writes for the reference data: loading a CBS classification of regions and municipalities."""

import csv
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Max
from django.utils.text import slugify

from .models import LabourMarketRegion, Municipality

DATA_DIR = Path(__file__).resolve().parent / "data"
REGION_CODE = re.compile(r"^AM\d\d$")
MUNICIPALITY_CODE = re.compile(r"^GM\d{4}$")


class ReferenceDataError(Exception):
    """A data file is missing or wrong; the message names the file and the line."""


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    changes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        return f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, {self.retired} retired"


def _read_csv(path: Path, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise ReferenceDataError(f"{path}: file not found")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != columns:
            raise ReferenceDataError(
                f"{path}, line 1: expected the columns {','.join(columns)}, found {','.join(reader.fieldnames or [])}"
            )
        rows = []
        for row in reader:
            if None in row or any(value is None for value in row.values()):
                raise ReferenceDataError(f"{path}, line {reader.line_num}: expected {len(columns)} values")
            rows.append((reader.line_num, {key: value.strip() for key, value in row.items()}))
    return rows


def _read_boundaries(path: Path | None) -> dict[str, dict]:
    if path is None:
        return {}
    if not path.is_file():
        raise ReferenceDataError(f"{path}: file not found")
    try:
        collection = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise ReferenceDataError(f"{path}, line {error.lineno}: not valid JSON ({error.msg})") from error
    boundaries = {}
    for number, feature in enumerate(collection.get("features", []), start=1):
        code = (feature.get("properties") or {}).get("code")
        if not code or not feature.get("geometry"):
            raise ReferenceDataError(f"{path}, feature {number}: a feature needs properties.code and a geometry")
        boundaries[code] = feature["geometry"]
    return boundaries


def _unique_slug(name: str, code: str, taken: set[str]) -> str:
    slug = slugify(name.replace("/", " "))
    if slug in taken:
        slug = f"{slug}-{code.lower()}"
    taken.add(slug)
    return slug


def _sync(model, wanted: dict[str, dict], year: int, report: LoadReport, extra_create=None) -> dict[str, object]:
    """Create, update or retire rows of `model` so that the current ones are exactly `wanted`."""
    existing = {obj.code: obj for obj in model.objects.all()}
    for code, values in wanted.items():
        values = {**values, "classification_year": year, "retired_in": None}
        obj = existing.get(code)
        if obj is None:
            obj = model(code=code, **values)
            if extra_create:
                extra_create(obj)
            obj.full_clean()
            obj.save()
            existing[code] = obj
            report.created += 1
            continue
        changed = [name for name, value in values.items() if getattr(obj, name) != value]
        if changed:
            for name in changed:
                setattr(obj, name, values[name])
            obj.full_clean()
            obj.save(update_fields=changed)
            report.updated += 1
            report.changes.append(f"{model.__name__} {code}: {', '.join(changed)}")
        else:
            report.unchanged += 1
    for code, obj in existing.items():
        if code not in wanted and obj.retired_in is None:
            obj.retired_in = year
            obj.save(update_fields=["retired_in"])
            report.retired += 1
    return existing


def reference_data_load(
    *,
    year: int,
    regions_csv: Path = DATA_DIR / "labour_market_regions.csv",
    municipalities_csv: Path = DATA_DIR / "municipalities.csv",
    regions_geojson: Path | None = DATA_DIR / "labour_market_regions_2025.geojson",
) -> LoadReport:
    """Load one year of the CBS classification. Idempotent: loading the same files again changes nothing.

    Regions and municipalities missing from a newer year are marked retired, never deleted, so
    initiatives and organisations that refer to them keep their history.
    """
    newest = LabourMarketRegion.objects.aggregate(year=Max("classification_year"))["year"]
    if newest and year < newest:
        raise ReferenceDataError(
            f"The {newest} classification is already loaded; an older year ({year}) cannot replace it."
        )

    regions: dict[str, dict] = {}
    for line, row in _read_csv(regions_csv, ["region_code", "region_name"]):
        code, name = row["region_code"], row["region_name"]
        if not REGION_CODE.match(code):
            raise ReferenceDataError(f"{regions_csv}, line {line}: '{code}' is not a CBS region code (AMnn)")
        if not name:
            raise ReferenceDataError(f"{regions_csv}, line {line}: the region name is empty")
        if code in regions:
            raise ReferenceDataError(f"{regions_csv}, line {line}: region {code} appears twice")
        regions[code] = {"name": name}

    boundaries = _read_boundaries(regions_geojson)
    if boundaries:
        unknown = sorted(set(boundaries) - set(regions))
        if unknown:
            raise ReferenceDataError(f"{regions_geojson}: boundaries for unknown regions {', '.join(unknown)}")
        for code, values in regions.items():
            values["boundary"] = boundaries.get(code)

    municipalities: dict[str, dict] = {}
    for line, row in _read_csv(
        municipalities_csv, ["municipality_code", "municipality_name", "province", "region_code"]
    ):
        code = row["municipality_code"]
        if not MUNICIPALITY_CODE.match(code):
            raise ReferenceDataError(
                f"{municipalities_csv}, line {line}: '{code}' is not a CBS municipality code (GMnnnn)"
            )
        if row["region_code"] not in regions:
            raise ReferenceDataError(
                f"{municipalities_csv}, line {line}: region {row['region_code']} is not in {regions_csv.name}"
            )
        if not row["municipality_name"] or not row["province"]:
            raise ReferenceDataError(f"{municipalities_csv}, line {line}: name and province are required")
        if code in municipalities:
            raise ReferenceDataError(f"{municipalities_csv}, line {line}: municipality {code} appears twice")
        municipalities[code] = row

    report = LoadReport()
    with transaction.atomic():
        taken = set(LabourMarketRegion.objects.values_list("slug", flat=True))
        region_objects = _sync(
            LabourMarketRegion,
            regions,
            year,
            report,
            extra_create=lambda region: setattr(region, "slug", _unique_slug(region.name, region.code, taken)),
        )
        _sync(
            Municipality,
            {
                code: {
                    "name": row["municipality_name"],
                    "province": row["province"],
                    "region": region_objects[row["region_code"]],
                }
                for code, row in municipalities.items()
            },
            year,
            report,
        )
    return report
