"""Each service's rules as data.

The frozen rules object per service (its stages, deciding body, time limits, what counties
set), the counties' own settings, and the two subsidies' eligibility rules as the pre-check
explains them. A rule that differs by service belongs here as data, read by the code that
applies it; the titles and forms a service adds are its definition's (app/services).
"""
