"""What every browser test uses: the phone's viewport and signing in through the /login form."""

from chibo_events.demo.load import USERS

PHONE = {"width": 390, "height": 844}
DEMO_PASSWORDS = {user.username: user.password for user in USERS}


def sign_in(page, username: str, password: str | None = None, next_path: str | None = None) -> None:
    """Sign in on /login (optionally asking to come back to `next_path`) and wait until the redirect lands."""
    password = password if password is not None else DEMO_PASSWORDS[username]
    page.goto("/login" + (f"?next={next_path}" if next_path else ""))
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    if "/login" in page.url:
        raise AssertionError(f"signing in as {username!r} failed: still on {page.url}")
