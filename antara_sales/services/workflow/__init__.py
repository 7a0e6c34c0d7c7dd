"""The state machine shared by every stage: steps by key, the guard, admins' edits, routing and the inbox."""
