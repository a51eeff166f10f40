from django import forms


class CrewFilterForm(forms.Form):
    first_call_only = forms.BooleanField(required=False, label="First-call list only")
    union_only = forms.BooleanField(required=False, label="Union members only")
    max_km = forms.FloatField(required=False, min_value=0, label="Within km")
    k = forms.IntegerField(required=False, min_value=1, max_value=100, initial=20, label="Show")
    why_not = forms.CharField(required=False, label="Why not…", help_text="A worker's name")
