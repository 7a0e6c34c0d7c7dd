"""The controlled forms in print: F/KOM/003, F/KOM/004 and the contract."""
