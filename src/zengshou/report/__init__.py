"""The quarterly report: the merge (``merge``) builds a complete model (``model``), which the
renderers (``docx``, ``xlsx``, ``html``) lay out without reading anything.

The library builds and renders; ``zengshou.cli.merge`` decides where files go and what to say.
"""
