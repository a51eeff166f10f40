from django import forms


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
    q = forms.CharField(required=False, max_length=200, label="Search")
