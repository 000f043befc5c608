app_name = "grants_staff"
urlpatterns: list = []
