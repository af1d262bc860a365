/* Most read: swap the build-time list in #most-read for the fresh one in most-read.json.
   Progressive enhancement: without this script (or when anything goes wrong) the list
   written at build time stays. Text goes in with textContent, never as HTML, and only
   paths on this site are followed. */
(function () {
  "use strict";
  var box = document.getElementById("most-read");
  if (!box || !box.dataset.src || !window.fetch || !window.URL) return;
  var MAX_ITEMS = 20;

  function sameSite(path) {
    // A path from the root of this host: "/2026/11/x/", never "//host/…", "javascript:…" or "\…".
    if (typeof path !== "string" || path.charAt(0) !== "/" || path.charAt(1) === "/" || /[\\\s]/.test(path)) {
      return null;
    }
    var url = new URL(path, window.location.href);
    return url.origin === window.location.origin ? url.href : null;
  }

  function entry(item) {
    var href = item && sameSite(item.url);
    if (!href || typeof item.title !== "string" || !item.title) return null;
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = href;
    var src = item.image ? sameSite(item.image) : null;
    if (src) {
      var img = document.createElement("img");
      img.src = src;
      img.alt = "";
      img.width = 96;
      img.height = 54;
      img.loading = "lazy";
      img.decoding = "async";
      a.appendChild(img);
    }
    var span = document.createElement("span");
    span.textContent = item.title;
    a.appendChild(span);
    li.appendChild(a);
    return li;
  }

  function show(data) {
    var section = box.dataset.section;
    var sections = data && data.sections;
    var list = section ? sections && Object.prototype.hasOwnProperty.call(sections, section) && sections[section] : data;
    if (!list || !Array.isArray(list.items)) return;
    var ol = document.createElement("ol");
    ol.className = "ranked";
    list.items.slice(0, MAX_ITEMS).forEach(function (item) {
      var li = entry(item);
      if (li) ol.appendChild(li);
    });
    var old = box.querySelector("ol");
    if (!ol.children.length || !old) return;
    old.replaceWith(ol);
    var heading = box.querySelector("h2");
    if (heading && typeof list.heading === "string" && list.heading) heading.textContent = list.heading;
    box.dataset.fresh = data.window && data.window.end ? data.window.end : "latest";
    if (data.ranked === true) box.hidden = false; // the front page hides the latest stories standing in
  }

  var src = sameSite(box.dataset.src);
  if (!src) return;
  fetch(src, { credentials: "same-origin", cache: "no-cache" })
    .then(function (response) {
      return response.ok ? response.json() : null;
    })
    .then(show)
    .catch(function () {
      /* keep the build-time list */
    });
})();
