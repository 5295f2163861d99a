"""``zengshou serve``: a self-hosted 收集表 over the data directory.

Each unit gets a secret link per quarter, fills its rows in the browser and saves them through
the same writer as ``zengshou new`` (:func:`zengshou.writer.render_form`, written atomically);
the coordinator watches a live dashboard. The YAML files under ``progress/`` stay the one source
of truth: the server keeps only its own state (token hashes, the password hash, locks, history)
in ``<data>/.zengshou-serve/`` (:mod:`zengshou.web.state`), which ``validate`` never reads.

Modules: :mod:`state` (what is kept on disk), :mod:`security` (signing, CSRF, passwords, rate
limits), :mod:`store` (a unit's rows: read, check, save), :mod:`app` (the Starlette routes).
"""
