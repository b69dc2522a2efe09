"""The model: the scenario schema, the workforce and establishment, the civil-service rules,
promotion policies, the SimPy calendar, the recorder and the outcome registry."""
