"""Sub-commands of the ``gongkai`` command line, one module each.

Every module here defines ``register(subparsers)``, which adds its sub-command(s) and sets
``func`` (taking the parsed arguments, returning the exit status) as a default. ``cli`` finds the
modules by listing this package, so adding a command never touches a shared file.
"""
