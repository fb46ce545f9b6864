"""The sync contract (``protocol``), its client end (``client``) and the server (``server``).

Nothing here imports the desktop app's store, ops or UI; the server may use
``outreach.core`` (pure Python) for the shared record and merge rules.
"""
