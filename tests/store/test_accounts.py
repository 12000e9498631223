"""Users and tokens in the store: disabling ends everything at once, a new password ends the other sessions."""

from freezegun import freeze_time

from chibo_events.access import Member


def with_user(store, name="hoa", role="clerk", cells=("th-ky-tho",), member=None):
    store.accounts.add(name, "hash", role, cells, member)
    return name


def test_disabling_a_user_ends_its_sessions_and_tokens_and_enabling_brings_none_back(store):
    name = with_user(store)
    session, token = store.accounts.start_session(name), store.accounts.issue_token(name)
    assert store.accounts.for_session(session) and store.accounts.for_token(token)

    assert store.accounts.update(name, disabled=True)
    assert store.accounts.for_session(session) is None and store.accounts.for_token(token) is None
    assert store.accounts.find(name)[0].disabled and store.accounts.tokens(name) == []

    store.accounts.update(name, disabled=False)
    assert store.accounts.for_session(session) is None and store.accounts.for_token(token) is None


def test_a_disabled_user_cannot_be_given_a_working_token(store):
    name = with_user(store)
    store.accounts.update(name, disabled=True)
    assert store.accounts.for_token(store.accounts.issue_token(name)) is None


def test_a_new_password_ends_every_other_session_but_not_the_tokens(store):
    name = with_user(store)
    here, elsewhere = store.accounts.start_session(name), store.accounts.start_session(name)
    token = store.accounts.issue_token(name)

    store.accounts.update(name, password_hash="new", keep_session=here)

    assert store.accounts.for_session(here) and store.accounts.for_session(elsewhere) is None
    assert store.accounts.for_token(token)
    assert store.accounts.find(name)[1] == "new"


def test_an_unknown_user_is_not_updated(store):
    assert store.accounts.update("nobody", disabled=True) is False


def test_tokens_are_listed_by_id_with_their_last_use_to_the_minute_and_revoked_by_id(store):
    name = with_user(store)
    with freeze_time("2026-12-01T08:00:00Z"):
        issued = store.accounts.new_token(name)
    [listed] = store.accounts.tokens(name)
    assert listed == {"token_id": issued["token_id"], "created_at": issued["created_at"], "last_used_at": None}
    assert issued["token"] not in str(listed)

    with freeze_time("2026-12-01T08:05:00Z"):
        store.accounts.for_token(issued["token"])
    with freeze_time("2026-12-01T08:05:30Z"):  # within the minute: not written again
        store.accounts.for_token(issued["token"])
    assert store.accounts.tokens(name)[0]["last_used_at"].startswith("2026-12-01T08:05:00")
    with freeze_time("2026-12-01T08:07:00Z"):
        store.accounts.for_token(issued["token"])
    assert store.accounts.tokens(name)[0]["last_used_at"].startswith("2026-12-01T08:07:00")

    assert store.accounts.token_owner(issued["token_id"]) == name
    assert store.accounts.revoke_token(issued["token_id"]) is True
    assert store.accounts.for_token(issued["token"]) is None
    assert store.accounts.revoke_token(issued["token_id"]) is False


def test_a_user_linked_to_a_member_carries_the_link_in_every_lookup(store):
    name = with_user(store, member=Member("th-ky-tho", "phan-thi-hoa"))
    with_user(store, "khac", cells=("chi-bo-khac",), member=Member("chi-bo-khac", "le-van-an"))
    token = store.accounts.issue_token(name)

    assert store.accounts.for_token(token).member == Member("th-ky-tho", "phan-thi-hoa")
    assert store.accounts.linked("th-ky-tho") == {"hoa": "phan-thi-hoa"}
    store.accounts.update(name, member=None)
    assert store.accounts.linked("th-ky-tho") == {} and store.accounts.for_token(token).member is None


def test_changing_cells_replaces_them(store):
    name = with_user(store, cells=("a", "b"))
    store.accounts.update(name, cells=["c"])
    assert store.accounts.find(name)[0].cells == {"c"}
    assert [a.username for a in store.accounts.all()] == [name]
