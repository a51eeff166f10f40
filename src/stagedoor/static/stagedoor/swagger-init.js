// Starts Swagger UI (served from the npm package, never a CDN) on the API's OpenAPI schema.
// Session writes from the page carry the CSRF token, as the site's own forms do.
(function () {
  const config = JSON.parse(document.getElementById("swagger-settings").textContent);
  const token = document.body.dataset.csrfToken;
  config.dom_id = "#swagger-ui";
  config.presets = [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset];
  config.plugins = [SwaggerUIBundle.plugins.DownloadUrl];
  if (token) {
    config.requestInterceptor = function (req) {
      req.headers["X-CSRFToken"] = token;
      return req;
    };
  }
  window.ui = SwaggerUIBundle(config);
})();
