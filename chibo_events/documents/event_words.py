"""Each event of a book as one Vietnamese sentence, for the audit trail read by people who are not technicians.

A meeting's events are said as the biên bản says them (projections/minutes.py); the cell's own stream (the
roster, its changes, the book's opening and closing) and the amendments are said here.
"""

from projections import members as members_projection
from projections import minutes

from .. import vocabulary as words
from ..catalogue import CELL_TYPES
from .vietnamese import date_words, money_words, month_words


def _decision(data: dict) -> str:
    """Say the chi bộ's vote on a change of membership, when the event carries it."""
    decision = data.get("decision")
    if not decision:
        return ""
    votes = ", ".join(f"{decision[k]} {words.VOTES.word(k)}" for k in ("votes_for", "votes_against", "votes_abstain"))
    return f" (chi bộ quyết định tại buổi sinh hoạt {decision['meeting_id']}: {votes})"


def sentence(envelope: dict, member_docs: dict[str, dict]) -> str:
    """Return what the event says, in one sentence, with members named."""
    kind, data = envelope["type"], envelope["data"]

    def who() -> str:
        member_id = data.get("member_id", "")
        return f"Đồng chí {members_projection.full_name(member_docs.get(member_id)) or member_id}"

    if kind == "EventCorrected":
        return f"Đính chính bản ghi số {data['target_seq']}. Lý do: {data['reason']}"
    if kind == "EventRetracted":
        return f"Thu hồi bản ghi số {data['target_seq']}. Lý do: {data['reason']}"
    if kind not in CELL_TYPES and kind != "DuesPaid" or envelope["stream"] != "cell":
        return minutes.sentence(envelope, member_docs)  # said as the biên bản says it (a task report too)
    if kind == "CellRegistered":
        place = f", {data['place']}" if data.get("place") else ""
        return f"Mở sổ cho {data['name']} ({data['committee']}{place})."
    if kind == "CellClosed":
        return f"Đóng sổ ({words.CLOSED_HOW.word(data['how'])}): {data['reason']}"
    if kind == "MemberJoined":
        return (f"Đồng chí {data['full_name']} vào danh sách chi bộ ({words.JOINED_HOW.word(data['how'])}), "
                f"đảng viên {words.MEMBER_KINDS.word(data['kind'])}, vào Đảng {date_words(data['joined_on'])}"
                f"{_decision(data)}.")
    if kind == "MemberLeft":
        note = f": {data['note']}" if data.get("note") else ""
        return f"{who()} ra khỏi danh sách chi bộ ({words.LEFT_HOW.word(data['how'])}){_decision(data)}{note}"
    if kind == "MemberKindChanged":
        return f"{who()} trở thành đảng viên {words.MEMBER_KINDS.word(data['kind'])}{_decision(data)}."
    if kind == "MemberRoleChanged":
        return f"{who()} giữ chức {words.ROLES.word(data['role'])}."
    if kind == "MemberRated":
        return f"{who()} được xếp loại năm {data['year']}: {words.RATINGS.word(data['rating'])}."
    if kind == "MemberExempted":
        return f"{who()} được miễn sinh hoạt: {data['reason']}"
    if kind == "MemberExemptionEnded":
        return f"{who()} thôi miễn sinh hoạt."
    if kind == "MemberTemporarilyAway":
        until = f" đến {date_words(data['until'])}" if data.get("until") else ""
        return f"{who()} sinh hoạt tạm thời ở {data['place']}{until}."
    if kind == "MemberReturned":
        return f"{who()} trở lại sinh hoạt ở chi bộ."
    if kind == "MemberSuspended":
        until = f" đến {date_words(data['until'])}" if data.get("until") else ""
        return f"{who()} bị đình chỉ sinh hoạt{until}: {data['reason']}"
    if kind == "MemberSuspensionEnded":
        return f"{who()} hết đình chỉ sinh hoạt."
    if kind == "DuesPaid":
        return f"{who()} nộp đảng phí {month_words(data['month'])}: {money_words(data['amount'])}."
    return words.EVENT_TYPES.word(kind)
