from django.urls import path

from .views import studio, worker

app_name = "studio"
urlpatterns = [
    path("manage/studio/", studio.projects, name="projects"),
    path("manage/studio/new/", studio.project_new, name="project-new"),
    path("manage/studio/<slug:slug>/", studio.project, name="project"),
    path("manage/studio/<slug:slug>/deliverables/", studio.deliverable_add, name="deliverable-add"),
    path("manage/studio/<slug:slug>/invite/", studio.invite, name="invite"),
    path("manage/studio/<slug:slug>/quotes/", studio.compare, name="compare"),
    path("manage/quotes/<int:pk>/accept/", studio.accept, name="accept"),
    path("manage/deliverables/<int:pk>/revise/", studio.revise, name="revise"),
    path("manage/deliverables/<int:pk>/approve/", studio.approve, name="approve"),
    path("me/projects/", worker.my_projects, name="mine"),
    path("me/projects/<slug:slug>/quote/", worker.quote, name="quote"),
    path("me/projects/<slug:slug>/", worker.work, name="work"),
    path("me/deliverables/<int:pk>/deliver/", worker.deliver, name="deliver"),
    path("me/portfolio/", worker.portfolio, name="portfolio"),
    path("me/portfolio/<int:pk>/delete/", worker.portfolio_delete, name="portfolio-delete"),
]
