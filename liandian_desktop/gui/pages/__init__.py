"""One module per screen of the main window (see ``gui/navigation.py`` for the order)."""
