"""A database that does not answer is a 503 with Retry-After, in JSON or a Vietnamese page, never a 500."""

import pytest
from sqlalchemy.exc import OperationalError

from chibo_events import create_app

NOBODY = "postgresql+psycopg://postgres@127.0.0.1:1/test?connect_timeout=2"  # a port nobody listens on


@pytest.fixture
def cut_off(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "DATABASE_URL": NOBODY,
                      "SECRET_KEY": "test", "RATELIMIT_ENABLED": False})
    yield app.test_client()
    app.extensions["chibo_store"].engine.dispose()


def test_an_append_to_a_database_that_does_not_answer_is_a_503_to_retry(cut_off):
    answer = cut_off.post("/api/v1/cells/th-ky-tho/events", json={"stream": "cell", "type": "MemberExempted",
                                                                   "data": {"member_id": "a", "reason": "Ốm"}},
                          headers={"Authorization": "Bearer some-token"})

    assert (answer.status_code, answer.json["error"], answer.headers["Retry-After"]) == (
        503, "database_unavailable", "5")
    assert "chưa có gì được ghi" in answer.json["message"]


def test_a_page_says_so_in_vietnamese(cut_off):
    assert cut_off.get("/login").status_code == 200  # the sign-in page reads nothing of the database
    answer = cut_off.get("/cells/th-ky-tho", headers={"Authorization": "Bearer some-token"})
    assert answer.status_code == 503 and answer.headers["Retry-After"] == "5"
    assert "Cơ sở dữ liệu tạm thời không trả lời" in answer.get_data(as_text=True)


def test_the_rate_limiter_does_not_stretch_the_retry_after_of_a_database_that_went_away(demo, app, monkeypatch):
    """Flask-Limiter sets Retry-After to its window's reset on every counted answer: 60 s, after a failover."""
    token = demo.accounts.issue_token("thuky")
    assert app.config["CHIBO_RATELIMIT_ENABLED"]

    def gone(*_args, **_kwargs):
        raise OperationalError("COMMIT", {}, Exception("server closed the connection unexpectedly"))

    monkeypatch.setattr(demo, "append", gone)  # the primary dies inside the append's transaction
    answer = app.test_client().post("/api/v1/cells/th-ky-tho/events", headers={"Authorization": f"Bearer {token}"},
                                    json={"stream": "cell", "type": "MemberExempted",
                                          "data": {"member_id": "nguyen-thi-hong-van", "reason": "Ốm"}})

    assert (answer.status_code, answer.json["error"], answer.headers["Retry-After"]) == (
        503, "database_unavailable", "5")
    assert answer.headers["X-RateLimit-Limit"]  # the limiter did count it
