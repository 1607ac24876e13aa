"""Limits on what one client may do, counted in a store that every worker shares.

Why a package of its own: the status lookup, the online application, the 意见箱 and the API all
need the same two things, a counter that cannot be raced and a store that is not per process.
The counting is in ``counters``; the two stores (Redis, or the database for the embedded default)
are cache backends in ``backends``.
"""
