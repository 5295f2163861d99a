"""zengshou (增收): quarterly progress reporting for Guilin's income plan.

The package is a library first; :mod:`zengshou.cli` is a thin wrapper around it.
"""

__version__ = "0.1.0"
