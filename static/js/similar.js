// « Ces discussions ou fiches répondent peut-être à votre question » while a title is typed.
// Without JavaScript, the « Aperçu » button of the form shows the same list.
(function () {
  var title = document.querySelector("form[data-editor] input[name=title]");
  var box = document.querySelector("[data-similar]");
  if (!title || !box || !window.fetch) return;
  var timer = null;
  var last = "";

  function render(results) {
    box.textContent = "";
    if (!results.length) { box.hidden = true; return; }
    var intro = document.createElement("p");
    intro.className = "small";
    var strong = document.createElement("strong");
    strong.textContent = "Ces discussions ou fiches répondent peut-être à votre question :";
    intro.appendChild(strong);
    var list = document.createElement("ul");
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = result.title;
      var kind = document.createElement("span");
      kind.className = "small";
      kind.textContent = result.kind === "sheet" ? " (fiche)" : " (discussion)";
      item.appendChild(link);
      item.appendChild(kind);
      list.appendChild(item);
    });
    box.appendChild(intro);
    box.appendChild(list);
    box.hidden = false;
  }

  title.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = title.value.trim();
      if (text === last) return;
      last = text;
      if (text.length < 4) { render([]); return; }
      fetch(box.getAttribute("data-similar-url") + "?titre=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (title.value.trim() === text) render(data.results || []); })
        .catch(function () { /* the preview still shows them */ });
    }, 400);
  });
})();
