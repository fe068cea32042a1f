from django.urls import path

from greencustoms.learning import external_views, views

app_name = "learning"

urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("mine/", views.my_learning, name="mine"),
    path("stats/", views.stats, name="stats"),
    path("stats.csv", views.stats_csv, name="stats_csv"),
    path("stats/xapi.jsonl", views.xapi_export, name="xapi"),
    path("stats/partners/", external_views.partners, name="stats_partners"),
    path("stats/external/import/", external_views.import_figures, name="external_import"),
    path("stats/external/template.<str:fmt>", external_views.template, name="external_template"),
    path("import/", views.package_import, name="import"),
    path("verify/", views.verify, name="verify"),
    path("verify/<str:code>/", views.verify, name="verify_code"),
    path("certificates/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("images/<int:pk>/", views.lesson_image, name="image"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", views.module_detail, name="module"),
    path("<slug:slug>/enrol/", views.enrol, name="enrol"),
    path("<slug:slug>/resume/", views.resume, name="resume"),
    path("<slug:slug>/lessons/<int:position>/", views.lesson, name="lesson"),
    path("<slug:slug>/lessons/<int:position>/commit/", views.sco_commit, name="sco_commit"),
    path("<slug:slug>/test/", views.test, name="test"),
    path("<slug:slug>/test/take/", views.take, name="take"),
    path("<slug:slug>/test/<int:number>/", views.result, name="result"),
    path("<slug:slug>/scorm.zip", views.scorm_export, name="scorm_export"),
    path("<slug:slug>/bundle.zip", views.bundle_export, name="bundle_export"),
    path("<slug:slug>/sco/<path:path>", views.sco_content, name="sco_content"),
    path("<slug:slug>/package/<str:token>/<path:path>", views.sco_package, name="sco_package"),
]
