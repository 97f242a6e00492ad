/* The web editor's interface in Vietnamese: Decap CMS's own «vi» locale completed (the strings it lacks
 * would show in English) and corrected («Trạng thái», dates as DD/MM/YYYY), the «tien» widget (a sum of
 * money, below) and the «ngay» widget: a date typed and shown as DD/MM/YYYY (a browser's own date field
 * follows the browser's language), kept in the file as YYYY-MM-DD. Loaded before Decap CMS, which then waits (CMS_MANUAL_INIT) until this has
 * registered them. Copied into admin/ by generator/build/admin.py; tests/test_cms.py checks in Chromium
 * that no English string is left, that a date typed DD/MM/YYYY is saved YYYY-MM-DD, and the «tien»
 * widget: a sum of money typed and shown with dots between thousands, saved as a whole number. */
"use strict";

window.CMS_MANUAL_INIT = true;

window.CK_VI = {
  auth: {
    loginWithAzure: "Đăng nhập bằng Azure",
    loginWithForgejo: "Đăng nhập bằng Forgejo",
  },
  collection: {
    collectionTop: {
      viewAs: "Xem dạng",
      viewAsList: "Xem dạng danh sách",
      viewAsGrid: "Xem dạng lưới",
      groupBy: "Nhóm theo",
      newButton: "＋ Thêm %{collectionLabel}",
    },
    entries: {
      unpublishedHeader: "Mục chưa công bố",
    },
    groups: {
      other: "Khác",
      negateLabel: "Không phải %{label}",
    },
  },
  editor: {
    editor: {
      // Decap's own words ask to «upload» a copy; it is the unsaved changes kept in this browser
      confirmLoadBackup:
        "Trình duyệt còn giữ những thay đổi chưa lưu của mục này từ lần sửa trước. Mở lại các thay đổi đó?\n" +
        "(Chọn «Hủy» để bỏ chúng và mở mục như đã lưu.)",
    },
    editorControl: {
      field: {
        widgetLabel: "Trường %{widgetLabel}",
      },
    },
    editorControlPane: {
      i18n: {
        writingInLocale: "Đang viết bằng %{locale}",
        copyFromLocale: "Điền từ ngôn ngữ khác",
        copyFromLocaleConfirm:
          "Bạn có muốn điền dữ liệu từ ngôn ngữ %{locale}?\nMọi nội dung hiện có sẽ bị ghi đè.",
      },
    },
    editorInterface: {
      toggleI18n: "Bật, tắt đa ngôn ngữ",
      togglePreview: "Bật, tắt xem trước",
      toggleScrollSync: "Cuộn đồng thời",
      toggleNotes: "Bật, tắt ghi chú",
    },
    editorNotesPane: {
      title: "Ghi chú",
      emptyState: "Chưa có ghi chú. Thêm ghi chú đầu tiên ở dưới để cùng trao đổi.",
      addNote: "Thêm ghi chú",
      addPlaceholder: "Thêm một ghi chú…",
      editPlaceholder: "Sửa ghi chú…",
      save: "Lưu",
      cancel: "Hủy",
      edit: "Sửa",
      delete: "Xóa",
      resolve: "Đánh dấu đã xong",
      unresolve: "Mở lại",
      confirmDelete: "Bạn có chắc muốn xóa ghi chú này?",
      shortcut: "Mẹo: nhấn Ctrl+Enter để thêm ghi chú nhanh",
    },
    editorToolbar: {
      changesSaved: "Không có thay đổi chưa lưu", // also shown on a new, empty form
      status: "Trạng thái: %{status}",
      statusInfoTooltipDraft:
        "Mục đang là bản nháp. Để hoàn tất và gửi xét duyệt, chuyển trạng thái sang «Đang xét duyệt»",
      statusInfoTooltipInReview:
        "Mục đang được xét duyệt, không cần làm gì thêm. Bạn vẫn có thể sửa tiếp trong khi chờ duyệt.",
    },
    editorWidgets: {
      markdown: {
        bold: "Chữ đậm",
        italic: "Chữ nghiêng",
        strikethrough: "Gạch ngang",
        code: "Mã",
        link: "Liên kết",
        linkPrompt: "Nhập địa chỉ của liên kết",
        headings: "Tiêu đề",
        quote: "Trích dẫn",
        bulletedList: "Danh sách dấu chấm",
        numberedList: "Danh sách đánh số",
        addComponent: "Thêm thành phần",
        markdown: "Văn bản định dạng",
        toggleMode: {
          rich: "Chuyển sang chế độ soạn thảo trực quan",
          markdown: "Chuyển sang chế độ văn bản định dạng",
        },
      },
      image: {
        chooseMultiple: "Chọn ảnh",
        chooseUrl: "Chèn từ địa chỉ",
        replaceUrl: "Thay bằng địa chỉ",
        promptUrl: "Nhập địa chỉ của ảnh",
        addMore: "Thêm ảnh",
        removeAll: "Xóa mọi ảnh",
      },
      file: {
        chooseUrl: "Chèn từ địa chỉ",
        chooseMultiple: "Chọn tệp",
        replaceUrl: "Thay bằng địa chỉ",
        promptUrl: "Nhập địa chỉ của tệp",
        addMore: "Thêm tệp",
        removeAll: "Xóa mọi tệp",
      },
      datetime: {
        setToNow: "Đặt «%{fieldLabel}» là bây giờ",
      },
      list: {
        add: "Thêm %{item}",
        addType: "Thêm %{item}",
      },
      object: {
        expand: "Mở rộng",
        collapse: "Thu gọn",
      },
    },
  },
  mediaLibrary: {
    mediaLibraryCard: {
      copy: "Sao chép",
      copyUrl: "Sao chép địa chỉ",
      copyPath: "Sao chép đường dẫn",
      copyName: "Sao chép tên",
      copied: "Đã sao chép",
    },
    mediaLibraryModal: {
      close: "Đóng",
    },
  },
  ui: {
    settingsDropdown: {
      account: "Tùy chọn tài khoản",
    },
    toast: {
      onFailToAuth: "Không đăng nhập được: %{details}",
      noteAdded: "Đã thêm ghi chú",
      onFailToAddNote: "Không thêm được ghi chú: %{details}",
      noteUpdated: "Đã sửa ghi chú",
      onFailToUpdateNote: "Không sửa được ghi chú: %{details}",
      noteDeleted: "Đã xóa ghi chú",
      onFailToDeleteNote: "Không xóa được ghi chú: %{details}",
      noteResolved: "Đã đánh dấu ghi chú là xong",
      noteReopened: "Đã mở lại ghi chú",
      onFailToToggleNote: "Không đổi được tình trạng ghi chú: %{details}",
    },
  },
  workflow: {
    workflow: {
      dateFormat: "DD/MM/YYYY",
    },
  },
};

var ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
var TYPED = /^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$/;
var pad = function (n) {
  return (n < 10 ? "0" : "") + n;
};
/* «07/12/2026» for «2026-12-07»; anything else as it is. */
var shown = function (value) {
  var m = ISO.exec(value || "");
  return m ? m[3] + "/" + m[2] + "/" + m[1] : value || "";
};
/* «2026-12-07» for a real day typed «7/12/2026», else null. */
var stored = function (text) {
  var m = TYPED.exec(text);
  if (!m) return null;
  var day = new Date(Date.UTC(+m[3], +m[2] - 1, +m[1]));
  if (day.getUTCFullYear() !== +m[3] || day.getUTCMonth() !== +m[2] - 1 || day.getUTCDate() !== +m[1]) {
    return null;
  }
  return m[3] + "-" + pad(+m[2]) + "-" + pad(+m[1]);
};

/* A widget of one text input: ``show`` writes a stored value as staff read it, ``read`` a typed text as
 * stored (null when it is not one), ``valid`` tells a stored value, ``refused`` words the refusal of a
 * typed text; on leaving the field a value read is shown as ``show`` writes it. */
var textWidget = function (kind) {
  var h = window.h;
  var control = window.createClass({
    getInitialState: function () {
      return { text: kind.show(this.props.value) };
    },
    isValid: function () {
      var value = this.props.value;
      if (value === null || value === undefined || value === "" || kind.valid(value)) return true;
      return { error: { message: kind.refused(value) } };
    },
    handleChange: function (event) {
      var text = event.target.value;
      this.setState({ text: text });
      var found = kind.read(text);
      this.props.onChange(text.trim() === "" ? "" : found === null ? text : found);
    },
    handleBlur: function () {
      if (kind.valid(this.props.value)) this.setState({ text: kind.show(this.props.value) });
      this.props.setInactiveStyle();
    },
    render: function () {
      return h("input", {
        id: this.props.forID,
        className: this.props.classNameWrapper,
        type: "text",
        inputMode: "numeric",
        placeholder: kind.placeholder,
        value: this.state.text,
        onChange: this.handleChange,
        onFocus: this.props.setActiveStyle,
        onBlur: this.handleBlur,
      });
    },
  });
  var preview = function (props) {
    return h("div", null, kind.show(props.value));
  };
  return [control, preview];
};

var dateWidget = function () {
  return textWidget({
    show: shown,
    read: stored,
    valid: function (value) {
      return ISO.test(value);
    },
    refused: function () {
      return "Ngày viết theo dạng ngày/tháng/năm, ví dụ 07/12/2026";
    },
    placeholder: "ngày/tháng/năm",
  });
};

/* A sum of money as staff write it: «1.200.000 đồng», «1.200.000», «1 200 000», «1.200.000đ» are all
 * 1200000; shown with dots between thousands; anything else (letters, «1,5») refused. */
var CURRENCY = /\s*(?:đồng|đ|vnđ|vnd|₫)\.?$/i;
var GROUPED = /^\d{1,3}(?:[.\s\u00a0\u202f]\d{3})+$/;
var MONEY_SAID =
  "phải là số tiền viết bằng chữ số, các nhóm nghìn cách nhau bằng dấu chấm (ví dụ 1.200.000 đồng)";
/* the whole number typed, or null */
var money = function (text) {
  var t = String(text).normalize("NFC").trim().replace(CURRENCY, "");
  if (!/^\d+$/.test(t) && !GROUPED.test(t)) return null;
  var digits = t.replace(/\D/g, "");
  return digits.length > 15 ? null : parseInt(digits, 10);
};
/* «1.200.000» for 1200000; a text as it is */
var moneyShown = function (value) {
  if (typeof value !== "number") return value === null || value === undefined ? "" : String(value);
  return String(Math.trunc(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
};

var moneyWidget = function () {
  return textWidget({
    show: moneyShown,
    read: money,
    valid: function (value) {
      return typeof value === "number";
    },
    refused: function (value) {
      return MONEY_SAID + ", không phải «" + value + "»";
    },
    placeholder: "ví dụ 1.200.000",
  });
};
// How the editor's script (congkhai.js) writes a sum and a day in its messages and preview
window.congkhaiMoneyShown = moneyShown;
window.congkhaiDayShown = shown;

// Decap's relation picker says «Loading options…» in English whatever the locale (a fixed string in its
// bundle): the same words in Vietnamese, wherever they appear.
var UNTRANSLATED = { "Loading options…": "Đang tải các lựa chọn…" };
new MutationObserver(function (changes) {
  changes.forEach(function (change) {
    change.addedNodes.forEach(function (node) {
      var walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
      for (var text = node.nodeType === 3 ? node : walker.nextNode(); text; text = walker.nextNode()) {
        var said = UNTRANSLATED[text.nodeValue.trim()];
        if (said) text.nodeValue = said;
      }
    });
  });
}).observe(document.documentElement, { childList: true, subtree: true });

document.addEventListener("DOMContentLoaded", function () {
  var merge = function (base, extra) {
    var out = Object.assign({}, base);
    Object.keys(extra).forEach(function (key) {
      var value = extra[key];
      out[key] = value && typeof value === "object" ? merge(base[key] || {}, value) : value;
    });
    return out;
  };
  window.CMS.registerLocale("vi", merge(window.CMS.getLocale("vi") || {}, window.CK_VI));
  var widget = dateWidget();
  window.CMS.registerWidget("ngay", widget[0], widget[1]);
  var sum = moneyWidget();
  window.CMS.registerWidget("tien", sum[0], sum[1]);
});
