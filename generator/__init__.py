"""congkhai: publish an agency's administrative procedures as a searchable static site."""

__version__ = "0.1.0"
