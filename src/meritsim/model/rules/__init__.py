"""The civil-service rules of DOMAIN.md as vectorised functions over the workforce arrays."""
