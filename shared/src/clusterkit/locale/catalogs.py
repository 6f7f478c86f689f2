"""Keeping the catalogs: ``python -m clusterkit.i18n extract|update|compile|check``.

- ``extract``: every marked message of the library, the services and the pages' templates
  into ``messages.pot`` (the mapping is ``babel.cfg`` beside it; Python with the keywords
  below, templates with Jinja's ``jinja2.ext.i18n``).
- ``update``: ``extract``, then each language's ``messages.po`` follows the template (new
  msgids empty, gone ones dropped); English msgstrs are the msgids.
- ``compile``: the ``.mo`` files, into a directory given (the services read ``.po``).
- ``check``: fails (exit 1) listing every msgid that lacks a translation in a language
  (empty, fuzzy, or naming other parameters than its msgid), and a template that is not
  the code's, and every pydantic error type (pydantic_core's ``ErrorType``) that has no
  message in ``clusterkit.locale.problems.FIELD_MESSAGES``; it lists as well, without
  failing, the entries marked for a native speaker's review (translator comment
  ``# review: native speaker``) and raise sites whose message is not marked (they answer
  in English).
"""

from __future__ import annotations

import argparse
import ast
import io
import re
import sys
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from clusterkit import i18n

HERE = Path(__file__).resolve().parent
REPOSITORY = HERE.parents[3]
TEMPLATE = HERE / f"{i18n.DOMAIN}.pot"
MAPPING = HERE / "babel.cfg"
REVIEW = "review: native speaker"
# Where messages are: the library, each service's package.
SOURCES = ("shared/src", "services/membership/src", "services/production/src",
           "services/supply/src", "services/gateway/src")  # fmt: skip
# Python calls our API with the language first; templates call Jinja's gettext.
PYTHON_KEYWORDS: dict[str, typing.Any] = {
    "N_": None,
    "NC_": ((1, "c"), 2),
    "gettext": (2,),
    "pgettext": ((2, "c"), 3),
    "ngettext": (2, 3),
}
TEMPLATE_KEYWORDS: dict[str, typing.Any] = {"_": None, "gettext": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{(\w+)\}|%\((\w+)\)s")
DOMAIN_ERRORS = frozenset({
    "InvalidRequest", "Unauthenticated", "Forbidden", "NotFound", "Conflict", "InvalidFields",
    "PreconditionRequired", "Busy", "Unsupported", "TooLarge", "RateLimited",
    "UpstreamFailed", "UpstreamTimedOut",
})  # fmt: skip


def po_path(language: str) -> Path:
    return HERE / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def _mapping() -> tuple[list[tuple[str, str]], dict[str, dict[str, str]]]:
    with MAPPING.open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg, filename=str(MAPPING))  # type: ignore[no-untyped-call]
    return method_map, options_map


def extracted() -> Catalog:
    """Every marked message in the code, as a template catalog."""
    template = Catalog(
        project="Copper Cluster Platform",
        version="1",
        copyright_holder="Copper Cluster Platform",
        domain=i18n.DOMAIN,
        fuzzy=False,
    )
    template.msgid_bugs_address = ""
    method_map, options_map = _mapping()
    for root in SOURCES:
        for pattern, method in method_map:
            keywords = PYTHON_KEYWORDS if method == "python" else TEMPLATE_KEYWORDS
            found = extract_from_dir(
                REPOSITORY / root,
                [(pattern, method)],
                {pattern: options_map.get(pattern, {})},
                keywords=keywords,
                comment_tags=("TRANSLATORS:",),
                strip_comment_tags=True,
            )
            for filename, lineno, message, comments, context in found:
                template.add(
                    message,
                    locations=[(f"{root}/{filename}", lineno)],
                    auto_comments=comments,
                    context=context,
                )
    return template


def _text(message: str | Sequence[str]) -> str:
    return message if isinstance(message, str) else " ".join(message)


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, include_lineno=False,
             ignore_obsolete=True, sort_output=False)  # fmt: skip
    path.write_bytes(out.getvalue())


def _read(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as po:
        locale = i18n.BABEL_LOCALES[language] if language else None
        return read_po(po, locale=locale, domain=i18n.DOMAIN)


def extract() -> Catalog:
    template = extracted()
    _write(template, TEMPLATE)
    return template


def update() -> None:
    template = extract()
    for language in i18n.LANGUAGES:
        path = po_path(language)
        if path.exists():
            catalog = _read(path, language)
        else:
            catalog = Catalog(locale=i18n.BABEL_LOCALES[language], domain=i18n.DOMAIN)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.project, catalog.version = template.project, "1"
        catalog.copyright_holder, catalog.msgid_bugs_address = "Copper Cluster Platform", ""
        catalog.last_translator = catalog.language_team = ""
        catalog.fuzzy = False  # the header: every entry is judged by itself
        if language == i18n.SOURCE_LANGUAGE:
            for message in catalog:
                if message.id and not _translated(message):
                    message.string = message.id
        _write(catalog, path)


def compile_to(directory: Path) -> None:
    for language in i18n.LANGUAGES:
        target = directory / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.mo"
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("wb") as mo:
            write_mo(mo, _read(po_path(language), language), use_fuzzy=False)


def _translated(message: Message) -> bool:
    strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
    return bool(strings) and all(strings)


def _placeholders(text: str | Sequence[str] | None) -> set[str]:
    if text is None:
        return set()
    return {a or b for a, b in PLACEHOLDER.findall(_text(text))}


@dataclass
class Report:
    missing: dict[str, list[str]] = field(default_factory=dict)  # language -> msgids
    stale_template: list[str] = field(default_factory=list)  # in the code, not the .pot
    review: dict[str, int] = field(default_factory=dict)  # language -> entries to review
    unmarked: list[str] = field(default_factory=list)  # raise sites answering in English
    english_only_types: list[str] = field(default_factory=list)  # pydantic error types

    @property
    def failed(self) -> bool:
        return (
            bool(self.stale_template) or any(self.missing.values()) or bool(self.english_only_types)
        )


def check() -> Report:
    report = Report()
    code = extracted()
    on_disk = _read(TEMPLATE)
    report.stale_template = sorted(
        _text(m.id) for m in code if m.id and on_disk.get(m.id, m.context) is None
    )
    for language in i18n.LANGUAGES:
        catalog = _read(po_path(language), language)
        missing, review = [], 0
        for message in code:
            if not message.id:
                continue
            entry = catalog.get(message.id, message.context)
            if entry is None or not _translated(entry) or entry.fuzzy:
                missing.append(_text(message.id))
                continue
            wanted = _placeholders(message.id)
            strings = entry.string if isinstance(entry.string, tuple | list) else [entry.string]
            # a plural's msgstr may leave the count out (Uzbek "bitta"), never add a name
            extra = set().union(*(_placeholders(s) for s in strings)) - wanted
            if extra or (len(strings) == 1 and _placeholders(strings[0]) != wanted):
                missing.append(f"{_text(message.id)} (parameters: {sorted(extra or wanted)})")
            if any(REVIEW in comment for comment in entry.user_comments):
                review += 1
        report.missing[language] = missing
        report.review[language] = review
    report.unmarked = list(unmarked_raise_sites(REPOSITORY / root for root in SOURCES))
    from clusterkit.locale.problems import FIELD_MESSAGES

    every = typing.get_args(_error_types())
    report.english_only_types = sorted(t for t in every if t not in FIELD_MESSAGES)
    return report


def _error_types() -> typing.Any:
    from pydantic_core.core_schema import ErrorType

    return ErrorType


def unmarked_raise_sites(roots: Iterable[Path]) -> Iterable[str]:
    """``raise Conflict("...")`` (a literal or an f-string, not ``N_(...)``): answered in
    English in every language until it is marked."""
    for root in roots:
        for path in sorted(root.rglob("*.py")):
            tree = ast.parse(path.read_text(), str(path))
            for node in ast.walk(tree):
                if not (isinstance(node, ast.Call) and node.args):
                    continue
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                if name not in DOMAIN_ERRORS or name == "NotFound":
                    continue
                first = node.args[0]
                if isinstance(first, ast.Constant | ast.JoinedStr) or (
                    name == "InvalidFields"
                    and isinstance(first, ast.Tuple)
                    and isinstance(first.elts[1], ast.Constant | ast.JoinedStr)
                ):
                    where = path.relative_to(REPOSITORY)
                    yield f"{where}:{node.lineno}: {name}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m clusterkit.i18n")
    parser.add_argument("command", choices=("extract", "update", "compile", "check"))
    parser.add_argument("directory", nargs="?", help="compile: where the .mo files go")
    args = parser.parse_args(argv)
    if args.command == "extract":
        print(f"{len(extract())} messages in {TEMPLATE.relative_to(REPOSITORY)}")
    elif args.command == "update":
        update()
        print("catalogs updated: " + ", ".join(str(po_path(lang)) for lang in i18n.LANGUAGES))
    elif args.command == "compile":
        compile_to(Path(args.directory or "build/locale"))
    else:
        report = check()
        for language, msgids in report.missing.items():
            for msgid in msgids:
                print(f"missing [{language}] {msgid!r}")
        for msgid in report.stale_template:
            print(f"not in messages.pot (run update): {msgid!r}")
        for site in report.unmarked:
            print(f"unmarked (English only): {site}")
        for type_ in report.english_only_types:
            print(f"pydantic error type without a message (English only): {type_}")
        print("to review by a native speaker: " + ", ".join(
            f"{lang} {count}" for lang, count in report.review.items()))  # fmt: skip
        if report.failed:
            return 1
        print("every message is translated in " + ", ".join(i18n.LANGUAGES))
    return 0


if __name__ == "__main__":
    sys.exit(main())
