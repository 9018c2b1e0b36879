"""What the register tells other apps, without depending on them."""

from django.dispatch import Signal

# Sent once a GIAS import is committed: pages computed from the register are out of date.
register_imported = Signal()
