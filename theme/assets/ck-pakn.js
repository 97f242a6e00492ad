// congkhai: the feedback list's filters and the lookup by feedback code. Without JavaScript the list
// shows every item and the lookup page links to it (see generator/feedback/templates).
(function () {
  "use strict";

  function filterList(form) {
    var rows = document.querySelectorAll("table.ck-pakn-list tbody tr");
    var shown = document.getElementById("ck-pakn-shown");
    var params = new URLSearchParams(window.location.search);
    var fields = ["nam", "trang_thai", "phan_loai", "linh_vuc"];
    fields.forEach(function (name) {
      if (params.has(name)) { form.elements[name].value = params.get(name); }
    });
    if (params.get("qua_han") === "co") { form.elements.qua_han.checked = true; }

    function apply() {
      var wanted = {};
      fields.forEach(function (name) { wanted[name] = form.elements[name].value; });
      var overdue = form.elements.qua_han.checked;
      var count = 0;
      rows.forEach(function (row) {
        var ok = (!wanted.nam || row.dataset.nam === wanted.nam) &&
          (!wanted.trang_thai || row.dataset.trangThai === wanted.trang_thai) &&
          (!wanted.phan_loai || row.dataset.phanLoai === wanted.phan_loai) &&
          (!wanted.linh_vuc || row.dataset.linhVuc === wanted.linh_vuc) &&
          (!overdue || row.dataset.quaHan === "co");
        row.hidden = !ok;
        if (ok) { count += 1; }
      });
      shown.textContent = String(count);
      var query = new URLSearchParams();
      fields.forEach(function (name) { if (wanted[name]) { query.set(name, wanted[name]); } });
      if (overdue) { query.set("qua_han", "co"); }
      var search = query.toString();
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    }

    form.hidden = false;
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    apply();
  }

  function lookup(form) {
    var result = document.getElementById("ck-pakn-result");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var code = form.elements.ma.value.trim().toUpperCase().replace(/\s+/g, "");
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
