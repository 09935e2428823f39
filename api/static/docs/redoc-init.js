// ReDoc on this service's OpenAPI description; its fonts are the page's own (ReDoc would ask
// Google Fonts for Montserrat and Roboto otherwise).
(function () {
  "use strict";
  window.Redoc.init(
    document.body.dataset.openapi,
    { hideDownloadButton: false, theme: { typography: { fontFamily: "system-ui, sans-serif", headings: { fontFamily: "system-ui, sans-serif" } } } },
    document.getElementById("redoc")
  );
})();
