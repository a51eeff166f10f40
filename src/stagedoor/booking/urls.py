from .views import board, cancel, inbox, sheets, timesheets

app_name = "booking"
urlpatterns = [
    *board.urlpatterns,
    *cancel.urlpatterns,
    *inbox.urlpatterns,
    *sheets.urlpatterns,
    *timesheets.urlpatterns,
]
