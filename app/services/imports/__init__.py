"""Import of participants, organisations and job offers from XLSX/CSV (issue #19).

``reader`` reads the sheet (header row found below title rows, empty and total rows left out,
the spreadsheet's row numbers kept), ``values`` reads cells (dates, PLZ, yes/no,
vocabularies), ``mapping`` says which column is which field (suggested, remembered, given),
``plan`` checks and creates one row through the services, ``run`` is the preview and the
all-or-nothing import.
"""
