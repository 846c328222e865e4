"""The cleaning stage's parts: text scrapes, HTML pages, source profiles, learned boilerplate."""
