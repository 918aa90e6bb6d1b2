"""The build tests write fake figure scripts with the fault suite's helper (tests/faults/faultkit.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1] / "faults"))
