"""Benchmarks against the performance budgets in DESIGN.md. Run them all with
``make bench`` (``python -m bench``); each prints a table and writes JSON to
``bench/results/``."""
