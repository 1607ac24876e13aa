"""Taking the procedure's steps through the staff pages, for the time-limit, fee, correction and date tests.

Dates: received Monday 2025-03-03 in person. March 2025 has no holiday, so the 20 working days counted
from 03-04 end on Monday 2025-03-31. April 2025: Friday 04-04 is 清明 (rest day), Sunday 04-27 a
劳动节 make-up working day, 05-01..05-05 rest days.
"""

from __future__ import annotations

import datetime as dt

from django.test import override_settings

from gongkai.web.applications.models import Application

from .base import BaseTestCase

D = dt.date
RECEIVED = D(2025, 3, 3)


@override_settings(GONGKAI_TODAY=D(2025, 4, 30))  # after every date the stories record
class StepsTestCase(BaseTestCase):
    def post(self, user, number, action, **data):
        self.client.force_login(user)
        return self.client.post(self.url("act", number, action), {f"{action}-{k}": v for k, v in data.items()})

    def ok(self, user, number, action, **data):
        r = self.post(user, number, action, **data)
        self.assertEqual(r.status_code, 302, r.content.decode()[-3000:])
        return r

    def refused(self, user, number, action, sentence, status=400, **data):
        """The step is refused with ``sentence`` (Chinese, naming the article) and nothing changes."""
        before = Application.objects.get(number=number)
        r = self.post(user, number, action, **data)
        self.assertContains(r, sentence, status_code=status)
        after = Application.objects.get(number=number)
        self.assertEqual([getattr(before, f.attname) for f in Application._meta.fields],
                         [getattr(after, f.attname) for f in Application._meta.fields])
        return r

    def accepted(self, received=RECEIVED, **fields) -> Application:
        """Registered, submitted and given to the handler: in 办理 with its clock running."""
        app = self.make_app(received=received, **fields)
        self.ok(self.registrar, app.number, "submit")
        self.ok(self.reviewer, app.number, "accept", handler=self.handler.pk)
        return Application.objects.get(pk=app.pk)

    def fresh(self, app) -> Application:
        return Application.objects.prefetch_related("pauses").get(pk=app.pk)
