"""Printable forms and PDFs (ReportLab): sign-in sheets, evaluation forms, the matching list, inspection
reports, and keying paper back in. No Qt: the GUI's print preview and keying screen call these.

Public API (import from the modules; this package imports nothing, so ``liandian print`` starts fast):

- ``signin.render_signin(store, code, volunteer=, copy=)``  签到表 / 志愿服务签到表 → ``PaperDocument``
- ``evaluation.render_evaluation(store, code, copies=)``    测评表 for an activity (HD…) or a work order (GD…)
- ``matching.render_matching(store, quarter, copy=)``       供需对接会匹配清单
- ``inspection.render_inspection(store, scope=, period=, copy=, progress=, cancelled=)``  督查材料
- ``document.save_pdf(store, document, path, operator=)``   write the file and log personal data
- ``document.record_print(store, document, printer, operator=)``  log a document sent to a printer
- ``privacy.Copy(public=, unmasked=)``                      which copy: internal, unmasked, public
- ``keying.open_sheet / apply_sheet / record_volunteer_hours``   key a sign-in sheet back in
- ``keying.open_evaluations / apply_evaluations``           key evaluation forms back in
- ``definitions.load_definition(name, dirs)``               a checked form definition (forms/*.toml)
- ``layout.write_layouts(folder)``                          forms/<id>.layout.json from the definitions
- ``printcode.parse_code(text)``                            a QR payload or a typed code
- ``fonts.check_printable(items)``                          names no bundled font can draw, before printing
- ``targets.activities_to_print(store, query, since=)``    the print screen's activities, upcoming first
"""
