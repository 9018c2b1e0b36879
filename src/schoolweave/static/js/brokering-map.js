// A brokering proposal on a map: each school marked with its group's number, the school leading
// the group outlined, and a line from it to each of the group's other schools. The groups are
// also listed on the page.
(function () {
  "use strict";

  var TILE_ATTRIBUTION =
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';

  function draw(element) {
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
        var leaders = {};
        geojson.features.forEach(function (f) {
          if (f.properties.leads) {
            leaders[f.properties.group] = f.geometry.coordinates;
          }
        });
        geojson.features.forEach(function (f) {
          var leader = leaders[f.properties.group];
          if (leader && !f.properties.leads) {
            L.polyline(
              [
                [leader[1], leader[0]],
                [f.geometry.coordinates[1], f.geometry.coordinates[0]],
              ],
              { color: "#1d70b8", weight: 2, opacity: 0.7, interactive: false },
            ).addTo(map);
          }
        });
        var schools = L.geoJSON(geojson, {
          pointToLayer: function (feature, latlng) {
            var p = feature.properties;
            var marker = L.marker(latlng, {
              icon: L.divIcon({
                className: "sw-load sw-load--light" + (p.leads ? " sw-group-leader" : ""),
                html: String(p.group),
                iconSize: [22, 22],
              }),
              title: p.name + ", group " + p.group + ", " + p.role,
              keyboard: true,
            });
            var link = document.createElement("a");
            link.className = "govuk-link";
            link.href = p.url;
            link.textContent = p.name + " (group " + p.group + ", " + p.role + ")";
            return marker.bindPopup(link);
          },
        }).addTo(map);
        if (schools.getLayers().length) {
          map.fitBounds(schools.getBounds(), {
            paddingTopLeft: [56, 40],
            paddingBottomRight: [40, 40],
          });
        }
        element.setAttribute("data-sw-map-ready", String(schools.getLayers().length));
      });
  }

  document.querySelectorAll("[data-sw-round-map]").forEach(draw);
})();
