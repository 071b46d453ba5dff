// Loaded without defer just before a table, so it runs before the table's rows are parsed. With it, the rows stay
// out of layout while the page loads (see zoocat-parts.css): Chromium otherwise lays out the growing table again
// each time its parser yields, 6 s for 10,000 rows against 0.8 s hidden. zoocat.js shows the table once it holds
// the rows; if zoocat.js never runs, the whole table shows when the document is parsed. Without this file, or
// without JavaScript, nothing is hidden.
(function () {
  var root = document.documentElement;
  // Only while the page is parsed: run later (a table added by another script), nothing would show the rows again.
  if (document.readyState !== "loading") { return; }
  if (root.classList.contains("zoocat-loading") || root.classList.contains("zoocat-js")) { return; }
  root.classList.add("zoocat-loading");
  document.addEventListener("DOMContentLoaded", function () { root.classList.remove("zoocat-loading"); });
})();
