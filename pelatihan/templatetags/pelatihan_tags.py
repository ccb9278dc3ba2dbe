"""Template filters of the training app."""

from decimal import Decimal, InvalidOperation

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def jam(value) -> str:
    """Hours as people write them: 2.50 → "2,5", 3.00 → "3", 0.25 → "0,25" (localised)."""
    if value in (None, ""):
        return "0"
    try:
        amount = Decimal(value).quantize(Decimal("0.01")).normalize()
    except (InvalidOperation, TypeError, ValueError):
        return str(value)
    if amount == amount.to_integral():
        amount = amount.quantize(Decimal(1))
    return number_format(amount, use_l10n=True)
