/* The subscribe page: each address shows the feed's full address (a development build writes
   them from the site root) and gets a Copy button. Progressive enhancement: without this
   script the addresses show as written, and one click selects one to copy by hand. */
(function () {
  "use strict";
  var rows = document.querySelectorAll(".feed-url");
  for (var i = 0; i < rows.length; i++) {
    enhance(rows[i]);
  }

  function enhance(row) {
    var link = row.querySelector(".feed-format");
    var box = row.querySelector(".feed-address");
    var button = row.querySelector(".feed-copy");
    if (!link || !box) return;
    box.textContent = link.href; // the browser resolves the link against this page: an absolute address
    if (!button || !navigator.clipboard || !window.isSecureContext) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(link.href).then(function () {
        button.textContent = "Copied";
        window.setTimeout(function () { button.textContent = "Copy"; }, 2000);
      }, function () {
        window.getSelection().selectAllChildren(box); // copying was refused: selected for Ctrl+C instead
      });
    });
  }
})();
