// Small behaviours the templates ask for with data attributes instead of inline handlers
// (the Content-Security-Policy allows no inline script):
//   data-submit-on-change  a form control that submits its form when changed
//   data-select-on-click   a read-only field that selects its text when tapped
//   data-print             a link that prints the page
document.addEventListener("change", function (event) {
  var control = event.target.closest("[data-submit-on-change]");
  if (control && control.form) control.form.submit();
});
document.addEventListener("click", function (event) {
  var field = event.target.closest("[data-select-on-click]");
  if (field) field.select();
  var printer = event.target.closest("[data-print]");
  if (printer) {
    event.preventDefault();
    window.print();
  }
});
