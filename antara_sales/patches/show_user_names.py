"""Issue 10: User links show the person's name, on sites installed before install did it."""

from antara_sales.setup.install import ensure_user_names


def execute():
	ensure_user_names()
