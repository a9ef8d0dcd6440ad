"""The desktop app (PySide6). The only package that imports Qt, and only through ``gui.qt``.

Layout:

* ``app``          start-up (fonts, language, the ledger, the window), ``liandian gui --smoke``
* ``tasks``        background work: a read pool, ONE writer thread, progress and cancellation
* ``context``      what a screen is handed: services, tasks, the township, lookups (no globals)
* ``listing``      the list framework: a table model over pages of ``service.list()`` (SQL sort/search)
* ``forms``        the record form framework: fields → dialog → service call → errors next to fields
* ``screen``       ``Screen`` (a page) and ``RecordBrowser`` (a list + forms + delete/undo + actions)
* ``mainwindow``   navigation, the page stack, the status bar; ``navigation`` lists the pages
* ``pages/``       one module per screen

Adding a screen::

    class DemandsBrowser(RecordBrowser):
        kind = "demands"                                   # what ctx.data_changed reports
        def noun(self): return self.tr("需求", "noun")
        def service(self): return self.ctx.demands          # list/get/delete/restore come from it
        def columns(self): return [col(self.tr("标题"), "title"), col(self.tr("状态"), "status")]
        def filters(self): return [enum_filter("status", DemandStatus, self.tr("全部状态"))]
        def fields(self, record): return [Field("title", self.tr("标题"), required=True), ...]
        def create_record(self, values): return self.ctx.demands.create(self.ctx.township_id, **values)
        def edit_record(self, record, changes): return self.ctx.demands.edit(record.id, **changes)

    class DemandsScreen(BrowserScreen):
        browser_class = DemandsBrowser

then add ``PageSpec("lists", translate("Navigation", "三张清单与对接会"), factory)`` in ``navigation.py`` and
run ``tools/build_translations.py``. Extra buttons: return ``RecordAction`` s from ``record_actions()``; a
detail panel: ``detail_panel()`` / ``show_detail(record)``.
"""
