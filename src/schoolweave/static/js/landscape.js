// The landscape review page: a map of schools coloured by load, with schools out on a limb
// marked, network outlines shown on request, and a print button. Everything it shows is also
// in the page's tables; without JavaScript, the tables are the report.
(function () {
  "use strict";

  var TILE_ATTRIBUTION =
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
  var OUTLINE_STYLE = { color: "#1d70b8", weight: 2, opacity: 0.9, fillOpacity: 0.08 };

  function popup(properties) {
    var content = document.createElement("div");
    var title = document.createElement("span");
    title.className = "sw-map__popup-title";
    title.textContent = properties.name;
    content.appendChild(title);
    var detail = document.createElement("span");
    detail.textContent =
      "Load " + properties.load + (properties.isolated ? ": " + properties.reasons.join("; ") : "");
    content.appendChild(detail);
    content.appendChild(document.createElement("br"));
    var link = document.createElement("a");
    link.className = "govuk-link";
    link.href = properties.url;
    link.textContent = "View " + properties.name;
    content.appendChild(link);
    return content;
  }

  function marker(feature, latlng) {
    var p = feature.properties;
    var icon = L.divIcon({
      className: "sw-load sw-load--" + p.band + (p.isolated ? " sw-load--isolated" : ""),
      html: p.isolated ? "!" : "",
      iconSize: [20, 20],
      popupAnchor: [0, -8],
    });
    var result = L.marker(latlng, { icon: icon, title: p.name, keyboard: true });
    result.on("add", function () {
      result
        .getElement()
        .setAttribute(
          "aria-label",
          p.name + ", load " + p.load + (p.isolated ? ", out on a limb" : ""),
        );
    });
    return result.bindPopup(popup(p));
  }

  function drawMap(element) {
    if (typeof L === "undefined") {
      return;
    }
    fetch(element.getAttribute("data-geojson-url"))
      .then(function (response) {
        return response.json();
      })
      .then(function (geojson) {
        var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.25 });
        var tiles = element.getAttribute("data-tiles-url");
        if (tiles) {
          L.tileLayer(tiles, { attribution: TILE_ATTRIBUTION, maxZoom: 19 }).addTo(map);
        }
        var schools = L.geoJSON(
          geojson.features.filter(function (f) {
            return f.properties.kind === "school";
          }),
          { pointToLayer: marker },
        ).addTo(map);
        var outlines = L.geoJSON(
          geojson.features.filter(function (f) {
            return f.properties.kind === "network";
          }),
          {
            style: OUTLINE_STYLE,
            onEachFeature: function (feature, layer) {
              layer.bindTooltip(feature.properties.name);
            },
          },
        );
        if (schools.getLayers().length) {
          map.fitBounds(schools.getBounds(), {
            paddingTopLeft: [56, 40],
            paddingBottomRight: [40, 40],
          });
        }
        var toggle = document.querySelector('[data-sw-outlines-toggle="' + element.id + '"]');
        if (toggle) {
          toggle.addEventListener("change", function () {
            if (toggle.checked) {
              outlines.addTo(map);
            } else {
              outlines.remove();
            }
          });
        }
        element.setAttribute("data-sw-map-ready", String(schools.getLayers().length));
      });
  }

  document.querySelectorAll("[data-sw-landscape-map]").forEach(drawMap);
  document.querySelectorAll("[data-sw-print]").forEach(function (button) {
    button.addEventListener("click", function () {
      window.print();
    });
  });
})();
