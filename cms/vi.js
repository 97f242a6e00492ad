/* The web editor's interface in Vietnamese: Decap CMS's own «vi» locale completed (the strings it lacks
 * would show in English) and corrected («Trạng thái», dates as DD/MM/YYYY). Loaded before Decap CMS,
 * which then waits (CMS_MANUAL_INIT) until this has registered the locale. Copied into admin/ by
 * generator/build/admin.py; tests/test_cms.py checks in Chromium that no English string is left. */
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
  window.CMS.init();
});
