"""Roster files, read and checked without Django.

A school admin's spreadsheet is the least trustworthy input Zuoye receives: titles above the
header row, merged cells, formulas, ID numbers that Excel turned into floats, CSV saved in GBK.
This package turns such files into plain rows and a complete list of problems, each with its
place (file, sheet, row, column), so the app can refuse the whole file and tell the admin
everything to fix at once. It knows nothing about the database: checks that need stored data
(does this class exist, whose 学籍号 is this) live in :mod:`zuoye.rosters.services`.

Modules: :mod:`.problems` (what went wrong, where), :mod:`.sniff` (what kind of file is this),
:mod:`.xlsx` and :mod:`.csvfile` (cells out of files), :mod:`.columns` (finding the header row),
:mod:`.values` (one cell's text, name, phone …), :mod:`.students` and :mod:`.teachers` (rows),
:mod:`.oneroster` (IMS OneRoster 1.2 CSV).
"""
