"""Staff pages of proactive disclosure, under /<agency code>/disclosures/."""

from django.urls import path

from . import views

D = "<int:pk>/"

urlpatterns = [
    path("", views.document_list, name="documents"),
    path("new/", views.document_new, name="document_new"),
    path("categories/", views.categories, name="categories"),
    path(D, views.document_detail, name="document"),
    path(D + "edit/", views.document_edit, name="document_edit"),
    path(D + "submit/", views.document_submit, name="document_submit"),
    path(D + "approve/", views.document_approve, name="document_approve"),
    path(D + "send-back/", views.document_send_back, name="document_send_back"),
    path(D + "withdraw/", views.document_withdraw, name="document_withdraw"),
    path(D + "attach/", views.document_attach, name="document_attach"),
    path(D + "files/<int:file_pk>/", views.document_file, name="document_file"),
]
