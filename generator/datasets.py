"""The datasets the site publishes, in the order of the navigation and of the home page."""

from __future__ import annotations

from generator.feedback.dataset import FEEDBACK
from generator.procedures.dataset import PROCEDURES
from generator.site.dataset import AnyDataset

DATASETS: tuple[AnyDataset, ...] = (PROCEDURES, FEEDBACK)
"""Every dataset of a default site."""
