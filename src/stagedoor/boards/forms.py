from django import forms

from stagedoor.core.forms import QuickSelect
from stagedoor.core.places import find_place
from stagedoor.industry.models import Role

from .selectors import JobFilters


class ImportForm(forms.Form):
    file = forms.FileField(
        required=False, help_text="CSV, JSON feed, Atom/RSS feed or an HTML page, UTF-8"
    )
    url = forms.URLField(
        required=False,
        max_length=1000,
        assume_scheme="https",
        label="or a URL",
        help_text="A page with JobPosting JSON-LD, a JSON feed, a CSV or a feed",
    )
    source = forms.CharField(
        required=False,
        max_length=120,
        help_text="Name the postings are filed under (default: the site or file name)",
    )


class JobSearchForm(forms.Form):
    """The job search's filters; every one is kept in the query string, across pages."""

    q = forms.CharField(required=False, max_length=200, label="Search")
    role = forms.ModelChoiceField(
        queryset=Role.objects.order_by("name"),
        to_field_name="slug",
        required=False,
        empty_label="Any role",
        widget=QuickSelect,
    )
    city = forms.CharField(required=False, max_length=120, help_text="e.g. Chicago or Leeds, GB")
    km = forms.IntegerField(
        required=False, min_value=1, max_value=20000, label="Within km", help_text="Default 50"
    )
    min_pay = forms.DecimalField(
        required=False, min_value=0, max_digits=13, decimal_places=2, label="Pay at least"
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # "from" and "to" are the query string's words; Python keeps "from" for itself.
        date = {"required": False, "widget": forms.DateInput(attrs={"type": "date"})}
        self.fields["from"] = forms.DateField(label="From", **date)
        self.fields["to"] = forms.DateField(label="To", **date)
        self.order_fields(["q", "role", "city", "km", "from", "to", "min_pay"])

    def clean_city(self) -> str:
        city = " ".join(self.cleaned_data["city"].split())
        if city:
            self.place = find_place(city)
            if self.place is None:
                raise forms.ValidationError(
                    f"No city called '{city}' is known; try its English name, "
                    "or add the country (Leeds, GB)."
                )
        return city

    def clean(self):
        data = super().clean()
        start, end = data.get("from"), data.get("to")
        if start and end and end < start:
            self.add_error("to", "The last day is before the first.")
        if data.get("km") and not data.get("city"):
            self.add_error("city", "Give a city to measure the distance from.")
        return data

    def filters(self) -> JobFilters:
        """The search the valid form asks for."""
        data = self.cleaned_data
        place = getattr(self, "place", None) if data["city"] else None
        return JobFilters(
            q=data["q"].strip(),
            role=data["role"],
            near=(place.latitude, place.longitude) if place else None,
            km=data["km"],
            date_from=data["from"],
            date_to=data["to"],
            min_pay=data["min_pay"],
        )
