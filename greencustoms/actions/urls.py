from django.urls import path

from greencustoms.actions import views

app_name = "actions"

urlpatterns = [
    path("", views.action_list, name="action_list"),
    path("<int:pk>/", views.action_detail, name="action_detail"),
    path("meeting/<slug:slug>/new/", views.action_create, name="action_create"),
    path("meeting/<slug:slug>/implementation/", views.implementation_report, name="implementation_report"),
    path(
        "meeting/<slug:slug>/implementation.pdf",
        views.implementation_report_pdf,
        name="implementation_report_pdf",
    ),
    path(
        "meeting/<slug:slug>/implementation.<str:fmt>",
        views.implementation_report_file,
        name="implementation_report_file",
    ),
    path("week/", views.week, name="week"),
    path("plan/", views.plan, name="plan"),
    path("plan.ics", views.plan_ics, name="plan_ics"),
    path("plan/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("membership/", views.membership_list, name="membership_list"),
    path("membership/<int:pk>/", views.membership_detail, name="membership_detail"),
    path("membership/<int:pk>/<str:step>/", views.membership_act, name="membership_act"),
    path("funding/", views.funding_list, name="funding_list"),
    path("funding/<int:pk>/", views.funding_detail, name="funding_detail"),
]
