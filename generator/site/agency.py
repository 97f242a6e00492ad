"""The publishing agency: ``content/site.yml`` (name, address, hotline, links).

The contact facts citizens need (hotline, telephone, e-mail, hours, address, map) are required: they are
printed in the footer of every page and on every procedure page, next to where to apply.
"""

from __future__ import annotations

import re
from typing import ClassVar, NamedTuple

from generator.core.fields import Email, HttpUrl, Record, Text, no_items
from generator.core.render import page_url

_DIALABLE = re.compile(r"^\+?[0-9][0-9 .()-]{4,}[0-9]$")


class Link(Record):
    """Một liên kết hữu ích."""

    ten: Text
    """Chữ của liên kết: chữ hiện trên trang."""
    url: HttpUrl
    """Địa chỉ liên kết: bắt đầu bằng https://."""


class Agency(Record):
    """Facts about the agency that publishes this site."""

    ten_co_quan: Text
    """Tên cơ quan: ví dụ «Sở Tư pháp tỉnh Bình Phước»."""
    co_quan_chu_quan: Text | None = None
    """Cơ quan chủ quản: ví dụ «Ủy ban nhân dân tỉnh Bình Phước»."""
    ten_trang: Text
    """Tên trang: hiện ở đầu mỗi trang."""
    gioi_thieu: Text | None = None
    """Giới thiệu: đoạn giới thiệu ngắn trên trang chủ."""
    dia_chi: Text
    """Địa chỉ trụ sở: số nhà, đường, phường hoặc xã, tỉnh."""
    ban_do: HttpUrl
    """Bản đồ: địa chỉ bản đồ của trụ sở, ví dụ một liên kết OpenStreetMap hoặc Google Maps."""
    dien_thoai: Text
    """Điện thoại: số điện thoại của cơ quan."""
    duong_day_nong: Text
    """Đường dây nóng: đường dây nóng về thủ tục hành chính."""
    email: Email
    """Thư điện tử: thư điện tử công vụ của cơ quan."""
    gio_lam_viec: Text
    """Giờ làm việc: giờ tiếp nhận hồ sơ."""
    website: HttpUrl | None = None
    """Cổng thông tin của cơ quan: địa chỉ cổng thông tin điện tử riêng của cơ quan."""
    url_dich_vu_cong: HttpUrl | None = None
    """Cổng dịch vụ công của tỉnh: nơi người dân nộp hồ sơ trực tuyến."""
    url_pakn: HttpUrl | None = None
    """Địa chỉ gửi phản ánh, kiến nghị: nơi người dân gửi phản ánh, kiến nghị."""
    url_trang: HttpUrl | None = None
    """Địa chỉ trang: địa chỉ công khai của chính trang này, dùng cho bản tin và liên kết chuẩn."""
    chinh_thuc: bool = False
    """Trang chính thức: bật khi đây là trang chính thức của cơ quan (liên hệ, dữ liệu đã là thật), đầu mỗi
    trang ghi «Trang thông tin chính thức của …»; khi tắt, mỗi trang ghi rõ đây là trang mẫu, dữ liệu minh
    họa."""
    url_ma_nguon: HttpUrl | None = None
    """Kho nội dung: địa chỉ kho chứa nội dung trang, cho liên kết «sửa trang này»."""
    lien_ket: list[Link] = no_items()
    """Liên kết hữu ích: các liên kết hiện trên trang chủ."""

    MISSING_HINTS: ClassVar[dict[str, str]] = {
        "dia_chi": "địa chỉ trụ sở, nơi người dân đến nộp hồ sơ",
        "ban_do": (
            "liên kết bản đồ tới trụ sở (ví dụ https://www.openstreetmap.org/…), để người dân tìm đường"
        ),
        "dien_thoai": "số điện thoại của cơ quan, hiện ở chân mỗi trang và trên trang mỗi thủ tục",
        "duong_day_nong": "số đường dây nóng về thủ tục hành chính, hiện ở chân mỗi trang và trên trang "
        "mỗi thủ tục",
        "email": "địa chỉ thư điện tử công vụ của cơ quan (ví dụ stp@tinh.gov.vn)",
        "gio_lam_viec": "giờ tiếp nhận hồ sơ (ví dụ «Sáng 7 giờ 00 – 11 giờ 30, từ thứ Hai đến thứ Sáu»)",
    }
    """What each required contact fact is for, told to staff when ``site.yml`` lacks it."""


class Contact(NamedTuple):
    """One contact fact as pages show it: a label, the text, and a link when there is one."""

    label: str
    text: str
    href: str | None = None


def dial_link(number: str) -> str | None:
    """``tel:`` link of a telephone number as written (``0271 3 879 000`` → ``tel:02713879000``); none
    when the text is not only a number."""
    return "tel:" + re.sub(r"[^0-9+]", "", number) if _DIALABLE.match(number) else None


SAMPLE_EMAIL = " (địa chỉ minh họa)"
"""After the e-mail address of a site that is not official (``chinh_thuc`` off): the address is an
illustration like the sample telephone numbers beside it, shown as text, not as a link to write to."""


def contacts(agency: Agency) -> list[Contact]:
    """The agency's contact facts, in the order citizens look for them."""
    if agency.chinh_thuc:
        email = Contact("Thư điện tử", agency.email, "mailto:" + agency.email)
    else:
        email = Contact("Thư điện tử", agency.email + SAMPLE_EMAIL)
    return [
        Contact("Đường dây nóng", agency.duong_day_nong, dial_link(agency.duong_day_nong)),
        Contact("Điện thoại", agency.dien_thoai, dial_link(agency.dien_thoai)),
        email,
        Contact("Giờ làm việc", agency.gio_lam_viec),
        Contact("Địa chỉ", agency.dia_chi),
        Contact("Bản đồ", "Xem đường đến trụ sở trên bản đồ", agency.ban_do),
    ]


def at_address(agency: Agency, url: str | None) -> Agency:
    """``agency``'s site published at ``url`` (``congkhai build --url``, ``CONGKHAI_URL``: the host gives
    the address, as GitHub Pages does) instead of its ``url_trang``; as it is without ``url``."""
    return agency.model_copy(update={"url_trang": url}) if url else agency


ADDRESS_KEY = "dia_chi_trang"
"""The key of a record's page address in its published JSON and the column of it in the CSV files."""


def page_address(site_url: str | None, page: str) -> str:
    """The address of the docs page ``page`` (``thu-tuc/1.000080.md``): absolute under ``site_url``
    (``https://…/thu-tuc/1.000080/``), else its path from the site's root (``thu-tuc/1.000080/``)."""
    path = page_url(page)
    return f"{site_url.rstrip('/')}/{path}" if site_url else path


def address_description(site_url: str | None, what: str) -> str:
    """What :func:`page_address` holds for a site at ``site_url``, of the page of ``what`` («thủ tục»),
    in the words of a Table Schema or JSON Schema description."""
    if site_url:
        return f"Địa chỉ đầy đủ của trang {what}."
    return (
        f"Đường dẫn tới trang {what}, tương đối với địa chỉ gốc của trang web (trang được dựng khi chưa ghi "
        "«Địa chỉ trang»)."
    )
