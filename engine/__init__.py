"""Ludao (鹭岛): a gamified 3D landmark virtual-tour engine on Panda3D."""

__version__ = "0.1.0"
