"""The civil-service rules (docs/explanation/domain.md) as vectorised functions over the workforce arrays."""
