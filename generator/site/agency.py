"""The publishing agency: ``content/site.yml`` (name, address, hotline, links)."""

from __future__ import annotations

from generator.core.fields import HttpUrl, Record, Text, no_items


class Link(Record):
    """Một liên kết hữu ích."""

    ten: Text
    """Text of the link."""
    url: HttpUrl
    """Address of the link."""


class Agency(Record):
    """Facts about the agency that publishes this site."""

    ten_co_quan: Text
    """Tên cơ quan (for example «Sở Tư pháp tỉnh Bình Phước»)."""
    co_quan_chu_quan: Text | None = None
    """The body the agency belongs to (for example «Ủy ban nhân dân tỉnh Bình Phước»)."""
    ten_trang: Text
    """Title of the site, shown in the header."""
    gioi_thieu: Text | None = None
    """A short introduction on the home page."""
    dia_chi: Text
    """Địa chỉ trụ sở."""
    dien_thoai: Text | None = None
    """Điện thoại."""
    duong_day_nong: Text | None = None
    """Đường dây nóng về thủ tục hành chính."""
    email: Text | None = None
    """Thư điện tử công vụ."""
    gio_lam_viec: Text | None = None
    """Giờ tiếp nhận hồ sơ."""
    website: HttpUrl | None = None
    """The agency's own portal."""
    url_dich_vu_cong: HttpUrl | None = None
    """The provincial public-service portal where citizens apply online."""
    url_pakn: HttpUrl | None = None
    """Where citizens send feedback (phản ánh, kiến nghị)."""
    url_trang: HttpUrl | None = None
    """The public address of this site (for feeds and canonical links)."""
    url_ma_nguon: HttpUrl | None = None
    """The repository of this site's content, for «sửa trang này» links."""
    lien_ket: list[Link] = no_items()
    """Useful links shown on the home page."""
