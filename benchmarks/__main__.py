"""`make bench`: run every benchmark and print its figures."""

from benchmarks import caseload

caseload.main()
