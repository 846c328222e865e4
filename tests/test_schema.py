import pyarrow as pa

from tasks.schema import MANIFEST, TABLES, render_markdown
from tasks.write import ROW_BUILDERS, build_tables

from .conftest import REPO


def test_schema_doc_is_generated_from_the_schema_module():
    assert (REPO / "SCHEMA.md").read_text() == render_markdown(), \
        "SCHEMA.md is stale: run `python -m tasks.schema > SCHEMA.md`"


def test_every_column_is_documented_and_every_table_has_a_row_builder():
    assert ROW_BUILDERS.keys() == TABLES.keys()
    for table in [*TABLES.values(), MANIFEST]:
        assert len(set(table.column_names)) == len(table.column_names), table.name
        for field in table.schema:
            assert field.metadata[b"description"].strip(), (table.name, field.name)


def test_sample_rows_fit_the_schema_exactly(sample_documents):
    tables = build_tables(sample_documents, run_id="test")
    for name, table in tables.items():
        assert table.schema.equals(TABLES[name].schema, check_metadata=False), name
    assert tables["articles"].num_rows == 3
    assert tables["rejects"].num_rows == 0
    # Non-nullable columns really hold no nulls.
    for name, table in tables.items():
        for field in TABLES[name].schema:
            if not field.nullable:
                assert table.column(field.name).null_count == 0, (name, field.name)


def test_empty_batch_still_has_full_schemas():
    for name, table in build_tables([], run_id="test").items():
        assert table.num_rows == 0 and table.schema.names == TABLES[name].column_names
        assert isinstance(table, pa.Table)
