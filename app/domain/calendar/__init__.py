"""Working days (the national calendar and the years administrators enter) and the deadlines
counted in them."""
