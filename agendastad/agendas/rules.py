"""Who may do what with region agendas: the one place these decisions are made.

A region's acting coordinators (second factor passed) write its agendas; moderators may moderate them (edit,
unpublish) but not start or publish one for a region. Drafts are seen by those who may edit them only.
"""

import rules

from agendastad.accounts.predicates import is_moderator, is_verified_person
from initiatives.predicates import is_admin_of_any_organisation, is_lead_member
from regions.predicates import is_org_admin, is_region_coordinator

from .predicates import is_agenda_published, is_agenda_region_coordinator, is_initiative_active

agenda_editors = is_verified_person & (is_agenda_region_coordinator | is_moderator)

rules.add_perm("agendas.create_agenda", is_verified_person & is_region_coordinator)  # the object is the region
rules.add_perm("agendas.see_agenda", is_agenda_published | agenda_editors)
rules.add_perm("agendas.edit_agenda", agenda_editors)
rules.add_perm("agendas.see_agenda_history", agenda_editors)
rules.add_perm("agendas.publish_agenda", is_verified_person & is_agenda_region_coordinator & ~is_agenda_published)
rules.add_perm("agendas.unpublish_agenda", agenda_editors & is_agenda_published)
rules.add_perm("agendas.commit_to_agenda", is_verified_person & is_agenda_published & is_admin_of_any_organisation)
rules.add_perm("agendas.commit_organisation", is_verified_person & is_org_admin)  # the object is the organisation
rules.add_perm("agendas.link_priorities", is_verified_person & is_initiative_active & is_lead_member)
