"""Who may see and do what, and the record that they did.

One function per access rule (policies), which every view and list asks instead of testing
roles itself; the audit log of who viewed or changed whose personal data; and the channel an
action came by (online, counter), decided in one place. A new page that shows personal data
needs a rule here and an audit entry; what a role may do to an application's status is the
status machine's (casework).
"""
