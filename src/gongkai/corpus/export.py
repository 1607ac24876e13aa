"""``gongkai corpus export``: every table of the store written to a folder in one format.

CSV and Parquet are written by DuckDB itself (streaming, any size). XLSX (xlsxwriter, constant
memory) splits a table longer than Excel's 1,048,576 rows over several sheets (``cells``,
``cells_2``...). Stata 118 (pandas) keeps Chinese text (UTF-8); strings longer than Stata's 2045-byte
``str`` go to ``strL``, and booleans become 0/1 bytes, since Stata has no boolean type. pandas writes
a whole frame at once, so a table is written in parts of at most ``DTA_ROWS`` rows (``cells.dta``,
``cells_2.dta``..., joined in Stata by ``append using``), each read from DuckDB batch by batch:
memory stays bounded however large the store (``cells`` of 100,000 reports has ~21 million rows).
"""

from __future__ import annotations

import os

from . import store

FORMATS = ("csv", "xlsx", "parquet", "dta")
EXCEL_ROWS = 1_048_575  # one header row
DTA_ROWS = 200_000  # rows per .dta part (~250 MB of frame while it is written)
MEMORY_LIMIT = "256MB"


def _order(con, table: str) -> str:
    columns = [row[0] for row in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]
    return ", ".join(f'"{c}"' for c in columns)


def _query(con, table: str) -> str:
    # A stable row order, so that two exports of the same store are the same files.
    return f"SELECT * FROM {table} ORDER BY {_order(con, table)}"


def export(db: str, to: str, folder: str) -> list[str]:
    """Write every table of ``db`` to ``folder``; the paths written."""
    if to not in FORMATS:
        raise ValueError(to)
    os.makedirs(folder, exist_ok=True)
    con = store.connect(db, read_only=True)
    # DuckDB sorts each table for a stable order: beyond this it spills to disk instead of growing.
    con.execute(f"SET memory_limit = '{MEMORY_LIMIT}'")
    try:
        if to == "xlsx":
            return [_xlsx(con, os.path.join(folder, "corpus.xlsx"))]
        written = []
        for table in store.TABLES:
            if to == "dta":
                written.extend(_dta(con, table, folder))
                continue
            target = os.path.join(folder, f"{table}.{to}")
            options = "FORMAT csv, HEADER true" if to == "csv" else "FORMAT parquet"
            con.execute(f"COPY ({_query(con, table)}) TO '{_quoted(target)}' ({options})")
            written.append(target)
        return written
    finally:
        con.close()


def _quoted(path: str) -> str:
    return path.replace("'", "''")


def _batches(con, table: str, size: int = 10_000):
    """The table's rows in a stable order, as Arrow batches streamed from DuckDB (never all at once)."""
    relation = con.sql(_query(con, table))
    # DuckDB 2 names it to_arrow_reader; 1.x fetch_arrow_reader.
    return (getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader)(size)


def _xlsx(con, target: str) -> str:
    import xlsxwriter

    book = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_numbers": False,
                                        "strings_to_formulas": False, "strings_to_urls": False})
    for table in store.TABLES:
        reader = _batches(con, table)
        header = reader.schema.names
        sheet = book.add_worksheet(table)
        sheet.write_row(0, 0, header)
        part, row_no = 1, 0
        for batch in reader:
            for row in zip(*(column.to_pylist() for column in batch.columns), strict=True):
                if row_no == EXCEL_ROWS:
                    part += 1
                    sheet = book.add_worksheet(f"{table}_{part}")
                    sheet.write_row(0, 0, header)
                    row_no = 0
                row_no += 1
                sheet.write_row(row_no, 0, [_cell(v) for v in row])
    book.close()
    return target


def split_tables(db: str) -> dict[str, int]:
    """The tables too long for one Excel sheet, with the number of sheets each takes."""
    con = store.connect(db, read_only=True)
    try:
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0] for t in store.TABLES}
    finally:
        con.close()
    return {t: -(-n // EXCEL_ROWS) for t, n in counts.items() if n > EXCEL_ROWS}


def _cell(value):
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, bytes):
        return value.hex()
    return str(value)  # dates as ISO text: what a supervisor's spreadsheet shows


def _dta(con, table: str, folder: str) -> list[str]:
    """The table as one or more .dta files of at most ``DTA_ROWS`` rows (an empty table: one file)."""
    import pandas as pd
    import pyarrow as pa

    reader = _batches(con, table, min(DTA_ROWS, 100_000))
    written: list[str] = []
    parts: list[pa.RecordBatch] = []
    rows = 0

    def flush() -> None:
        name = table if not written else f"{table}_{len(written) + 1}"
        target = os.path.join(folder, f"{name}.dta")
        whole = pa.Table.from_batches(parts, schema=reader.schema)
        _dta_part(whole.to_pandas(types_mapper={pa.bool_(): pd.BooleanDtype()}.get), target)
        written.append(target)

    for batch in reader:
        while batch.num_rows:
            take = batch.slice(0, DTA_ROWS - rows)
            parts.append(take)
            rows += take.num_rows
            batch = batch.slice(take.num_rows)
            if rows == DTA_ROWS:
                flush()
                parts, rows = [], 0
    if rows or not written:
        flush()
    return written


def _dta_part(frame, target: str) -> None:
    strl = []
    for column in frame.columns:
        kind = frame[column].dtype
        if str(kind) in ("bool", "boolean"):
            frame[column] = frame[column].astype("float64").astype("Int8") if frame[column].isna().any() \
                else frame[column].astype("int8")
        elif str(kind).startswith("datetime"):
            frame[column] = frame[column].dt.strftime("%Y-%m-%d")
        if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
            values = frame[column].astype(object).where(frame[column].notna(), "")
            frame[column] = values.map(lambda v: v if isinstance(v, str) else str(v))
            if frame[column].map(lambda v: len(v.encode("utf-8"))).max() > 2045:
                strl.append(column)
    frame.to_stata(target, write_index=False, version=118, convert_strl=strl or None)
