"""The procedure's roles (P/SMM/KOM/001 clauses 3, 6.1, 6.5, 6.7, 6.8), named once for the code."""

ACCOUNT_EXECUTIVE = "ANTARA Account Executive"  # hands the documents over (6.5)
ASSISTANT_MANAGER = "ANTARA Assistant Manager"  # verifies orders when assigned (6.5)
MANAGER = "ANTARA Manager"  # chairs the weekly meeting (6.1), reviews contracts
GENERAL_MANAGER = "ANTARA General Manager"  # supervises (6.1), signs contracts first (6.7)
TECHNICAL = "ANTARA Technical"  # downstream (6.8)
EDITORIAL = "ANTARA Editorial"  # downstream (6.8)
FINANCE = "ANTARA Finance"  # downstream (6.8)
SALES_ADMIN = "ANTARA Sales Admin"  # the app's settings and master data

ALL = (
	ACCOUNT_EXECUTIVE,
	ASSISTANT_MANAGER,
	MANAGER,
	GENERAL_MANAGER,
	TECHNICAL,
	EDITORIAL,
	FINANCE,
	SALES_ADMIN,
)
