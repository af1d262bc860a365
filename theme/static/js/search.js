/* Site search on the search page: queries the static Pagefind index that the build writes
   into /pagefind/ and lists matching stories with headline, standfirst and date.
   The index comes in shards, one Pagefind bundle per year or part of a big year (/pagefind/2026/,
   /pagefind/2025-h2/…), listed newest first in /pagefind/shards.json ("." when the whole site is
   one bundle in /pagefind/ itself): the first one's pagefind.js is loaded and the others merged
   into it, so one search ranks the stories of every shard together.
   Progressive enhancement: without JavaScript the page says that search needs it. */
(function () {
  "use strict";

  var form = document.getElementById("search-form");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var base = new URL(form.getAttribute("data-base") || "/", window.location.href).pathname;
  var manifest = new URL(form.getAttribute("data-shards"), window.location.href).href;
  var MAX_RESULTS = 20;
  var engine = null;
  var latest = 0;
  var timer = 0;

  function bundles() {
    return fetch(manifest, { cache: "no-cache" }).then(function (response) {
      if (!response.ok) throw new Error("shards.json: HTTP " + response.status);
      return response.json();
    }).then(function (data) {
      var shards = (data && data.shards) || [];
      if (!shards.length) throw new Error("shards.json lists no shards");
      return shards.map(function (name) { return new URL(name + "/", manifest).href; });
    });
  }

  function load() {
    if (!engine) {
      engine = bundles().then(function (urls) {
        return import(urls[0] + "pagefind.js").then(function (pagefind) {
          return pagefind.options({ baseUrl: base })
            .then(function () { return pagefind.init(); })
            .then(function () {
              return Promise.all(urls.slice(1).map(function (url) {
                return pagefind.mergeIndex(url, { baseUrl: base });
              }));
            })
            .then(function () { return pagefind; });
        });
      });
    }
    return engine;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function card(data) {
    var meta = data.meta || {};
    var item = element("article", "card search-result");
    var body = element("div", "card-body");
    var title = element("h2", "card-title");
    var link = element("a", "", meta.title || data.url);
    link.href = data.url;
    title.appendChild(link);
    body.appendChild(title);
    if (meta.standfirst) body.appendChild(element("p", "card-standfirst", meta.standfirst));
    if (meta.date) {
      var line = element("p", "card-byline");
      line.appendChild(element("span", "search-date", meta.date));
      body.appendChild(line);
    }
    item.appendChild(body);
    return item;
  }

  function show(query, results, total) {
    list.replaceChildren.apply(list, results.map(card));
    if (!total) {
      status.textContent = "No stories match \u201c" + query + "\u201d.";
    } else {
      var shown = total > results.length ? " (the first " + results.length + " shown)" : "";
      status.textContent = total + (total === 1 ? " story matches" : " stories match") +
        " \u201c" + query + "\u201d" + shown + ".";
    }
  }

  function run(query) {
    var ticket = ++latest;
    query = query.trim();
    var url = new URL(window.location.href);
    if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
    window.history.replaceState(null, "", url);
    if (!query) {
      list.replaceChildren();
      status.textContent = "";
      return Promise.resolve();
    }
    status.textContent = "Searching\u2026";
    return load()
      .then(function (pagefind) { return pagefind.search(query); })
      .then(function (search) {
        var top = search.results.slice(0, MAX_RESULTS);
        return Promise.all(top.map(function (r) { return r.data(); })).then(function (data) {
          if (ticket === latest) show(query, data, search.results.length);
        });
      })
      .catch(function () {
        if (ticket === latest) status.textContent = "Search could not load. Please try again later.";
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { run(input.value); }, 200);
  });

  var initial = new URL(window.location.href).searchParams.get("q");
  if (initial) {
    input.value = initial;
    run(initial);
  }
})();
