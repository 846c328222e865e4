"""newsprep: scraped news articles in, a clean, segmented, tagged Parquet dataset out."""
