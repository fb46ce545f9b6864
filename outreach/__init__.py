"""Outreach: encrypted, offline-first records for Living Well community mental health teams."""

__version__ = "0.1.0"
