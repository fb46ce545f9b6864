"""The domain core: record kinds, validation, rules, scoring and indicators.

Pure Python. Nothing here imports Qt, SQL drivers or the network; the store, the ops, the
server and the UI all build on it.
"""
