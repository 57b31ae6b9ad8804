"""bomca-extract: press releases in, tidy tables of facts out."""

__version__ = "0.1.0"
# Part of the cache key of a document's rows: bump when extraction output changes.
PIPELINE_VERSION = f"{__version__}+rules1"
