"""Who may change people's accounts in the admin panel. Reactivating one is in regions/rules.py, which knows
about suspensions."""

import rules

from .predicates import is_active_user, is_own_session, is_staff_account

# The admin panel's person form. Rights, addresses, passwords and the active flag are for superusers to change
# (moderators suspend instead, with a reason), and so are staff accounts as a whole; someone else who holds
# change_user (nobody does by default) changes only names and languages of ordinary accounts.
rules.add_perm("agendastad.change_account_rights", rules.is_superuser)
rules.add_perm("agendastad.change_account", rules.is_superuser | ~is_staff_account)

# The list of sessions (/account/sessions/): a person signs out one of their own, never anyone else's.
rules.add_perm("agendastad.end_session", is_active_user & is_own_session)
