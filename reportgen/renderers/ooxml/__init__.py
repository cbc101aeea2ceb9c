"""The Office XML core the Word and PowerPoint renderers share (being gathered here: issue 13).

Today it holds `images`: one reading of an image's pixel size and resolution for both renderers.
"""
