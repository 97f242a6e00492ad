// The offline copy's search (generator/build/offline.py): window.CK_OFFLINE holds [code, name, path]
// of every procedure. Searches names and codes, every word required, accents, case and đ folded, codes
// with or without dots; in the header box as you type, and on the search page (tim-kiem/index.html?q=).
(function () {
  "use strict";
  var entries = window.CK_OFFLINE || [];
  var root = document.currentScript.getAttribute("data-ck-root");
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  var folded = entries.map(function (e) {
    return fold(e[1] + " " + e[0] + " " + e[0].replace(/\./g, ""));
  });
  function find(query) {
    var words = fold(query).split(/\s+/).filter(Boolean);
    if (!words.length) return [];
    return entries.filter(function (e, i) {
      return words.every(function (w) { return folded[i].indexOf(w) >= 0; });
    });
  }
  function fill(list, found) {
    list.textContent = "";
    found.forEach(function (e) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + e[2];
      link.textContent = e[1] + " (" + e[0] + ")";
      item.appendChild(link);
      list.appendChild(item);
    });
  }
  var box = document.getElementById("ck-header-q");
  var list = document.getElementById("ck-header-results");
  var status = document.getElementById("ck-header-status");
  if (box && list) {
    box.addEventListener("input", function () {
      var found = find(box.value).slice(0, 8);
      fill(list, found);
      list.hidden = found.length === 0;
      box.setAttribute("aria-expanded", String(found.length > 0));
      if (status) status.textContent = box.value.trim() ? found.length + " kết quả" : "";
    });
  }
  var page = document.getElementById("ck-search");
  if (page) {
    var query = new URLSearchParams(location.search).get("q") || "";
    var note = document.createElement("p");
    var results = document.createElement("ul");
    results.id = "ck-offline-results";
    var found = find(query);
    note.textContent = query
      ? found.length + " thủ tục có tên hoặc mã chứa «" + query + "» (bản ngoại tuyến: tìm theo tên và mã)."
      : "Bản ngoại tuyến: gõ tên hoặc mã thủ tục vào ô tìm kiếm ở đầu trang.";
    fill(results, found);
    page.parentNode.insertBefore(results, page);
    page.parentNode.insertBefore(note, results);
    if (box) box.value = query;
  }
})();
