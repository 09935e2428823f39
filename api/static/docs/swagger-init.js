// Swagger UI on this service's OpenAPI description, with nothing fetched from other hosts (no
// validator badge, which would ask validator.swagger.io).
(function () {
  "use strict";
  window.ui = window.SwaggerUIBundle({
    url: document.body.dataset.openapi,
    dom_id: "#swagger-ui",
    validatorUrl: null,
    deepLinking: true,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
})();
