"""People and their accounts: sign-in, identity numbers and levels, agents, the disability card,
deaths, and the facts other departments hold."""
