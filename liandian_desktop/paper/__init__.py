"""Printable forms and PDFs (ReportLab): sign-in sheets, evaluation forms, inspection reports. No Qt."""
