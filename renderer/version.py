"""The tool's version (also in pyproject.toml); it goes into each PDF's Producer."""

VERSION = "0.1.0"
