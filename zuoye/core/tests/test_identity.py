import pytest

from zuoye.core import identity


def test_valid_id_card_with_x_check_char_is_accepted_in_lower_case():
    assert identity.validate_id_card("11010519491231002x") == "11010519491231002X"


def test_id_card_with_wrong_check_digit_says_which_digit_was_expected():
    with pytest.raises(identity.IdentifierError, match="expected X"):
        identity.validate_id_card("110105194912310021")


def test_id_card_with_impossible_birth_date_is_refused():
    with pytest.raises(identity.IdentifierError, match="birth date"):
        identity.validate_id_card("110105194913310020")


def test_id_card_gender_and_birth_date_are_read():
    number = identity.validate_id_card("11010519491231002X")
    assert identity.id_card_gender(number) == "F"
    assert identity.id_card_birth_date(number).isoformat() == "1949-12-31"


@pytest.mark.parametrize("raw", ["138 0013 8000", "+86 13800138000", "138-0013-8000", "008613800138000"])
def test_phone_spellings_normalise(raw):
    assert identity.validate_phone(raw) == "13800138000"


@pytest.mark.parametrize("raw", ["1380013800", "23800138000", "1280013800a", ""])
def test_bad_phones_are_refused(raw):
    with pytest.raises(identity.IdentifierError):
        identity.validate_phone(raw)


def test_masks_keep_only_what_a_person_needs_to_recognise_their_own():
    assert identity.mask_phone("13800138000") == "138****8000"
    assert identity.mask_id_card("11010519491231002X") == "1101**********002X"
