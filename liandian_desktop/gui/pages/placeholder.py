"""A named place in the navigation for a screen another piece of work provides (KPI, paper, sync, Excel)."""

from __future__ import annotations

from liandian_desktop.gui.context import AppContext
from liandian_desktop.gui.qt import QLabel, Qt, QVBoxLayout, QWidget
from liandian_desktop.gui.screen import Screen
from liandian_desktop.gui.widgets import page_header


class PlaceholderScreen(Screen):
    def __init__(
        self, ctx: AppContext, title: str, provider: str, details: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(page_header(title))
        self.message = QLabel(provider)
        self.message.setObjectName("PlaceholderMessage")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setStyleSheet("font-size: 15pt; color: #6b7280; padding: 40px;")
        layout.addStretch(1)
        layout.addWidget(self.message)
        if details:
            more = QLabel(details)
            more.setAlignment(Qt.AlignmentFlag.AlignCenter)
            more.setWordWrap(True)
            more.setObjectName("Muted")
            layout.addWidget(more)
        layout.addStretch(2)
