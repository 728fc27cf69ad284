"""Who may follow and read notifications: the one place these decisions are made."""

import rules

from regions.predicates import is_active_user, is_moderator, is_suspended_target, is_verified_person

from .predicates import is_recipient, is_staff_account, may_see_target

rules.add_perm("agendastad.follow", is_verified_person & may_see_target)
# Anyone signed in may stop following, verified or not: following was never theirs to lose.
rules.add_perm("agendastad.unfollow", is_active_user)
rules.add_perm("agendastad.view_notifications", is_active_user)
rules.add_perm("agendastad.read_notification", is_active_user & is_recipient)
rules.add_perm("agendastad.change_notification_preferences", is_active_user)

# The admin panel's person form. Rights, addresses, passwords and the active flag are for superusers to change
# (moderators suspend instead, with a reason), and so are staff accounts as a whole; someone else who holds
# change_user (nobody does by default) changes only names and languages of ordinary accounts.
rules.add_perm("agendastad.change_account_rights", rules.is_superuser)
rules.add_perm("agendastad.change_account", rules.is_superuser | ~is_staff_account)
# An account deactivated at its owner's request, reactivated when they change their mind (an action on People).
rules.add_perm(
    "agendastad.reactivate_account",
    rules.is_superuser | (is_verified_person & is_moderator & ~is_staff_account & ~is_suspended_target),
)
