/* copsite: the post page (/communities/<slug>/post/). The composer below writes a highlight
 * file exactly as copsite/compose.py does (tests/test_compose.py runs both on the same answers);
 * the rest turns the page's form into answers and hands the file over: the host's new-file page,
 * the clipboard, an email or a download. Nothing is asked of another host until a hand-off is clicked. */
(function (root) {
  "use strict";

  var PRINTABLE = /[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\u{10000}-\u{10ffff}]/u;
  var APOSTROPHES = /['\u2019\u02bc]/g;
  var SLUG_LENGTH = 60;
  var NAME_WORD = "highlight";
  var WORDS = ["true", "false", "null", "yes", "no", "on", "off", "y", "n"];

  function edges(ws) {
    var cls = ws.replace(/[\\\]\[^-]/g, "\\$&");
    return new RegExp("^[" + cls + "]+|[" + cls + "]+$", "g");
  }
  var WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000";
  var EDGES = edges(WHITESPACE);

  function trim(text) { return String(text).replace(EDGES, ""); }

  function slug(title) {
    var text = String(title).normalize("NFKD").replace(APOSTROPHES, "").replace(/[^\x00-\x7f]/g, "")
      .toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    if (text.length > SLUG_LENGTH) {
      text = text.slice(0, SLUG_LENGTH);
      if (text.indexOf("-") >= 0) text = text.slice(0, text.lastIndexOf("-"));
    }
    return text.replace(/^-+|-+$/g, "") || NAME_WORD;
  }

  function fileName(date, title) { return date + "-" + slug(title) + ".md"; }

  function hex(code, width) {
    var s = code.toString(16).toUpperCase();
    while (s.length < width) s = "0" + s;
    return s;
  }

  function quote(text) {
    var out = "";
    for (var ch of String(text)) {
      if (ch === '"' || ch === "\\") out += "\\" + ch;
      else if (PRINTABLE.test(ch)) out += ch;
      else {
        var code = ch.codePointAt(0);
        out += code < 0x100 ? "\\x" + hex(code, 2) : code < 0x10000 ? "\\u" + hex(code, 4) : "\\U" + hex(code, 8);
      }
    }
    return '"' + out + '"';
  }

  function valueLines(f, value, indent) {
    if (f.type === "rows") {
      var rows = [];
      (value || []).forEach(function (row) {
        var lines = [];
        f.fields.forEach(function (sub) { lines = lines.concat(valueLines(sub, row[sub.name], "    ")); });
        if (lines.length) { rows.push("  - " + lines[0].slice(4)); rows = rows.concat(lines.slice(1)); }
      });
      return rows.length ? [indent + f.name + ":"].concat(rows) : [];
    }
    if (f.type === "texts") {
      var items = (value || []).map(function (v) { return trim(v); }).filter(function (v) { return v; });
      return items.length ? [indent + f.name + ":"].concat(items.map(function (v) { return indent + "  - " + quote(v); })) : [];
    }
    if (f.type === "bool") {
      return !!value !== !!f["default"] ? [indent + f.name + ": " + (value ? "true" : "false")] : [];
    }
    var text = value === null || value === undefined ? "" : trim(value);
    if (!text || text === f["default"]) return [];
    var bare = null;
    if (f.type === "count" && /^[0-9]+$/.test(text)) bare = text.replace(/^0+/, "") || "0";
    else if (f.type === "date" && /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text)) bare = text;
    else if (f.type === "choice" && (f.choices || []).indexOf(text) >= 0) bare = text;
    else if (f.type === "session" && (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(text) ||
      /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/.test(text) && WORDS.indexOf(text) < 0)) bare = text;
    return [indent + f.name + ": " + (bare || quote(text))];
  }

  function bodyText(body) {
    var text = String(body || "").replace(/\r\n/g, "\n").replace(/\r/g, "\n");
    text = text.replace(/^(?:[ \t]*\n)+/, "").replace(/[ \t\n]+$/, "");
    return text ? text + "\n" : "";
  }

  /* The file's text for the answers: compose.write in copsite/compose.py. */
  function write(answers, spec) {
    var lines = ["---"];
    spec.forEach(function (f) { lines = lines.concat(valueLines(f, answers[f.name], "")); });
    lines.push("---");
    var body = bodyText(answers.body);
    return lines.join("\n") + "\n" + (body ? "\n" + body : "");
  }

  var api = { trim: trim, slug: slug, fileName: fileName, quote: quote, write: write,
    navigate: function (url) { window.location.href = url; }, open: function (url) { window.open(url, "_blank", "noopener"); } };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  root.copsitePost = api;
  if (typeof document === "undefined") return;

  // ------------------------------------------------------------------ the page

  function todayIn(zone) {
    try {
      var parts = {};
      new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
        .formatToParts(new Date()).forEach(function (p) { parts[p.type] = p.value; });
      return parts.year + "-" + parts.month + "-" + parts.day;
    } catch (e) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  function say(template, values) {
    return template.replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }

  function each(root, selector, fn) { Array.prototype.forEach.call(root.querySelectorAll(selector), fn); }

  /* The date (today in the handbook's zone), the session of that date, the kind's outline in an untouched body. */
  function initFields(ctx) {
    var form = ctx.form, data = ctx.data;
    var date = form.elements.date, session = form.elements.session, kind = form.elements.kind, body = form.elements.body;
    if (date && !date.value) date.value = todayIn(data.zone);
    function pickSession() {
      if (!session || !date) return;
      var same = data.sessions.filter(function (s) { return s.date === date.value; });
      session.value = same.length === 1 ? same[0].value : "";
    }
    if (date) date.addEventListener("change", pickSession);
    pickSession();
    var outline = data.outlines[kind ? kind.value : "meeting"] || "";
    if (body && !body.value) body.value = outline;
    if (kind && body) {
      kind.addEventListener("change", function () {
        if (bodyText(body.value) === bodyText(outline)) body.value = data.outlines[kind.value] || "";
        outline = data.outlines[kind.value] || "";
      });
    }
  }

  function addRow(ctx) {
    ctx.count += 1;
    var n = ctx.count;
    var row = ctx.rowTemplate.content.firstElementChild.cloneNode(true);
    each(row, "[id]", function (el) { el.id = el.id.replace("@N@", n); });
    each(row, "[for]", function (el) { el.htmlFor = el.htmlFor.replace("@N@", n); });
    each(row, "[aria-describedby]", function (el) {
      el.setAttribute("aria-describedby", el.getAttribute("aria-describedby").split("@N@").join(n));
    });
    var legend = row.querySelector("legend");
    if (legend) legend.textContent = say(legend.textContent, { n: n });
    row.querySelector("[data-copsite-remove]").addEventListener("click", function () { row.remove(); });
    ctx.rows.appendChild(row);
    return row;
  }

  function initRows(ctx) {
    if (!ctx.rows || !ctx.rowTemplate) return;
    ctx.form.querySelector("[data-copsite-add-row]").addEventListener("click", function () {
      var first = addRow(ctx).querySelector("input, select, textarea");
      if (first) first.focus();
    });
  }

  /* The form's values by the spec's keys (a row's by its data-name), and the body. */
  function answers(ctx) {
    var form = ctx.form, out = { body: form.elements.body ? form.elements.body.value : "" };
    ctx.data.spec.forEach(function (f) {
      var el = form.elements[f.name];
      if (f.type === "rows") {
        out[f.name] = Array.prototype.map.call(ctx.rows ? ctx.rows.querySelectorAll("[data-copsite-row-item]") : [], function (row) {
          var item = {};
          f.fields.forEach(function (sub) {
            var input = row.querySelector("[data-name='" + sub.name + "']");
            item[sub.name] = input ? input.value : "";
          });
          return item;
        });
      } else if (el) {
        out[f.name] = f.type === "texts" ? el.value.split("\n") : f.type === "bool" ? el.checked : el.value;
      }
    });
    return out;
  }

  /* What the inputs' own constraints cannot say: control characters, a row's required keys, url or file. */
  function customChecks(ctx) {
    var data = ctx.data, control = new RegExp("[" + data.control + "]");
    each(ctx.form, "input, textarea", function (el) { el.setCustomValidity(""); });
    each(ctx.form, "input[type=text], textarea", function (el) {
      var m = control.exec(el.value);
      if (m) el.setCustomValidity(say(data.messages.control, { code: hex(m[0].charCodeAt(0), 4) }));
    });
    if (!ctx.rows) return;
    each(ctx.rows, "[data-copsite-row-item]", function (row) {
      var inputs = row.querySelectorAll("[data-name]");
      var filled = Array.prototype.some.call(inputs, function (el) { return trim(el.value); });
      Array.prototype.forEach.call(inputs, function (el) { el.required = filled && el.hasAttribute("data-required"); });
      var given = (data.one_of || []).filter(function (n) { var el = row.querySelector("[data-name='" + n + "']"); return el && trim(el.value); });
      if (given.length > 1) row.querySelector("[data-name='" + given[1] + "']").setCustomValidity(data.messages.one_of);
    });
  }

  function messageOf(ctx, el) {
    if (el.validity.customError) return el.validationMessage;
    var invalid = el.getAttribute("data-invalid");
    return say(el.validity.valueMissing || !invalid ? ctx.data.messages.missing : invalid, { value: el.value });
  }

  function markField(el, message) {
    el.setAttribute("aria-invalid", "true");
    var note = document.createElement("p");
    note.className = "copsite-field-error";
    note.id = el.id + "-error";
    note.setAttribute("data-copsite-error-of", el.id);
    note.textContent = message;
    el.insertAdjacentElement("afterend", note);
    var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== note.id; });
    described.push(note.id);
    el.setAttribute("aria-describedby", described.join(" "));
  }

  /* Each mistake beside its field and in the alert at the top (read out by screen readers). */
  function showErrors(ctx, bad) {
    var form = ctx.form, errors = ctx.errors;
    each(form, "[aria-invalid]", function (el) { el.removeAttribute("aria-invalid"); });
    each(form, "[data-copsite-error-of]", function (el) { el.remove(); });
    errors.textContent = "";
    errors.hidden = !bad.length;
    if (!bad.length) return;
    var intro = document.createElement("p");
    intro.textContent = ctx.data.messages.intro;
    var list = document.createElement("ul");
    bad.forEach(function (el) {
      var label = form.querySelector("label[for='" + el.id + "']");
      var message = messageOf(ctx, el);
      var link = document.createElement("a");
      link.href = "#" + el.id;
      link.textContent = (label ? label.getAttribute("data-label") + ": " : "") + message;
      list.appendChild(document.createElement("li")).appendChild(link);
      markField(el, message);
    });
    errors.appendChild(intro);
    errors.appendChild(list);
    bad[0].focus();
  }

  /* The file for the form's answers, shown on the page; null (and the mistakes said) when the form has any. */
  function composed(ctx) {
    customChecks(ctx);
    var bad = Array.prototype.filter.call(ctx.form.querySelectorAll("input, select, textarea"), function (el) {
      return el.willValidate && !el.checkValidity();
    });
    showErrors(ctx, bad);
    if (bad.length) return null;
    var a = answers(ctx);
    var out = { name: fileName(trim(a.date), trim(a.title)), text: write(a, ctx.data.spec) };
    if (ctx.shown) {
      ctx.shown.hidden = false;
      ctx.shown.querySelector("[data-copsite-result-name]").textContent = out.name;
      ctx.shown.querySelector("[data-copsite-result-text]").value = out.text;
    }
    return out;
  }

  function copy(ctx, text) {
    var done = function () { ctx.status.textContent = ctx.data.messages.copied; };
    var failed = function () { ctx.status.textContent = ctx.data.messages.copy_failed; };
    if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text).then(done, failed);
    var area = ctx.shown && ctx.shown.querySelector("[data-copsite-result-text]");
    if (area) { area.select(); if (document.execCommand("copy")) done(); else failed(); }
  }

  function hostLink(host, file, withText) {
    var url = host.base + "?" + host.name_param + "=" + encodeURIComponent(file.name);
    return withText ? url + "&" + host.text_param + "=" + encodeURIComponent(file.text) : url;
  }

  var HANDOFFS = {
    host: function (ctx, file) {
      var host = ctx.data.host, url = hostLink(host, file, true);
      if (host.takes_text && url.length <= ctx.data.url_limit) { api.open(url); return; }
      copy(ctx, file.text);  // GitLab, or a link too long for the host: the text by the clipboard
      api.open(hostLink(host, file, false));
    },
    email: function (ctx, file) {
      var contact = ctx.data.contact, subject = say(ctx.data.messages.subject, { name: file.name });
      api.navigate(contact + (contact.indexOf("?") >= 0 ? "&" : "?") + "subject=" + encodeURIComponent(subject) + "&body=" + encodeURIComponent(file.text));
    },
    download: function (ctx, file) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([file.text], { type: "text/markdown;charset=utf-8" }));
      link.download = file.name;
      document.body.appendChild(link);
      link.click();
      setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
    },
    copy: function (ctx, file) { copy(ctx, file.text); }
  };

  function setup(form) {
    if (form.getAttribute("data-copsite-ready")) return;
    form.setAttribute("data-copsite-ready", "1");
    var page = form.closest("[data-copsite-post-page]") || document;
    var ctx = {
      form: form, page: page, count: 0,
      data: JSON.parse(form.getAttribute("data-copsite-postform")),
      rows: form.querySelector("[data-copsite-rows]"), rowTemplate: form.querySelector("template[data-copsite-row]"),
      errors: page.querySelector("[data-copsite-errors]"), shown: page.querySelector("[data-copsite-result]"),
      status: page.querySelector("[data-copsite-status]")
    };
    var fallback = page.querySelector("[data-copsite-post-fallback]");
    if (fallback) fallback.hidden = true;
    form.hidden = false;
    initFields(ctx);
    initRows(ctx);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var which = event.submitter && event.submitter.value;
      var file = composed(ctx);
      if (file && HANDOFFS[which]) HANDOFFS[which](ctx, file);
    });
  }

  function init() { each(document, "form[data-copsite-postform]", setup); }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(typeof window !== "undefined" ? window : globalThis);
