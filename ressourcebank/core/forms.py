from django import forms

_INPUT_CLASS = {
    forms.Textarea: "form-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.CheckboxInput: "form-checkbox",
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.RadioSelect: "form-radio",
}


def design_system_class(widget) -> str:
    """Det Fælles Designsystem's class for a widget."""
    return next((c for kind, c in _INPUT_CLASS.items() if isinstance(widget, kind)), "form-input")


class DesignSystemFormMixin:
    """Gives every widget Det Fælles Designsystem's class.

    Django marks invalid fields with aria-invalid itself. Nothing here may touch
    ``self.errors``: validating inside ``__init__`` would run before a subclass narrows its
    choices and cache a result that lets values outside them through.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", design_system_class(field.widget))
