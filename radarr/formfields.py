"""Form fields the Settings and movie pages share."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

from radarr.api.params import int_or_none


class TagChoiceField(forms.ModelMultipleChoiceField):
    """Tags picked by id. Django checks each posted id's type but not its size, so an id past what
    the column holds reached the database and overflowed (a 500); here it is an invalid choice."""

    def _check_values(self, value: Any) -> Any:
        for pk in value:
            if int_or_none(str(pk), minimum=0) is None:
                message = self.error_messages["invalid_pk_value"]
                raise ValidationError(message, code="invalid_pk_value", params={"pk": pk})
        return super()._check_values(value)
