"""Issue 10: the lists show their columns on a 1366-pixel laptop, on sites installed before install
did it."""

from antara_sales.setup.install import ensure_list_columns


def execute():
	ensure_list_columns()
