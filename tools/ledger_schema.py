"""Write docs/ledger.schema.json, the export's contract, from the record kinds (newsledger.contract).

    python tools/ledger_schema.py > docs/ledger.schema.json

tests/test_contract.py fails when the committed file drifts from the records.
"""

from __future__ import annotations

import sys

from newsledger.contract import schema_text

if __name__ == "__main__":
    sys.stdout.write(schema_text())
