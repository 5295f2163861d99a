"""The quarterly report: the merge (``model``) and its renderings (``xlsx``, ``html``).

The library builds and renders; ``zengshou.cli.merge`` decides where files go and what to say.
"""
