/* congkhai: keyboard access to the phone navigation drawer (Material's drawer is a checkbox toggled
   by a <label>, which the keyboard cannot reach). The menu button becomes a real button: Tab reaches
   it, Enter or Space opens the drawer and moves focus into it, Escape closes it and gives focus back.
   The closed drawer is hidden by CSS (congkhai.css), so its links are never in the Tab order. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer");
  var button = document.querySelector("[data-ck-drawer-button]");
  var drawer = document.querySelector(".md-sidebar--primary");
  if (!toggle || !button || !drawer) return;
  button.setAttribute("role", "button");
  button.setAttribute("tabindex", "0");
  button.setAttribute("aria-label", "Mở danh mục trang");
  button.setAttribute("aria-expanded", String(toggle.checked));
  if (!drawer.id) drawer.id = "ck-drawer";
  button.setAttribute("aria-controls", drawer.id);

  function sync() {
    button.setAttribute("aria-expanded", String(toggle.checked));
    button.setAttribute("aria-label", toggle.checked ? "Đóng danh mục trang" : "Mở danh mục trang");
  }
  function setOpen(open, focusInside) {
    if (toggle.checked !== open) toggle.click();
    sync();
    if (open && focusInside) {
      var first = drawer.querySelector("a[href], label[tabindex], input:not([type=hidden])");
      if (first) window.setTimeout(function () { first.focus(); }, 30);
    }
  }
  toggle.addEventListener("change", sync);
  button.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      event.stopPropagation(); /* Material's own keyboard handler would toggle it back */
      setOpen(!toggle.checked, true);
    }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && toggle.checked) {
      setOpen(false, false);
      button.focus();
    }
  });

  /* Tables that scroll sideways: a named region the keyboard can reach and scroll. */
  function nameScrollers() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      var table = wrap.querySelector("table");
      if (!table || wrap.hasAttribute("tabindex")) return;
      var marked = table.getAttribute("data-ck");
      if (marked && marked !== "scroll") return;
      var heading = table.querySelector("caption, th");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", "Bảng" + (heading ? ": " + heading.textContent.trim() : ""));
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(nameScrollers);
  else nameScrollers();
})();
