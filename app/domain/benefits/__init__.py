"""The two subsidies after the decision: what a granted allowance becomes and how it is paid.

Entitlements and the changes reported or decided on them, the monthly amounts as data, the
payment run and the statements people read, the yearly review, and the 低保/特困 rosters with
the outreach to those missed. Anything that happens to an allowance once it is granted belongs
here; deciding the application that grants it is casework's, its eligibility rules are rules'.
"""
