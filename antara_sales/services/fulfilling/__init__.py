"""The work a signed contract sets going: tickets and invoices (6.8)."""
