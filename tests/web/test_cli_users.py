"""The v1.1 commands for cells, users and tokens: cell add, user list|disable|enable|password|link, token revoke."""

from chibo_events.demo import book


def run(runner, *args, input=None):
    return runner.invoke(args=["chibo", *args], input=input)


def test_cell_add_opens_a_book_once_and_refuses_a_bad_id(runner, app):
    store = app.extensions["chibo_store"]
    opened = run(runner, "cell", "add", "cb-moi", "--name", "Chi bộ Mới", "--committee", "Đảng bộ xã Kỳ Thọ")
    assert opened.exit_code == 0 and "Đã mở sổ cb-moi" in opened.output
    assert store.book_exists("cb-moi") and store.head("cb-moi").seq == 1
    again = run(runner, "cell", "add", "cb-moi", "--name", "Chi bộ Mới", "--committee", "Đảng bộ xã Kỳ Thọ")
    assert again.exit_code == 1 and "đã có sổ" in again.output and store.head("cb-moi").seq == 1
    bad = run(runner, "cell", "add", "Có Dấu", "--name", "X", "--committee", "Y")
    assert bad.exit_code == 1 and "viết thường" in bad.output and store.book_names() == ["cb-moi"]


def test_a_disabled_user_s_token_stops_at_once_and_no_new_one_is_issued(runner, client, app):
    run(runner, "user", "add", "an", "--role", "inspector", "--password-stdin", input="mat-khau-dai-1\n")
    token = run(runner, "token", "an").output.strip()
    headers = {"Authorization": f"Bearer {token}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200

    assert run(runner, "user", "disable", "an").exit_code == 0
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    refused = run(runner, "token", "an")
    assert refused.exit_code == 2 and "đã bị khóa" in refused.output
    assert "đã khóa" in run(runner, "user", "list").output

    assert run(runner, "user", "enable", "an").exit_code == 0
    assert "đang dùng" in run(runner, "user", "list").output
    assert client.get("/api/v1/me", headers=headers).status_code == 401  # its old token stays revoked


def test_token_revoke_takes_a_token_id_and_refuses_an_unknown_one(runner, client, app):
    store = app.extensions["chibo_store"]
    run(runner, "user", "add", "an", "--role", "inspector", "--password-stdin", input="mat-khau-dai-1\n")
    issued = store.accounts.new_token("an")
    assert run(runner, "token", "revoke", issued["token_id"]).exit_code == 0
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {issued['token']}"}).status_code == 401
    unknown = run(runner, "token", "revoke", issued["token_id"])
    assert unknown.exit_code == 1 and "Không có token" in unknown.output
    assert run(runner, "token", "a", "b", "c").exit_code == 2


def test_user_password_sets_a_new_one_and_refuses_a_short_one(runner, app):
    store = app.extensions["chibo_store"]
    run(runner, "user", "add", "an", "--role", "inspector", "--password-stdin", input="mat-khau-dai-1\n")
    before = store.accounts.find("an")[1]
    short = run(runner, "user", "password", "an", "--password-stdin", input="ngan\n")
    assert short.exit_code == 1 and "ít nhất 8" in short.output and store.accounts.find("an")[1] == before
    assert run(runner, "user", "password", "an", "--password-stdin", input="mat-khau-moi-2\n").exit_code == 0
    assert store.accounts.find("an")[1] != before


def test_user_link_names_the_member_and_refuses_one_not_on_the_roster(runner, demo):
    linked = run(runner, "user", "link", "dangvien", "--cell", book.BOOK, "--member", book.THO)
    assert linked.exit_code == 0 and "Nguyễn Huy Thọ" in linked.output
    missing = run(runner, "user", "link", "dangvien", "--cell", book.BOOK, "--member", "khong-co")
    assert missing.exit_code == 1 and "không có đảng viên" in missing.output
    assert demo.accounts.find("dangvien")[0].member.member_id == book.THO
    listed = run(runner, "user", "list").output
    assert "Nguyễn Huy Thọ" in listed and "Phan Thị Hoa" in listed
