"""The command line in Vietnamese: one line for every usage error click raises, and the fixed words of
``--help``.

click words its errors and its help in English. :func:`usage_message` words each usage error by its type
(an unknown option or command, an option without its value, a missing or extra argument) and a value
that a parameter type refused by the pattern of click's own message (``click/types.py`` of the version
pinned in ``constraints.txt``: the number ranges, ``Path``, ``Choice``, the number types); a message
matching none is kept as it is (the commands' own are Vietnamese). :class:`Context` gives every command
the help formatter :class:`Formatter`, which translates click's headings, usage line, metavars and
the help option's text.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Iterable, Sequence

import click
from click import exceptions

from generator.core.errors import escaped, shortened

HELP = "Hiện hướng dẫn này rồi thoát."
VERSION_HELP = "Hiện phiên bản rồi thoát."
VERSION_MESSAGE = "%(prog)s, phiên bản %(version)s"
"""The ``--version`` option's help and answer."""

_QUOTED = r"(?P<value>'.*'|\".*\")"
"""A value as click shows it, by ``repr``."""
_KINDS = {"File": "tệp", "Directory": "thư mục", "Path": "đường dẫn"}
_NUMBERS = {
    "integer": "số nguyên",
    "integer range": "số nguyên",
    "float": "số",
    "float range": "số",
    "boolean": "giá trị đúng/sai (true, false)",
    "UUID": "mã UUID",
}
_PATH_PROBLEMS = {
    "does not exist": "không có {kind} «{value}»",
    "is a file": "«{value}» là một tệp, cần một thư mục",
    "is a directory": "«{value}» là một thư mục, cần một tệp",
    "is not readable": "không đủ quyền đọc «{value}»",
    "is not writable": "không đủ quyền ghi «{value}»",
    "is not executable": "không đủ quyền chạy «{value}»",
}
_OPERATORS = {">=": "≥", ">": ">", "<=": "≤", "<": "<"}


def usage_message(exc: click.ClickException, command: str | None = None) -> str:
    """One Vietnamese line for a click error: ``Lỗi: <what is wrong>; xem <command> --help``, the command
    the error's own (``command`` for an error click raised without one)."""
    ctx = getattr(exc, "ctx", None)
    command = ctx.command_path if isinstance(ctx, click.Context) else command
    hint = f"; xem {command} --help" if command else ""
    return escaped(f"Lỗi: {_what(exc)}{hint}")


def _what(exc: click.ClickException) -> str:
    """What is wrong, by the error's type."""
    if isinstance(exc, exceptions.NoSuchOption):
        return f"không có tuỳ chọn {shortened(exc.option_name)}{_guesses(exc.possibilities)}"
    if isinstance(exc, exceptions.NoSuchCommand):
        return f"không có lệnh «{shortened(exc.command_name)}»{_guesses(exc.possibilities)}"
    if isinstance(exc, exceptions.BadOptionUsage):
        return _option_usage(exc.option_name, exc.message)
    if isinstance(exc, exceptions.MissingParameter):
        return f"thiếu {_parameter_kind(exc.param)} {_parameter_name(exc.param, exc.param_hint)}"
    if isinstance(exc, exceptions.BadParameter):
        name = _parameter_name(exc.param, exc.param_hint)
        where = f" cho {name}" if name else ""
        return f"giá trị không hợp lệ{where}: {value_problem(exc.message)}"
    if isinstance(exc, exceptions.FileError):
        return f"không mở được tệp «{shortened(exc.ui_filename)}»"
    return _usage(exc.message)


def _guesses(possibilities: Sequence[str] | None) -> str:
    """`` (có phải ý bạn là --out?)`` for click's close matches."""
    return f" (có phải ý bạn là {' hoặc '.join(possibilities)}?)" if possibilities else ""


def _option_usage(name: str, message: str) -> str:
    """An option given without its value, or a flag given one."""
    shown = shortened(name)
    if "does not take a value" in message:
        return f"tuỳ chọn {shown} không nhận giá trị"
    count = re.search(r"requires (\d+) arguments", message)
    if count:
        return f"tuỳ chọn {shown} cần {count[1]} giá trị"
    if "requires an argument" in message:
        return f"tuỳ chọn {shown} cần một giá trị"
    return f"tuỳ chọn {shown} dùng sai: {_usage(message)}"


def _parameter_kind(param: click.Parameter | None) -> str:
    if isinstance(param, click.Argument):
        return "đối số"
    return "tuỳ chọn" if isinstance(param, click.Option) else "tham số"


def _parameter_name(param: click.Parameter | None, hint: object) -> str:
    """How the command line names a parameter: an option's long name, an argument's metavar."""
    if isinstance(param, click.Option) and param.opts:
        return max(param.opts, key=len)
    if param is not None and param.name:
        return param.human_readable_name
    return hint if isinstance(hint, str) else ""


def _usage(message: str) -> str:
    """A usage error that is not a parameter's: extra arguments, a missing command; else as it is."""
    extra = re.fullmatch(r"Got unexpected extra arguments? \((.*)\)", message, flags=re.DOTALL)
    if extra:
        return f"thừa đối số «{shortened(extra[1])}»: lệnh này không nhận thêm đối số đó"
    takes = re.fullmatch(r"Argument '(.*)' takes (\d+) values\.", message)
    if takes:
        return f"đối số {takes[1].upper()} cần {takes[2]} giá trị"
    if message == "Missing command.":
        return "thiếu tên lệnh"
    return shortened(message, 200)


_VALUE_PROBLEMS: list[tuple[re.Pattern[str], Callable[[re.Match[str]], str]]] = [
    (
        re.compile(r"(?P<value>.*) is not in the range (?P<range>.*)\.", re.DOTALL),
        lambda m: f"«{shortened(m['value'])}» (phải {describe_range(m['range'])})",
    ),
    (
        re.compile(_QUOTED + r" is not a valid (?P<kind>" + "|".join(_NUMBERS) + r")\.", re.DOTALL),
        lambda m: f"«{_unquoted(m['value'])}» không phải {_NUMBERS[m['kind']]}",
    ),
    (
        re.compile(
            r"(?P<kind>File|Directory|Path) " + _QUOTED + " (?P<problem>" + "|".join(_PATH_PROBLEMS) + r")\.",
            re.DOTALL,
        ),
        lambda m: _PATH_PROBLEMS[m["problem"]].format(kind=_KINDS[m["kind"]], value=_unquoted(m["value"])),
    ),
    (
        re.compile(_QUOTED + r" is not (?:one of )?(?P<choices>(?:'[^']*'(?:, )?)+)\.", re.DOTALL),
        lambda m: f"«{_unquoted(m['value'])}» không thuộc danh sách: {m['choices'].replace(chr(39), '')}",
    ),
    (
        re.compile(
            r"(?:Takes (?P<n>\d+) values but (?P<m>\d+) (?:was|were) given|"
            r"(?P<n2>\d+) values are required, but (?P<m2>\d+) (?:was|were) given)\."
        ),
        lambda m: f"cần {m['n'] or m['n2']} giá trị, có {m['m'] or m['m2']}",
    ),
]
"""click's messages for a refused value, by pattern, and their Vietnamese."""


def value_problem(message: str) -> str:
    """Why a parameter type refused a value, in Vietnamese (``message`` itself if it is not click's)."""
    for pattern, say in _VALUE_PROBLEMS:
        found = pattern.fullmatch(message)
        if found:
            return say(found)
    return shortened(message, 200)


def _unquoted(shown: str) -> str:
    """A value click showed by ``repr``, as it was typed (shortened for a message)."""
    try:
        value = ast.literal_eval(shown)
    except (ValueError, SyntaxError):
        value = shown[1:-1]
    return shortened(str(value))


def describe_range(text: str) -> str:
    """click's range (``x>=0``, ``1<=x<=9``) as a message says it: ``≥ 0``, ``từ 1 đến 9``."""
    one = re.fullmatch(r"x(>=|>|<=|<)(.+)", text)
    if one:
        return f"{_OPERATORS[one[1]]} {one[2]}"
    both = re.fullmatch(r"(.+?)(<=|<)x(<=|<)(.+)", text)
    if both:
        return f"từ {both[1]} đến {both[4]}"
    return text


Replacement = str | Callable[[re.Match[str]], str]
_HEADINGS = {
    "Options": "Tuỳ chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Đối số",
    "Arguments": "Đối số",
}
_USAGE_WORDS: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r"\[OPTIONS\]"), "[TUỲ CHỌN]"),
    (re.compile(r"COMMAND \[ARGS\]\.\.\."), "LỆNH [ĐỐI SỐ]..."),
]
_TERM_WORDS: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r"\bINTEGER RANGE\b|\bINTEGER\b|\bFLOAT RANGE\b|\bFLOAT\b"), "SỐ"),
    (re.compile(r"\bDIRECTORY\b"), "THƯ MỤC"),
    (re.compile(r"\bFILE\b"), "TỆP"),
    (re.compile(r"\bPATH\b"), "ĐƯỜNG DẪN"),
    (re.compile(r"\bTEXT\b"), "CHỮ"),
]
_RANGE_NOTE = re.compile(r"; (x(?:>=|>|<=|<)\S+?|\S+?(?:<=|<)x(?:<=|<)\S+?)\]")
"""A range in click's note after an option's help (``[default: 0; x>=0]``)."""
_HELP_WORDS: list[tuple[re.Pattern[str], Replacement]] = [
    (re.compile(r"Show this message and exit\."), HELP),
    (re.compile(r"Show the version and exit\."), VERSION_HELP),
    (re.compile(r"\[default: "), "[mặc định: "),
    (re.compile(r"\[required\]"), "[bắt buộc]"),
    (
        re.compile(r"; (x(?:>=|>|<=|<)\S+?|\S+?(?:<=|<)x(?:<=|<)\S+?)\]"),
        lambda m: f"; {describe_range(m[1])}]",
    ),
]


def _translated(
    text: str, words: Iterable[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]]
) -> str:
    for pattern, replacement in words:
        text = pattern.sub(replacement, text)
    return text


class Formatter(click.HelpFormatter):
    """click's help formatter with its fixed words in Vietnamese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        """``Cách dùng: congkhai build [TUỲ CHỌN]``."""
        super().write_usage(prog, _translated(args, _USAGE_WORDS), prefix or "Cách dùng: ")

    def write_heading(self, heading: str) -> None:
        """``Tuỳ chọn:``, ``Lệnh:``."""
        super().write_heading(_HEADINGS.get(heading, heading))

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """The options and commands, their metavars and click's own notes translated."""
        translated = [(_translated(term, _TERM_WORDS), _translated(text, _HELP_WORDS)) for term, text in rows]
        super().write_dl(translated, col_max, col_spacing)


class Context(click.Context):
    """A command's context that formats its help with :class:`Formatter`."""

    formatter_class = Formatter


def localise(command: click.Command) -> None:
    """Give ``command`` and every command under it the Vietnamese :class:`Context`."""
    command.context_class = Context
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            localise(sub)
