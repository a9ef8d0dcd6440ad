"""The one module that imports Qt. Screens import Qt names from here, never from PySide6 directly.

Keeping every Qt import here lets one file decide the binding and its version quirks (see PLATFORM-NOTES:
PySide6 6.12.0 on CPython 3.11 must not be used), and lets ``tests/test_architecture.py`` keep the core free
of Qt.
"""

import typing
from typing import Any

from PySide6 import QtCore, QtGui, QtWidgets
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QBuffer,
    QByteArray,
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QIODevice,
    QItemSelectionModel,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    QSizeF,
    QStandardPaths,
    Qt,
    QThread,
    QThreadPool,
    QTime,
    QTimer,
    QTranslator,
    QUrl,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QCursor,
    QDesktopServices,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QFontDatabase,
    QFontMetrics,
    QGuiApplication,
    QIcon,
    QImage,
    QKeyEvent,
    QKeySequence,
    QPageLayout,
    QPageSize,
    QPainter,
    QPalette,
    QPen,
    QPixmap,
    QShortcut,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QStyle,
    QStyledItemDelegate,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QToolButton,
    QToolTip,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if typing.TYPE_CHECKING:  # loaded on first use (see __getattr__ below); typed here for mypy
    from PySide6 import QtCharts as QtCharts
    from PySide6 import QtPdf as QtPdf
    from PySide6 import QtPdfWidgets as QtPdfWidgets
    from PySide6 import QtPrintSupport as QtPrintSupport

# ``translate("Context", "中文原文")``: the call pyside6-lupdate recognises (an alias would not be).
translate = QCoreApplication.translate

QT_VERSION = QtCore.qVersion()


def __getattr__(name: str) -> Any:
    """Modules only some screens need (printing) load on first use, not at start-up:
    ``from liandian_desktop.gui.qt import QtPrintSupport`` works as usual."""
    if name == "QtPrintSupport":
        from PySide6 import QtPrintSupport

        return QtPrintSupport
    if name == "QtCharts":  # the KPI dashboard's charts; not needed at start-up
        from PySide6 import QtCharts

        return QtCharts
    if name == "QtPdf":  # print preview and printing of rendered PDFs (gui/printing.py)
        from PySide6 import QtPdf

        return QtPdf
    if name == "QtPdfWidgets":
        from PySide6 import QtPdfWidgets

        return QtPdfWidgets
    raise AttributeError(name)


__all__ = [
    "QT_TRANSLATE_NOOP",
    "QT_VERSION",
    "QAbstractItemDelegate",
    "QAbstractItemView",
    "QAbstractTableModel",
    "QAction",
    "QApplication",
    "QBrush",
    "QBuffer",
    "QButtonGroup",
    "QByteArray",
    "QCheckBox",
    "QColor",
    "QComboBox",
    "QCoreApplication",
    "QCursor",
    "QDate",
    "QDateEdit",
    "QDateTime",
    "QDateTimeEdit",
    "QDesktopServices",
    "QDialog",
    "QDialogButtonBox",
    "QDoubleSpinBox",
    "QDragEnterEvent",
    "QDropEvent",
    "QEvent",
    "QFileDialog",
    "QFont",
    "QFontDatabase",
    "QFontMetrics",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QIODevice",
    "QIcon",
    "QImage",
    "QItemSelectionModel",
    "QKeyEvent",
    "QKeySequence",
    "QLabel",
    "QLayout",
    "QLayoutItem",
    "QLibraryInfo",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QMainWindow",
    "QMenu",
    "QMessageBox",
    "QModelIndex",
    "QObject",
    "QPageLayout",
    "QPageSize",
    "QPainter",
    "QPalette",
    "QPen",
    "QPersistentModelIndex",
    "QPixmap",
    "QPlainTextEdit",
    "QPoint",
    "QPointF",
    "QProgressDialog",
    "QPushButton",
    "QRadioButton",
    "QRect",
    "QRectF",
    "QScrollArea",
    "QShortcut",
    "QShowEvent",
    "QSize",
    "QSizeF",
    "QSizePolicy",
    "QSpinBox",
    "QSplitter",
    "QStackedWidget",
    "QStandardItem",
    "QStandardItemModel",
    "QStandardPaths",
    "QStatusBar",
    "QStyle",
    "QStyledItemDelegate",
    "QTabWidget",
    "QTableView",
    "QTableWidget",
    "QTableWidgetItem",
    "QTextBrowser",
    "QThread",
    "QThreadPool",
    "QTime",
    "QTimer",
    "QToolButton",
    "QToolTip",
    "QTranslator",
    "QTreeWidget",
    "QTreeWidgetItem",
    "QUrl",
    "QVBoxLayout",
    "QWidget",
    "Qt",
    "QtCore",
    "QtGui",
    "QtWidgets",
    "Signal",
    "Slot",
    "translate",
]
