"""Imported once by the process pool's fork server (flows/pool.py): importing it loads every stage
and the tables they use, then settles the heap. Each worker is forked from that server, so it
starts ready in milliseconds and shares those pages with its siblings, instead of spending ~3 s
importing Prefect and the stages on the run's critical path (measured; see benchmarks/README.md).
benchmarks/run_bench.py imports it too, so that its one-process run starts as warm."""

from __future__ import annotations

import sys
import traceback

import prefect.task_engine  # noqa: F401  what a worker needs to run a task run
from prefect.plugins import load_prefect_collections

import flows.process_articles  # noqa: F401  the tasks a worker is sent, unpickled by reference
from flows.runtime import settle_once
from tasks.clean import clean_documents
from tasks.document import Document
from tasks.segment import segment_documents
from tasks.tag import tag_documents
from tasks.write import build_tables

# Two small articles whose cleaning, segmenting, tagging and table building load every table and
# module the stages use (building Arrow tables from Python objects imports pandas: ~1 s).
WARM_UP_ARTICLES = {
    "text": "Breaking News\nOfficials meet in Geneva\n\nGENEVA — The United Nations said on March 3, "
            "2025, that 10,000 people had fled. “We are doing everything we can,” Secretary-General "
            "António Guterres told reporters. Two-thirds of them are children, he added.\n",
    "html": "<html><head><title>Talks resume in Baghdad</title></head><body><article><h1>Talks resume "
            "in Baghdad</h1><p>Iraqi Prime Minister Mohammed Shia al-Sudani said the Islamic State "
            "still had about 2,000 fighters. « Nous restons vigilants », a déclaré le ministre.</p>"
            "</article></body></html>",
}


def warm_up() -> None:
    docs = [Document(source_path=f"warm-up.{fmt}", size=len(text), mtime_ns=0, raw_text=text,
                     input_format=fmt) for fmt, text in WARM_UP_ARTICLES.items()]
    build_tables(tag_documents(segment_documents(clean_documents(docs))), run_id="warm-up")


# Prefect imports every installed collection (prefect-dask, and with it dask.distributed) when a
# worker first rebuilds its task run's context.
load_prefect_collections()
try:
    warm_up()
except Exception:  # a failed warm-up costs only time: the first batch loads the tables itself
    traceback.print_exc(file=sys.stderr)
settle_once()
