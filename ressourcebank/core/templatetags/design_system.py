"""Det Fælles Designsystem's classes for forms that do not use DesignSystemFormMixin.

django-allauth's forms (login, signup, password, MFA) are not ours to subclass in a template;
``{{ field|dkfds_widget }}`` renders their widgets with the class the mixin would have given.
"""

from django import forms, template

from ressourcebank.core.forms import design_system_class

register = template.Library()


@register.filter
def dkfds_widget(bound_field: forms.BoundField):
    if "class" in bound_field.field.widget.attrs:
        return bound_field.as_widget()
    return bound_field.as_widget(attrs={"class": design_system_class(bound_field.field.widget)})


@register.filter
def dkfds_choice(choice, widget_type: str):
    """One radio or checkbox of a group, as an input DKFDS can draw (input, then its label)."""
    attrs = choice.data["attrs"]
    attrs.setdefault("class", "form-radio" if widget_type == "radioselect" else "form-checkbox")
    return choice.tag()
