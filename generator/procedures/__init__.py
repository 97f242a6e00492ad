"""Procedures (thủ tục hành chính): the record, its derived facts and its pages."""
