"""All metadata is in setup.cfg; this shim lets pip do an editable install."""

from setuptools import setup

setup()
