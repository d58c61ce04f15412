"""copsite: publish a Community of Practice handbook with MkDocs and Material."""

__version__ = "0.1.0"
