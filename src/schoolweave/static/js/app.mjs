// Starts GOV.UK Frontend's components (skip link, service navigation, error summary,
// notification banner...). Pages work without it: it only enhances them.
import { initAll } from "../build/govuk/govuk-frontend.min.js";

initAll();
