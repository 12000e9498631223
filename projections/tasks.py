"""Tasks: one document per task_id, from TaskAssigned and the reports on it.

A task carries over from meeting to meeting until it is reported done or
cancelled; it is overdue on a date past its due date while still open.
ReportPresented with a task_id and an outcome counts as a report on the task.
"""

from datetime import date

from chibo_events.clock import VIETNAM
from chibo_events.timestamps import parse_instant
from chibo_events.vocabulary import ASSIGNED, TASK_CLOSED, meeting_id_of

from .facts import fold_fact, live, subject

NAME = "tasks"


def _task_id(event: dict) -> str | None:
    if event["type"] in ("TaskAssigned", "TaskReported"):
        return event["data"]["task_id"]
    if event["type"] == "ReportPresented" and "outcome" in event["data"]:
        return event["data"].get("task_id")
    return None


def keys(envelope: dict, target: dict | None) -> list[str]:
    source = subject(envelope, target)
    task_id = _task_id(source) if source else None
    return [task_id] if task_id else []


def apply(doc: dict | None, key: str, envelope: dict, target: dict | None = None) -> dict | None:
    return fold_fact(doc, envelope, task_id=key)


def summary(doc: dict) -> dict:
    return {"task_id": doc["task_id"]}


def _day(fact: dict) -> date:
    return parse_instant(fact["occurred_at"]).astimezone(VIETNAM).date()


def task_on(doc: dict, day: date, names: dict[str, str]) -> dict | None:
    """Return the task as it stood on `day`, or None if it had not been assigned by then."""
    facts = [f for f in live(doc) if _day(f) <= day]
    assigned = [f for f in facts if f["type"] == "TaskAssigned"]
    if not assigned:
        return None
    task = assigned[0]
    data = task["data"]
    reports = [
        {
            "seq": f["seq"], "type": f["type"], "occurred_at": f["occurred_at"],
            "meeting_id": _meeting_id(f["stream"]),
            "status": f["data"]["status"] if f["type"] == "TaskReported" else f["data"]["outcome"],
            "note": f["data"].get("note") if f["type"] == "TaskReported" else f["data"]["summary"],
        }
        for f in facts if f["type"] != "TaskAssigned" and f["seq"] > task["seq"]
    ]
    status = reports[-1]["status"] if reports else ASSIGNED
    due = data.get("due")
    is_open = status not in TASK_CLOSED
    return {
        "task_id": doc["task_id"],
        "seq": task["seq"],
        "meeting_id": _meeting_id(task["stream"]),
        "assigned_at": task["occurred_at"],
        "assignees": [{"member_id": m, "full_name": names.get(m)} for m in data["assignees"]],
        "description": data["description"],
        "due": due,
        "status": status,
        "open": is_open,
        "overdue": is_open and due is not None and date.fromisoformat(due) < day,
        "corrected": "corrected_by" in task,
        "reports": reports,
    }


def _meeting_id(stream: str) -> str | None:
    return meeting_id_of(stream)


def board(docs, day: date, names: dict[str, str], status: str = "all") -> list[dict]:
    """Return the tasks on `day`, oldest first: `open` (not done or cancelled), `done`, or `all`."""
    tasks = sorted((t for doc in docs if (t := task_on(doc, day, names))), key=lambda t: t["seq"])
    if status == "open":
        return [t for t in tasks if t["open"]]
    if status == "done":
        return [t for t in tasks if t["status"] == "done"]
    return tasks
