"""The PySide6 desktop application: widgets, item models and dialogs (never SQL)."""
