"""Demo content beyond the catalogue: a year of order history made through the real
services (``history.seed_history``), so that dashboards and reports have data on a fresh
machine. The top of the package graph: it may import any package, and only the command
line imports it."""
