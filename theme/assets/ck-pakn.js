// congkhai: the feedback list's filters and the lookup by feedback code. Without JavaScript each list
// page shows its own items (50 a page, with its pager) and the lookup page says where items are (see
// generator/feedback/templates).
//
// The filters apply to the whole set, not to the page: the item pages carry the same facts as Pagefind
// filters (generator/feedback/pages.py, item_fields), so a filtered list is a filter-only Pagefind
// search, sorted by "thu_tu_pakn" (the lists' own order: oldest unanswered first), shown 50 a page. Only
// the filter indexes and the shown items' fragments are downloaded, however many items there are. The
// search engine is the one ck-search.js starts (window.ckSearchEngine). The sectors (as many as the
// catalogue has) are not written into every list page: their select is filled from the index, with the
// sectors that have feedback, and its value is the sector's name.
(function () {
  "use strict";

  var ORDER = "thu_tu_pakn"; // generator.feedback.pages.ORDER
  var BADGES = { "Quá hạn": "ck-late", "Trễ hạn": "ck-late", "Trong hạn": "ck-open", "Đúng hạn": "ck-ontime" };

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text) { node.textContent = text; }
    if (className) { node.className = className; }
    return node;
  }

  function first(values) { return values && values.length ? values[0] : ""; }

  function row(page) {
    var meta = page.meta || {};
    var filters = page.filters || {};
    var deadline = first(filters.thoi_han_pakn);
    var tr = element("tr");
    var title = cell("Tiêu đề", "", "ck-card__title");
    var link = element("a", meta.title || page.url);
    link.href = page.url;
    title.append(link, element("br"), element("small", first(filters.phan_loai_pakn)));
    var badge = cell("Thời hạn");
    badge.append(element("span", meta.thoi_han || deadline, "ck-badge " + (BADGES[deadline] || "")));
    tr.append(cell("Mã", meta.ma), title, cell("Ngày tiếp nhận", meta.ngay_tiep_nhan),
      cell("Lĩnh vực", meta.linh_vuc), cell("Tình trạng", first(filters.tinh_trang_pakn)), badge);
    return tr;
  }

  // A cell of the list, labelled for the phone's card layout (generator/feedback/templates/rows.md.j2).
  function cell(label, text, className) {
    var td = element("td", text, className);
    td.dataset.label = label;
    return td;
  }

  function table(pages, template) {
    var copy = template.cloneNode(false);
    copy.append(template.tHead.cloneNode(true));
    var body = element("tbody");
    pages.forEach(function (page) { body.append(row(page)); });
    copy.append(body);
    return copy;
  }

  function pager(number, count, href, go) {
    var nav = element("nav", "", "ck-pager");
    nav.setAttribute("aria-label", "Phân trang");
    var list = element("ul", "", "ck-pager__links");
    function item(n, text, rel) {
      var li = element("li");
      var a = element("a", text);
      a.href = href(n);
      if (rel) { a.rel = rel; }
      if (n === number && !rel) { a.setAttribute("aria-current", "page"); }
      a.addEventListener("click", function (event) { event.preventDefault(); go(n); });
      li.append(a);
      list.append(li);
    }
    if (number > 1) { item(number - 1, "‹ Trang trước", "prev"); }
    var last = 0;
    for (var n = 1; n <= count; n += 1) {
      if (n === 1 || n === count || Math.abs(n - number) <= 2) {
        if (last && n - last > 1) { list.append(element("li", "…")); }
        item(n, String(n));
        last = n;
      }
    }
    if (number < count) { item(number + 1, "Trang sau ›", "next"); }
    nav.append(element("p", "Trang " + number + "/" + count, "ck-pager__status"), list);
    return nav;
  }

  function filterList(form) {
    var own = document.getElementById("ck-pakn-page");
    var found = document.getElementById("ck-pakn-found");
    var shown = document.getElementById("ck-pakn-shown");
    var template = own.querySelector("table.ck-pakn-list");
    var ownCount = shown.textContent;
    var ownYear = form.dataset.year || "";
    var size = Number(form.dataset.size) || 50;
    var fields = ["nam", "trang_thai", "phan_loai", "linh_vuc"];
    var params = new URLSearchParams(window.location.search);
    var sectors = form.querySelector("select[data-from-index]");
    if (params.has(sectors.name)) { sectors.append(new Option(params.get(sectors.name))); }
    fields.forEach(function (name) {
      if (params.has(name)) { form.elements[name].value = params.get(name); }
    });
    if (params.get("qua_han") === "co") { form.elements.qua_han.checked = true; }
    var sequence = 0;

    function chosen() {
      var query = new URLSearchParams();
      var filters = { loai_trang: form.dataset.type };
      fields.forEach(function (name) {
        var select = form.elements[name];
        if (select.value) {
          query.set(name, select.value);
          filters[select.dataset.filter] = select.selectedOptions[0].textContent;
        }
      });
      var overdue = form.elements.qua_han;
      if (overdue.checked) {
        query.set("qua_han", "co");
        filters[overdue.dataset.filter] = overdue.dataset.value;
      }
      return { query: query, filters: filters };
    }

    function address(query, number) {
      var copy = new URLSearchParams(query);
      if (number > 1) { copy.set("trang", String(number)); }
      var search = copy.toString();
      return search ? "?" + search : window.location.pathname;
    }

    function showOwn() {
      own.hidden = false;
      found.hidden = true;
      found.replaceChildren();
      shown.textContent = ownCount;
      window.history.replaceState(null, "", window.location.pathname);
    }

    function apply(number) {
      var wanted = chosen();
      var keys = Array.from(wanted.query.keys());
      if (keys.every(function (key) { return key === "nam"; }) && (wanted.query.get("nam") || "") === ownYear) {
        showOwn();
        return Promise.resolve();
      }
      var ticket = ++sequence;
      window.history.replaceState(null, "", address(wanted.query, number));
      own.hidden = true;
      found.hidden = false;
      found.replaceChildren(element("p", "Đang lọc…"));
      if (!window.ckSearchEngine) {
        found.replaceChildren(element("p", "Không lọc được lúc này: hãy xem danh sách theo năm hoặc trang quá hạn."));
        return Promise.resolve();
      }
      return window.ckSearchEngine().then(function (engine) {
        var options = { filters: wanted.filters, sort: {} };
        options.sort[ORDER] = "asc";
        return engine.pagefind.search(null, options);
      }).then(function (search) {
        if (ticket !== sequence) { return null; }
        var results = search.results;
        var count = Math.max(1, Math.ceil(results.length / size));
        var at = Math.min(number, count);
        var part = results.slice((at - 1) * size, at * size);
        return Promise.all(part.map(function (r) { return r.data(); })).then(function (pages) {
          if (ticket !== sequence) { return; }
          shown.textContent = results.length.toLocaleString("vi-VN");
          if (!results.length) {
            found.replaceChildren(element("p", "Không có phản ánh, kiến nghị nào khớp với bộ lọc."));
            return;
          }
          var nodes = [table(pages, template)];
          if (count > 1) {
            nodes.push(pager(at, count, function (n) { return address(wanted.query, n); }, function (n) {
              apply(n).then(function () { found.scrollIntoView(); });
            }));
          }
          found.replaceChildren.apply(found, nodes);
        });
      }).catch(function () {
        if (ticket === sequence) {
          found.replaceChildren(element("p", "Không lọc được lúc này; thử lại sau."));
        }
      });
    }

    var sectorsFilled = false;

    function fillSectors() {
      if (sectorsFilled || !window.ckSearchEngine) { return; }
      sectorsFilled = true; // pointer and focus both ask: the index is read once
      window.ckSearchEngine().then(function (engine) {
        // Pagefind counts only the filters it has loaded: filters() loads them all.
        return engine.pagefind.filters().then(function () {
          return engine.pagefind.search(null, { filters: { loai_trang: form.dataset.type } });
        });
      }).then(function (search) {
        var chosen = sectors.value;
        var names = Object.keys((search.filters || {})[sectors.dataset.filter] || {}).filter(function (name) {
          return search.filters[sectors.dataset.filter][name] > 0 || name === chosen;
        });
        names.sort(function (a, b) { return a.localeCompare(b, "vi"); });
        sectors.replaceChildren(new Option("Tất cả", ""));
        names.forEach(function (name) { sectors.append(new Option(name)); });
        sectors.value = chosen;
      }).catch(function () { return null; });
    }

    form.hidden = false;
    form.addEventListener("pointerenter", fillSectors, { once: true });
    form.addEventListener("focusin", fillSectors, { once: true });
    form.addEventListener("change", function () { apply(1); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var start = Math.max(1, parseInt(params.get("trang") || "1", 10) || 1);
    // ck-search.js, a module that may run after this script, has set window.ckSearchEngine by the
    // time the document is parsed.
    if (window.ckSearchEngine || document.readyState === "complete") {
      apply(start);
    } else {
      document.addEventListener("DOMContentLoaded", function () { apply(start); });
    }
  }

  // The code as typed, rewritten into the shape of the agency's codes (data-shape, e.g. PAKN-0000-000;
  // generator/feedback/codes.py): capitals, separators put back, a missing prefix added, two numbers
  // typed together split at the first one's width, missing leading zeros restored. null: no fit.
  function shaped(typed, shape) {
    var parts = shape ? shape.match(/[A-Z]+|0+|[.-]/g) : null;
    var runs = typed.toUpperCase().match(/[A-Z]+|[0-9]+/g) || [];
    if (!parts || !runs.length) return null;
    var fields = parts.filter(function (p) { return p !== "-" && p !== "."; });
    var letters = function (p) { return /^[A-Z]/.test(p); };
    if (!letters(runs[0]) && letters(fields[0])) runs.unshift(fields[0]);
    var out = [], r = 0;
    for (var f = 0; f < fields.length; f++) {
      var run = runs[r], width = fields[f].length;
      if (run === undefined || letters(run) !== letters(fields[f])) return null;
      if (letters(run)) { out.push(run); r++; continue; }
      var more = fields.length - f - 1 > runs.length - r - 1;
      if (more && fields[f + 1] && !letters(fields[f + 1]) && run.length > width) {
        out.push(run.slice(0, width));
        runs[r] = run.slice(width);
        continue;
      }
      out.push(run.length < width ? (fields[f] + run).slice(-width) : run);
      r++;
    }
    if (r !== runs.length) return null;
    var k = 0;
    return parts.map(function (p) { return p === "-" || p === "." ? p : out[k++]; }).join("");
  }

  function lookup(form) {
    var result = document.getElementById("ck-pakn-result");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var typed = form.elements.ma.value;
      var code = shaped(typed, form.dataset.shape) || typed.trim().toUpperCase().replace(/\s+/g, "");
      if (!/^[A-Z0-9]+([.-][A-Z0-9]+)*$/.test(code)) {
        result.textContent = "Mã không hợp lệ: mã gồm chữ in hoa, chữ số, dấu chấm hoặc gạch ngang, ví dụ PAKN-2025-001.";
        return;
      }
      result.textContent = "Đang tra cứu…";
      fetch(form.dataset.json + code + ".json", { method: "GET" }).then(function (response) {
        if (response.ok) {
          window.location.href = form.dataset.items + code + "/";
        } else {
          result.textContent = "Không tìm thấy phản ánh, kiến nghị mã «" + code + "». Kiểm tra lại mã, hoặc xem danh sách.";
        }
      }).catch(function () {
        result.textContent = "Không tra cứu được lúc này; thử lại sau.";
      });
    });
  }

  var filters = document.getElementById("ck-pakn-filters");
  if (filters) { filterList(filters); }
  var form = document.getElementById("ck-pakn-lookup");
  if (form) { lookup(form); }
})();
