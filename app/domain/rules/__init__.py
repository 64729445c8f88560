"""Each service's rules as data: the frozen rules object per service, the counties' own
settings, and the two subsidies' eligibility rules."""
