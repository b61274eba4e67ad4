"""The docs name every setting, error code and record field the code has."""

import dataclasses
from pathlib import Path

import pytest

from eventwire import errors
from eventwire.config import default_settings
from eventwire.records import ANNOTATION_TYPES, Article, Mention

DOCS = Path(__file__).resolve().parents[1] / "docs"


def test_docs_cli_lists_every_setting_and_error_code() -> None:
    text = (DOCS / "cli.md").read_text()
    assert all(f"`{key}`" in text for key in default_settings())
    codes = [v for k, v in vars(errors).items() if k.isupper() and isinstance(v, str)]
    assert codes and all(f"| {code} |" in text for code in codes)


@pytest.mark.parametrize("record_type", [Article, *ANNOTATION_TYPES])
def test_docs_output_names_every_field(record_type: type) -> None:
    text = (DOCS / "output.md").read_text()
    common = {f.name for f in dataclasses.fields(Mention)}
    fields = {f.name for f in dataclasses.fields(record_type)} - (
        common if record_type is not Article else set()
    )
    assert [name for name in sorted(fields) if f"`{name}`" not in text] == []


def test_docs_readme_python_example_yields_its_event() -> None:
    readme = (DOCS.parent / "README.md").read_text()
    code = readme.split("```python\n", 1)[1].split("```", 1)[0]
    namespace: dict[str, object] = {}
    exec(code, namespace)  # the example as a reader would paste it
    article = namespace["article"]
    assert [(e.type, e.text, e.date) for e in article.events] == [("COERCE", "arrested", "2024-04-30")]  # type: ignore[attr-defined]


def test_docs_package_docstring_example_holds() -> None:
    import doctest

    import eventwire

    assert doctest.testmod(eventwire, verbose=False).failed == 0
