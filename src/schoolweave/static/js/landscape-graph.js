// The links between an LA's schools, drawn with cytoscape.js: schools as circles coloured by
// load, the LA's isolated schools ringed in red, schools elsewhere grey; a line for each pair
// of schools in a network or group together. Selecting a school opens its page.
(function () {
  "use strict";

  var COLOURS = {
    none: "#ffffff",
    light: "#9fc3e8",
    moderate: "#1d70b8",
    heavy: "#0b0c0c",
    elsewhere: "#b1b4b6",
  };

  function draw(element) {
    if (typeof cytoscape === "undefined") {
      return;
    }
    fetch(element.getAttribute("data-graph-url"))
      .then(function (response) {
        return response.json();
      })
      .then(function (elements) {
        var graph = cytoscape({
          container: element,
          elements: elements,
          wheelSensitivity: 0.2,
          style: [
            {
              selector: "node",
              style: {
                "background-color": function (node) {
                  return COLOURS[node.data("band")] || COLOURS.elsewhere;
                },
                "border-width": function (node) {
                  return node.data("isolated") ? 4 : 1;
                },
                "border-color": function (node) {
                  return node.data("isolated") ? "#d4351c" : "#505a5f";
                },
                width: 14,
                height: 14,
                label: "data(label)",
                "font-size": 8,
                "min-zoomed-font-size": 10,
              },
            },
            {
              selector: "edge",
              style: {
                width: function (edge) {
                  return Math.min(1 + edge.data("weight"), 5);
                },
                "line-color": "#b1b4b6",
              },
            },
          ],
          layout: { name: "cose", animate: false, randomize: false, nodeRepulsion: 8000 },
        });
        graph.on("tap", "node", function (event) {
          window.location.href = event.target.data("url");
        });
        element.setAttribute("data-sw-graph-ready", String(graph.nodes().length));
      });
  }

  document.querySelectorAll("[data-sw-graph]").forEach(draw);
})();
