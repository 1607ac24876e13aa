"""The disclosure platform (依申请公开办理平台): Django apps on top of the report core and the clock.

Kept apart from ``gongkai.report`` and ``gongkai.clock`` so that those stay pure Python: the platform
imports them, never the other way round.
"""
