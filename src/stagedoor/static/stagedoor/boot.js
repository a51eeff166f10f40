// Loaded in <head> without defer, so the page knows at once that scripts run (site.css
// folds the menu only then). It is a file, not inline, so the Content-Security-Policy can
// forbid inline script.
document.documentElement.classList.add("js");
