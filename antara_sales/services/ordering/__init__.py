"""The customer and the Subscription Form / Media Order, F/KOM/003 (6.3, 6.4)."""
