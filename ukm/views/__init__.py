"""Views of the UKM registry: the operator's area, the owner's area, the public directory, import/export."""
