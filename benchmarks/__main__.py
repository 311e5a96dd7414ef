"""`make bench`: the performance budget of issue 10 (benchmarks.runner)."""

from benchmarks import runner

runner.main()
