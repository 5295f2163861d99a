"""zengshou (增收): quarterly progress reporting for Guilin's income plan.

The package is a library first (:mod:`zengshou.api`: ``zengshou.validate("data")``,
``zengshou.merge("data", "2023Q2")``, …); :mod:`zengshou.cli` is a thin wrapper around it.
"""

__version__ = "0.2.0"

#: what ``import zengshou`` offers (:mod:`zengshou.api`), imported on first use so that
#: ``import zengshou`` (every command's start-up) stays cheap
_API = (
    "FORMATS",
    "MergeBlocked",
    "Workspace",
    "ZengshouError",
    "import_forms",
    "merge",
    "open_workspace",
    "render_report",
    "quarter_status",
    "report_name",
    "template",
    "validate",
)
__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name in _API:
        import importlib

        # by name, not an import statement: the package's own modules import it for
        # __version__, and the API sits above all of them (pyproject.toml, the layers)
        return getattr(importlib.import_module("zengshou.api"), name)
    raise AttributeError(f"module 'zengshou' has no attribute {name!r}")
