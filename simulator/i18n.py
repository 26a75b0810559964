"""The interface's message catalogue (gettext through Babel) and locale formatting, without Streamlit.

The catalogues are ``locales/{nl,ko,zh_Hans}/LC_MESSAGES/messages.po`` at the repository root (English is the
source text, so it needs none). A ``.po`` file is compiled to ``.mo`` with ``babel.messages.mofile`` on first use,
into a cache folder, again whenever the ``.po`` is newer; where no folder can be written it is compiled in memory.
A fresh clone therefore needs no build step. ``python scripts/i18n.py extract`` refreshes the catalogues from the
source, ``python scripts/i18n.py check`` lists what is untranslated.

The app's pages reach this through ``app_pages.i18n`` (the trainee's language); the exports in
``simulator.export`` take a ``language`` argument and call ``translator(language)``.
Numbers, percentages, dates and times are formatted for the language with Babel (``fmt_*``).
"""

from __future__ import annotations

import gettext as _gettext
import io
import logging
import os
import tempfile
import threading
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Callable

log = logging.getLogger(__name__)

__all__ = ["UI_LANGUAGES", "LOCALE_DIR", "DOMAIN", "normalize", "babel_locale", "translations", "translator",
           "gettext", "ngettext", "fmt_number", "fmt_decimal", "fmt_percent", "fmt_datetime", "fmt_date",
           "fmt_time", "N_", "Nn_", "Text", "localize"]

ROOT = Path(__file__).resolve().parent.parent
LOCALE_DIR = Path(os.environ.get("INTERVIEW_SIM_LOCALES") or ROOT / "locales")
DOMAIN = "messages"

# The interface languages, each named in its own words (as someone looking for theirs would look for it).
UI_LANGUAGES: dict[str, str] = {"en": "English", "nl": "Nederlands", "ko": "한국어", "zh": "中文"}
# Interface language -> the catalogue's folder and Babel's locale.
_LOCALE = {"en": "en", "nl": "nl", "ko": "ko", "zh": "zh_Hans"}


def N_(message: str) -> str:
    """Marks ``message`` for the catalogue where it is defined; it is translated where it is shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a singular/plural pair for the catalogue: ``Text(*Nn_("{n} turn", "{n} turns"), n, n=n)``."""
    return singular, plural


class Text(str):
    """English text built from a catalogue template and its values, which an interface can show in another
    language. ``Text(N_("{file}: the file is empty."), file=name)`` is the English string itself (so code that
    prints or compares it is unchanged), and ``.localized("ko")`` the Korean one. Values that are ``Text``
    themselves are localized with it. The domain makes these without knowing the reader's language."""

    template: str
    values: dict
    plural: str | None
    count: int | None

    def __new__(cls, template: str, plural: str | None = None, count: int | None = None, **values: object) -> "Text":
        english = template if plural is None or count == 1 else plural
        self = super().__new__(cls, english.format(**values) if values else english)
        self.template, self.plural, self.count, self.values = template, plural, count, values
        return self

    def __getnewargs_ex__(self) -> tuple[tuple, dict]:
        return (self.template, self.plural, self.count), dict(self.values)

    def localized(self, language: str | None) -> str:
        if self.plural is not None:
            template = ngettext(self.template, self.plural, int(self.count or 0), language)
        else:
            template = gettext(self.template, language)
        values = {k: localize(v, language) if isinstance(v, Text) else v for k, v in self.values.items()}
        try:
            return template.format(**values) if values else template
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: show the English
            log.warning("catalogue entry for %r does not format; shown in English", self.template)
            return str(self)


def localize(text: object, language: str | None) -> str:
    """``text`` in ``language`` where it is a :class:`Text`, else as it is."""
    return text.localized(language) if isinstance(text, Text) else str(text)


def normalize(tag: str | None) -> str | None:
    """An interface language ("en", "nl", "ko", "zh") for a BCP-47 or POSIX tag (``zh-Hans-CN``, ``nl_BE``,
    ``ko-KR``), or None when there is no interface in that language."""
    if not tag:
        return None
    primary = str(tag).strip().replace("_", "-").split("-")[0].lower()
    return primary if primary in UI_LANGUAGES else None


def babel_locale(language: str | None) -> str:
    return _LOCALE.get(normalize(language) or "en", "en")


_compile_lock = threading.Lock()


def _cache_dir() -> Path | None:
    base = os.environ.get("INTERVIEW_SIM_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    for candidate in (Path(base) / "interview-sim" / "locales",
                      Path(tempfile.gettempdir()) / f"interview-sim-locales-{os.getuid() if hasattr(os, 'getuid') else 0}"):
        try:
            candidate.mkdir(parents=True, exist_ok=True)
            if os.access(candidate, os.W_OK):
                return candidate
        except OSError:
            continue
    return None


def _compile(po_path: Path) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_path.open("rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _mo_bytes(locale: str) -> bytes | None:
    """The compiled catalogue of ``locale``: from the cache when it is newer than the .po, else compiled now."""
    po_path = LOCALE_DIR / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not po_path.is_file():
        return None
    with _compile_lock:
        cache = _cache_dir()
        mo_path = cache / f"{locale}-{DOMAIN}.mo" if cache is not None else None
        try:
            if mo_path is not None and mo_path.is_file() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                return mo_path.read_bytes()
        except OSError:
            pass
        data = _compile(po_path)
        if mo_path is not None:
            try:
                tmp = mo_path.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(data)
                os.replace(tmp, mo_path)
            except OSError as e:  # a read-only cache: the catalogue still works from memory
                log.info("could not cache %s: %s", mo_path, e)
        return data


@lru_cache(maxsize=None)
def translations(language: str | None) -> _gettext.NullTranslations:
    """The catalogue of ``language`` (English, an unknown language or a missing catalogue: the source text)."""
    lang = normalize(language) or "en"
    if lang == "en":
        return _gettext.NullTranslations()
    try:
        data = _mo_bytes(_LOCALE[lang])
    except Exception:  # a broken .po must not take a page down: English, and the reason in the log
        log.exception("reading the %s catalogue failed", lang)
        data = None
    if data is None:
        return _gettext.NullTranslations()
    return _gettext.GNUTranslations(io.BytesIO(data))


def reload() -> None:
    """Forget the loaded catalogues (after editing a .po while the server runs)."""
    translations.cache_clear()


def gettext(message: str, language: str | None) -> str:
    if not message:
        return message
    return translations(language).gettext(message)


def ngettext(singular: str, plural: str, n: int, language: str | None) -> str:
    return translations(language).ngettext(singular, plural, n)


def translator(language: str | None) -> Callable[[str], str]:
    """``_`` for one language: ``_ = translator("nl"); _("Score")``."""
    found = translations(language)
    return lambda message: found.gettext(message) if message else message


# ------------------------------------------------------------------------------------------------
# Numbers, dates and times for the language (Babel)
# ------------------------------------------------------------------------------------------------


def fmt_number(value: float | int, language: str | None) -> str:
    """An integer-like count: 1,234 (en), 1.234 (nl), 1,234 (ko, zh)."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=babel_locale(language))


def fmt_decimal(value: float, language: str | None, digits: int = 1, *, sign: bool = False) -> str:
    """``value`` with exactly ``digits`` decimals (2,5 in Dutch); ``sign`` adds + to positive numbers."""
    from babel.numbers import format_decimal

    pattern = "0" + ("." + "0" * digits if digits > 0 else "")
    if sign:
        pattern = f"+{pattern};-{pattern}"
    return format_decimal(value, format=pattern, locale=babel_locale(language))


def fmt_percent(fraction: float, language: str | None) -> str:
    """0.42 -> 42% (en, ko, zh), 42% (nl)."""
    from babel.numbers import format_percent

    return format_percent(fraction, locale=babel_locale(language))


def _dt(ts: float | datetime) -> datetime:
    return ts if isinstance(ts, datetime) else datetime.fromtimestamp(float(ts))


def fmt_datetime(ts: float | datetime, language: str | None, format: str = "medium") -> str:
    """A timestamp (local time of the server) as the language writes it, e.g. "5 Dec 2026, 14:03",
    "5 dec 2026, 14:03", "2026. 12. 5. 오후 2:03", "2026年12月5日 14:03"."""
    from babel.dates import format_datetime

    return format_datetime(_dt(ts), format=format if format != "medium" else _MEDIUM.get(
        babel_locale(language), "medium"), locale=babel_locale(language))


# Babel's "medium" datetime shows seconds; the app shows minutes.
_MEDIUM = {"en": "d MMM y, HH:mm", "nl": "d MMM y HH:mm", "ko": "y. M. d. HH:mm", "zh_Hans": "y年M月d日 HH:mm"}


def fmt_date(ts: float | datetime, language: str | None, format: str = "medium") -> str:
    from babel.dates import format_date

    return format_date(_dt(ts).date(), format=format, locale=babel_locale(language))


def fmt_day(ts: float | datetime, language: str | None) -> str:
    """A short day and month: "5 Dec", "5 dec", "12월 5일", "12月5日"."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", _dt(ts), locale=babel_locale(language))


def fmt_time(ts: float | datetime, language: str | None) -> str:
    from babel.dates import format_time

    return format_time(_dt(ts), format="short", locale=babel_locale(language))
