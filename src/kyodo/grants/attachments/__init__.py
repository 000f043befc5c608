"""Files attached to applications: uploads checked by their bytes, stored under kyodo's names, served
through a permission check."""
