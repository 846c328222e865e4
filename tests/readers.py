"""Read a table the way each of our users' tools does, so tests can check they all agree."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pyarrow.dataset as ds


def glob(out: Path, table: str) -> str:
    return f"{out}/{table}/**/*.parquet"


def with_pyarrow(out: Path, table: str) -> pa.Table:
    return ds.dataset(out / table, format="parquet", partitioning="hive").to_table()


def with_duckdb(out: Path, table: str) -> pa.Table:
    return duckdb.sql(f"select * from read_parquet('{glob(out, table)}', hive_partitioning = true)").arrow().read_all()


def with_polars(out: Path, table: str) -> pl.DataFrame:
    return pl.scan_parquet(glob(out, table), hive_partitioning=True).collect()


def with_pandas(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / table)


def row_counts(out: Path, table: str) -> dict[str, int]:
    return {
        "pyarrow": with_pyarrow(out, table).num_rows,
        "duckdb": with_duckdb(out, table).num_rows,
        "polars": with_polars(out, table).height,
        "pandas": len(with_pandas(out, table)),
    }


def snapshot(out: Path, table: str) -> list[tuple]:
    """The table's rows, sorted, without the columns that legitimately differ between runs."""
    data = with_pyarrow(out, table)
    if "run_id" in data.column_names:
        data = data.drop_columns(["run_id"])
    return sorted(tuple(str(v) for v in row.values()) for row in data.to_pylist())
