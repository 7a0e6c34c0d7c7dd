"""The cooperation contract, its signing and its copies (6.6, 6.7), and changes to it (F/KOM/004)."""
