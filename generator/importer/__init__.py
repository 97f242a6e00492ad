"""Import procedures from the national portal (Cổng Dịch vụ công quốc gia); review records against it."""

from generator.importer.report import ImportReport
from generator.importer.run import import_records

__all__ = ["ImportReport", "import_records"]
