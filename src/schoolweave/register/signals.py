"""What the register tells other apps, without depending on them."""

from django.dispatch import Signal

# Sent inside a GIAS import's transaction: pages computed from the register will be out of
# date. A receiver that acts on it waits for the commit (transaction.on_commit).
register_imported = Signal()
