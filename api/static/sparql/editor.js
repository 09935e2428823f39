// The query editor: YASGUI on this server's endpoint, the canned queries as example tabs, the
// project's prefixes known to the results table, and nothing fetched from other hosts.
(function () {
  "use strict";
  var source = document.getElementById("sparql-config");
  var root = document.getElementById("yasgui");
  if (!source || !root || typeof window.Yasgui === "undefined") {
    return;
  }
  var config = JSON.parse(source.textContent);
  var Yasgui = window.Yasgui;

  var yasgui = new Yasgui(root, {
    persistenceId: "celac-kg-sparql",
    autofocus: false, // the page opens at its top, with the introduction and the examples
    tabName: config.tabName,
    copyEndpointOnNewTab: true,
    // A query in the page's URL (/sparql?query=…) opens in a tab, with the prefixes it uses
    // declared (the server's copy of it, in config.query), on this endpoint.
    populateFromUrl: function (tab) {
      if (config.query) {
        tab.yasqe.value = config.query;
      }
      tab.requestConfig.endpoint = config.endpoint;
      return tab;
    },
    // No catalogue of outside endpoints: this editor is for this endpoint.
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: config.endpoint }]; } },
    requestConfig: { endpoint: config.endpoint, method: "POST" },
    yasqe: {
      value: config.defaultQuery,
      // The "class" and "property" completers ask lov.linkeddata.es; prefixes come bundled
      // (prefixCcApi stays null, so prefix.cc is not asked either).
      autocompleters: ["prefixes", "variables"],
      prefixCcApi: null,
    },
    yasr: { prefixes: config.prefixes, defaultPlugin: "table" },
  });

  // A tab remembered from another run may point at another port or host: this page's editor
  // queries this endpoint.
  Object.keys(yasgui._tabs).forEach(function (id) {
    var tab = yasgui.getTab(id);
    if (tab && tab.getEndpoint() !== config.endpoint) {
      tab.setEndpoint(config.endpoint);
    }
  });

  var names = Object.keys(yasgui._tabs).map(function (id) { return yasgui.getTab(id).name(); });
  config.examples.forEach(function (example) {
    if (names.indexOf(example.title) < 0) {
      yasgui.addTab(false, {
        name: example.title,
        yasqe: { value: example.query },
        requestConfig: { endpoint: config.endpoint },
      });
    }
  });

  // The list of examples beside the editor opens (or re-opens) the example's tab.
  document.querySelectorAll("[data-example]").forEach(function (button) {
    button.addEventListener("click", function () {
      var title = button.getAttribute("data-example");
      var id = Object.keys(yasgui._tabs).find(function (key) {
        return yasgui.getTab(key).name() === title;
      });
      if (id) {
        yasgui.selectTabId(id);
      } else {
        var example = config.examples.find(function (e) { return e.title === title; });
        yasgui.addTab(true, {
          name: example.title,
          yasqe: { value: example.query },
          requestConfig: { endpoint: config.endpoint },
        });
      }
      root.scrollIntoView({ behavior: "smooth", block: "start" });
    });
  });
  window.celacKgYasgui = yasgui;
})();
