// zoocat: the search box in the header of every page, over every model of the zoo.
// Without this script the box is a link to the home page. The index (search-index.js and, for a big zoo, its other
// parts, written by generator/render/search_index.py) is loaded with script elements the first time the box is
// used: a page opened from file:// may load a script but may not fetch() a JSON file.
(function () {
  "use strict";

  var SHOWN = 20; // results listed; the count says how many matched
  var MAX_TOKEN = 32; // as generator/words.py
  var ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  var BITMAP_MARK = "~";
  var TOKEN = /[\p{L}\p{N}]+/gu; // Python's [^\W_]: letters and digits

  function tokens(text) {
    return (text.toLowerCase().match(TOKEN) || []).map(function (token) {
      return token.length > MAX_TOKEN ? Array.from(token).slice(0, MAX_TOKEN).join("") : token;
    });
  }

  function plural(count, noun) {
    return count.toLocaleString("en") + " " + noun + (count === 1 ? "" : "s");
  }

  // ---------------------------------------------------------------- the index

  function Index(data) {
    this.models = data.models;
    this.tables = data.tables;
    this.words = data.words ? data.words.split(" ") : [];
    this.postings = data.postings;
    this.decoded = new Map();
    this.haystacks = new Map();
  }

  // Code-unit order, as the generator sorts (UTF-16), so that a prefix is one range of the vocabulary.
  Index.prototype.lowerBound = function (text) {
    var lo = 0, hi = this.words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.words[mid] < text) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  };

  // The models holding the word at this place of the vocabulary, decoded once.
  Index.prototype.posting = function (place) {
    var numbers = this.decoded.get(place);
    if (!numbers) {
      numbers = decode(this.postings[place]);
      this.decoded.set(place, numbers);
    }
    return numbers;
  };

  function decode(text) {
    var numbers = [], i, value;
    if (text.charAt(0) === BITMAP_MARK) {
      for (i = 1; i < text.length; i++) {
        value = ALPHABET.indexOf(text.charAt(i));
        for (var bit = 0; bit < 6; bit++) {
          if (value & (1 << bit)) { numbers.push((i - 1) * 6 + bit); }
        }
      }
      return numbers;
    }
    var previous = -1, gap = 0;
    for (i = 0; i < text.length; i++) {
      value = ALPHABET.indexOf(text.charAt(i));
      if (value >= 32) { gap = gap * 32 + (value - 32); continue; }
      previous += gap * 32 + value + 1;
      numbers.push(previous);
      gap = 0;
    }
    return numbers;
  }

  // Models holding, for every query word, a word that starts with it, each with its score (name and stub matches).
  Index.prototype.search = function (words) {
    var hits = new Int32Array(this.models.length);
    for (var k = 0; k < words.length; k++) {
      var end = this.lowerBound(words[k] + "\uffff");
      for (var w = this.lowerBound(words[k]); w < end; w++) {
        var numbers = this.posting(w);
        for (var n = 0; n < numbers.length; n++) {
          if (hits[numbers[n]] === k) { hits[numbers[n]] = k + 1; }
        }
      }
    }
    var found = [];
    for (var id = 0; id < hits.length; id++) {
      if (hits[id] === words.length) { found.push({ model: this.models[id], score: this.score(id, words) }); }
    }
    return found;
  };

  // The index in one part or several (search-index.js, then search-index-1.js...): a big zoo's is split so that no
  // file is big, and results come from the parts loaded so far. Best score first, then by stub, as one index would.
  function Parts(first) {
    this.indexes = [new Index(first)];
    this.count = first.parts || 1;
    this.failed = 0; // parts that did not load: the search goes on without them
    this.tables = first.tables;
  }

  Parts.prototype.add = function (data) { this.indexes.push(new Index(data)); };

  Parts.prototype.complete = function () { return this.indexes.length + this.failed >= this.count; };

  Parts.prototype.search = function (query) {
    var words = tokens(query);
    if (!words.length) { return []; }
    var found = [];
    this.indexes.forEach(function (index) { found = found.concat(index.search(words)); });
    found.sort(function (a, b) {
      return b.score - a.score || (a.model[1] < b.model[1] ? -1 : a.model[1] > b.model[1] ? 1 : 0);
    });
    return found.map(function (hit) { return hit.model; });
  };

  Index.prototype.score = function (id, words) {
    var haystack = this.haystacks.get(id);
    if (haystack === undefined) {
      var model = this.models[id];
      haystack = " " + tokens(model[0]).join(" ") + " " + tokens(model[1]).join(" ") + " ";
      this.haystacks.set(id, haystack);
    }
    return words.reduce(function (score, word) { return score + (haystack.indexOf(" " + word) >= 0 ? 1 : 0); }, 0);
  };

  // A part of the index: a script that sets window[name].
  function loadIndex(src, name, done) {
    if (window[name]) { done(window[name]); return; }
    var script = document.createElement("script");
    script.src = src;
    script.async = true;
    script.onload = function () { done(window[name] || null); };
    script.onerror = function () { done(null); };
    document.head.appendChild(script);
  }

  // ---------------------------------------------------------------- the box

  // The box, drawn here rather than written into every page (some 800 bytes of each): only the script
  // makes it work, and without the script the page has its fallback link. A theme that writes its own box keeps it.
  function drawBox(root) {
    var box = root.querySelector(".search-box");
    if (box) { return box; }
    var label = make("label", { "class": "visually-hidden", "for": "zoocat-search" });
    label.textContent = "Find a model by name, stub, tag, metric or card text";
    var input = make("input", {
      id: "zoocat-search", type: "text", role: "combobox", "aria-autocomplete": "list", "aria-expanded": "false",
      "aria-controls": "zoocat-search-results", autocomplete: "off", spellcheck: "false", placeholder: "Find a model"
    });
    var panel = make("div", { "class": "search-panel", tabindex: "0", hidden: "" }, [
      make("p", { "class": "search-note", "aria-hidden": "true", hidden: "" }),
      make("div", { id: "zoocat-search-results", "class": "search-results", role: "listbox", "aria-label": "Models found", hidden: "" })
    ]);
    var status = make("p", { "class": "visually-hidden", role: "status", "aria-live": "polite" });
    box = make("div", { "class": "search-box", role: "search", "aria-label": "All models", hidden: "" }, [label, input, panel, status]);
    root.appendChild(box);
    return box;
  }

  function make(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function SearchBox(root) {
    var box = drawBox(root);
    this.root = root;
    this.input = root.querySelector("[role=combobox]");
    this.listbox = root.querySelector("[role=listbox]");
    this.panel = root.querySelector(".search-panel");
    this.note = root.querySelector(".search-note");
    this.status = root.querySelector("[role=status]");
    this.fallback = root.querySelector(".search-fallback");
    this.siteRoot = root.getAttribute("data-root") || "";
    this.index = null;
    this.state = "idle"; // idle, loading, ready, failed
    this.options = [];
    this.active = -1;
    this.bind();
    box.hidden = false;
    this.fallback.hidden = true;
  }

  SearchBox.prototype.bind = function () {
    var self = this;
    this.input.addEventListener("focus", function () { self.load(); if (self.input.value.trim()) { self.update(); } });
    this.input.addEventListener("input", function () { self.load(); self.update(); });
    this.input.addEventListener("keydown", function (event) { self.key(event); });
    // A click on a result must not blur the box first: the link then opens as any link does.
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.root.addEventListener("focusout", function (event) {
      if (!self.root.contains(event.relatedTarget)) { self.close(); }
    });
    // Back to this page from a result: the list is not left open over it.
    window.addEventListener("pagehide", function () { self.close(); });
  };

  SearchBox.prototype.load = function () {
    if (this.state !== "idle") { return; }
    var self = this;
    this.state = "loading";
    var src = this.root.getAttribute("data-index") || (this.root.getAttribute("data-root") || "") + "search-index.js";
    loadIndex(src, "zoocatSearchIndex", function (data) {
      if (data && data.version === 1) {
        self.index = new Parts(data);
        self.state = "ready";
        self.loadParts(src);
      } else {
        self.state = "failed";
        self.fallback.hidden = false;
      }
      self.update();
    });
  };

  SearchBox.prototype.loadParts = function (src) {
    var self = this;
    for (var part = 1; part < this.index.count; part++) {
      loadIndex(src.replace(/search-index\.js$/, "search-index-" + part + ".js"), "zoocatSearchPart" + part, function (data) {
        if (data && data.version === 1) { self.index.add(data); } else { self.index.failed += 1; }
        if (self.input.value.trim()) { self.update(); }
      });
    }
  };

  SearchBox.prototype.update = function () {
    var query = this.input.value.trim();
    if (!query) { this.show([], "", ""); this.close(); return; }
    if (this.state === "loading") { this.show([], "Loading the search index…", ""); return; }
    if (this.state === "failed") {
      var failed = "Search is unavailable: its index (search-index.js) did not load. Browse the models from the home page.";
      this.show([], failed, failed);
      return;
    }
    var models = this.index.search(query);
    var count = models.length ? plural(models.length, "model") + " found" : "No model matches “" + query + "”";
    var note = models.length > SHOWN ? "Showing the first " + SHOWN + " of " + plural(models.length, "model") + "; type more to narrow." : (models.length ? "" : count);
    if (!this.index.complete()) {
      note = "Searching " + this.index.indexes.length + " of " + this.index.count + " parts of the index… " + note;
    }
    this.show(models.slice(0, SHOWN), note, count + (models.length ? ", use the arrow keys to choose one" : ""));
  };

  SearchBox.prototype.show = function (models, note, announcement) {
    var self = this;
    this.options = models.map(function (model, position) { return self.option(model, position); });
    this.listbox.replaceChildren.apply(this.listbox, this.options);
    this.listbox.hidden = !this.options.length;
    this.note.textContent = note;
    this.note.hidden = !note;
    if (this.status.textContent !== announcement) { this.status.textContent = announcement; }
    this.setActive(-1);
    if (this.input.value.trim()) { this.open(); }
  };

  // Card text is untrusted: every piece goes in as text, never as markup.
  SearchBox.prototype.option = function (model, position) {
    var link = document.createElement("a");
    link.className = "search-option";
    link.id = this.listbox.id + "-" + position;
    link.setAttribute("role", "option");
    link.setAttribute("aria-selected", "false");
    link.tabIndex = -1;
    link.href = this.siteRoot + "models/" + model[1] + "/index.html";
    var meta = [this.index.tables[model[2]], model[3]].filter(Boolean).join(" · ");
    link.appendChild(span("search-name", model[0]));
    link.appendChild(span("search-meta", meta));
    var stub = span("search-stub", "");
    // A long stub wraps after a '/', not at a '-' inside a segment.
    model[1].split("/").forEach(function (part, place, parts) {
      if (place) { stub.appendChild(document.createElement("wbr")); }
      stub.appendChild(span("search-stub-part", part + (place < parts.length - 1 ? "/" : "")));
    });
    link.appendChild(stub);
    return link;
  };

  function span(className, text) {
    var node = document.createElement("span");
    node.className = className;
    node.textContent = text;
    return node;
  }

  SearchBox.prototype.open = function () {
    this.panel.hidden = false;
    this.input.setAttribute("aria-expanded", this.options.length ? "true" : "false");
  };

  SearchBox.prototype.close = function () {
    this.panel.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  };

  SearchBox.prototype.isOpen = function () { return !this.panel.hidden; };

  SearchBox.prototype.setActive = function (position) {
    if (this.options[this.active]) { this.options[this.active].setAttribute("aria-selected", "false"); }
    this.active = position;
    var option = this.options[position];
    if (option) {
      option.setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  };

  SearchBox.prototype.key = function (event) {
    var count = this.options.length;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!this.input.value.trim()) { return; }
      event.preventDefault();
      if (!this.isOpen()) { this.update(); return; }
      if (!count) { return; }
      var step = event.key === "ArrowDown" ? 1 : -1;
      var from = this.active < 0 ? (step > 0 ? -1 : count) : this.active;
      this.setActive((from + step + count) % count);
    } else if (event.key === "Enter") {
      if (!this.isOpen() || !count) { return; }
      event.preventDefault();
      window.location.href = this.options[Math.max(this.active, 0)].href;
    } else if (event.key === "Escape") {
      if (this.isOpen()) { this.close(); } else { this.input.value = ""; this.update(); }
      event.preventDefault();
    }
  };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-zoocat-search]"), function (root) {
      new SearchBox(root);
    });
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
