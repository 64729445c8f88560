"""Files people give the portal: documents and guide videos.

Uploaded documents checked by their content and stored under random names, documents brought
on paper, and those reused from earlier applications; guide videos with their records, video
and caption files checked before they are stored, and the rule for publishing them. Which
documents a service asks for is the service definition's (app/services), not this package's.
"""
