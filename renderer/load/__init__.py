"""Stage 1: read YAML from ``content/`` and ``layout/`` into located nodes (no Python objects)."""

from .nodes import Map, Node, Scalar, Seq
from .source import SourceLimits, load_yaml, parse_yaml, read_source

__all__ = ["Map", "Node", "Scalar", "Seq", "SourceLimits", "load_yaml", "parse_yaml", "read_source"]
