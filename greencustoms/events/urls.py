from django.urls import path

from greencustoms.events import views

app_name = "events"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings.ics", views.meetings_ics, name="meetings_ics"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<slug:slug>/report/", views.meeting_report, name="meeting_report"),
    path("meetings/<slug:slug>/report.pdf", views.meeting_report_pdf, name="meeting_report_pdf"),
    path("meetings/<slug:slug>/calendar.ics", views.meeting_ics, name="meeting_ics"),
    path("meetings/<slug:slug>/report/<str:step>/", views.report_step, name="report_step"),
    path("report-approval/<str:token>/", views.report_approve_link, name="report_approve_link"),
]
