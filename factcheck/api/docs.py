"""The schema and its browser. The browser is Swagger UI from drf-spectacular-sidecar's static
files (nothing from a CDN); its start-up script is served by the same view (`?script=`) rather
than written inline, so it runs under our Content-Security-Policy (script-src 'self'), and the
page leaves out drf-spectacular's inline style block (style-src 'self')."""

from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

schema = SpectacularAPIView.as_view()
docs = SpectacularSwaggerSplitView.as_view(
    url_name="api:schema", template_name="api/swagger_ui.html"
)
