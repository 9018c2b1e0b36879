// Draws each map on the page ([data-sw-map]) with Leaflet, which must load first.
//
// A map only adds to a page: the same schools are listed in a table beside it. Its data is
// GeoJSON (register/geojson.py) from a URL (data-geojson-url) or from a json_script element
// (data-geojson-id); there are no inline scripts, for a strict Content Security Policy.
// Schools are markers coloured and lettered by phase (the key under the map explains them),
// reachable by keyboard, with a popup that links to the school's page. A local authority's
// boundary is drawn as an outline. Tiles come from data-tiles-url; without one the map shows
// markers and the boundary on a plain background.
(function () {
  "use strict";

  var TILE_ATTRIBUTION =
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors';
  var BOUNDARY_STYLE = { color: "#0b0c0c", weight: 2, opacity: 0.9, fillOpacity: 0.04 };
  var SINGLE_SCHOOL_ZOOM = 15;

  function readGeojson(element) {
    var sourceId = element.getAttribute("data-geojson-id");
    if (sourceId) {
      var source = document.getElementById(sourceId);
      return Promise.resolve(JSON.parse(source.textContent));
    }
    var url = element.getAttribute("data-geojson-url");
    return fetch(url, { headers: { Accept: "application/geo+json" } }).then(function (response) {
      if (!response.ok) {
        throw new Error("GeoJSON request failed: " + response.status);
      }
      return response.json();
    });
  }

  function textElement(tagName, className, text) {
    var element = document.createElement(tagName);
    if (className) {
      element.className = className;
    }
    element.textContent = text;
    return element;
  }

  function popupContent(properties) {
    var content = document.createElement("div");
    content.appendChild(textElement("span", "sw-map__popup-title", properties.name));
    var details = [properties.phase, properties.status];
    if (properties.role) {
      details.unshift(properties.role);
    }
    content.appendChild(textElement("span", "", details.join(", ")));
    content.appendChild(document.createElement("br"));
    var link = textElement("a", "govuk-link", "View " + properties.name);
    link.href = properties.url;
    content.appendChild(link);
    return content;
  }

  function schoolMarker(feature, latlng) {
    var properties = feature.properties;
    var letter = textElement("span", "", properties.marker.letter);
    letter.setAttribute("aria-hidden", "true");
    var marker = L.marker(latlng, {
      icon: L.divIcon({
        className: "sw-marker sw-marker--" + properties.marker.key,
        html: letter,
        iconSize: [24, 24],
        popupAnchor: [0, -10],
      }),
      title: properties.name,
      keyboard: true,
      riseOnHover: true,
    });
    marker.on("add", function () {
      marker.getElement().setAttribute("aria-label", properties.name + ", " + properties.phase);
    });
    return marker.bindPopup(popupContent(properties));
  }

  function showProblem(element, message) {
    element.textContent = "";
    element.appendChild(textElement("p", "govuk-body govuk-!-padding-3", message));
  }

  function draw(element, geojson) {
    var map = L.map(element, { scrollWheelZoom: false, zoomSnap: 0.25 });
    var tilesUrl = element.getAttribute("data-tiles-url");
    if (tilesUrl) {
      L.tileLayer(tilesUrl, { attribution: TILE_ATTRIBUTION, maxZoom: 19 }).addTo(map);
    }
    var boundaries = geojson.features.filter(function (f) {
      return f.properties.kind === "boundary";
    });
    var schools = geojson.features.filter(function (f) {
      return f.properties.kind === "school";
    });
    var boundaryLayer = L.geoJSON(boundaries, { style: BOUNDARY_STYLE, interactive: false });
    var schoolLayer = L.geoJSON(schools, { pointToLayer: schoolMarker });
    boundaryLayer.addTo(map);
    schoolLayer.addTo(map);

    if (schools.length === 1 && !boundaries.length) {
      map.setView(schoolLayer.getLayers()[0].getLatLng(), SINGLE_SCHOOL_ZOOM);
    } else if (schools.length || boundaries.length) {
      // Room for the zoom buttons and a marker's full circle at every edge.
      var bounds = L.latLngBounds([]);
      [boundaryLayer, schoolLayer].forEach(function (layer) {
        if (layer.getLayers().length) {
          bounds.extend(layer.getBounds());
        }
      });
      map.fitBounds(bounds, { paddingTopLeft: [56, 40], paddingBottomRight: [40, 40] });
    } else {
      map.remove();
      showProblem(element, "There are no schools with a location to show on the map.");
      return;
    }
    element.setAttribute("data-sw-map-ready", String(schools.length));
  }

  function start(element) {
    if (typeof L === "undefined") {
      showProblem(element, "The map could not be loaded. The schools are listed on this page.");
      return;
    }
    readGeojson(element)
      .then(function (geojson) {
        draw(element, geojson);
      })
      .catch(function () {
        showProblem(element, "The map could not be loaded. The schools are listed on this page.");
      });
  }

  document.querySelectorAll("[data-sw-map]").forEach(start);
})();
