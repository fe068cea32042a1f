from django.urls import path

from greencustoms.cases import views

app_name = "cases"

urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("new/", views.case_create, name="case_create"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/edit/", views.case_edit, name="case_edit"),
    path("<int:pk>/submit/", views.case_submit, name="case_submit"),
    path("<int:pk>/review/", views.case_review, name="case_review"),
    path("<int:pk>/summary/", views.case_summary, name="case_summary"),
    path("<int:pk>/publish/", views.case_publish, name="case_publish"),
    path("<int:pk>/unpublish/", views.case_unpublish, name="case_unpublish"),
    path("<int:pk>/photos/", views.photo_add, name="photo_add"),
    path("<int:pk>/photos/<int:photo_id>/", views.photo, name="photo"),
    path("<int:pk>/photos/<int:photo_id>/delete/", views.photo_delete, name="photo_delete"),
    path("analysis/", views.analysis, name="analysis"),
    path("analysis/routes.csv", views.routes_csv, name="routes_csv"),
    path("analysis.csv", views.analysis_csv, name="analysis_csv"),
    path("export/", views.export, name="export"),
    path("import/", views.import_cases, name="import"),
    path("feed.rss", views.CasesFeed(), name="feed"),
    path("award/", views.award_index, name="award_index"),
    path("award/<int:year>/", views.award_year, name="award_year"),
    path("award/<int:year>/score/", views.award_score, name="award_score"),
    path("award/<int:year>/nominate/", views.award_nominate, name="award_nominate"),
    path("award/<int:year>/<str:step>/", views.award_manage, name="award_manage"),
    path("award/certificates/<str:code>.pdf", views.award_certificate_pdf, name="award_certificate_pdf"),
    path("award/verify/", views.award_verify, name="award_verify"),
    path("award/verify/<str:code>/", views.award_verify, name="award_verify_code"),
]
