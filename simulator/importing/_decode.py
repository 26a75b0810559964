"""Bytes to text (BOM, UTF-8, UTF-16 without BOM, then Windows-1252) and the guess of a file's format."""

from __future__ import annotations

import codecs
import json
import re
from pathlib import PurePath

from ..i18n import N_, Text
from ._model import ImportProblem

__all__ = ["FORMATS", "decode_bytes", "detect_format", "normalise_newlines"]

FORMATS = ("vtt", "srt", "txt", "json")

# Longest BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_EXTENSIONS = {".vtt": "vtt", ".webvtt": "vtt", ".srt": "srt", ".txt": "txt", ".text": "txt", ".md": "txt",
               ".json": "json"}
_TIMING = re.compile(r"^\s*\d{1,10}:\d{1,2}(?::\d{1,2})?(?P<sep>[.,])\d{1,9}\s*-->", re.M)
_SAMPLE = 4096


def decode_bytes(data: bytes, name: str) -> tuple[str, str, list[str]]:
    """Return ``(text, encoding, warnings)``. Raises ImportProblem for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data[len(bom):], encoding, name, how=Text(N_("its byte order mark")))
    # Before UTF-8: ASCII text in UTF-16 is also valid UTF-8, full of NUL characters.
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _decode(data, utf16, name, how=Text(N_("the zero bytes between its letters")))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _reject_binary(text, name), "utf-8", []
    try:
        text, encoding = data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # Bytes cp1252 leaves undefined (0x81, 0x8d, …): Latin-1 decodes every byte.
        text, encoding = data.decode("latin-1"), "latin-1"
    return _reject_binary(text, name), encoding, [
        Text(N_("{file}: not UTF-8; read as Windows-1252 (Latin-1). If accents or quotes look wrong, save the "
                "file as UTF-8 and import it again."), file=name)
    ]


def _decode(data: bytes, encoding: str, name: str, *, how: str) -> tuple[str, str, list[str]]:
    try:
        text = data.decode(encoding)
        warnings: list[str] = []
    except UnicodeDecodeError as e:
        text = data.decode(encoding, errors="replace")
        warnings = [Text(N_("{file}: looks like {encoding} ({how}), but byte {byte} is not valid {encoding}; "
                            "unreadable characters were replaced with '\ufffd'. Save the file as UTF-8 and import it "
                            "again."), file=name, encoding=encoding.upper(), how=how, byte=e.start)]
    return _reject_binary(text, name), encoding, warnings


def _utf16_without_bom(data: bytes) -> str | None:
    sample = data[:_SAMPLE]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    # ASCII text in UTF-16 has a zero byte in every other position: the high byte.
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _reject_binary(text: str, name: str) -> str:
    """The text without NUL characters; ImportProblem when control characters say it is no text at all."""
    sample = text[:_SAMPLE]
    controls = sum(1 for c in sample if c < " " and c not in "\t\n\r\f")
    if sample and (controls > 0.1 * len(sample) or sample.count("\x00") > 0.01 * len(sample)):
        raise _binary(name)
    return text.replace("\x00", "")


def _binary(name: str) -> ImportProblem:
    return ImportProblem(
        name, Text(N_("this is not a text file (it holds binary data: an audio or video recording?).")),
        fix=Text(N_("Import the captions or transcript the meeting tool saved next to the recording "
                    "(.vtt, .srt, .txt or .json).")),
    )


def normalise_newlines(text: str) -> str:
    """CRLF and CR become LF, and a BOM character left at the start goes, so line numbers mean one thing."""
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def detect_format(name: str, text: str) -> str:
    """``vtt``, ``srt``, ``txt`` or ``json``: by content first, by the file's extension second."""
    extension = _EXTENSIONS.get(PurePath(str(name)).suffix.lower())
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if head[:1] in ("[", "{"):
        if head[:1] == "{" or extension == "json" or _is_json(head):
            return "json"
    timing = _TIMING.search(text[:200_000])
    if timing:
        if extension in ("vtt", "srt"):
            return extension
        return "srt" if timing.group("sep") == "," else "vtt"
    if extension == "json":
        return "json"
    return "txt"


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True
