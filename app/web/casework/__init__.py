"""Casework (审核/审批): the staff queue, the staff view of an application, and decisions.

Views are thin: the status machine decides what may happen, app.domain.access.policies who may see
what (404 otherwise), and every view of an application and every change is written to the audit
log. Changes go POST → redirect → GET; a page is shown again only to explain a problem.

- words: statuses, buttons, confirmations and tasks in the words staff use
- loading: an application with the access policy, names for lists
- queues: the area's queue, the decision queue, the search
- page: the staff page of one application
- changes: actions, stages, notes and assignments sent from that page
"""

from app.web.casework import changes, page, queues  # noqa: F401  (their routes)
from app.web.casework.blueprint import casework

__all__ = ["casework"]
