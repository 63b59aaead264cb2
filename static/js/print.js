// « Imprimer / PDF »: the browser's print dialog (the page has a print stylesheet).
document.querySelectorAll("[data-print]").forEach(function (link) {
  link.addEventListener("click", function (event) {
    event.preventDefault();
    window.print();
  });
});
