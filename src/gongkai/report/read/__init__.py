"""Readers turn a source file into a grid of raw rows; alignment to the schema happens later.

Every reader (text and Markdown here; HTML, DOCX and PDF beside it) produces the same
``grid.RawDocument`` so that one alignment step serves every kind of input.
"""
