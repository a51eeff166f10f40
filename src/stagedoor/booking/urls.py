from .views import board, cancel, inbox, payroll, payrules, sheets, timesheets, today, week

app_name = "booking"
urlpatterns = [
    *board.urlpatterns,
    *cancel.urlpatterns,
    *inbox.urlpatterns,
    *payroll.urlpatterns,
    *payrules.urlpatterns,
    *sheets.urlpatterns,
    *timesheets.urlpatterns,
    *week.urlpatterns,
    *today.urlpatterns,
]
