"""The official KRS register: import an NGO's entry from it, and check the directory against it."""
