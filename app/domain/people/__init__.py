"""People and their accounts: who someone is, and how sure the portal is of it.

Sign-up, sign-in, passwords, codes and sessions; identity numbers and the levels of identity;
agents (代办人) and the limits on inviting them; the disability card's life, deaths, the person
file, display settings, and the facts other departments hold (shared data). What a person may
see or do is access's; what they applied for is casework's.
"""
