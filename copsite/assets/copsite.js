/* copsite: narrow a list (resource bank, communities) in the page, with the state in the address.
 * Without JavaScript the form stays hidden and the whole list reads as a plain list. */
(function () {
  "use strict";

  function tokens(el, name) {
    var raw = el.getAttribute("data-" + name) || "";
    return name === "topic" ? raw.split("|") : raw.split(" ");
  }

  function setup(form) {
    if (form.getAttribute("data-copsite-ready")) return;
    form.setAttribute("data-copsite-ready", "1");
    var scope = form.parentNode;
    var list = scope.querySelector("[data-copsite-items]");
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var none = scope.querySelector("[data-copsite-none]");
    var count = form.querySelector(".copsite-count");
    var fields = Array.prototype.slice.call(form.querySelectorAll("select, input[name=q]"));

    function read() {
      var params = new URLSearchParams(window.location.search);
      fields.forEach(function (f) {
        var v = params.get(f.name) || "";
        if (f.tagName === "SELECT" && v && !f.querySelector('option[value="' + CSS.escape(v) + '"]')) v = "";
        f.value = v;
      });
    }

    function apply(write) {
      var words = "";
      var wanted = {};
      fields.forEach(function (f) {
        if (f.name === "q") words = f.value.trim().toLowerCase();
        else if (f.value) wanted[f.name] = f.value;
      });
      var shown = 0;
      items.forEach(function (el) {
        var ok = Object.keys(wanted).every(function (name) {
          return tokens(el, name).indexOf(wanted[name]) !== -1;
        });
        if (ok && words) {
          var text = el.getAttribute("data-text") || el.textContent.toLowerCase();
          ok = words.split(/\s+/).every(function (w) { return text.indexOf(w) !== -1; });
        }
        el.hidden = !ok;
        if (ok) shown += 1;
      });
      if (none) none.hidden = shown !== 0;
      if (count) {
        // The words come from the page, in the handbook's language: "{shown} of {total} shown".
        var text = form.getAttribute("data-count-text") || "{shown} / {total}";
        count.textContent = text.replace("{shown}", shown).replace("{total}", items.length);
      }
      if (write) {
        var params = new URLSearchParams(window.location.search);
        fields.forEach(function (f) {
          if (f.value) params.set(f.name, f.value); else params.delete(f.name);
        });
        var query = params.toString();
        history.replaceState(null, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
    }

    form.addEventListener("input", function () { apply(true); });
    form.addEventListener("change", function () { apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
    form.hidden = false;
    read();
    apply(false);
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-copsite-filter]"), setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init); // Material's instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();

/* copsite: the "Post a highlight" button names the file and dates it for the reader's today
 * (the page holds the build's today; without JavaScript that one stays). Where the host may
 * open an empty editor (GitLab), a button copies the text shown beside it. */
(function () {
  "use strict";

  function isoToday() {
    var d = new Date();
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  function setup(box) {
    if (box.getAttribute("data-copsite-ready")) return;
    box.setAttribute("data-copsite-ready", "1");
    var data;
    try { data = JSON.parse(box.getAttribute("data-copsite-post")); } catch (e) { return; }
    var link = box.querySelector("[data-copsite-post-link]");
    var nameEl = box.querySelector("[data-copsite-post-name]");
    var textEl = box.querySelector("[data-copsite-post-text]");
    var copy = box.querySelector("[data-copsite-copy]");
    var today = isoToday();
    if (today !== data.today) {
      var name = data.name.split("@DATE@").join(today);
      var session = data.sessions[today];
      var text = data.text.split("@DATE@").join(today)
        .replace(/^session: @SESSION@\n/m, session ? "session: " + session + "\n" : "");
      link.href = data.base + "?" + data.name_param + "=" + encodeURIComponent(name) +
        "&" + data.text_param + "=" + encodeURIComponent(text);
      if (nameEl) nameEl.textContent = name;
      if (textEl) textEl.value = text;
    }
    if (copy && textEl) {
      copy.hidden = false;
      copy.addEventListener("click", function () {
        var done = function () { copy.textContent = copy.getAttribute("data-copied-text") || "✓"; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(textEl.value).then(done, function () { textEl.select(); });
        } else {
          textEl.select();
          if (document.execCommand("copy")) done();
        }
      });
    }
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-copsite-post]"), setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
