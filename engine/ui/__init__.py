"""Widgets on the 2D overlay: HUD, subtitles, cards, quiz panel, passport, toasts, fonts."""
