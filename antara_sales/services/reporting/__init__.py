"""Weekly meetings and targets (6.1, 6.2), customer feedback, and the reports on the procedure."""
