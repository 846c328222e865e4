import pyarrow as pa

from tasks.document import Document, Reject
from tasks.schema import MANIFEST, TABLES, render_markdown
from tasks.write import COLUMN_BUILDERS, build_tables

from .conftest import REPO


def test_schema_doc_is_generated_from_the_schema_module():
    assert (REPO / "SCHEMA.md").read_text() == render_markdown(), \
        "SCHEMA.md is stale: run `python -m tasks.schema > SCHEMA.md`"


def test_every_column_is_documented_and_every_table_has_a_column_builder():
    assert COLUMN_BUILDERS.keys() == TABLES.keys()
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


def test_column_builders_give_exactly_the_schema_columns(sample_documents):
    # Arrow takes the schema's columns from the mapping and ignores any other key: a misspelt
    # column would otherwise fail only as a missing one, and an extra one not at all.
    rejected = Document(source_path="empty.txt", size=0, mtime_ns=0, doc_id="0" * 16,
                        reject=Reject("read", "empty", "the file is empty or only whitespace"))
    for name, builder in COLUMN_BUILDERS.items():
        docs = [rejected] if name == "rejects" else sample_documents
        columns = builder(docs, "test")
        assert list(columns) == TABLES[name].column_names, name
        assert len({len(values) for values in columns.values()}) == 1, name
    rejects = build_tables([*sample_documents, rejected], run_id="test")["rejects"].to_pylist()
    assert rejects == [{"source_path": "empty.txt", "doc_id": "0" * 16, "stage": "read",
                        "reason": "empty", "detail": "the file is empty or only whitespace",
                        "content_hash": None, "run_id": "test"}]


def test_empty_batch_still_has_full_schemas():
    for name, table in build_tables([], run_id="test").items():
        assert table.num_rows == 0 and table.schema.names == TABLES[name].column_names
        assert isinstance(table, pa.Table)
