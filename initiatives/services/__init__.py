"""Everything that changes initiatives and partnerships. Views, admin and commands all call these.

One module per seam; this package re-exports their public names, so `services.comment_create(...)` and
`from initiatives.services import X` work as before. The modules import each other directly, never this package.
"""

from ..data import InitiativeData
from ._common import RateLimited
from .contact import initiative_contact
from .discussion import (
    comment_create,
    comment_created_notify,
    comment_update,
    initiative_discussion_close,
    initiative_discussion_reopen,
)
from .initiatives import (
    EditConflict,
    initiative_archive,
    initiative_change_status,
    initiative_create,
    initiative_restore,
    initiative_update,
    search_vectors_refresh,
    stale_initiatives_flag,
    status_change_notify,
)
from .matchmaking import sought_partners_announce, sought_place_fill
from .merge import organisation_merge
from .moderation import (
    ReportOutcome,
    comment_dismiss_reports,
    comment_hide,
    comment_remove,
    comment_restore,
    initiative_dismiss_reports,
    initiative_hide,
    initiative_restore_from_moderation,
    moderation_appeal,
    moderation_author_notify,
    moderation_decide,
    report_create,
)
from .partnerships import (
    answering_organisation,
    partnership_accept,
    partnership_answer_path,
    partnership_ask_again,
    partnership_decline,
    partnership_invite,
    partnership_request,
    partnership_withdraw,
)
from .progress import (
    progress_delete,
    progress_edit,
    progress_hide,
    progress_organisations,
    progress_post,
    progress_posted_notify,
    progress_restore,
)

__all__ = [
    "EditConflict",
    "InitiativeData",
    "RateLimited",
    "ReportOutcome",
    "answering_organisation",
    "comment_create",
    "comment_created_notify",
    "comment_dismiss_reports",
    "comment_hide",
    "comment_remove",
    "comment_restore",
    "comment_update",
    "initiative_archive",
    "initiative_change_status",
    "initiative_contact",
    "initiative_create",
    "initiative_discussion_close",
    "initiative_discussion_reopen",
    "initiative_dismiss_reports",
    "initiative_hide",
    "initiative_restore",
    "initiative_restore_from_moderation",
    "initiative_update",
    "moderation_appeal",
    "moderation_author_notify",
    "moderation_decide",
    "organisation_merge",
    "partnership_accept",
    "partnership_answer_path",
    "partnership_ask_again",
    "partnership_decline",
    "partnership_invite",
    "partnership_request",
    "partnership_withdraw",
    "progress_delete",
    "progress_edit",
    "progress_hide",
    "progress_organisations",
    "progress_post",
    "progress_posted_notify",
    "progress_restore",
    "report_create",
    "search_vectors_refresh",
    "sought_partners_announce",
    "sought_place_fill",
    "stale_initiatives_flag",
    "status_change_notify",
]
