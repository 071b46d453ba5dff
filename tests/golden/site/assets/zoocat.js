// zoocat: progressive enhancement. Every page is complete without this script.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http have no clipboard API: fall back to a selected text area.
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
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

  function setUpCopyButtons() {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      var label = button.textContent;
      button.hidden = false;
      button.addEventListener("click", function () {
        copyText(button.getAttribute("data-copy")).then(function () {
          button.textContent = "Copied";
        }, function () {
          button.textContent = "Press Ctrl+C";
        }).then(function () {
          window.setTimeout(function () { button.textContent = label; }, 1500);
        });
      });
    });
  }

  function reportHeight() {
    // The bare table page tells the page that embeds it how tall it is.
    if (!document.body.classList.contains("embed") || window.parent === window) { return; }
    var send = function () {
      window.parent.postMessage({ type: "zoocat:height", height: document.documentElement.scrollHeight }, "*");
    };
    send();
    if (window.ResizeObserver) { new ResizeObserver(send).observe(document.body); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpCopyButtons();
    reportHeight();
  });
})();
