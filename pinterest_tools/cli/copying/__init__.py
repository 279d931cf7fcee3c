"""The copy engine behind copy_pin and copy_board: what a pin becomes when copied
(``pin_copy``), the board copier (``board_copy``), its journal and the journal's checks
(``copy_journal``, ``journal_check``), ordered output and counts (``copy_report``), and
when to retry, stop and pace (``copy_retry``).
"""
