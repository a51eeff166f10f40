"""Linear programs for the staffing bounds, solved by HiGHS in a child process of their own.

Why a package apart from `engine.staffing`: HiGHS and OR-Tools clash when loaded into one
process, so the bounds' LPs run in a freshly spawned child (`child.py`) that must never
import OR-Tools, directly or through anything it imports. Everything here, the LP
container, the child's entry points and the column generation that runs inside the child
(`colgen.py`), stays free of OR-Tools; the CP-SAT side lives in `engine.staffing` and only
hands picklable jobs over. An import-linter contract forbids `ortools` in this package.

`colgen` is not imported here: it compiles with Numba, which a child solving plain LPs
does not need to load.
"""

from .child import LinearProgram, LpJob, csr, solve_lps

__all__ = ["LinearProgram", "LpJob", "csr", "solve_lps"]
