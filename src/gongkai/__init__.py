"""gongkai (公开): government information disclosure, from daily casework to the annual report."""

__version__ = "0.1.0"
