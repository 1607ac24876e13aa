"""The minimum password length with a Chinese sentence.

Why: Django 5.2 reworded the MinimumLengthValidator's message and its Chinese catalogue has not
followed, so staff setting a short password in the back office were told in English. The other
validators (common passwords, all digits, like the username) already answer in Chinese.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

from . import messages as M


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(M.PASSWORD_TOO_SHORT.format(min_length=self.min_length), code="password_too_short",
                                  params={"min_length": self.min_length})

    def get_help_text(self):
        return M.PASSWORD_LENGTH_HELP.format(min_length=self.min_length)
