from django.urls import path

from greencustoms.training import views

app_name = "training"

urlpatterns = [
    path("workshops/", views.workshop_list, name="workshop_list"),
    path("workshops.ics", views.workshops_ics, name="workshops_ics"),
    path("workshops/<int:pk>/", views.workshop_detail, name="workshop_detail"),
    path("workshops/<int:pk>/calendar.ics", views.workshop_ics, name="workshop_ics"),
    path("workshops/<int:pk>/register/", views.workshop_register, name="workshop_register"),
    path("workshops/<int:pk>/nominate/", views.workshop_nominate, name="workshop_nominate"),
    path("workshops/<int:pk>/manage/<str:step>/", views.workshop_manage, name="workshop_manage"),
    path("workshops/<int:pk>/report/", views.workshop_report, name="workshop_report"),
    path("workshops/<int:pk>/report.pdf", views.workshop_report_pdf, name="workshop_report_pdf"),
    path("certificates/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("roster/", views.roster, name="roster"),
    path("roster/<int:pk>/", views.person_detail, name="person_detail"),
    path("people/<int:pk>/", views.person_public, name="person_public"),
    path("package/", views.package, name="package"),
    path("package/versions/new/", views.package_version_new, name="package_version_new"),
    path("package/versions/<int:pk>/", views.package_version, name="package_version"),
    path("package/files/<int:pk>/", views.package_file, name="package_file"),
    path("package/<slug:agreement>.zip", views.package_kit, name="package_kit"),
    path("name/", views.name_use, name="name_use"),
    path("name/<int:pk>/decide/", views.name_use_decide, name="name_use_decide"),
    path("stats/", views.statistics, name="stats"),
    path("stats.csv", views.statistics_csv, name="stats_csv"),
]
