"""The `toyviz` subcommands that are not part of a topic package.

They live here, outside `toyviz.toy` and `toyviz.ica`, because importing a module inside an engine
package runs that package's `__init__` (torch, scipy): these modules import the engines only inside
their handlers, so `toyviz --help` and `toyviz figures list` stay instant.
"""
