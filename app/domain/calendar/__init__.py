"""Working days and the deadlines counted in them.

The national work calendar and the years administrators enter from the State Council's notice,
each status's deadline (provincial defaults and a county's own), and the open deadlines counted
again when a year is entered or corrected. Anything counted in 工作日 asks this package rather
than adding days itself.
"""
