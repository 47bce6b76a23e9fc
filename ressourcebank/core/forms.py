from django import forms

_INPUT_CLASS = {
    forms.Textarea: "form-input",
    forms.Select: "form-select",
    forms.SelectMultiple: "form-select",
    forms.CheckboxInput: "form-checkbox",
    forms.CheckboxSelectMultiple: "form-checkbox",
    forms.RadioSelect: "form-radio",
}


class DesignSystemFormMixin:
    """Gives every widget Det Fælles Designsystem's class, and links errors for screen readers."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            css = next(
                (c for kind, c in _INPUT_CLASS.items() if isinstance(field.widget, kind)),
                "form-input",
            )
            field.widget.attrs.setdefault("class", css)
            if self.is_bound and name in self.errors:
                field.widget.attrs["aria-invalid"] = "true"
