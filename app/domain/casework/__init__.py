"""An application from its draft to the decision, and the work on it.

Its answers and who made it (the only modules that read those JSON records), drafts, sending,
the status machine and each service's stages, the staff queue and assignment, jurisdiction and
the deciding bodies, the checks before a decision, and the one application made of several
parts. A change to how an application moves belongs here; what a service's rules are is rules',
what follows a granted allowance is benefits'.
"""
