from .views import board, inbox, sheets, timesheets

app_name = "booking"
urlpatterns = [
    *board.urlpatterns,
    *inbox.urlpatterns,
    *sheets.urlpatterns,
    *timesheets.urlpatterns,
]
