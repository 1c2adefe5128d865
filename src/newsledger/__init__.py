"""newsledger: a sourced ledger of who said what and what happened, across news articles."""

__version__ = "0.1.0"
