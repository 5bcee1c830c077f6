"""`python -m engine.diagnostic_codes [FILE]`: write docs/diagnostics.md (or FILE) from the registry."""
import sys
from pathlib import Path

from engine.diagnostic_codes import DOC_PATH, markdown
from engine.files import atomic_write

target = Path(sys.argv[1] if len(sys.argv) > 1 else Path(__file__).resolve().parents[2] / DOC_PATH)
with atomic_write(target) as f:
    f.write(markdown())
print(target)
