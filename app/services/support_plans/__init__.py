"""Förderpläne, one module per concern.

- ``common``: field labels, errors, lookups of plans, goals and steps;
- ``editing``: create a plan, save an edit of its texts, goals and steps (one operation);
- ``review_follow_up``: the Wiedervorlage that follows a plan's review date;
- ``signatures``: who signed when, which makes a draft active;
- ``review``: close a version with each goal's result and start the next;
- ``prints``: versions and the archive of printed copies;
- ``document``: everything the printed plan shows, read in one go.

A plan is versioned: exactly one version per participant is open (draft or active); a review
closes it with the results noted and starts the next version with the goals still open.
"""
