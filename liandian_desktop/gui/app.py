"""Start-up of the desktop app. The full workbench is its own piece of work; until it lands this opens a
window that says which ledger is open and what it holds."""

from __future__ import annotations

import sys

from liandian_desktop.gui.qt import QApplication, QCoreApplication, QLabel, QMainWindow, Qt, QTimer
from liandian_desktop.ledger.services.overview import LedgerOverview


def tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class MainWindow(QMainWindow):
    def __init__(self, overview: LedgerOverview) -> None:
        super().__init__()
        self.setWindowTitle(tr("联点共建桌面端"))
        lines = [
            tr("台账：") + str(overview.path),
            tr("乡镇（街道）：") + (overview.township_name or tr("（尚未建立）")),
        ]
        lines += [f"{label}：{count}" for label, count in overview.counts]
        label = QLabel("\n".join(lines))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setCentralWidget(label)
        self.resize(640, 480)


def run(overview: LedgerOverview, *, smoke: bool = False) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = MainWindow(overview)
    window.show()
    if smoke:
        QTimer.singleShot(0, app.quit)
    return app.exec()
