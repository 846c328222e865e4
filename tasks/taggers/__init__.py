"""The tag stage's taggers: plain functions over one Document, sequenced by tasks/tag.py."""
