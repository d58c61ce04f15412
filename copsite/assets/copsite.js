/* copsite: narrow a list (resource bank, communities) in the page, with the state in the address.
 * Without JavaScript the form stays hidden and the whole list reads as a plain list (the resource
 * bank's and the communities' in numbered pages). On the bank's first page, the list names its data (resources.json):
 * the rest of the bank is fetched only when the reader filters or asks for more, and its cards are
 * built with DOM calls (text as text, never markup), as the server builds them. The communities'
 * other pages are fetched, when the reader filters or asks for all, and their cards joined. */
(function () {
  "use strict";

  var PAGE = 50;      // cards added by "Show more", as many as a page of the bank
  var SOURCES = 3;    // communities named on a card, then "and N more" (as _macros.j2's resource_card)
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
  var BLOCKS = /^(h[1-6]|p|li|td|th|dd|dt|figcaption|summary|blockquote)$/;

  function tokens(el, name) {
    var raw = el.getAttribute("data-" + name) || "";
    return name === "topic" ? raw.split("|") : raw.split(" ");
  }

  function label(value) {
    var s = value.split("-").join(" ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  function longdate(iso) {
    var p = iso.split("-");
    var d = new Date(Date.UTC(+p[0], +p[1] - 1, +p[2]));
    var lang = document.documentElement.lang || "en";
    if (window.Intl) {
      // the handbook's language, as Babel writes the server's dates
      return d.toLocaleDateString(lang, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
    }
    return DAYS[d.getUTCDay()] + " " + d.getUTCDate() + " " + MONTHS[d.getUTCMonth()] + " " + d.getUTCFullYear();
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (BLOCKS.test(tag)) node.setAttribute("dir", "auto"); // as copsite.bidi marks the server's blocks
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    (children || []).forEach(function (c) {
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  /* The bank's data, fetched once per page. */
  function Bank(list) {
    this.list = list;
    this.src = list.getAttribute("data-copsite-data");
    this.root = list.getAttribute("data-copsite-root") || "";
    this.site = list.getAttribute("data-copsite-site") || "";
    this.members = list.getAttribute("data-copsite-members") === "true";
    // The card's words, in the handbook's language, as the page renders them (resources.md.j2).
    this.words = JSON.parse(list.getAttribute("data-copsite-words") || "{}");
    this.items = null;
    this.loading = null;
  }

  Bank.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = fetch(this.src).then(function (r) { return r.json(); }).then(function (data) {
        self.items = data.resources.map(function (r) {
          var slugs = [];
          r.sources.forEach(function (s) { if (slugs.indexOf(s.community) === -1) slugs.push(s.community); });
          return {
            r: r,
            kind: [r.kind],
            topic: r.topics.map(function (t) { return t.toLowerCase(); }),
            community: slugs,
            text: (r.title + " " + (r.description || "") + " " + r.topics.join(" ")).toLowerCase()
          };
        });
        return self.items;
      });
    }
    return this.loading;
  };

  /* An address of resources.json as a link from this page (the server's links are relative too):
   * absolute under site_url, else relative to resources.json, which is at the site's root. */
  Bank.prototype.href = function (address) {
    if (this.site && address.indexOf(this.site) === 0) return this.root + address.slice(this.site.length).replace(/^\//, "");
    if (/^[a-z][a-z0-9+.-]*:/i.test(address)) return address;
    if (address.charAt(0) === "/") return this.root + address.slice(1);
    return this.root + address;
  };

  Bank.prototype.card = function (item) {
    var r = item.r, self = this;
    var titleLink;
    if (r.url && /^(https?:|mailto:)/i.test(r.url)) titleLink = el("a", { href: r.url, rel: "noopener" }, [r.title]);
    else if (r.file) titleLink = el("a", { href: this.href(r.file) }, [r.title]);
    else titleLink = el("strong", {}, [r.title]);
    var li = el("li", {
      "class": "copsite-resource",
      "data-kind": r.kind,
      "data-topic": item.topic.join("|"),
      "data-community": item.community.join(" "),
      "data-text": item.text
    }, [el("p", { "class": "copsite-resource__title" }, [titleLink, " ", el("span", { "class": "copsite-badge copsite-kind" }, [(this.words.kinds || {})[r.kind] || label(r.kind)])])]);
    if (r.description) li.appendChild(el("p", {}, [r.description]));
    if (r.topics.length) {
      var topics = el("p", { "class": "copsite-meta" }, [this.words.topics + " "]);
      r.topics.forEach(function (t, i) {
        if (i) topics.appendChild(document.createTextNode(", "));
        topics.appendChild(el("span", { "class": "copsite-topic" }, [t]));
      });
      li.appendChild(topics);
    }
    // One entry a community, with the highlights that shared the resource (as BankEntry.by_community).
    var groups = [], byCommunity = {};
    r.sources.forEach(function (s) {
      var g = byCommunity[s.community];
      if (!g) { g = byCommunity[s.community] = { s: s, hs: [] }; groups.push(g); }
      if (s.highlight_url && !g.hs.some(function (h) { return h.highlight_url === s.highlight_url; })) g.hs.push(s);
    });
    var meta = el("p", { "class": "copsite-meta" }, [this.words.from + " "]);
    groups.slice(0, SOURCES).forEach(function (g, i, shown) {
      meta.appendChild(el("a", { href: self.href(g.s.community_url) }, [g.s.community_title]));
      if (g.hs.length) {
        meta.appendChild(document.createTextNode(" ("));
        g.hs.forEach(function (h, j) {
          if (j) meta.appendChild(document.createTextNode(", "));
          meta.appendChild(el("a", { href: self.href(h.highlight_url) }, [h.highlight_title]));
        });
        meta.appendChild(document.createTextNode(")"));
      }
      if (i < shown.length - 1) meta.appendChild(document.createTextNode("; "));
    });
    if (groups.length > SOURCES) meta.appendChild(document.createTextNode(" " + (groups.length - SOURCES === 1 ? this.words.more_one : this.words.more).replace("{n}", groups.length - SOURCES)));
    if (r.added) {
      var added = this.words.added.split("{date}"); // the date inside the words, where the language puts it
      meta.appendChild(document.createTextNode(" · " + added[0]));
      meta.appendChild(el("time", { datetime: r.added }, [longdate(r.added)]));
      if (added[1]) meta.appendChild(document.createTextNode(added[1]));
    }
    if (this.members && r.added_by && r.added_by.length) meta.appendChild(document.createTextNode(" " + this.words.by.replace("{authors}", r.added_by.join(", "))));
    li.appendChild(meta);
    return li;
  };

  /* A list in numbered pages (the communities): its other pages' items, fetched once, in page
   * order with this page's own; their links made absolute, as they were relative to their page. */
  function Pages(list) {
    this.list = list;
    this.urls = (list.getAttribute("data-copsite-others") || "").split(" ").filter(Boolean);
    this.number = +list.getAttribute("data-copsite-page") || 1;
    this.loading = null;
    this.items = null;
  }

  Pages.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      var own = Array.prototype.slice.call(this.list.children);
      this.loading = Promise.all(this.urls.map(function (src) {
        var url = new URL(src, window.location.href);
        return fetch(url).then(function (r) { return r.text(); }).then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html"); // inert: no script runs
          var found = doc.querySelector("[data-copsite-items]");
          return Array.prototype.map.call(found ? found.children : [], function (item) {
            Array.prototype.forEach.call(item.querySelectorAll("a[href]"), function (a) {
              a.setAttribute("href", new URL(a.getAttribute("href"), url).href);
            });
            return document.importNode(item, true);
          });
        });
      })).then(function (pages) {
        pages.splice(self.number - 1, 0, own);
        self.items = [].concat.apply([], pages);
        var frag = document.createDocumentFragment();
        self.items.forEach(function (item) { frag.appendChild(item); });
        self.list.replaceChildren(frag);
        return self.items;
      });
    }
    return this.loading;
  };

  function setup(form) {
    if (form.getAttribute("data-copsite-ready")) return;
    form.setAttribute("data-copsite-ready", "1");
    var scope = form.parentNode;
    var list = scope.querySelector("[data-copsite-items]");
    if (!list) return;
    var items = Array.prototype.slice.call(list.children);
    var none = scope.querySelector("[data-copsite-none]");
    var count = form.querySelector(".copsite-count");
    // The words come from the page, in the handbook's language: "{shown} of {total} shown".
    function words(name, fallback) { return form.getAttribute("data-" + name) || fallback; }
    var fields = Array.prototype.slice.call(form.querySelectorAll("select, input[name=text]"));
    var bank = list.hasAttribute("data-copsite-data") ? new Bank(list) : null;
    var paged = !bank && list.hasAttribute("data-copsite-others") ? new Pages(list) : null;
    var total = bank || paged ? +list.getAttribute("data-copsite-total") : items.length;
    var more = scope.querySelector("[data-copsite-more]");
    var moreButton = more && more.querySelector("button");
    var pages = scope.querySelector("[data-copsite-pages]");
    var limit = PAGE;
    var rendered = null; // the items of the data last shown, to leave the DOM alone when nothing changed

    function read() {
      var params = new URLSearchParams(window.location.search);
      if (params.has("q")) { // an old link (?q=): its words are the filter's; the address says text=
        if (!params.get("text")) params.set("text", params.get("q"));
        params.delete("q");
        var query = params.toString();
        history.replaceState(history.state, "", window.location.pathname + (query ? "?" + query : "") + window.location.hash);
      }
      fields.forEach(function (f) {
        var v = params.get(f.name) || "";
        if (f.tagName === "SELECT" && v && !f.querySelector('option[value="' + CSS.escape(v) + '"]')) v = "";
        f.value = v;
      });
    }

    function wanted() {
      var w = { words: [], by: {} };
      fields.forEach(function (f) {
        if (f.name === "text") { var q = f.value.trim().toLowerCase(); w.words = q ? q.split(/\s+/) : []; }
        else if (f.value) w.by[f.name] = f.value;
      });
      w.active = w.words.length > 0 || Object.keys(w.by).length > 0;
      return w;
    }

    function matches(w, get, text) {
      return Object.keys(w.by).every(function (name) { return get(name).indexOf(w.by[name]) !== -1; }) &&
        w.words.every(function (word) { return text.indexOf(word) !== -1; });
    }

    // The items in the page: every item (communities, a community's resources) or the bank's first page.
    function applyInPage(w) {
      var shown = 0;
      items.forEach(function (item) {
        var ok = matches(w, function (name) { return tokens(item, name); },
          item.getAttribute("data-text") || item.textContent.toLowerCase());
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      if (none) none.hidden = shown !== 0;
      if (count) count.textContent = items.length < total ? "" : words("count-text", "{shown} / {total}").replace("{shown}", shown).replace("{total}", items.length);
    }

    // The whole bank, from its data: the first `limit` matches as cards.
    function applyData(w) {
      var found = bank.items.filter(function (item) {
        return matches(w, function (name) { return item[name]; }, item.text);
      });
      var slice = found.slice(0, limit);
      var same = rendered && rendered.length === slice.length && slice.every(function (x, i) { return rendered[i] === x; });
      if (!same) {
        var frag = document.createDocumentFragment();
        slice.forEach(function (item) { frag.appendChild(bank.card(item)); });
        list.replaceChildren(frag);
        rendered = slice;
      }
      if (none) none.hidden = found.length !== 0;
      if (more) more.hidden = found.length <= slice.length;
      if (count) count.textContent = (found.length > slice.length ? words("count-first-text", "{shown} / {total} ({first})") : words("count-text", "{shown} / {total}"))
        .replace("{shown}", found.length).replace("{total}", total).replace("{first}", slice.length);
    }

    function apply(write, askedMore) {
      var w = wanted();
      if (bank && (bank.items || w.active || askedMore)) {
        if (!bank.items) applyInPage(w); // at once on this page, then on the whole bank
        bank.load().then(function () { applyData(wanted()); });
      } else if (paged && !paged.items && (w.active || askedMore)) {
        applyInPage(w); // at once on this page, then on every page
        paged.load().then(function (all) {
          items = all;
          if (more) more.hidden = true;
          applyInPage(wanted());
        });
      } else {
        applyInPage(w);
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

    form.addEventListener("input", function () { limit = PAGE; apply(true); });
    form.addEventListener("change", function () { limit = PAGE; apply(true); });
    form.addEventListener("reset", function () { setTimeout(function () { limit = PAGE; apply(true); }, 0); });
    if (bank || paged) {
      if (pages) pages.hidden = true; // with JavaScript, "Show more" replaces the numbered pages
      if (more && total > items.length) more.hidden = false;
      if (moreButton) moreButton.addEventListener("click", function () { limit += PAGE; apply(false, true); });
    }
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
/* copsite: a table or code block wider than its place scrolls sideways; where it does, it is a
 * region a keyboard can reach and scroll (WCAG 2.1.1), named after its caption or the heading
 * above it; a code block's name says it is code ("Code: How to contribute", in the handbook's
 * language: the words of copsite's footer partial, #copsite-words). Two regions never share a name
 * (axe-core: landmark-unique). Where it fits, it is no stop on the way. Looked at again when the
 * window changes. */
(function () {
  "use strict";

  var TABLES = ".md-typeset .copsite-scroll, .md-typeset .copsite-table-wrap, .md-typeset .md-typeset__scrollwrap";
  var CODE = ".md-typeset pre > code"; // what scrolls in a code block, with or without pymdownx.highlight
  var words = null;

  function word(key, fallback) {
    if (words === null) {
      var source = document.getElementById("copsite-words");
      try { words = source ? JSON.parse(source.textContent) : {}; } catch (e) { words = {}; }
    }
    return words[key] || fallback;
  }

  function heading(box) {
    for (var node = box; node && node !== document.body; node = node.parentElement) {
      for (var prev = node.previousElementSibling; prev; prev = prev.previousElementSibling) {
        if (/^H[1-6]$/.test(prev.tagName)) return prev.textContent.replace(/¶$/, "").trim();
      }
    }
    return "";
  }

  function name(box, code) {
    if (code) {
      var block = box.closest(".highlight");
      var title = block && block.querySelector(".filename"); // pymdownx.highlight's title="…"
      var about = (title && title.textContent.trim()) || heading(box);
      return about ? word("code_named", "Code: {name}").replace("{name}", about) : word("code", "Code");
    }
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    return heading(box) || document.title;
  }

  /* Material makes a code block that scrolls focusable only where the pointer can hover (not on a
   * phone or a tablet, keyboard or not), and takes the tabindex away again when it looks: copsite
   * puts it back while the block scrolls. */
  var keep = window.MutationObserver ? new MutationObserver(function (changes) {
    changes.forEach(function (change) {
      var box = change.target;
      if (box.getAttribute("data-copsite-region") === "1" && !box.hasAttribute("tabindex")) box.setAttribute("tabindex", "0");
    });
  }) : null;

  function mark() {
    var boxes = [];
    Array.prototype.forEach.call(document.querySelectorAll(TABLES), function (box) {
      if (box.parentElement && box.parentElement.closest(TABLES)) return; // the outer box scrolls
      boxes.push(box);
    });
    Array.prototype.push.apply(boxes, document.querySelectorAll(CODE));
    var used = {};
    Array.prototype.forEach.call(document.querySelectorAll("[role=region][aria-label]:not([data-copsite-region])"), function (other) {
      used[other.getAttribute("aria-label")] = 1;
    });
    boxes.sort(function (a, b) { return a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1; });
    boxes.forEach(function (box) {
      var code = box.tagName === "CODE";
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      var ours = box.getAttribute("data-copsite-region") === "1";
      if (scrolls && (ours || code || !box.hasAttribute("tabindex"))) {
        var label = name(box, code), n = used[label] = (used[label] || 0) + 1;
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", n > 1 ? label + " (" + n + ")" : label);
        box.setAttribute("data-copsite-region", "1");
        if (code && keep) keep.observe(box, { attributes: true, attributeFilter: ["tabindex"] });
      } else if (!scrolls && ours) {
        ["tabindex", "role", "aria-label", "data-copsite-region"].forEach(function (a) { box.removeAttribute(a); });
      }
    });
  }

  var timer = null;
  window.addEventListener("resize", function () { clearTimeout(timer); timer = setTimeout(mark, 100); });
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(function () { setTimeout(mark, 0); });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mark);
  } else {
    mark();
  }
  window.addEventListener("load", mark);
})();

/* copsite: Material's sections in the navigation (navigation.indexes) are named by their toggle, a
 * label holding only an icon, so every section's navigation landmark has the same empty name
 * (axe-core: landmark-unique). The toggle takes its section's title as its name. */
(function () {
  "use strict";

  function name() {
    Array.prototype.forEach.call(document.querySelectorAll("nav.md-nav[aria-labelledby]"), function (nav) {
      var label = document.getElementById(nav.getAttribute("aria-labelledby"));
      var title = nav.querySelector(":scope > .md-nav__title");
      if (label && title && !label.textContent.trim() && !label.hasAttribute("aria-label")) {
        label.setAttribute("aria-label", title.textContent.replace(/\s+/g, " ").trim());
      }
    });
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(name);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", name);
  } else {
    name();
  }
})();
