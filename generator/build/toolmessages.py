"""What MkDocs and Pagefind say when they fail, in Vietnamese on one line.

MkDocs (pinned in ``constraints.txt``) logs its warnings and errors in English; Pagefind writes its
error to standard error. The known messages are matched by the pattern of their own words (MkDocs'
``structure/pages.py``, ``structure/files.py``, ``config/base.py``, ``commands/build.py``; Pagefind's
«not able to build an index») and told in Vietnamese with the page or file they name; any other is
quoted on one line after «MkDocs báo lỗi:» or «Pagefind báo lỗi:», with what to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from generator.core.errors import shortened

_LINK_HINT = "sửa liên kết thành đường dẫn tương đối tới một tệp .md có trong trang web"
_MKDOCS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(
            r"Doc file '(.*)' contains a link '(.*)', but the target(?: '.*')? is not found among "
            r"documentation files\..*"
        ),
        lambda m: f"trang «{m[1]}» có liên kết «{m[2]}» tới một tệp không có; {_LINK_HINT}",
    ),
    (
        re.compile(r"Doc file '(.*)' contains a link '(.*)', but there is no such anchor on this page\..*"),
        lambda m: f"trang «{m[1]}» có liên kết «{m[2]}» tới một mục không có trong trang; sửa phần sau «#»",
    ),
    (
        re.compile(
            r"Doc file '(.*)' contains a link '(.*)', but the doc '(.*)' does not contain an anchor "
            r"'(.*)'\..*"
        ),
        lambda m: f"trang «{m[1]}» có liên kết «{m[2]}» tới mục «{m[4]}», trang «{m[3]}» không có mục đó",
    ),
    (
        re.compile(r"Doc file '(.*)' contains an absolute link '(.*)', it was left as is\..*"),
        lambda m: f"trang «{m[1]}» có liên kết tuyệt đối «{m[2]}»; {_LINK_HINT}",
    ),
    (
        re.compile(r"Doc file '(.*)' contains an unrecognized relative link '(.*)', it was left as is\..*"),
        lambda m: f"trang «{m[1]}» có liên kết «{m[2]}» không trỏ tới tệp nào; {_LINK_HINT}",
    ),
    (
        re.compile(r"Excluding '(.*)' from the site because it conflicts with '(.*)'\."),
        lambda m: f"tệp «{m[1]}» trùng địa chỉ với «{m[2]}»; đổi tên hoặc bỏ một trong hai",
    ),
    (
        re.compile(r"Config file '(.*)' does not exist\."),
        lambda m: f"không có tệp cấu hình MkDocs «{m[1]}»; chỉ ra tệp đúng bằng --config",
    ),
    (
        re.compile(r"Config value '(.*?)': (.*)"),
        lambda m: f"mục «{m[1]}» của tệp cấu hình MkDocs (mkdocs.yml) không hợp lệ ({m[2]}); hãy sửa mục đó",
    ),
    (
        re.compile(r"Error (reading|building) page '(.*?)':(.*)"),
        lambda m: (
            f"không {'đọc' if m[1] == 'reading' else 'dựng'} được trang «{m[2]}»"
            + (f" ({m[3].strip()})" if m[3].strip() else "")
        ),
    ),
    (
        re.compile(r"Template skipped: '(.*)' not found in (?:theme directories|docs_dir)\."),
        lambda m: f"không tìm thấy mẫu «{m[1]}» trong thư mục giao diện (theme/)",
    ),
]
"""MkDocs' messages, by a pattern of their words, and what staff read instead."""

MKDOCS_UNKNOWN = (
    "MkDocs báo lỗi: «{}»; kiểm tra mkdocs.yml và thư mục theme/, chạy lại; nếu vẫn lỗi, gửi dòng này cho "
    "người bảo trì"
)
PAGEFIND_EMPTY = "Pagefind không tìm thấy trang HTML nào để lập chỉ mục (thư mục trang dựng ra rỗng?)"
PAGEFIND_UNKNOWN = (
    "Pagefind báo lỗi: «{}»; chạy lại; nếu vẫn lỗi, cài lại môi trường (make) rồi gửi dòng này cho người "
    "bảo trì"
)


def mkdocs_message(message: str) -> str:
    """One of MkDocs' log messages in Vietnamese, on one line."""
    line = " ".join(message.split())
    for pattern, say in _MKDOCS:
        found = pattern.fullmatch(line)
        if found:
            return say(found)
    return MKDOCS_UNKNOWN.format(shortened(line, 300))


def pagefind_message(output: str) -> str:
    """What Pagefind wrote when it failed, in Vietnamese, on one line."""
    line = " ".join(output.split())
    if "not able to build an index" in line:
        return PAGEFIND_EMPTY
    return PAGEFIND_UNKNOWN.format(shortened(line.removeprefix("Error: "), 300))
