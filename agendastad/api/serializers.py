"""What the API shows of each thing: public facts by name, never e-mail addresses, contact persons or who
created or changed what. Links to the HTML pages point at the default (Dutch) language's address."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from agendastad.agendas.models import AgendaCommitment, AgendaKind, AgendaPriority, RegionAgenda
from agendastad.agendas.selectors import PriorityView
from initiatives.models import Initiative, NationalProgramme, Partnership, SoughtPartner, TargetGroup, Theme
from initiatives.selectors import coverage_of
from regions.models import (
    HELIX_OF_KIND,
    Country,
    Helix,
    LabourMarketRegion,
    Municipality,
    Organisation,
    OrganisationKind,
)


@extend_schema_field({"type": "string", "format": "uri"})
class PageLinkField(serializers.Field):
    """The absolute address of the thing's own page on the site."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value) -> str:
        with translation.override(settings.LANGUAGE_CODE):
            return self.context["request"].build_absolute_uri(value.get_absolute_url())


class ThemeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["slug", "number", "name_nl", "name_en"]


class ProgrammeRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = NationalProgramme
        fields = ["slug", "name_nl", "name_en"]


class TargetGroupRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = TargetGroup
        fields = ["slug", "name_nl", "name_en"]


class RegionRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = LabourMarketRegion
        fields = ["slug", "code", "name"]


class MunicipalityRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Municipality
        fields = ["code", "name"]


class OrganisationRefSerializer(serializers.ModelSerializer):
    helix = serializers.ChoiceField(choices=Helix.choices, read_only=True)
    country = serializers.ChoiceField(
        choices=Country.choices, read_only=True, help_text="Where it is located: ISO 3166-1 alpha-2 (NL, BE, DE, ...)."
    )
    place = serializers.CharField(
        read_only=True, help_text="The town or city outside the Netherlands; empty in the Netherlands."
    )

    class Meta:
        model = Organisation
        fields = ["slug", "name", "kind", "helix", "country", "place"]


class PartnerSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = Partnership
        fields = ["organisation", "role"]


class SoughtSerializer(serializers.ModelSerializer):
    helix = serializers.ChoiceField(
        choices=Helix.choices, read_only=True, help_text="The helix sought, or the helix of the kind sought."
    )
    kind = serializers.ChoiceField(
        choices=OrganisationKind.choices,
        read_only=True,
        allow_null=True,
        help_text="The kind of organisation sought; null when any of the helix will do.",
    )
    filled = serializers.BooleanField(
        read_only=True, help_text="A partner of this helix or kind has joined since: the place is no longer open."
    )

    class Meta:
        model = SoughtPartner
        fields = ["helix", "kind", "filled"]

    def to_representation(self, sought: SoughtPartner) -> dict:
        return {
            "helix": sought.helix or HELIX_OF_KIND[sought.kind],
            "kind": sought.kind or None,
            "filled": sought.is_filled,
        }


class CoverageField(serializers.ListField):
    """Helices of an initiative's coverage (`initiatives.selectors.Coverage`): its `present` or `missing` ones."""

    def __init__(self, part: str, **kwargs):
        self.part = part
        super().__init__(child=serializers.ChoiceField(choices=Helix.choices), source="*", read_only=True, **kwargs)

    def to_representation(self, initiative: Initiative) -> list[str]:
        return getattr(coverage_of(initiative), self.part)


class AgendaRefSerializer(serializers.ModelSerializer):
    url = PageLinkField(help_text="Its page on the site.")
    region = RegionRefSerializer(read_only=True)

    class Meta:
        model = RegionAgenda
        fields = ["slug", "url", "title_nl", "title_en", "region"]


class PriorityRefSerializer(serializers.ModelSerializer):
    agenda = AgendaRefSerializer(read_only=True)

    class Meta:
        model = AgendaPriority
        fields = ["agenda", "order", "title_nl", "title_en"]


class InitiativeSerializer(serializers.ModelSerializer):
    """A public initiative as the list shows it."""

    url = PageLinkField(help_text="Its page on the site.")
    themes = ThemeRefSerializer(many=True, read_only=True)
    programmes = ProgrammeRefSerializer(
        many=True, read_only=True, help_text="The national programmes and deals it works out in the region."
    )
    target_groups = TargetGroupRefSerializer(many=True, read_only=True, help_text="The groups it helps take part.")
    priorities = PriorityRefSerializer(
        source="published_priorities",
        many=True,
        read_only=True,
        help_text="The priorities of published region agendas it serves.",
    )
    region = RegionRefSerializer(source="primary_region", read_only=True)
    further_regions = RegionRefSerializer(source="regions", many=True, read_only=True)
    municipalities = MunicipalityRefSerializer(many=True, read_only=True)
    lead = OrganisationRefSerializer(source="lead_organisation", read_only=True)
    partners = PartnerSerializer(
        source="accepted_partnerships",
        many=True,
        read_only=True,
        help_text="The organisations taking part (the lead among them), with their helix and role.",
    )
    helices_present = CoverageField("present", help_text="The helices of the organisations taking part.")
    helices_missing = CoverageField(
        "missing", help_text="The helices of the triple helix (government, knowledge, business) that no partner is of."
    )
    triple_helix_complete = serializers.SerializerMethodField()
    sought = SoughtSerializer(source="sought_partners", many=True, read_only=True)
    budget = serializers.IntegerField(read_only=True, allow_null=True, help_text="In euros.")

    class Meta:
        model = Initiative
        fields = [
            "slug",
            "url",
            "title",
            "summary",
            "status",
            "themes",
            "programmes",
            "target_groups",
            "priorities",
            "region",
            "further_regions",
            "municipalities",
            "lead",
            "partners",
            "helices_present",
            "helices_missing",
            "triple_helix_complete",
            "sought",
            "sought_note",
            "start_date",
            "end_date",
            "budget",
            "website",
            "created_at",
            "updated_at",
            "last_activity_at",
        ]

    def get_triple_helix_complete(self, initiative: Initiative) -> bool:
        return coverage_of(initiative).complete


class InitiativeDetailSerializer(InitiativeSerializer):
    """A public initiative with its description."""

    description_html = serializers.CharField(
        read_only=True, help_text="The description rendered from Markdown and sanitised, as the page shows it."
    )

    class Meta(InitiativeSerializer.Meta):
        fields = [
            *InitiativeSerializer.Meta.fields[:4],
            "description",
            "description_html",
            *InitiativeSerializer.Meta.fields[4:],
        ]


class OrganisationSerializer(serializers.ModelSerializer):
    url = PageLinkField(help_text="Its page on the site.")
    helix = serializers.ChoiceField(choices=Helix.choices, read_only=True)
    country = serializers.ChoiceField(
        choices=Country.choices, read_only=True, help_text="Where it is located: ISO 3166-1 alpha-2 (NL, BE, DE, ...)."
    )
    place = serializers.CharField(
        read_only=True, help_text="The town or city outside the Netherlands; empty in the Netherlands."
    )
    municipality = MunicipalityRefSerializer(read_only=True, allow_null=True, help_text="Null outside the Netherlands.")
    region = RegionRefSerializer(read_only=True, allow_null=True, help_text="Null outside the Netherlands.")
    verified = serializers.BooleanField(source="is_verified", read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "slug",
            "url",
            "name",
            "kind",
            "helix",
            "country",
            "place",
            "municipality",
            "region",
            "website",
            "description",
            "kvk_number",
            "verified",
        ]


class RegionSerializer(serializers.ModelSerializer):
    url = PageLinkField(help_text="Its page on the site.")
    municipality_count = serializers.IntegerField(read_only=True, help_text="Its current municipalities.")
    municipalities = serializers.SerializerMethodField(help_text="The CBS codes of its current municipalities.")
    public_initiatives = serializers.SerializerMethodField(
        help_text="The public initiatives that work in it, as primary or further region."
    )

    class Meta:
        model = LabourMarketRegion
        fields = [
            "slug",
            "url",
            "code",
            "name",
            "classification_year",
            "retired_in",
            "municipality_count",
            "municipalities",
            "public_initiatives",
        ]

    def get_municipalities(self, region: LabourMarketRegion) -> list[str]:
        return [municipality.code for municipality in region.current_municipalities]

    def get_public_initiatives(self, region: LabourMarketRegion) -> int:
        return self.context["figures"].of(region.pk).initiatives


class MunicipalitySerializer(serializers.ModelSerializer):
    region = RegionRefSerializer(read_only=True)

    class Meta:
        model = Municipality
        fields = ["code", "name", "province", "region", "classification_year", "retired_in"]


class ThemeSerializer(serializers.ModelSerializer):
    url = PageLinkField(help_text="Its page on the site.")
    public_initiatives = serializers.SerializerMethodField(help_text="The public initiatives on this theme.")

    class Meta:
        model = Theme
        fields = [
            "slug",
            "url",
            "number",
            "name_nl",
            "name_en",
            "description_nl",
            "description_en",
            "public_initiatives",
        ]

    def get_public_initiatives(self, theme: Theme) -> int:
        return self.context["figures"].of(None, theme.pk).initiatives


class ProgrammeSerializer(serializers.ModelSerializer):
    url = PageLinkField(help_text="Its page on the site.")
    public_initiatives = serializers.IntegerField(read_only=True, help_text="The public initiatives that work it out.")

    class Meta:
        model = NationalProgramme
        fields = [
            "slug",
            "url",
            "name_nl",
            "name_en",
            "kind",
            "description_nl",
            "description_en",
            "website",
            "running",
            "public_initiatives",
        ]


class TargetGroupSerializer(serializers.ModelSerializer):
    public_initiatives = serializers.IntegerField(read_only=True, help_text="The public initiatives that help it.")

    class Meta:
        model = TargetGroup
        fields = ["slug", "name_nl", "name_en", "description_nl", "description_en", "public_initiatives"]


class ServingInitiativeSerializer(serializers.ModelSerializer):
    url = PageLinkField(help_text="Its page on the site.")

    class Meta:
        model = Initiative
        fields = ["slug", "url", "title", "status"]


class PriorityHelicesField(serializers.ListField):
    """Helices of the public initiatives serving a priority together (`agendastad.agendas.selectors.PriorityView`)."""

    def __init__(self, part: str, **kwargs):
        self.part = part
        super().__init__(child=serializers.ChoiceField(choices=Helix.choices), source="*", read_only=True, **kwargs)

    def to_representation(self, priority: AgendaPriority) -> list[str]:
        view = PriorityView(priority, priority.serving)
        return view.gaps if self.part == "missing" else view.coverage.present


class PrioritySerializer(serializers.ModelSerializer):
    themes = ThemeRefSerializer(many=True, read_only=True)
    programmes = ProgrammeRefSerializer(
        many=True, read_only=True, help_text="The national programmes and deals it works out in the region."
    )
    partner_regions = RegionRefSerializer(
        many=True, read_only=True, help_text="Other regions that work on this priority with the agenda's region."
    )
    ambition_number = serializers.IntegerField(
        read_only=True, allow_null=True, help_text="The measurable ambition, in `ambition_unit`."
    )
    initiatives = ServingInitiativeSerializer(
        source="serving", many=True, read_only=True, help_text="The public initiatives that serve it."
    )
    helices_present = PriorityHelicesField(
        "present", help_text="The helices of the organisations taking part in the initiatives that serve it."
    )
    helices_missing = PriorityHelicesField(
        "missing",
        help_text="The helices of the triple helix (government, knowledge, business) that none of the initiatives "
        "serving it has a partner of: its gaps. Empty when nothing serves it yet (then `initiatives` is empty).",
    )

    class Meta:
        model = AgendaPriority
        fields = [
            "order",
            "title_nl",
            "title_en",
            "description",
            "themes",
            "programmes",
            "ambition",
            "ambition_number",
            "ambition_unit",
            "partner_regions",
            "initiatives",
            "helices_present",
            "helices_missing",
        ]


class CommitmentSerializer(serializers.ModelSerializer):
    organisation = OrganisationRefSerializer(read_only=True)

    class Meta:
        model = AgendaCommitment
        fields = ["organisation", "committed_at"]


class AgendaSerializer(serializers.ModelSerializer):
    """A published region agenda with its priorities and the organisations committed to it (the regional table)."""

    url = PageLinkField(help_text="Its page on the site.")
    region = RegionRefSerializer(read_only=True)
    kind = serializers.ChoiceField(choices=AgendaKind.choices, read_only=True)
    priorities = PrioritySerializer(source="ordered_priorities", many=True, read_only=True)
    commitments = CommitmentSerializer(
        source="ordered_commitments",
        many=True,
        read_only=True,
        help_text="The organisations that commit to the agenda, with their helix.",
    )

    class Meta:
        model = RegionAgenda
        fields = [
            "slug",
            "url",
            "region",
            "kind",
            "title_nl",
            "title_en",
            "summary_nl",
            "summary_en",
            "first_year",
            "last_year",
            "published_at",
            "priorities",
            "commitments",
        ]
