from .views import board, cancel, inbox, payroll, sheets, timesheets, today

app_name = "booking"
urlpatterns = [
    *board.urlpatterns,
    *cancel.urlpatterns,
    *inbox.urlpatterns,
    *payroll.urlpatterns,
    *sheets.urlpatterns,
    *timesheets.urlpatterns,
    *today.urlpatterns,
]
