"""The application wizard: one engine for every service, for residents, agents and the counter.

POST → save → redirect → GET. Each valid step is saved on the server when it is sent; "save and
come back later" keeps even an unfinished page.

- draft: the application with the access policy, the wizard's context, who makes it
- starting: starting, carrying on, the list of one's applications, deleting a draft
- steps: the step pages
- document_pages: uploading, reusing, promising and removing documents
- sending: checking, the declaration, sending, the receipt, the application as sent
"""

from app.web.apply import document_pages, sending, starting, steps  # noqa: F401  (their routes)
from app.web.apply.blueprint import apply

__all__ = ["apply"]
