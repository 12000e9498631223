"""Ids made from Vietnamese names, as a clerk never types them."""

from chibo_events.member_ids import member_id_for, slug


def test_a_name_loses_its_marks_and_its_d_bar_and_joins_its_words_with_hyphens():
    assert slug("Dương Thị Lê") == "duong-thi-le"
    assert slug("Đinh Thị Mỹ Linh") == "dinh-thi-my-linh"
    assert slug("  Hồ   Thị Thanh Huyền ") == "ho-thi-thanh-huyen"
    assert slug("Nguyễn Văn Ân (con)") == "nguyen-van-an-con"


def test_a_name_in_decomposed_form_gives_the_same_id():
    import unicodedata

    assert slug(unicodedata.normalize("NFD", "Phạm Văn Tuấn")) == "pham-van-tuan"


def test_a_clash_takes_the_next_free_number():
    assert member_id_for("Nguyễn Văn A") == "nguyen-van-a"
    assert member_id_for("Nguyễn Văn A", {"nguyen-van-a"}) == "nguyen-van-a-2"
    assert member_id_for("Nguyễn Văn A", {"nguyen-van-a", "nguyen-van-a-2"}) == "nguyen-van-a-3"


def test_a_long_name_gives_an_id_within_64_characters_even_with_its_number():
    long = "Nguyễn " * 20
    first = member_id_for(long)
    assert first is not None and len(first) <= 64
    second = member_id_for(long, {first})
    assert second is not None and len(second) <= 64 and second.endswith("-2")


def test_a_name_without_letters_or_digits_gives_no_id():
    assert member_id_for("  ---  ") is None
    assert member_id_for("") is None
