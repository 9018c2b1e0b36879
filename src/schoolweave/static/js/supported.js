// Runs first in <body>, before anything is drawn: tells the stylesheet that JavaScript runs
// (js-enabled shows the maps) and that GOV.UK Frontend's components will start
// (govuk-frontend-supported). A file rather than an inline script, for a strict CSP.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
