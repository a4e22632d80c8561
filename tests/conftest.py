"""Make the project root importable (build.py's packages: sitegen, calculator, tools)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
