"""newsledger: a sourced ledger of who said what and what happened, across news articles.

    from newsledger import process_files
    ledger = process_files(["articles/"])
    ledger.table("statements")
"""

from .errors import InputError, NewsledgerError
from .ledger import Ledger, process_files, process_texts
from .options import Options
from .records import (
    Article,
    Claim,
    Discrepancy,
    Entity,
    Event,
    Quantity,
    Statement,
    Story,
    TimeValue,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Claim",
    "Discrepancy",
    "Entity",
    "Event",
    "InputError",
    "Ledger",
    "NewsledgerError",
    "Options",
    "Quantity",
    "Statement",
    "Story",
    "TimeValue",
    "process_files",
    "process_texts",
]
