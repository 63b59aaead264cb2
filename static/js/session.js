// On « Se déconnecter », forget the drafts this browser kept (a shared computer must not
// show the next person what the last one was writing, personal details included).
(function () {
  var form = document.querySelector("form[data-logout]");
  if (!form) return;
  form.addEventListener("submit", function () {
    try {
      for (var index = localStorage.length - 1; index >= 0; index -= 1) {
        var key = localStorage.key(index);
        if (key && key.indexOf("forum-brouillon:") === 0) localStorage.removeItem(key);
      }
    } catch (error) { /* storage unavailable: nothing was kept */ }
  });
})();
