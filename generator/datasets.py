"""The datasets the site publishes, in the order of the navigation and of the home page."""

from __future__ import annotations

from generator.feedback.dataset import FEEDBACK
from generator.plan.dataset import PLAN, REPORTS, UNITS
from generator.procedures.dataset import PROCEDURES
from generator.site.dataset import AnyDataset
from generator.statistics.dataset import STATISTICS

DATASETS: tuple[AnyDataset, ...] = (PROCEDURES, FEEDBACK, UNITS, PLAN, REPORTS, STATISTICS)
"""Every dataset of a default site."""
