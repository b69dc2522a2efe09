"""Small, fast values of the notebooks' parameters, for the tests that execute notebooks."""

#: Small, fast values for the parameters every notebook may have (a 10-year history instead of
#: the scenario's 40: these tests check that reports run and read right, not the steady start).
FAST = {"replications": "2", "years": "4", "scale": "0.05", "lang": "en", "robustness_samples": "1",
        "robustness_years": "2", "robustness_policies": "[seniority]", "decompose_replications": "2",
        "decompose_years": "2", "policies": "[merit, lottery]",
        "overrides": "[history.years=10]"}  # fmt: skip
#: the small robustness and decomposition parameters
SMALL = ("robustness_samples", "robustness_years", "robustness_policies", "decompose_replications",
         "decompose_years")  # fmt: skip
