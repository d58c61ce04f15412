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

  function setup(form) {
    if (form.getAttribute("data-copsite-ready")) return;
    form.setAttribute("data-copsite-ready", "1");
    var data = JSON.parse(form.querySelector("script[type='application/json']").textContent);
    var spec = data.spec;
    var page = form.closest("[data-copsite-post-page]") || document;
    var fallback = page.querySelector("[data-copsite-post-fallback]");
    if (fallback) fallback.hidden = true;
    form.hidden = false;

    var date = form.elements.date, session = form.elements.session, kind = form.elements.kind, body = form.elements.body;
    var today = todayIn(data.zone);
    if (date && !date.value) date.value = today;

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

    var rows = form.querySelector("[data-copsite-rows]");
    var rowTemplate = form.querySelector("template[data-copsite-row]");
    var count = 0;
    function addRow() {
      count += 1;
      var row = rowTemplate.content.firstElementChild.cloneNode(true);
      row.querySelectorAll("[id]").forEach(function (el) { el.id = el.id.replace("@N@", count); });
      row.querySelectorAll("[for]").forEach(function (el) { el.htmlFor = el.htmlFor.replace("@N@", count); });
      row.querySelectorAll("[aria-describedby]").forEach(function (el) {
        el.setAttribute("aria-describedby", el.getAttribute("aria-describedby").split("@N@").join(count));
      });
      var legend = row.querySelector("legend");
      if (legend) legend.textContent = say(legend.textContent, { n: count });
      row.querySelector("[data-copsite-remove]").addEventListener("click", function () { row.remove(); });
      rows.appendChild(row);
      return row;
    }
    if (rows && rowTemplate) {
      form.querySelector("[data-copsite-add-row]").addEventListener("click", function () {
        var row = addRow();
        var first = row.querySelector("input, select, textarea");
        if (first) first.focus();
      });
    }

    function answers() {
      var out = { body: body ? body.value : "" };
      spec.forEach(function (f) {
        var el = form.elements[f.name];
        if (f.type === "rows") {
          out[f.name] = Array.prototype.map.call(rows ? rows.querySelectorAll("[data-copsite-row-item]") : [], function (row) {
            var item = {};
            f.fields.forEach(function (sub) {
              var input = row.querySelector("[data-name='" + sub.name + "']");
              item[sub.name] = input ? input.value : "";
            });
            return item;
          });
        } else if (!el) {
          return;
        } else if (f.type === "texts") {
          out[f.name] = el.value.split("\n");
        } else if (f.type === "bool") {
          out[f.name] = el.checked;
        } else {
          out[f.name] = el.value;
        }
      });
      return out;
    }

    var errors = page.querySelector("[data-copsite-errors]");
    var control = new RegExp("[" + data.control + "]");

    function customChecks() {
      Array.prototype.forEach.call(form.querySelectorAll("input, textarea"), function (el) { el.setCustomValidity(""); });
      Array.prototype.forEach.call(form.querySelectorAll("input[type=text], textarea"), function (el) {
        var m = control.exec(el.value);
        if (m) el.setCustomValidity(say(data.messages.control, { code: hex(m[0].charCodeAt(0), 4) }));
      });
      if (rows) {
        Array.prototype.forEach.call(rows.querySelectorAll("[data-copsite-row-item]"), function (row) {
          var inputs = row.querySelectorAll("[data-name]");
          var filled = Array.prototype.some.call(inputs, function (el) { return trim(el.value); });
          Array.prototype.forEach.call(inputs, function (el) { el.required = filled && el.hasAttribute("data-required"); });
          var given = (data.one_of || []).filter(function (n) { var el = row.querySelector("[data-name='" + n + "']"); return el && trim(el.value); });
          if (given.length > 1) row.querySelector("[data-name='" + given[1] + "']").setCustomValidity(data.messages.one_of);
        });
      }
    }

    function messageOf(el) {
      var v = el.validity, m = data.messages;
      if (v.customError) return el.validationMessage;
      var which = v.valueMissing ? "missing" : (el.getAttribute("data-invalid") ? "invalid" : "missing");
      var text = which === "missing" ? m.missing : el.getAttribute("data-invalid");
      return say(text, { value: el.value });
    }

    function showErrors(bad) {
      Array.prototype.forEach.call(form.querySelectorAll("[aria-invalid]"), function (el) { el.removeAttribute("aria-invalid"); });
      Array.prototype.forEach.call(form.querySelectorAll("[data-copsite-error-of]"), function (el) { el.remove(); });
      errors.innerHTML = "";
      if (!bad.length) { errors.hidden = true; return; }
      var intro = document.createElement("p");
      intro.textContent = data.messages.intro;
      var list = document.createElement("ul");
      bad.forEach(function (el) {
        el.setAttribute("aria-invalid", "true");
        var label = form.querySelector("label[for='" + el.id + "']");
        var message = messageOf(el);
        var item = document.createElement("li");
        var link = document.createElement("a");
        link.href = "#" + el.id;
        link.textContent = (label ? label.textContent.replace(/\s*\*$/, "") + ": " : "") + message;
        item.appendChild(link);
        list.appendChild(item);
        var note = document.createElement("p");
        note.className = "copsite-field-error";
        note.id = el.id + "-error";
        note.setAttribute("data-copsite-error-of", el.id);
        note.textContent = message;
        el.insertAdjacentElement("afterend", note);
        var described = (el.getAttribute("aria-describedby") || "").split(" ").filter(function (x) { return x && x !== note.id; });
        described.push(note.id);
        el.setAttribute("aria-describedby", described.join(" "));
      });
      errors.appendChild(intro);
      errors.appendChild(list);
      errors.hidden = false;
      bad[0].focus();
    }

    var shown = page.querySelector("[data-copsite-result]");

    function composed() {
      customChecks();
      var bad = Array.prototype.filter.call(form.querySelectorAll("input, select, textarea"), function (el) {
        return el.willValidate && !el.checkValidity();
      });
      showErrors(bad);
      if (bad.length) return null;
      var a = answers();
      var out = { name: fileName(trim(a.date), trim(a.title)), text: write(a, spec) };
      if (shown) {
        shown.hidden = false;
        shown.querySelector("[data-copsite-result-name]").textContent = out.name;
        shown.querySelector("[data-copsite-result-text]").value = out.text;
      }
      return out;
    }

    function copy(text) {
      if (navigator.clipboard && navigator.clipboard.writeText) return navigator.clipboard.writeText(text);
      var area = shown && shown.querySelector("[data-copsite-result-text]");
      if (area) { area.select(); document.execCommand("copy"); }
      return Promise.resolve();
    }

    function hostLink(file, withText) {
      var p = data.host;
      var url = p.base + "?" + p.name_param + "=" + encodeURIComponent(file.name);
      return withText ? url + "&" + p.text_param + "=" + encodeURIComponent(file.text) : url;
    }

    var status = page.querySelector("[data-copsite-status]");
    function tell(text) { if (status) status.textContent = text; }

    var handoffs = {
      host: function (file) {
        var url = hostLink(file, true);
        if (data.host.takes_text && url.length <= data.url_limit) { api.open(url); return; }
        copy(file.text).then(function () { tell(data.messages.copied); }, function () { tell(data.messages.copy_failed); });
        api.open(hostLink(file, false));
      },
      email: function (file) {
        var mail = data.contact + (data.contact.indexOf("?") >= 0 ? "&" : "?") + "subject=" + encodeURIComponent(say(data.messages.subject, { name: file.name })) + "&body=" + encodeURIComponent(file.text);
        api.navigate(mail);
      },
      download: function (file) {
        var link = document.createElement("a");
        link.href = URL.createObjectURL(new Blob([file.text], { type: "text/markdown;charset=utf-8" }));
        link.download = file.name;
        document.body.appendChild(link);
        link.click();
        setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
      },
      copy: function (file) {
        copy(file.text).then(function () { tell(data.messages.copied); }, function () { tell(data.messages.copy_failed); });
      }
    };

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var which = event.submitter && event.submitter.value;
      var file = composed();
      if (file && handoffs[which]) handoffs[which](file);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("form[data-copsite-postform]"), setup);
  }

  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})(typeof window !== "undefined" ? window : globalThis);
