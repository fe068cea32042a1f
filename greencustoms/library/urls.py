from django.urls import path

from greencustoms.library import views

app_name = "library"

urlpatterns = [
    path("", views.index, name="index"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/versions/", views.add_version, name="add_version"),
    path("<int:pk>/comments/", views.comment, name="comment"),
    path("<int:pk>/feedback/", views.feedback, name="feedback"),
    path("files/<int:file_pk>/<str:name>", views.download, name="download"),
    path("thumbnails/<int:file_pk>.png", views.thumbnail, name="thumbnail"),
    path("images/<int:pk>/", views.image, name="image"),
    path("wagtail-documents/<int:pk>/", views.wagtail_document, name="wagtail_document"),
    path("upload/", views.upload, name="upload"),
    path("enforcement/", views.enforcement, name="enforcement"),
    path("intranet/", views.intranet, name="intranet"),
    path("intranet/meetings/<int:event_pk>/", views.folder, name="folder"),
    path("intranet/meetings/<int:event_pk>/feedback-forms/new/", views.form_create, name="form_create"),
    path("feedback/moderation/", views.moderation, name="moderation"),
    path("feedback/ours/", views.partner_feedback, name="partner_feedback"),
    path("feedback/forms/<int:pk>/", views.form_answer, name="form_answer"),
    path("feedback/forms/<int:pk>/summary/", views.form_summary, name="form_summary"),
]
