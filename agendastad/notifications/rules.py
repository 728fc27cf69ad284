"""Who may follow and read notifications: the one place these decisions are made."""

import rules

from agendastad.accounts.predicates import is_active_user, is_verified_person

from .predicates import is_recipient, may_see_target

rules.add_perm("agendastad.follow", is_verified_person & may_see_target)
# Anyone signed in may stop following, verified or not: following was never theirs to lose.
rules.add_perm("agendastad.unfollow", is_active_user)
rules.add_perm("agendastad.view_notifications", is_active_user)
rules.add_perm("agendastad.read_notification", is_active_user & is_recipient)
rules.add_perm("agendastad.change_notification_preferences", is_active_user)
