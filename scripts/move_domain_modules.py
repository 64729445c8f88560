"""Group app/domain by concern (issue 26): rewrite imports, dotted names and paths to the new
places, and move the files. Safe to run again: what is already moved is left alone, so it also
brings code written before the move (another branch) up to date.

    python scripts/move_domain_modules.py            # rewrite and move, in the repository
    python scripts/move_domain_modules.py --rewrite-only app tests   # rewrite these folders

`from app.domain import a, b` becomes one import per new package; a module whose name changed
keeps its local name (`from app.domain.statistics import report as statistics_report`).
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Old module (app.domain.<old>) -> new dotted place under app.domain. models, clock, text and
# paging stay where they are: every concern uses them.
MOVES = {
    # who may do what, and the record of it
    "policies": "access.policies",
    "audit": "access.audit",
    "channels": "access.channels",
    # an application from draft to decision, and what it needs on the way
    "answers": "casework.answers",
    "applications": "casework.applications",
    "assignment": "casework.assignment",
    "case_checks": "casework.case_checks",
    "deciding_bodies": "casework.deciding_bodies",
    "decisions": "casework.decisions",
    "drafts": "casework.drafts",
    "jurisdiction": "casework.jurisdiction",
    "made_by": "casework.made_by",
    "one_application": "casework.one_application",
    "process_facts": "casework.process_facts",
    "queue": "casework.queue",
    "reference": "casework.reference",
    "review_rights": "casework.review_rights",
    "stages": "casework.stages",
    "status_machine": "casework.status_machine",
    "told_once": "casework.told_once",
    "workflow": "casework.workflow",
    # each service's rules as data
    "service_rules": "rules.service_rules",
    "county_rules": "rules.county_rules",
    "eligibility_rules": "rules.eligibility_rules",
    # working days and the deadlines counted in them
    "work_calendar": "calendar.work_calendar",
    "holiday_calendar": "calendar.holiday_calendar",
    "deadlines": "calendar.deadlines",
    "provisional_deadlines": "calendar.provisional_deadlines",
    # people, their accounts, identity, agents and card
    "accounts": "people.accounts",
    "cards": "people.cards",
    "codes": "people.codes",
    "counter_lookups": "people.counter_lookups",
    "deaths": "people.deaths",
    "delegations": "people.delegations",
    "display": "people.display",
    "identity": "people.identity",
    "invitation_limits": "people.invitation_limits",
    "passwords": "people.passwords",
    "person_file": "people.person_file",
    "real_name": "people.real_name",
    "shared_data": "people.shared_data",
    "sign_in_sessions": "people.sign_in_sessions",
    # the two subsidies after the decision: entitlements, payments, reviews, rosters
    "allowances": "benefits.allowances",
    "amounts": "benefits.amounts",
    "entitlement_changes": "benefits.entitlement_changes",
    "entitlements": "benefits.entitlements",
    "outreach": "benefits.outreach",
    "payments": "benefits.payments",
    "reviews": "benefits.reviews",
    "rosters": "benefits.rosters",
    "statements": "benefits.statements",
    # uploaded and paper documents, guide videos
    "documents": "files.documents",
    "held_documents": "files.held_documents",
    "paper_documents": "files.paper_documents",
    "media": "files.media",
    # what is sent to people
    "letters": "messages.letters",
    "notifications": "messages.notifications",
    # places
    "divisions": "places.divisions",
    "place_names": "places.place_names",
    "romanisation": "places.romanisation",
    # the statistics (统计)
    "statistics_allowances": "statistics.allowances",
    "statistics_counting": "statistics.counting",
    "statistics_refresh": "statistics.refresh",
    "statistics_report": "statistics.report",
}

PACKAGES = {
    "access": "Who may see and do what (one function per rule), the audit log of it, and the "
              "channel an action came by.",
    "casework": "An application from its draft to the decision: its answers, who made it, the "
                "status machine and stages, the queue, jurisdiction and deciding bodies.",
    "rules": "Each service's rules as data: the frozen rules object per service, the counties' "
             "own settings, and the two subsidies' eligibility rules.",
    "calendar": "Working days (the national calendar and the years administrators enter) and "
                "the deadlines counted in them.",
    "people": "People and their accounts: sign-in, identity numbers and levels, agents, the "
              "disability card, deaths, and the facts other departments hold.",
    "benefits": "The two subsidies after the decision: entitlements and their changes, amounts, "
                "the monthly payments, statements, yearly reviews, rosters and outreach.",
    "files": "Documents uploaded or brought on paper, reused from earlier applications, and the "
             "guide videos with their captions.",
    "messages": "What is sent to people: the text-message outbox and letters.",
    "places": "Jilin's administrative divisions and their names in each language.",
    "statistics": "The statistics (统计): counted per county, kept up to date, and read for "
                  "the pages.",
}

TEXT_SUFFIXES = {".py", ".md", ".html", ".txt", ".cfg", ".toml", ".ini", ""}
FROM_DOMAIN = re.compile(r"^(?P<indent>[ \t]*)from app\.domain import "
                         r"(?:\((?P<many>[^)]*)\)|(?P<one>[^\n]*))", re.MULTILINE)


def _rewrite_from_domain(match: re.Match[str]) -> str:
    indent = match.group("indent")
    names = (match.group("many") or match.group("one") or "").replace("\n", " ")
    names = re.sub(r"#[^\n]*", "", names)
    by_package: dict[str, list[str]] = {}
    for item in (part.strip() for part in names.split(",")):
        if not item:
            continue
        name, _, alias = item.partition(" as ")
        name, alias = name.strip(), alias.strip()
        if name not in MOVES:
            by_package.setdefault("app.domain", []).append(item)
            continue
        package, _, new_name = MOVES[name].rpartition(".")
        local = alias or name
        by_package.setdefault(f"app.domain.{package}", []).append(
            new_name if local == new_name else f"{new_name} as {local}")
    return "\n".join(f"{indent}from {package} import {', '.join(items)}"
                     for package, items in by_package.items())


def rewrite(text: str) -> str:
    text = FROM_DOMAIN.sub(_rewrite_from_domain, text)
    for old, new in MOVES.items():
        text = re.sub(rf"\bapp\.domain\.{old}\b", f"app.domain.{new}", text)
        text = re.sub(rf"(?<![\w/])((?:app/)?domain/){old}\.py\b",
                      rf"\g<1>{new.replace('.', '/')}.py", text)
    return text


def rewrite_tree(folders: list[Path]) -> None:
    for folder in folders:
        paths = [folder] if folder.is_file() else folder.rglob("*")
        for path in paths:
            if not path.is_file() or path.suffix not in TEXT_SUFFIXES \
                    or path.resolve() == Path(__file__).resolve() \
                    or any(part in (".venv", "node_modules", ".git") for part in path.parts):
                continue
            try:
                text = path.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            changed = rewrite(text)
            if changed != text:
                path.write_text(changed, encoding="utf-8")


def move_files() -> None:
    domain = ROOT / "app" / "domain"
    for package, doc in PACKAGES.items():
        (domain / package).mkdir(exist_ok=True)
        init = domain / package / "__init__.py"
        if not init.exists():
            init.write_text(textwrap.fill(f'"""{doc}"""', width=96) + "\n", encoding="utf-8")
            subprocess.run(["git", "add", str(init)], cwd=ROOT, check=True)
    for old, new in MOVES.items():
        source = domain / f"{old}.py"
        if source.exists():
            target = domain / f"{new.replace('.', '/')}.py"
            subprocess.run(["git", "mv", str(source), str(target)], cwd=ROOT, check=True)


FOLDERS = ["app", "tests", "accessibility_tests", "bench", "migrations", "scripts", "docs",
           "wsgi.py", "README.md"]

if __name__ == "__main__":
    if sys.argv[1:2] == ["--rewrite-only"]:
        rewrite_tree([Path(name) for name in sys.argv[2:]])
    else:
        rewrite_tree([ROOT / name for name in FOLDERS if (ROOT / name).exists()])
        move_files()
