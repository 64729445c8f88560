"""The two subsidies after the decision: entitlements and their changes, amounts, the monthly
payments, statements, yearly reviews, rosters and outreach."""
