"""Who may see and do what (one function per rule), the audit log of it, and the channel an
action came by."""
