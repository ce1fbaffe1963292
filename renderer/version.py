"""The tool's version, written only here (pyproject.toml reads it); it goes into each PDF's Producer."""

VERSION = "0.1.0"
