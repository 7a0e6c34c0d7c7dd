# Thin shim for tooling that still calls setup.py; the project is defined in pyproject.toml.
from setuptools import setup

setup()
