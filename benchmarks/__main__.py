"""`make bench`: run every benchmark and print its figures."""

from benchmarks import caseload, support_plan

caseload.main()
print()
support_plan.main()
