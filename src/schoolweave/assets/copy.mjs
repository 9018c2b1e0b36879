// Copies the front-end files Schoolweave serves from npm packages into static/build/
// (gitignored; `npm run build` makes it). Run after the Sass step: it reads app.css to copy
// only the GOV.UK Frontend images the stylesheet refers to. GOV.UK's fonts are never copied:
// Schoolweave is not a GOV.UK service and uses the system font stack (see scss/app.scss).
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const modules = join(root, "node_modules");
const build = join(root, "src", "schoolweave", "static", "build");

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

const govuk = join(modules, "govuk-frontend", "dist", "govuk");
for (const name of ["govuk-frontend.min.js", "govuk-frontend.min.js.map"]) {
  copy(join(govuk, name), join(build, "govuk", name));
}

const css = readFileSync(join(build, "app.css"), "utf8");
const images = new Set(
  [...css.matchAll(/url\(["']?govuk\/images\/([\w.-]+)["']?\)/g)].map((match) => match[1]),
);
for (const name of images) {
  copy(join(govuk, "assets", "images", name), join(build, "govuk", "images", name));
}

const leaflet = join(modules, "leaflet", "dist");
for (const name of ["leaflet.js", "leaflet.js.map", "leaflet.css"]) {
  copy(join(leaflet, name), join(build, "leaflet", name));
}
for (const name of readdirSync(join(leaflet, "images"))) {
  copy(join(leaflet, "images", name), join(build, "leaflet", "images", name));
}

copy(join(modules, "cytoscape", "dist", "cytoscape.min.js"), join(build, "cytoscape.min.js"));

console.log(
  `static/build: GOV.UK Frontend JS, ${images.size} GOV.UK image(s), Leaflet, cytoscape.js`,
);
