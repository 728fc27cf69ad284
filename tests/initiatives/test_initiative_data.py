"""The initiative's fields are declared once (initiatives/data.py); the form, the services and the spreadsheets
take them from there."""

from dataclasses import fields

import pytest

from initiatives.data import DATA_FIELDS, STORED_FIELDS, InitiativeData
from initiatives.forms import InitiativeForm
from initiatives.models import Initiative, Status, Visibility
from initiatives.spreadsheets import COLUMNS

from ..factories import InitiativeFactory, person_of_kind

pytestmark = pytest.mark.django_db


def test_the_forms_hold_every_data_field_and_no_other_of_the_initiative():
    initiative = InitiativeFactory()
    person = person_of_kind("member", initiative.lead_organisation)

    registering = InitiativeForm(user=person)
    editing = InitiativeForm(user=person, instance=initiative)

    assert set(registering.fields) == {*DATA_FIELDS, "lead_organisation", "version", "submission"}
    assert set(editing.fields) == {*DATA_FIELDS, "version"}


def test_the_stored_fields_are_columns_of_the_initiative_and_the_spreadsheet_adds_only_the_lead():
    columns_of_the_model = {model_field.name for model_field in Initiative._meta.concrete_fields}
    assert set(STORED_FIELDS) <= columns_of_the_model
    assert set(COLUMNS) - set(DATA_FIELDS) == {"lead_organisation"}


def test_the_defaults_are_the_enums():
    defaults = {data_field.name: data_field.default for data_field in fields(InitiativeData)}
    assert defaults["status"] is Status.IDEA
    assert defaults["visibility"] is Visibility.PUBLIC
