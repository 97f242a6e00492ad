"""Procedures (thủ tục hành chính): the record, its derived facts and its pages."""

from pathlib import Path

from generator.core.render import add_templates

add_templates("procedures", Path(__file__).parent / "templates")
