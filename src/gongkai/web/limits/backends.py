"""Django's Redis and database caches with an ``incr`` that two workers cannot race.

Why: Django's own ``incr`` reads the value and writes it back (the database cache) or checks that
the key exists and then increments it (Redis), so two requests at the same moment can both read 9
and both write 10, or a key that expires in between comes back without an expiry and counts for
ever. The counters of ``limits.counters`` rely on ``add`` + ``incr`` being atomic, which these are:
Redis runs the check and the increment as one script, the database locks the row.
"""

from __future__ import annotations

import base64
import contextlib
import pickle

from django.core.cache.backends import db, redis
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.db import connections, models, router, transaction
from django.utils.timezone import now as tz_now

# Increments only a key that exists, so an expired counter is never revived without its expiry.
_INCR_IF_EXISTS = """
if redis.call('exists', KEYS[1]) == 1 then
  return redis.call('incrby', KEYS[1], ARGV[1])
end
return false
"""


class RedisCache(redis.RedisCache):
    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        client = self._cache.get_client(key, write=True)
        value = client.eval(_INCR_IF_EXISTS, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class DatabaseCache(db.DatabaseCache):
    """The embedded store: the counters live in a table of the platform's own database."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        # Django's add overwrites an expired row after an unlocked read: two racing adds both win.
        # Deleting the expired row first leaves the insert's unique key as the only arbiter.
        made = self.make_and_validate_key(key, version=version)
        with self._cursor() as (connection, cursor, table):
            cursor.execute(f"DELETE FROM {table} WHERE cache_key = %s AND expires < %s",
                           [made, connection.ops.adapt_datetimefield_value(tz_now())])
        return super().add(key, value, timeout, version)

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        alias = router.db_for_write(self.cache_model_class)
        # The row is locked (PostgreSQL) or the database is (SQLite's IMMEDIATE transactions) until commit.
        with transaction.atomic(using=alias), self._cursor() as (connection, cursor, table):
            lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
            cursor.execute(f"SELECT value, expires FROM {table} WHERE cache_key = %s{lock}", [key])
            row = cursor.fetchone()
            if row is None or self._expired(connection, row[1]):
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(base64.b64decode(connection.ops.process_clob(row[0]).encode())) + delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET value = %s WHERE cache_key = %s", [encoded, key])
        return value

    @contextlib.contextmanager
    def _cursor(self):
        """(connection, cursor, quoted table name) on the cache's write database."""
        connection = connections[router.db_for_write(self.cache_model_class)]
        with connection.cursor() as cursor:
            yield connection, cursor, connection.ops.quote_name(self._table)

    @staticmethod
    def _expired(connection, expires) -> bool:
        expression = models.Expression(output_field=models.DateTimeField())
        for converter in connection.ops.get_db_converters(expression) + expression.get_db_converters(connection):
            expires = converter(expires, expression, connection)
        return expires < tz_now()
