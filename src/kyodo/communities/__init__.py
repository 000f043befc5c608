"""Branch offices, districts, community bodies, their officers, members and plans."""
