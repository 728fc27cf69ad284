import csv
import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from regions.models import LabourMarketRegion, Municipality
from regions.services import DATA_DIR

pytestmark = pytest.mark.django_db


def read_csv(name: str) -> list[dict[str, str]]:
    with (DATA_DIR / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def run_load(*args: str) -> str:
    out = StringIO()
    call_command("load_regions", *args, stdout=out)
    return out.getvalue()


def test_the_35_regions_of_2025_are_loaded_with_their_cbs_codes():
    expected = {row["region_code"]: row["region_name"] for row in read_csv("labour_market_regions.csv")}
    loaded = dict(LabourMarketRegion.objects.current().values_list("code", "name"))
    assert len(loaded) == 35
    assert loaded == expected
    assert {"AM04", "AM16", "AM31"}.isdisjoint(loaded)


def test_the_342_municipalities_each_sit_in_exactly_the_region_of_the_csv():
    expected = {row["municipality_code"]: row for row in read_csv("municipalities.csv")}
    loaded = {m.code: m for m in Municipality.objects.current().select_related("region")}
    assert len(loaded) == 342
    assert loaded.keys() == expected.keys()
    for code, municipality in loaded.items():
        assert municipality.region.code == expected[code]["region_code"]
        assert municipality.province == expected[code]["province"]
    assert Municipality.objects.values("province").distinct().count() == 12
    assert all(region.municipalities.exists() for region in LabourMarketRegion.objects.all())


def test_every_region_has_a_boundary_and_a_readable_slug():
    regions = {r.code: r for r in LabourMarketRegion.objects.all()}
    assert all(region.boundary["type"] in {"Polygon", "MultiPolygon"} for region in regions.values())
    assert regions["AM01"].slug == "groningen"
    assert LabourMarketRegion.objects.get(name="Zaanstreek/Waterland").slug == "zaanstreek-waterland"


def test_every_municipality_has_its_boundary_for_the_region_maps():
    boundaries = dict(Municipality.objects.values_list("code", "boundary"))
    assert len(boundaries) == 342
    assert all(boundary["type"] in {"Polygon", "MultiPolygon"} for boundary in boundaries.values())


def test_running_load_regions_again_changes_nothing():
    before = list(LabourMarketRegion.objects.values().order_by("code")) + list(
        Municipality.objects.values().order_by("code")
    )
    output = run_load()
    after = list(LabourMarketRegion.objects.values().order_by("code")) + list(
        Municipality.objects.values().order_by("code")
    )
    assert after == before
    assert "0 created, 0 updated, 377 unchanged, 0 retired" in output


def copy_data(tmp_path: Path) -> dict[str, Path]:
    paths = {}
    for name in [
        "labour_market_regions.csv",
        "municipalities.csv",
        "labour_market_regions_2025.geojson",
        "municipalities_2025.geojson",
    ]:
        paths[name] = tmp_path / name
        shutil.copy(DATA_DIR / name, paths[name])
    return paths


def load_args(paths: dict[str, Path], year: int = 2025) -> list[str]:
    return [
        f"--year={year}",
        f"--regions={paths['labour_market_regions.csv']}",
        f"--municipalities={paths['municipalities.csv']}",
        f"--boundaries={paths['labour_market_regions_2025.geojson']}",
        f"--municipality-boundaries={paths['municipalities_2025.geojson']}",
    ]


def test_a_changed_row_is_updated_in_place_not_duplicated(tmp_path):
    paths = copy_data(tmp_path)
    text = paths["labour_market_regions.csv"].read_text().replace("AM01,Groningen", "AM01,Groningen en Ommeland")
    paths["labour_market_regions.csv"].write_text(text)
    groningen_id = LabourMarketRegion.objects.get(code="AM01").pk

    output = run_load(*load_args(paths))

    region = LabourMarketRegion.objects.get(code="AM01")
    assert (region.pk, region.name, region.slug) == (groningen_id, "Groningen en Ommeland", "groningen")
    assert LabourMarketRegion.objects.count() == 35
    assert "0 created, 1 updated" in output


def test_a_newer_year_retires_what_disappeared_and_keeps_its_history(tmp_path):
    paths = copy_data(tmp_path)
    rows = paths["municipalities.csv"].read_text().splitlines()
    ameland = next(row for row in rows if ",Ameland," in row)
    paths["municipalities.csv"].write_text("\n".join(row for row in rows if row != ameland) + "\n")
    shapes = json.loads(paths["municipalities_2025.geojson"].read_text())
    shapes["features"] = [f for f in shapes["features"] if f["properties"]["name"] != "Ameland"]
    paths["municipalities_2025.geojson"].write_text(json.dumps(shapes))

    output = run_load(*load_args(paths, year=2026))

    ameland = Municipality.objects.get(name="Ameland")
    assert ameland.retired_in == 2026
    assert Municipality.objects.current().count() == 341
    assert Municipality.objects.count() == 342
    assert LabourMarketRegion.objects.current().filter(classification_year=2026).count() == 35
    assert "1 retired" in output


def test_an_older_year_cannot_overwrite_a_newer_one(tmp_path):
    paths = copy_data(tmp_path)
    run_load(*load_args(paths, year=2026))
    with pytest.raises(CommandError, match="2026 classification is already loaded"):
        run_load(*load_args(paths, year=2024))


@pytest.mark.parametrize(
    ("file", "damage", "message"),
    [
        ("municipalities.csv", lambda text: text.replace("GM0014,Groningen", "GM14,Groningen"), r"line 2: 'GM14'"),
        (
            "municipalities.csv",
            lambda text: text.replace("Groningen,AM01", "Groningen,AM99", 1),
            r"line 2: region AM99",
        ),
        ("labour_market_regions.csv", lambda text: text.replace("AM02,Friesland", "AM02"), r"line 3: expected 2"),
        (
            "labour_market_regions.csv",
            lambda text: text.replace("region_code", "code"),
            r"line 1: expected the columns",
        ),
        ("labour_market_regions.csv", lambda text: text + "AM01,Groningen\n", r"line 37: region AM01 appears twice"),
        ("labour_market_regions_2025.geojson", lambda text: text[:-20], r"line 1: not valid JSON"),
        (
            "municipalities_2025.geojson",
            lambda text: text.replace('"GM0014"', '"GM9999"'),
            r"boundaries for unknown municipalities GM9999",
        ),
    ],
    ids=[
        "bad-municipality-code",
        "unknown-region",
        "missing-value",
        "wrong-header",
        "duplicate",
        "broken-json",
        "unknown-municipality-boundary",
    ],
)
def test_bad_data_fails_with_the_file_and_line_and_changes_nothing(tmp_path, file, damage, message):
    paths = copy_data(tmp_path)
    paths[file].write_text(damage(paths[file].read_text()))
    before = list(Municipality.objects.values_list("code", "name", "region_id"))

    with pytest.raises(CommandError, match=message) as error:
        run_load(*load_args(paths))

    assert str(paths[file]) in str(error.value)
    assert list(Municipality.objects.values_list("code", "name", "region_id")) == before


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match=f"{tmp_path}/nope.csv: file not found"):
        run_load("--year=2025", f"--regions={tmp_path / 'nope.csv'}")
