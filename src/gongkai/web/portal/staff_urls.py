"""Staff pages of the 意见箱, included under /<agency code>/messages/ by the root urls."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.staff_messages, name="messages"),
    path("<int:pk>/handled/", views.message_handled, name="message_handled"),
]
