"""Every validation message comes from the one catalogue, app/forms/error_messages.py."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = "app.forms.error_messages"
# Validators and exceptions whose first argument is the message shown beside the field.
MESSAGE_FIRST = {"InputRequired", "DataRequired", "FileRequired", "ValidationError",
                 "StopValidation"}


def _imported_names(tree: ast.Module) -> set[str]:
    return {alias.asname or alias.name.split(".")[0] for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom) for alias in node.names}


def _catalogue_names(tree: ast.Module) -> set[str]:
    """Names bound in this module to the catalogue or to something imported from it."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == CATALOGUE:
            names |= {alias.asname or alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module == "app.forms":
            names |= {alias.asname or alias.name for alias in node.names
                      if alias.name == "error_messages"}
    return names


def _root(expr: ast.expr) -> ast.expr:
    """messages.CODE[result] % {...} → messages; str(x) → x's root."""
    while True:
        match expr:
            case ast.Call(func=ast.Name(id="str"), args=[inner]):
                expr = inner
            case ast.BinOp(left=left, op=ast.Mod()):
                expr = left
            case ast.Subscript(value=value) | ast.Attribute(value=value):
                expr = value
            case _:
                return expr


def _from_the_catalogue(expr: ast.expr, catalogue: set[str], imported: set[str]) -> bool:
    root = _root(expr)
    if isinstance(root, ast.Name):
        # A lower-case name not imported is a variable or parameter: where its value comes
        # from is checked where it is written. Constants and modules must be the catalogue's.
        return root.id in catalogue or (root.id[:1].islower() and root.id not in imported)
    return False


def _messages_given(tree: ast.Module) -> list[tuple[int, ast.expr]]:
    given = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        given += [(node.lineno, kw.value) for kw in node.keywords if kw.arg == "message"]
        if name in MESSAGE_FIRST and node.args:
            given.append((node.lineno, node.args[0]))
        if name == "_add_error" and node.args:  # admin.py: (field, message)
            given.append((node.lineno, node.args[-1]))
        if (name == "append" and isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Attribute) and func.value.attr == "errors"):
            given += [(node.lineno, arg) for arg in node.args]
    return given


def messages_defined_elsewhere() -> list[str]:
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        if path.name == "error_messages.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        catalogue, imported = _catalogue_names(tree), _imported_names(tree)
        found += [f"{path.relative_to(ROOT)}:{line}" for line, message in _messages_given(tree)
                  if not _from_the_catalogue(message, catalogue, imported)]
    return found


def test_every_validation_message_comes_from_the_catalogue() -> None:
    assert messages_defined_elsewhere() == []


def test_the_scan_finds_a_message_written_beside_its_field() -> None:
    tree = ast.parse("from app.forms import error_messages as messages\n"
                     "a = InputRequired(_l('Enter it'))\n"
                     "b = Length(max=5, message=TOO_LONG)\n"
                     "form.x.errors.append(_('Wrong'))\n"
                     "c = InputRequired(messages.ENTER_NAME)\n"
                     "form.y.errors.append(str(messages.CODE[result]))\n"
                     "from app.web.forms import counter as forms\n"
                     "form.z.errors.append(str(forms.PERSON_IN_OTHER_AREA))\n")
    catalogue, imported = _catalogue_names(tree), _imported_names(tree)
    assert [line for line, message in _messages_given(tree)
            if not _from_the_catalogue(message, catalogue, imported)] == [2, 3, 4, 8]


def test_both_address_fields_take_what_the_record_holds_and_say_the_same_limit() -> None:
    """The wizard said 100 characters and the counter 200; people.address_line holds 200."""
    from wtforms.validators import Length

    from app.domain.models import Person
    from app.forms import error_messages as messages
    from app.services.shared_steps import TownshipForm
    from app.web.forms.counter import RegisterPersonForm

    column_length = Person.__table__.c.address_line.type.length
    limits = [(v.max, v.message) for form in (TownshipForm, RegisterPersonForm)
              for v in form.address_line.kwargs["validators"] if isinstance(v, Length)]
    assert limits == [(column_length, messages.ADDRESS_TOO_LONG)] * 2
    assert str(column_length) in str(messages.ADDRESS_TOO_LONG._args[0])


def test_no_message_name_is_given_twice() -> None:
    """Two branches once each added CHOOSE_ALLOWANCE: the later silently replaced the
    earlier, and the two-subsidies form asked its question with the amounts page's words."""
    import ast
    from pathlib import Path

    source = Path(__file__).resolve().parent.parent / "app" / "forms" / "error_messages.py"
    names = [target.id for node in ast.parse(source.read_text(encoding="utf-8")).body
             if isinstance(node, ast.Assign) for target in node.targets
             if isinstance(target, ast.Name)]
    assert sorted({n for n in names if names.count(n) > 1}) == []
