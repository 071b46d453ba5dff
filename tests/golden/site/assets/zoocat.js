// zoocat: progressive enhancement. Every page is complete without this script.
// The model tables get facets, search, ranges, sorting, column choice, export and URL state.
(function () {
  "use strict";

  // Rows drawn after each change; more follow as the reader scrolls. Drawing, not matching, is what
  // costs time in a big table (about 1 ms a row in headless Chromium), so a keystroke draws few.
  var PAGE_SIZE = 20;
  var NA = "N/A";
  var STUB_FIELDS = ["domain", "sub_domain", "architecture", "sub_architecture", "framework", "repo",
    "dataset", "training_scheme", "sparse_name", "sparse_category", "sparse_target"];

  // ---------------------------------------------------------------- helpers

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      var value = attrs[name];
      if (value === null || value === undefined) { return; }
      if (name === "text") { node.textContent = value; } else { node.setAttribute(name, value); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http have no clipboard API: fall back to a selected text area.
    return new Promise(function (resolve, reject) {
      var area = el("textarea", { readonly: "" });
      area.value = text;
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      document.body.removeChild(area);
      if (ok) { resolve(); } else { reject(new Error("copy failed")); }
    });
  }

  function copyFrom(button) {
    var label = button.textContent;
    copyText(button.getAttribute("data-copy")).then(function () {
      button.textContent = "Copied";
    }, function () {
      button.textContent = "Press Ctrl+C";
    }).then(function () {
      window.setTimeout(function () { button.textContent = label; }, 1500);
    });
  }

  // The stub grammar, as generator/stubs.py parses it (the path is already valid here).
  function stubFields(stub) {
    var parts = stub.split("/");
    var arch = splitOnce(parts[2]);
    var dataset = splitOnce(parts[5]);
    var tag = parts[6].split("-");
    var target = tag.length > 2 ? tag.slice(2).join("-") : null;
    return [parts[0], parts[1], arch[0], arch[1], parts[3], parts[4], dataset[0], dataset[1], tag[0], tag[1], target];
  }

  function splitOnce(text) {
    var at = text.indexOf("-");
    return at < 0 ? [text, null] : [text.slice(0, at), text.slice(at + 1) || null];
  }

  function formatNumber(value) {
    return String(value);
  }

  function roundForDisplay(value) {
    return String(Math.round(value * 100) / 100);
  }

  function csvCell(value) {
    if (value === null || value === undefined) { return ""; }
    var text = String(value);
    // A cell starting with = + - @ runs as a formula in spreadsheets: card text must not.
    if (typeof value === "string" && /^[=+\-@]/.test(text)) { text = "'" + text; }
    return /[",\n\r]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = el("a", { href: url, download: name });
    document.body.appendChild(link);
    link.click();
    document.body.removeChild(link);
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // ---------------------------------------------------------------- one table

  var MAX_FACET_VALUES = 40; // values listed per facet group; more are reachable by search and URL
  var TOP_FACET_VALUES = 5; // values shown before "Show all"
  var SIDE_FILTERS_WIDTH = 860; // px of table width from which the filters get a column beside the table

  // data: the table's rows.js (see generator/render/table_data.py); the page holds only its first rows as HTML.
  function ModelTable(root, index, data) {
    this.root = root;
    this.data = data;
    // Listeners on the window and the document go with the table (see stop).
    this.listening = new AbortController();
    this.table = root.querySelector("table.models");
    this.table.id = this.table.id || "zoocat-table-" + index;
    this.tbody = this.table.tBodies[0];
    this.columns = this.data.columns;
    this.links = pageLinks(root, data.key, this.tbody);
    this.headers = this.drawHead();
    this.numeric = this.columns.filter(function (c) { return c.numeric; });
    this.facets = this.data.facets.map(function (facet) {
      // ids: value -> its id. A Map, as every lookup keyed by a card's text (tags, stub values, names, metric
      // keys): in a plain object a tag named __proto__, constructor or toString finds Object.prototype's own.
      return { key: facet.key, label: facet.label, ids: new Map(), values: [], totals: [] };
    });
    this.rows = this.readRows();
    this.pageSize = PAGE_SIZE;
    // Rows live in memory as data; the page holds only those drawn. A 10,000-row table stays light.
    this.tbody.textContent = "";
    this.limit = this.pageSize;
    this.order = this.rows.slice();
    this.sortedBy = null;
    this.speedShown = 0; // the HTML shows the first (most common) context
    this.drawn = [];
    this.state = this.emptyState();
    // A table placed with a view of its own (`<!-- zoocat: table KEY?VIEW -->`) keeps it off the page's URL.
    var placed = root.closest("[data-zoocat-view]");
    this.view = placed ? placed.getAttribute("data-zoocat-view") : null;
    this.colStyle = el("style");
    document.head.appendChild(this.colStyle);
    this.buildTools();
  }

  ModelTable.prototype.valueId = function (facet, value) {
    var id = facet.ids.get(value);
    if (id === undefined) {
      id = facet.values.length;
      facet.ids.set(value, id);
      facet.values.push(value);
      facet.totals.push(0);
    }
    facet.totals[id] += 1;
    return id;
  };

  // Every column's header, hidden ones too (the page's HTML has only those shown at first).
  ModelTable.prototype.drawHead = function () {
    var row = el("tr", {}, this.columns.map(function (column) {
      return el("th", { scope: "col", "data-key": column.key, "class": column.numeric ? "num" : null, text: column.label });
    }));
    var head = this.table.tHead;
    head.textContent = "";
    head.appendChild(row);
    return Array.prototype.slice.call(row.cells);
  };

  // A cell of rows.js: null for a missing figure, a string whose text is its value, or [text, value, note].
  function readCell(cell) {
    if (cell === null) { return { text: "--", value: null, note: null }; }
    if (typeof cell === "string") { return { text: cell, value: cell, note: null }; }
    return { text: cell[0], value: cell[1], note: cell.length > 2 ? cell[2] : null };
  }

  ModelTable.prototype.readRows = function () {
    var self = this;
    var nameKey = this.columns[0].key;
    return this.data.rows.map(function (data, i) {
      var stub = data[0];
      var tags = data[2];
      var cells = [{ text: data[1], value: data[1], note: null }].concat(data[3].map(readCell));
      var values = Object.create(null);
      self.columns.forEach(function (column, j) {
        values[column.key] = cells[j].value;
      });
      var fields = {};
      stubFields(stub).forEach(function (value, k) { fields[STUB_FIELDS[k]] = value === null ? NA : value; });
      // One value id per facet group (a list for tags), so filtering compares small integers.
      var codes = self.facets.map(function (facet) {
        if (facet.key === "tag") { return tags.map(function (tag) { return self.valueId(facet, tag); }); }
        return self.valueId(facet, fields[facet.key]);
      });
      return {
        tr: null, index: i, stub: stub, cells: cells, values: values, fields: fields, tags: tags, codes: codes,
        speeds: data[4] || [], speedups: data[5] || [],
        text: [values[nameKey], stub, tags.join(" ")].join(" ").toLowerCase(), hasCopy: false
      };
    });
  };

  // A row's element, made when it is first drawn: most rows of a big table never are.
  ModelTable.prototype.rowElement = function (row) {
    if (row.tr) { return row.tr; }
    var self = this;
    var tr = el("tr", { "data-stub": row.stub }, [
      el("th", { scope: "row", "class": "name" }, [el("a", { href: this.links.page(row.stub), text: row.cells[0].text })])
    ]);
    row.cells.forEach(function (cell, j) {
      if (j === 0) { return; }
      var td = el("td", { "class": self.columns[j].numeric ? "num" : null });
      fillCell(td, cell);
      tr.appendChild(td);
    });
    row.tr = tr;
    return tr;
  };

  function fillCell(td, cell) {
    td.textContent = cell.text;
    if (cell.value === null || cell.value === undefined) { td.removeAttribute("data-value"); } else { td.setAttribute("data-value", String(cell.value)); }
    if (cell.note) { td.appendChild(el("span", { "class": "note", text: cell.note })); }
  }

  // Where the table's links go: its model pages, found from where rows.js lies (site root + models/KEY/rows.js),
  // in the form the page's own links take (folder URLs inside MkDocs sites).
  function pageLinks(root, key, tbody) {
    var rowsUrl = rowsLink(root).href;
    var tail = "models/" + key + "/rows.js";
    var siteRoot = rowsUrl.slice(0, rowsUrl.length - tail.length);
    var first = tbody.querySelector("th.name a");
    var folders = first && /\/$/.test(first.getAttribute("href"));
    return {
      page: function (stub) {
        return siteRoot + "models/" + stub.split("/").map(encodeURIComponent).join("/") + (folders ? "/" : "/index.html");
      }
    };
  }

  ModelTable.prototype.emptyState = function () {
    return {
      facets: Object.create(null), q: "", sort: null, cols: null,
      min: Object.create(null), max: Object.create(null), speed: 0, compare: []
    };
  };

  // ------------------------------------------------------------ URL state

  ModelTable.prototype.readUrl = function () {
    var params = new URLSearchParams(this.view === null ? window.location.search : this.view);
    var state = this.emptyState();
    var self = this;
    STUB_FIELDS.concat(["tag"]).forEach(function (key) {
      var value = params.get(key);
      if (value) { state.facets[key] = value.split(",").filter(Boolean); }
    });
    state.q = params.get("q") || "";
    var known = this.byStubMap();
    state.compare = (params.get("compare") || "").split(",").filter(function (stub) { return known.has(stub); });
    var speed = parseInt(params.get("speed_context") || "0", 10);
    state.speed = speed > 0 && speed < this.data.speed.length ? speed : 0;
    var sort = params.get("sort");
    if (sort) {
      var desc = sort.charAt(0) === "-";
      var key = desc ? sort.slice(1) : sort;
      if (this.columnIndex(key) >= 0) { state.sort = { key: key, desc: desc }; }
    }
    var cols = params.get("cols");
    if (cols !== null) {
      state.cols = cols.split(",").filter(function (k) { return self.columnIndex(k) > 0; });
    }
    this.numeric.forEach(function (column) {
      ["min", "max"].forEach(function (bound) {
        var raw = params.get(bound + "_" + column.key);
        if (raw !== null && raw !== "" && !isNaN(parseFloat(raw))) { state[bound][column.key] = parseFloat(raw); }
      });
    });
    this.state = state;
  };

  ModelTable.prototype.writeUrl = function (push) {
    if (this.view !== null) { return; }
    var params = new URLSearchParams();
    var state = this.state;
    // Keep the parameters this table does not own (a host page's own, say).
    new URLSearchParams(window.location.search).forEach(function (value, key) {
      if (!this.ownsParam(key)) { params.append(key, value); }
    }, this);
    STUB_FIELDS.concat(["tag"]).forEach(function (key) {
      if (state.facets[key] && state.facets[key].length) { params.set(key, state.facets[key].join(",")); }
    });
    if (state.q) { params.set("q", state.q); }
    if (state.speed) { params.set("speed_context", String(state.speed)); }
    this.numeric.forEach(function (column) {
      if (column.key in state.min) { params.set("min_" + column.key, formatNumber(state.min[column.key])); }
      if (column.key in state.max) { params.set("max_" + column.key, formatNumber(state.max[column.key])); }
    });
    if (state.sort) { params.set("sort", (state.sort.desc ? "-" : "") + state.sort.key); }
    if (state.cols) { params.set("cols", state.cols.join(",")); }
    if (state.compare.length) { params.set("compare", state.compare.join(",")); }
    var query = params.toString().replace(/%2C/g, ",").replace(/%2F/g, "/");
    var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
    if (url === window.location.pathname + window.location.search + window.location.hash) { return; }
    try {
      window.history[push ? "pushState" : "replaceState"](null, "", url);
    } catch (e) {
      // Some browsers refuse history changes on file:// pages; the view still works.
    }
  };

  ModelTable.prototype.ownsParam = function (key) {
    if (STUB_FIELDS.indexOf(key) >= 0 || ["tag", "q", "sort", "cols", "speed_context", "compare"].indexOf(key) >= 0) { return true; }
    return /^(min|max)_/.test(key) && this.columnIndex(key.slice(4)) >= 0;
  };

  ModelTable.prototype.byStubMap = function () {
    if (!this.byStub) {
      var map = new Map();
      this.rows.forEach(function (row) { map.set(row.stub, row); });
      this.byStub = map;
    }
    return this.byStub;
  };

  ModelTable.prototype.columnIndex = function (key) {
    for (var i = 0; i < this.columns.length; i++) { if (this.columns[i].key === key) { return i; } }
    return -1;
  };

  // ------------------------------------------------------------ filtering

  // The state compiled for one pass over the rows: facet choices as flags by value id.
  ModelTable.prototype.compile = function () {
    var state = this.state;
    var groups = [];
    var extra = [];
    var self = this;
    this.facets.forEach(function (facet, f) {
      var wanted = state.facets[facet.key] || [];
      if (!wanted.length) { return; }
      var flags = facet.values.map(function (value) { return wanted.indexOf(value) >= 0; });
      groups.push({ f: f, flags: flags, isTag: facet.key === "tag" });
    });
    // A field chosen in the URL that has one value in this table has no facet group, but still filters.
    Object.keys(state.facets).forEach(function (key) {
      var has = self.facets.some(function (facet) { return facet.key === key; });
      if (!has && state.facets[key].length) { extra.push({ key: key, wanted: state.facets[key] }); }
    });
    var ranges = this.numeric.filter(function (column) {
      return column.key in state.min || column.key in state.max;
    }).map(function (column) {
      return { key: column.key, min: state.min[column.key], max: state.max[column.key] };
    });
    return { groups: groups, extra: extra, ranges: ranges, words: state.q.toLowerCase().split(/\s+/).filter(Boolean) };
  };

  // Is the row kept by everything but the facet groups (search, ranges, fields without a group)?
  function passesOthers(row, plan) {
    var i;
    for (i = 0; i < plan.words.length; i++) { if (row.text.indexOf(plan.words[i]) < 0) { return false; } }
    for (i = 0; i < plan.ranges.length; i++) {
      var range = plan.ranges[i];
      var value = row.values[range.key];
      if (value === null || (range.min !== undefined && value < range.min) || (range.max !== undefined && value > range.max)) {
        return false;
      }
    }
    for (i = 0; i < plan.extra.length; i++) {
      var have = plan.extra[i].key === "tag" ? row.tags : [row.fields[plan.extra[i].key]];
      if (!have.some(function (v) { return plan.extra[i].wanted.indexOf(v) >= 0; })) { return false; }
    }
    return true;
  }

  function passesGroup(row, group) {
    var code = row.codes[group.f];
    if (!group.isTag) { return group.flags[code]; }
    for (var i = 0; i < code.length; i++) { if (group.flags[code[i]]) { return true; } }
    return false;
  }

  ModelTable.prototype.sortRows = function () {
    var sort = this.state.sort;
    var key = sort ? sort.key + (sort.desc ? "-" : "+") : null;
    if (key === this.sortedBy) { return; }
    this.sortedBy = key;
    if (!sort) {
      this.order = this.rows.slice();
      return;
    }
    var numeric = this.columns[this.columnIndex(sort.key)].numeric;
    var sign = sort.desc ? -1 : 1;
    this.order = this.rows.slice().sort(function (a, b) {
      var x = a.values[sort.key];
      var y = b.values[sort.key];
      var missingX = x === null || x === undefined;
      var missingY = y === null || y === undefined;
      if (missingX || missingY) {
        // Missing values go last whichever way the column is sorted; ties keep the table order.
        return missingX === missingY ? a.index - b.index : (missingX ? 1 : -1);
      }
      var order = numeric ? x - y : String(x).localeCompare(String(y), undefined, { numeric: true });
      return order !== 0 ? sign * order : a.index - b.index;
    });
  };

  ModelTable.prototype.update = function (options) {
    options = options || {};
    this.applySpeedContext();
    var plan = this.compile();
    var counts = this.facets.map(function (facet) { return new Int32Array(facet.values.length); });
    var matches = 0;
    var rows = this.rows;
    for (var r = 0; r < rows.length; r++) {
      var row = rows[r];
      // A row counts toward a group's values when every other part of the filter keeps it.
      var failed = passesOthers(row, plan) ? 0 : 2;
      var failedGroup = -1;
      for (var g = 0; g < plan.groups.length && failed < 2; g++) {
        if (!passesGroup(row, plan.groups[g])) { failed += 1; failedGroup = plan.groups[g].f; }
      }
      row.match = failed === 0;
      if (row.match) { matches += 1; }
      if (failed > 1) { continue; }
      for (var f = 0; f < this.facets.length; f++) {
        if (failed === 1 && failedGroup !== f) { continue; }
        var code = row.codes[f];
        if (typeof code === "number") { counts[f][code] += 1; } else { for (var t = 0; t < code.length; t++) { counts[f][code[t]] += 1; } }
      }
    }
    this.sortRows();
    this.draw();
    this.drawFacetCounts(counts);
    this.drawChartPoints();
    this.drawCompare();
    this.drawHeaders();
    this.drawColumns();
    this.drawChips();
    this.drawEmpty(matches);
    // The measuring context matters only while a speed column shows.
    if (this.speedTool) {
      var visible = this.visibleColumns();
      this.speedTool.hidden = visible.indexOf("throughput") < 0 && visible.indexOf("speedup") < 0;
    }
    this.countNode.textContent = matches + " of " + rows.length + " model" + (rows.length === 1 ? "" : "s");
    var hidden = Math.max(0, matches - this.limit);
    this.moreButton.hidden = hidden === 0;
    this.moreButton.textContent = "Show more (" + hidden + " not shown yet)";
    this.clearButton.disabled = this.isDefaultFilter();
    if (options.url !== false) { this.writeUrl(options.push); }
  };

  // Throughput figures from one context at a time: switching rewrites the column, never mixes contexts.
  ModelTable.prototype.applySpeedContext = function () {
    var index = this.state.speed;
    var column = this.columnIndex("throughput");
    if (index === this.speedShown || column < 0 || !this.data.speed.length) { return; }
    var speedupColumn = this.columnIndex("speedup");
    this.rows.forEach(function (row) {
      var value = row.speeds[index];
      row.values.throughput = value;
      setCell(row, column, value, function (v) { return v.toLocaleString("en-US", { maximumFractionDigits: 2 }) + " items/sec"; });
      if (speedupColumn >= 0) {
        // The speed-up follows the same context: it is never a ratio of figures measured otherwise.
        var ratio = row.speedups[index];
        row.values.speedup = ratio;
        setCell(row, speedupColumn, ratio, function (v) { return v.toFixed(2) + "x"; });
      }
    });
    this.speedShown = index;
    this.compareShown = null; // the comparison shows these columns too
    this.sortedBy = null; // the column's values changed: sort again
    document.querySelectorAll(".chart[data-context]").forEach(function (figure) {
      figure.hidden = figure.getAttribute("data-context") !== String(index);
    });
    var name = this.root.querySelector(".speed-context-name");
    if (name) { name.textContent = this.data.speed[index]; }
    if (this.speedSelect) { this.speedSelect.value = String(index); }
  };

  function setCell(row, column, value, format) {
    var missing = value === null || value === undefined;
    var cell = row.cells[column] = { text: missing ? "--" : format(value), value: missing ? null : value, note: null };
    if (row.tr) { fillCell(row.tr.cells[column], cell); }
  }

  // A filter that keeps no row says so in the table, with a way out.
  ModelTable.prototype.drawEmpty = function (matches) {
    if (!this.emptyRow) {
      var self = this;
      var clear = el("button", { type: "button", "class": "button", text: "Clear all filters" });
      clear.addEventListener("click", function () { self.clearFilters(); });
      this.emptyCell = el("td", { "class": "empty-result" }, [el("span", { text: "No model matches these filters. " }), clear]);
      this.emptyRow = el("tr", { "class": "no-match" }, [this.emptyCell]);
    }
    this.emptyCell.colSpan = this.visibleColumns().length + 1;
    if (matches === 0 && !this.emptyRow.parentNode) { this.tbody.appendChild(this.emptyRow); }
    if (matches > 0 && this.emptyRow.parentNode) { this.tbody.removeChild(this.emptyRow); }
  };

  ModelTable.prototype.isDefaultFilter = function () {
    var state = this.state;
    var facetsEmpty = Object.keys(state.facets).every(function (k) { return !state.facets[k].length; });
    return facetsEmpty && !state.q && !Object.keys(state.min).length && !Object.keys(state.max).length;
  };

  // The page holds the first `limit` matching rows, in order; nothing else.
  ModelTable.prototype.draw = function () {
    var wanted = [];
    for (var i = 0; i < this.order.length && wanted.length < this.limit; i++) {
      if (this.order[i].match) { wanted.push(this.order[i]); }
    }
    var drawn = this.drawn;
    var kept = 0;
    while (kept < drawn.length && kept < wanted.length && drawn[kept] === wanted[kept]) { kept += 1; }
    if (kept === wanted.length && kept === drawn.length) { return; }
    // Rows already in place stay: scrolling for more appends, a new filter redraws.
    for (var k = drawn.length - 1; k >= kept; k--) { this.tbody.removeChild(drawn[k].tr); }
    var self = this;
    if (this.emptyRow && this.emptyRow.parentNode) { this.tbody.removeChild(this.emptyRow); }
    var fragment = document.createDocumentFragment();
    wanted.slice(kept).forEach(function (row) {
      self.rowElement(row);
      if (!row.hasCopy) { addCopyButton(row); }
      fragment.appendChild(row.tr);
    });
    this.tbody.appendChild(fragment);
    this.drawn = wanted;
  };

  function addCopyButton(row) {
    var button = el("button", { type: "button", "class": "copy-row", "data-copy": "zoo:" + row.stub, text: "Copy stub" });
    var name = row.tr.cells[0];
    var pick = el("input", { type: "checkbox", "class": "pick", "data-stub": row.stub, "aria-label": "Compare " + row.values[Object.keys(row.values)[0]] });
    name.appendChild(document.createTextNode(" "));
    name.appendChild(el("span", { "class": "row-actions" }, [button, el("label", { "class": "pick-label" }, [pick, document.createTextNode(" Compare")])]));
    row.pick = pick;
    row.hasCopy = true;
  }

  // ------------------------------------------------------------ controls

  ModelTable.prototype.buildTools = function () {
    var self = this;
    var id = this.table.id;
    this.search = el("input", {
      type: "search", id: id + "-q", placeholder: "Search name, stub or tag", autocomplete: "off", spellcheck: "false"
    });
    this.search.addEventListener("input", function () {
      self.state.q = self.search.value;
      self.limit = self.pageSize;
      self.update({ push: false });
    });
    var searchBox = el("div", { "class": "tool search" }, [
      el("label", { "for": id + "-q", "class": "visually-hidden", text: "Search models" }), this.search
    ]);

    // The filters: a side column on wide screens, a "Filters (n)" button on narrow ones and in embeds.
    this.filtersLabel = el("span", { text: "Filters" });
    this.filters = el("details", { "class": "filters", id: id + "-filters" }, [
      el("summary", { "class": "filters-toggle" }, [this.filtersLabel])
    ]);
    var summary = this.filters.querySelector("summary");
    summary.addEventListener("click", function (event) { if (placed) { event.preventDefault(); } });
    var groups = el("div", { "class": "filter-groups" });
    this.facetInputs = new Map(); // facet key -> Map of value -> its entry
    this.facets.forEach(function (facet, f) { groups.appendChild(self.buildFacet(facet, f)); });
    if (this.numeric.length) { groups.appendChild(this.buildRanges()); }
    this.clearButton = el("button", { type: "button", "class": "button clear", text: "Clear all filters" });
    this.clearButton.addEventListener("click", function () { self.clearFilters(); });
    this.filters.appendChild(groups);
    this.filters.appendChild(el("p", { "class": "filter-actions" }, [this.clearButton]));
    var isEmbed = document.body.classList.contains("embed");
    var placed = null;
    var placeFilters = function () {
      // By the table's own width, not the window's: inside an MkDocs page the content column is narrower.
      var side = !isEmbed && self.root.getBoundingClientRect().width >= SIDE_FILTERS_WIDTH;
      if (side === placed) { return; }
      placed = side;
      self.root.classList.toggle("filters-beside", side);
      self.filters.open = side;
      // Beside the table the panel stays open: its summary is a heading there, not a button to tab to.
      if (side) { summary.setAttribute("tabindex", "-1"); } else { summary.removeAttribute("tabindex"); }
      // Beside the table in its own column, or a button in the tools' row that opens below it.
      if (side) { layout.insertBefore(self.filters, results); } else { bar.insertBefore(self.filters, bar.firstChild); }
    };

    var columnsMenu = this.buildColumnChooser();
    var speedChooser = this.buildSpeedChooser();
    // On a phone the buttons' first words are visually hidden (still read out), so they fit one line.
    var csv = el("button", { type: "button", "class": "button" }, [el("span", { "class": "wide-only", text: "Export " }), document.createTextNode("CSV")]);
    var json = el("button", { type: "button", "class": "button" }, [el("span", { "class": "wide-only", text: "Export " }), document.createTextNode("JSON")]);
    csv.addEventListener("click", function () { self.exportView("csv"); });
    json.addEventListener("click", function () { self.exportView("json"); });

    this.countNode = el("p", { "class": "table-count", role: "status", "aria-live": "polite" });
    this.chips = el("ul", { "class": "chips", "aria-label": "Active filters" });
    this.compareButton = el("button", { type: "button", "class": "button compare-button" });
    this.compareButton.addEventListener("click", function () { self.showCompare(); });
    this.comparePanel = el("section", { "class": "compare", tabindex: "-1", "aria-labelledby": id + "-compare-h" });
    this.comparePanel.hidden = true;
    var bar = el("div", { "class": "tools-row" }, [
      searchBox, speedChooser, columnsMenu, el("div", { "class": "tool export" }, [csv, json, this.compareButton])
    ]);
    var status = el("div", { "class": "table-status" }, [this.countNode, this.chips]);
    var tools = el("div", { "class": "table-tools" }, [bar, status]);
    var scroll = this.table.closest(".table-scroll") || this.table;
    var results = el("div", { "class": "table-results" });
    var layout = el("div", { "class": "table-layout" }, [results]);
    scroll.parentNode.insertBefore(layout, scroll);
    results.appendChild(tools);
    results.appendChild(this.comparePanel);
    results.appendChild(scroll);
    this.results = results;
    placeFilters();
    window.addEventListener("resize", placeFilters, { signal: this.listening.signal });

    this.moreButton = el("button", { type: "button", "class": "button more" });
    this.moreButton.hidden = true;
    this.moreButton.addEventListener("click", function () {
      self.limit += self.pageSize;
      self.update({ url: false });
    });
    results.appendChild(el("p", { "class": "more-row" }, [this.moreButton]));
    if (window.IntersectionObserver) {
      // Draw more rows before the reader reaches the end of those drawn.
      new IntersectionObserver(function (entries) {
        if (entries[0].isIntersecting && !self.moreButton.hidden) {
          self.limit += self.pageSize;
          self.update({ url: false });
        }
      }, { rootMargin: "300px 0px" }).observe(this.moreButton.parentNode);
    }

    this.headers.forEach(function (th, j) {
      var button = el("button", { type: "button", "class": "sort" }, [
        document.createTextNode(th.textContent), el("span", { "class": "sort-mark", "aria-hidden": "true" })
      ]);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { self.toggleSort(self.columns[j].key); });
    });
    this.table.addEventListener("click", function (event) {
      var button = event.target.closest("button.copy-row");
      if (button) { copyFrom(button); }
    });
    this.table.addEventListener("change", function (event) {
      if (event.target.classList.contains("pick")) { self.togglePick(event.target.getAttribute("data-stub"), event.target.checked); }
    });
  };

  ModelTable.prototype.clearFilters = function () {
    this.state.facets = Object.create(null);
    this.state.q = "";
    this.state.min = Object.create(null);
    this.state.max = Object.create(null);
    this.limit = this.pageSize;
    this.syncControls();
    this.update({ push: true });
  };

  ModelTable.prototype.showCompare = function () {
    this.comparePanel.scrollIntoView({ block: "start" });
    this.comparePanel.focus({ preventScroll: true });
  };

  // The active filters as removable chips above the table; the Filters button counts them.
  ModelTable.prototype.drawChips = function () {
    var state = this.state;
    var self = this;
    var chips = [];
    var labels = Object.create(null);
    this.facets.forEach(function (facet) { labels[facet.key] = facet.label; });
    Object.keys(state.facets).sort().forEach(function (key) {
      state.facets[key].forEach(function (value) {
        chips.push({ text: (labels[key] || key.replace(/_/g, " ")) + ": " + value, drop: function () { self.toggleFacet(key, value, false); } });
      });
    });
    if (state.q) {
      chips.push({ text: "Search: " + state.q, drop: function () { self.state.q = ""; self.syncControls(); self.update({ push: true }); } });
    }
    this.numeric.forEach(function (column) {
      ["min", "max"].forEach(function (bound) {
        if (!(column.key in state[bound])) { return; }
        var sign = bound === "min" ? " ≥ " : " ≤ ";
        chips.push({ text: column.label + sign + state[bound][column.key], drop: function () {
          delete self.state[bound][column.key];
          self.syncControls();
          self.update({ push: true });
        } });
      });
    });
    var key = chips.map(function (chip) { return chip.text; }).join("\n");
    if (key === this.chipsShown) { return; }
    this.chipsShown = key;
    this.chips.textContent = "";
    chips.forEach(function (chip) {
      var button = el("button", { type: "button", "class": "chip" }, [
        el("span", { "class": "visually-hidden", text: "Remove filter " }), el("span", { text: chip.text }),
        el("span", { "class": "chip-x", "aria-hidden": "true", text: "×" })
      ]);
      button.addEventListener("click", chip.drop);
      self.chips.appendChild(el("li", {}, [button]));
    });
    this.chips.hidden = chips.length === 0;
    this.filtersLabel.textContent = chips.length ? "Filters (" + chips.length + ")" : "Filters";
  };

  ModelTable.prototype.buildFacet = function (facet, f) {
    var self = this;
    // Ordered by frequency in the whole table, so boxes stay put while counts change.
    var ids = facet.values.map(function (value, id) { return id; }).sort(function (a, b) {
      return facet.totals[b] - facet.totals[a] || facet.values[a].localeCompare(facet.values[b], undefined, { numeric: true });
    });
    var list = el("ul", { "class": "facet-values" });
    this.facetInputs.set(facet.key, new Map());
    facet.list = list;
    // Long tails stay out of the list (search and the URL still reach them) until chosen.
    ids.slice(0, MAX_FACET_VALUES).forEach(function (id) { self.facetEntry(facet, id); });
    var group = el("fieldset", { "class": "facet", "data-facet": facet.key }, [el("legend", { text: facet.label }), list]);
    var listed = Math.min(ids.length, MAX_FACET_VALUES);
    if (listed > TOP_FACET_VALUES) {
      // Collapsed to the most common values; the rest one click away.
      group.classList.add("collapsed");
      var more = el("button", { type: "button", "class": "facet-all", "aria-expanded": "false", text: "Show all " + listed });
      more.addEventListener("click", function () {
        var open = group.classList.toggle("collapsed") === false;
        more.setAttribute("aria-expanded", String(open));
        more.textContent = open ? "Show fewer" : "Show all " + listed;
      });
      group.appendChild(more);
    }
    if (ids.length > MAX_FACET_VALUES) {
      group.appendChild(el("p", { "class": "facet-more", text: (ids.length - MAX_FACET_VALUES) + " more values: use the search box" }));
    }
    return group;
  };

  ModelTable.prototype.facetEntry = function (facet, id) {
    var self = this;
    var value = facet.values[id];
    var inputs = this.facetInputs.get(facet.key);
    if (inputs.has(value)) { return inputs.get(value); }
    var inputId = this.table.id + "-" + facet.key + "-" + id;
    var input = el("input", { type: "checkbox", id: inputId, value: value });
    var count = el("span", { "class": "facet-count" });
    input.addEventListener("change", function () { self.toggleFacet(facet.key, value, input.checked); });
    var item = el("li", {}, [input, el("label", { "for": inputId }, [
      el("span", { "class": "facet-value", text: value }), count
    ])]);
    facet.list.appendChild(item);
    var entry = { input: input, count: count, item: item, id: id, shown: -1 };
    inputs.set(value, entry);
    return entry;
  };

  ModelTable.prototype.buildRanges = function () {
    var self = this;
    var list = el("div", { "class": "ranges" });
    this.rangeInputs = Object.create(null);
    this.numeric.forEach(function (column) {
      var values = self.rows.map(function (r) { return r.values[column.key]; }).filter(function (v) { return v !== null; });
      var low = values.reduce(function (a, b) { return Math.min(a, b); }, Infinity);
      var high = values.reduce(function (a, b) { return Math.max(a, b); }, -Infinity);
      var inputs = {};
      var row = el("div", { "class": "range" }, [el("span", { "class": "range-label", text: column.label })]);
      ["min", "max"].forEach(function (bound) {
        var inputId = self.table.id + "-" + bound + "-" + column.key;
        var input = el("input", {
          type: "number", id: inputId, step: "any", inputmode: "decimal",
          placeholder: values.length ? roundForDisplay(bound === "min" ? low : high) : ""
        });
        input.addEventListener("input", function () {
          var number = parseFloat(input.value);
          if (input.value === "" || isNaN(number)) { delete self.state[bound][column.key]; } else { self.state[bound][column.key] = number; }
          self.limit = self.pageSize;
          self.update({ push: false });
        });
        inputs[bound] = input;
        var words = column.label + " " + (bound === "min" ? "minimum" : "maximum");
        row.appendChild(el("label", { "for": inputId, "class": "visually-hidden", text: words }));
        row.appendChild(input);
        if (bound === "min") { row.appendChild(el("span", { "class": "range-dash", "aria-hidden": "true", text: "to" })); }
      });
      self.rangeInputs[column.key] = inputs;
      list.appendChild(row);
    });
    return el("fieldset", { "class": "facet ranges-group" }, [el("legend", { text: "Ranges" }), list]);
  };

  ModelTable.prototype.buildSpeedChooser = function () {
    var contexts = this.data.speed;
    if (contexts.length < 2 || this.columnIndex("throughput") < 0) { return null; }
    var self = this;
    var id = this.table.id + "-speed";
    this.speedSelect = el("select", { id: id });
    contexts.forEach(function (context, index) {
      self.speedSelect.appendChild(el("option", { value: String(index), text: context }));
    });
    this.speedSelect.addEventListener("change", function () {
      self.state.speed = parseInt(self.speedSelect.value, 10);
      self.update({ push: true });
    });
    this.speedTool = el("div", { "class": "tool speed" }, [el("label", { "for": id, text: "Throughput measured with" }), this.speedSelect]);
    return this.speedTool;
  };

  ModelTable.prototype.buildColumnChooser = function () {
    var self = this;
    var menu = el("details", { "class": "tool columns-menu" }, [el("summary", { text: "Columns" })]);
    var list = el("ul", { "class": "column-list" });
    this.columnInputs = Object.create(null);
    this.columns.forEach(function (column, j) {
      if (j === 0) { return; } // the name column always shows
      var inputId = self.table.id + "-col-" + column.key;
      var input = el("input", { type: "checkbox", id: inputId });
      input.addEventListener("change", function () { self.toggleColumn(column.key, input.checked); });
      self.columnInputs[column.key] = input;
      list.appendChild(el("li", {}, [input, el("label", { "for": inputId, text: column.label })]));
    });
    menu.appendChild(list);
    // A menu closes as menus do: on Escape (focus back on its button) and on a click elsewhere.
    menu.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.open) {
        menu.open = false;
        menu.querySelector("summary").focus();
        event.stopPropagation();
      }
    });
    document.addEventListener("click", function (event) {
      if (menu.open && !menu.contains(event.target)) { menu.open = false; }
    }, { signal: this.listening.signal });
    this.columnsMenu = menu;
    return menu;
  };

  ModelTable.prototype.toggleFacet = function (key, value, on) {
    var current = (this.state.facets[key] || []).filter(function (v) { return v !== value; });
    if (on) { current.push(value); }
    this.state.facets[key] = current;
    this.limit = this.pageSize;
    this.update({ push: true });
  };

  ModelTable.prototype.toggleColumn = function (key, on) {
    var visible = this.visibleColumns().filter(function (k) { return k !== key; });
    if (on) { visible.push(key); }
    var order = this.columns.map(function (c) { return c.key; });
    visible.sort(function (a, b) { return order.indexOf(a) - order.indexOf(b); });
    this.state.cols = visible.join(",") === this.defaultColumns().join(",") ? null : visible;
    this.update({ push: true });
  };

  ModelTable.prototype.toggleSort = function (key) {
    var sort = this.state.sort;
    // A figure's first click puts the best first, by its direction (accuracy high, latency and size low).
    var best = this.columns[this.columnIndex(key)].best;
    this.state.sort = sort && sort.key === key ? { key: key, desc: !sort.desc } : { key: key, desc: best === "desc" };
    this.update({ push: true });
  };

  ModelTable.prototype.visibleColumns = function () {
    var columns = this.columns.slice(1);
    var chosen = this.state.cols;
    if (!chosen) { return this.defaultColumns(); }
    return columns.map(function (c) { return c.key; }).filter(function (k) { return chosen.indexOf(k) >= 0; });
  };

  // The columns shown until the reader chooses: the figures first; the others wait in the column chooser.
  ModelTable.prototype.defaultColumns = function () {
    return this.columns.slice(1).filter(function (c) { return !c.hidden; }).map(function (c) { return c.key; });
  };

  // ------------------------------------------------------------ drawing controls

  ModelTable.prototype.syncControls = function () {
    var state = this.state;
    var self = this;
    this.search.value = state.q;
    this.facets.forEach(function (facet) {
      var wanted = state.facets[facet.key] || [];
      wanted.forEach(function (value) {
        if (facet.ids.has(value)) { self.facetEntry(facet, facet.ids.get(value)); }
      });
      self.facetInputs.get(facet.key).forEach(function (entry, value) {
        entry.input.checked = wanted.indexOf(value) >= 0;
      });
    });
    Object.keys(this.rangeInputs || {}).forEach(function (key) {
      ["min", "max"].forEach(function (bound) {
        var value = state[bound][key];
        self.rangeInputs[key][bound].value = value === undefined ? "" : String(value);
      });
    });
    var visible = this.visibleColumns();
    Object.keys(this.columnInputs).forEach(function (key) {
      self.columnInputs[key].checked = visible.indexOf(key) >= 0;
    });
  };

  ModelTable.prototype.drawFacetCounts = function (counts) {
    var self = this;
    this.facets.forEach(function (facet, f) {
      self.facetInputs.get(facet.key).forEach(function (entry) {
        var count = counts[f][entry.id];
        if (count === entry.shown) { return; }
        entry.shown = count;
        entry.count.textContent = String(count);
        entry.item.classList.toggle("empty", count === 0);
      });
    });
  };

  // Chart points of rows filtered out are dimmed; a point and its row light up together.
  ModelTable.prototype.drawChartPoints = function () {
    var self = this;
    if (!this.points) {
      this.byStubMap();
      this.points = Array.prototype.slice.call(document.querySelectorAll(".chart circle[data-stub]"));
      this.points.forEach(function (point) {
        var row = self.byStub.get(point.getAttribute("data-stub"));
        if (!row) { return; }
        var on = function () { self.highlight(row, true); };
        var off = function () { self.highlight(row, false); };
        point.addEventListener("mouseenter", on);
        point.addEventListener("mouseleave", off);
      });
      // Rows are made as they are drawn: the body listens for them all.
      var hovered = null;
      this.tbody.addEventListener("mouseover", function (event) {
        var tr = event.target.closest("tr[data-stub]");
        var row = tr ? self.byStub.get(tr.getAttribute("data-stub")) : null;
        if (row === hovered) { return; }
        if (hovered) { self.highlight(hovered, false); }
        hovered = row || null;
        if (hovered) { self.highlight(hovered, true); }
      });
      this.tbody.addEventListener("mouseleave", function () {
        if (hovered) { self.highlight(hovered, false); }
        hovered = null;
      });
    }
    // Touch only the points whose state changed: a big chart has a point per model.
    this.points.forEach(function (point) {
      var row = self.byStub.get(point.getAttribute("data-stub"));
      var dim = !row || !row.match;
      if (point.zoocatDim !== dim) {
        point.classList.toggle("dim", dim);
        point.zoocatDim = dim;
      }
    });
  };

  // ------------------------------------------------------------ compare

  ModelTable.prototype.togglePick = function (stub, on) {
    var picked = this.state.compare.filter(function (s) { return s !== stub; });
    if (on) { picked.push(stub); }
    this.state.compare = picked;
    this.update({ push: true });
  };

  ModelTable.prototype.drawCompare = function () {
    var picked = this.state.compare;
    var self = this;
    this.rows.forEach(function (row) { if (row.pick) { row.pick.checked = picked.indexOf(row.stub) >= 0; } });
    this.compareButton.textContent = "";
    this.compareButton.appendChild(document.createTextNode("Compare"));
    this.compareButton.appendChild(el("span", { "class": "wide-only", text: " selected" }));
    this.compareButton.appendChild(document.createTextNode(" (" + picked.length + ")"));
    this.compareButton.disabled = picked.length < 2;
    this.compareButton.hidden = picked.length === 0; // shown once a row's Compare box is ticked
    var key = picked.join(",");
    if (key === this.compareShown) { return; }
    this.compareShown = key;
    this.comparePanel.textContent = "";
    this.comparePanel.hidden = picked.length < 2;
    if (picked.length < 2) { return; }
    var rows = picked.map(function (stub) { return self.byStubMap().get(stub); });
    var head = el("tr", {}, [el("th", { scope: "col" }, [el("span", { "class": "visually-hidden", text: "Field" })])].concat(rows.map(function (row) {
      return el("th", { scope: "col" }, [el("a", { href: self.links.page(row.stub), text: row.values[self.columns[0].key] })]);
    })));
    var body = el("tbody");
    var lines = STUB_FIELDS.map(function (field) {
      return { label: field.replace(/_/g, " "), values: rows.map(function (row) { return row.fields[field]; }) };
    }).concat(this.columns.map(function (column, j) {
      // Stub fields are listed above; the other columns (metrics, speed, deltas) follow.
      if (j === 0 || STUB_FIELDS.indexOf(column.key) >= 0) { return null; }
      return { label: column.label, values: rows.map(function (row) { return row.cells[j].text; }) };
    }).filter(Boolean)).concat([{ label: "tags", values: rows.map(function (row) { return row.tags.join(", ") || "--"; }) }]);
    // What differs comes first; what the models share is folded below it.
    var differing = lines.filter(function (line) { return line.values.some(function (v) { return v !== line.values[0]; }); });
    var same = lines.filter(function (line) { return differing.indexOf(line) < 0; });
    var lineRow = function (line) {
      return el("tr", differing.indexOf(line) >= 0 ? { "class": "differs" } : {}, [el("th", { scope: "row", text: line.label })].concat(
        line.values.map(function (value) { return el("td", { text: value }); })));
    };
    differing.forEach(function (line) { body.appendChild(lineRow(line)); });
    var close = el("button", { type: "button", "class": "button", text: "Close comparison" });
    close.addEventListener("click", function () { self.state.compare = []; self.update({ push: true }); });
    this.comparePanel.appendChild(el("h2", { id: this.table.id + "-compare-h", text: "Comparison" }));
    this.comparePanel.appendChild(el("p", { "class": "muted", text: differing.length + " of " + lines.length + " rows differ; those the models share are folded below." }));
    var wrap = function (tableBody, label) {
      return el("div", { "class": "table-scroll compare-scroll", tabindex: "0", role: "region", "aria-label": label }, [
        el("table", { "class": "compare-table cols-" + rows.length }, [el("thead", {}, [head.cloneNode(true)]), tableBody])
      ]);
    };
    this.comparePanel.appendChild(wrap(body, "Where the models differ"));
    if (same.length) {
      var sameBody = el("tbody");
      same.forEach(function (line) { sameBody.appendChild(lineRow(line)); });
      this.comparePanel.appendChild(el("details", { "class": "compare-same" }, [
        el("summary", { text: "Identical rows (" + same.length + ")" }), wrap(sameBody, "Where the models are alike")
      ]));
    }
    this.comparePanel.appendChild(close);
  };

  ModelTable.prototype.highlight = function (row, on) {
    if (row.tr) { row.tr.classList.toggle("highlight", on); }
    this.points.forEach(function (point) {
      if (point.getAttribute("data-stub") === row.stub) { point.classList.toggle("highlight", on); }
    });
  };

  ModelTable.prototype.drawHeaders = function () {
    var sort = this.state.sort;
    var self = this;
    this.headers.forEach(function (th, j) {
      var key = self.columns[j].key;
      var mark = th.querySelector(".sort-mark");
      if (sort && sort.key === key) {
        th.setAttribute("aria-sort", sort.desc ? "descending" : "ascending");
        mark.textContent = sort.desc ? "▼" : "▲";
      } else {
        th.removeAttribute("aria-sort");
        mark.textContent = "";
      }
    });
  };

  ModelTable.prototype.drawColumns = function () {
    var visible = this.visibleColumns();
    var id = this.table.id;
    var rules = [];
    this.columns.forEach(function (column, j) {
      if (j > 0 && visible.indexOf(column.key) < 0) {
        rules.push("#" + id + " tr > :nth-child(" + (j + 1) + ") { display: none; }");
      }
    });
    var css = rules.join("\n");
    if (this.colStyle.textContent !== css) { this.colStyle.textContent = css; }
  };

  // ------------------------------------------------------------ export

  ModelTable.prototype.viewRecords = function () {
    var keys = [this.columns[0].key].concat(this.visibleColumns());
    return this.order.filter(function (row) { return row.match; }).map(function (row) {
      var record = Object.create(null);
      record.stub = row.stub;
      keys.forEach(function (key) { record[key] = row.values[key] === undefined ? null : row.values[key]; });
      return record;
    });
  };

  ModelTable.prototype.exportView = function (format) {
    var records = this.viewRecords();
    var name = this.data.key.replace(/\//g, "-") + "-models." + format;
    if (format === "json") {
      download(name, "application/json", JSON.stringify(records, null, 1) + "\n");
      return;
    }
    var keys = ["stub", this.columns[0].key].concat(this.visibleColumns());
    var lines = [keys.join(",")].concat(records.map(function (record) {
      return keys.map(function (key) { return csvCell(record[key]); }).join(",");
    }));
    download(name, "text/csv", lines.join("\n") + "\n");
  };

  ModelTable.prototype.start = function () {
    this.readUrl();
    this.syncControls();
    this.update({ url: false });
    // A shared comparison link opens on the comparison, not above it.
    if (this.state.compare.length >= 2) { this.showCompare(); }
    var self = this;
    window.addEventListener("popstate", function () {
      if (self.view !== null) { return; }
      self.readUrl();
      self.limit = self.pageSize;
      self.syncControls();
      self.update({ url: false });
    }, { signal: this.listening.signal });
  };

  // A page that replaced this table's (Material's instant navigation) leaves it behind: it stops listening.
  ModelTable.prototype.stop = function () {
    this.listening.abort();
    this.colStyle.remove();
  };

  // ---------------------------------------------------------------- page set-up

  // Each table's rows.js, loaded once per page however many views of the table it shows. A script, not a fetch:
  // pages opened from disk may not fetch files. The file calls zoocatRows with its data.
  var tableData = new Map(); // table key -> its data, once loaded
  var waiting = new Map(); // table key -> what waits for its data

  window.zoocatRows = function (data) {
    tableData.set(data.key, data);
    (waiting.get(data.key) || []).forEach(function (then) { then(data); });
    waiting.delete(data.key);
  };

  // The table's data file: a link, which the page preloads while it is parsed, and which docs engines rewrite
  // with the page's other links when they move it.
  function rowsLink(root) {
    return root.querySelector(":scope > link.zoocat-rows");
  }

  function withRows(root, then) {
    var key = root.getAttribute("data-table");
    if (tableData.has(key)) { then(tableData.get(key)); return; }
    if (waiting.has(key)) { waiting.get(key).push(then); return; }
    waiting.set(key, [then]);
    var script = document.createElement("script");
    script.src = rowsLink(root).href;
    // Without its data the table stays as the page drew it: its first rows and the pages of the others.
    script.onerror = function () { waiting.delete(key); };
    document.head.appendChild(script);
  }

  // A copy button beside each code that asks for one: its text is the code's own, so that a page does not carry
  // every command twice. Without the script there is no button, and the code is there to select.
  function addCopyButtons() {
    document.querySelectorAll("code[data-copy-label]").forEach(function (code) {
      if (code.zoocatCopy) { return; }
      code.zoocatCopy = true;
      var text = (code.getAttribute("data-copy-prefix") || "") + code.textContent;
      var button = el("button", { type: "button", "class": "copy", "data-copy": text, text: code.getAttribute("data-copy-label") });
      (code.parentElement.tagName === "PRE" ? code.parentElement : code).after(button);
    });
  }

  function setUpCopyButtons() {
    addCopyButtons();
    document.querySelectorAll("button.copy[data-copy]:not(.zoocat-ready)").forEach(function (button) {
      button.classList.add("zoocat-ready");
      button.hidden = false;
      button.addEventListener("click", function () { copyFrom(button); });
    });
  }

  function reportHeight() {
    // The bare table page tells the page that embeds it how tall it is.
    if (!document.body.classList.contains("embed") || window.parent === window) { return; }
    var last = 0;
    var main = document.querySelector("main") || document.body;
    var send = function () {
      // The content's own height: the document's is never less than the frame, so it could not shrink.
      var height = Math.ceil(main.getBoundingClientRect().height + main.offsetTop + 8);
      if (height === last) { return; }
      last = height;
      window.parent.postMessage({ type: "zoocat:height", height: height }, "*");
    };
    send();
    if (window.ResizeObserver) { new ResizeObserver(send).observe(main); }
  }

  var started = []; // the tables set up so far, on this page or on pages instant navigation replaced

  // Sets up what is not set up yet, so it may run again on the same page.
  function start() {
    document.documentElement.classList.add("zoocat-js");
    setUpCopyButtons();
    started = started.filter(function (table) {
      if (!table.root.isConnected) { table.stop(); }
      return table.root.isConnected;
    });
    var roots = Array.prototype.filter.call(document.querySelectorAll(".zoocat-table"), function (root) {
      return !root.zoocatPending && rowsLink(root) && root.querySelector("table.models");
    });
    roots.forEach(function (root) {
      root.zoocatPending = true;
      withRows(root, function (data) {
        if (!root.isConnected) { return; }
        var table = new ModelTable(root, started.length, data);
        table.start();
        root.classList.add("zoocat-ready");
        root.zoocat = table; // for tests and benchmarks
        started.push(table);
      });
    });
    reportHeight();
  }

  // Material for MkDocs' instant navigation swaps the page's content without loading a new page, and runs the
  // scripts of the new content again (this one among them, when the page holds zoocat's content): its document$
  // announces each new page, so the first run subscribes to it and later runs leave it at that. It starts at once
  // as well: from file:// Material turns instant navigation off and its document$ announces nothing.
  function startOnEveryPage() {
    start();
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(start);
    }
  }

  if (window.zoocatLoaded) { return; }
  window.zoocatLoaded = true;
  if (document.readyState === "loading") {
    // Material's script comes after the content, so its document$ is there once the page is parsed.
    document.addEventListener("DOMContentLoaded", startOnEveryPage);
  } else {
    startOnEveryPage();
  }
})();
