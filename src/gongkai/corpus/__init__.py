"""The corpus: thousands of annual reports imported, audited across years and agencies, aggregated.

Pure Python (never Django). The store is one DuckDB file (``store``); ``import_corpus`` fills it
with a process pool or a Dask cluster; ``checks.run`` adds the corpus findings; ``export`` writes
the tables; ``stats`` aggregates them. The parser is reached only through ``gongkai.report``.
"""

from .checks import run as check_corpus
from .importer import Summary, import_corpus

__all__ = ["Summary", "check_corpus", "import_corpus"]
