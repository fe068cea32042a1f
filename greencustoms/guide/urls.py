from django.urls import path

from greencustoms.guide import views

app_name = "guide"

urlpatterns = [
    path("", views.index, name="index"),
    path("review/", views.rounds, name="rounds"),
    path("review/<int:pk>/", views.round_detail, name="round"),
    path("review/<int:pk>/comment/", views.comment_add, name="comment_add"),
    path("review/<int:pk>/decide/", views.decide, name="decide"),
    path("review/<int:pk>/close/", views.round_close, name="round_close"),
    path("review/comment/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("review/comment/<int:pk>/resolve/", views.comment_resolve, name="comment_resolve"),
    path("distribution/", views.distribution, name="distribution"),
    path("<int:year>/", views.edition, name="edition"),
    path("<int:year>/pdf/", views.pdf, name="pdf"),
    path("<int:year>/offline.zip", views.offline, name="offline"),
    path("<int:year>/review/open/", views.round_open, name="round_open"),
    path("<int:year>/publish/", views.publish, name="publish"),
    path("<int:year>/<slug:slug>/", views.chapter, name="chapter"),
]
