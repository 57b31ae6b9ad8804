"""bomca-extract: press releases in, tidy tables of facts out."""

__version__ = "0.1.0"
