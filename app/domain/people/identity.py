"""Identity numbers people type into forms: 居民身份证号, 残疾人证号 and mainland mobile numbers.

The 2023 外国人永久居留身份证 (foreign permanent resident ID card) has an 18-character number of
the same shape and check character, starting with 9 and the issuing province's code; forms take it
wherever they take an ID card number. A reissued 残疾人证 (补办, lost or damaged) keeps the 20
characters and adds B1, B2 … for each reissue (《残疾人证管理办法》, 2017; card numbering rule of
the China Disabled Persons' Federation).

Parsers normalise what people really type (full-width digits, spaces, lower-case x) and either
return a value object or raise an exception carrying a reason code. Wording of error messages
belongs to the web layer, which translates each reason code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import IntEnum, StrEnum
from typing import Literal

# GB 11643-1999 (ISO 7064 MOD 11-2): weights for the first 17 digits and the check
# character for each remainder of the weighted sum modulo 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"

# GB/T 2260 province-level codes. 81/82/83 are used by residence permits for Hong Kong, Macao
# and Taiwan residents, which follow the same number format. Anyone in China may apply (a
# Jilin resident may have been born elsewhere), so this only catches typos in the first digits.
PROVINCE_CODES = frozenset(
    {
        "11", "12", "13", "14", "15",
        "21", "22", "23",
        "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46",
        "50", "51", "52", "53", "54",
        "61", "62", "63", "64", "65",
        "71", "81", "82", "83",
    }
)  # fmt: skip

_EARLIEST_BIRTH_YEAR = 1900
_ID_LENGTH = 18
_CARD_LENGTH = 20
# 外国人永久居留身份证 (2023): 9, the province that issued it, a 3-digit nationality code, the
# birth date, a sequence number and the GB 11643 check character.
FOREIGN_PERMANENT_RESIDENT_PREFIX = "9"
# A reissued card: B and the number of the reissue (B1, B2 … B99).
_REISSUE_MARK = re.compile(r"B[1-9][0-9]?")
_DIGITS = frozenset("0123456789")

# Characters that are not str.isspace() but arrive in text pasted from chat apps and documents.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff")
# Hyphen, full-width hyphen (after folding), and the dashes Chinese input methods produce.
_DASHES = frozenset("-\u2010\u2011\u2012\u2013\u2014\u2015\u2212")
_FULL_WIDTH_OFFSET = 0xFEE0  # U+FF01..U+FF5E are full-width forms of ASCII U+0021..U+007E.


def normalise_digits(text: str) -> str:
    """Fold full-width characters to ASCII, drop spaces and dashes, and upper-case x."""
    kept: list[str] = []
    for char in text:
        if "\uff01" <= char <= "\uff5e":
            char = chr(ord(char) - _FULL_WIDTH_OFFSET)
        if char.isspace() or char in _INVISIBLE or char in _DASHES:
            continue
        kept.append("X" if char == "x" else char)
    return "".join(kept)


# --- 居民身份证号 ---------------------------------------------------------------------------


class IdNumberError(StrEnum):
    """Why a text is not a resident ID number."""

    EMPTY = "empty"
    WRONG_LENGTH = "wrong_length"
    BAD_CHARACTERS = "bad_characters"
    BAD_CHECK_CHARACTER = "bad_check_character"
    IMPOSSIBLE_BIRTH_DATE = "impossible_birth_date"
    FUTURE_BIRTH_DATE = "future_birth_date"
    UNKNOWN_REGION = "unknown_region"


class InvalidIdNumber(ValueError):
    def __init__(self, reason: IdNumberError) -> None:
        super().__init__(reason.value)
        self.reason = reason


def check_character(first17: str) -> str:
    """The GB 11643 check character ("0"-"9" or "X") for the first 17 digits of an ID number."""
    if len(first17) != _ID_LENGTH - 1 or not set(first17) <= _DIGITS:
        raise ValueError("check_character needs exactly 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _ID_WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def _mask(value: str, keep_start: int, keep_end: int) -> str:
    hidden = len(value) - keep_start - keep_end
    if hidden <= 0:
        return "*" * len(value)
    return value[:keep_start] + "*" * hidden + value[len(value) - keep_end :]


# repr=False, and no __str__: the full number is sensitive personal information and must not
# leak into logs, tracebacks or templates by accident; code that needs it asks for .value.
@dataclass(frozen=True, repr=False)
class ResidentIdNumber:
    """A valid 18-character resident ID number; build it with parse_resident_id()."""

    value: str

    def __repr__(self) -> str:
        return f"ResidentIdNumber({self.masked!r})"

    @property
    def is_foreign_permanent_resident(self) -> bool:
        """A 2023 外国人永久居留身份证 rather than a 居民身份证."""
        return self.value.startswith(FOREIGN_PERMANENT_RESIDENT_PREFIX)

    @property
    def region_code(self) -> str:
        """Where the number was issued: a GB/T 2260 county code (possibly historic), or for a
        foreign permanent resident ID the province code followed by 0000."""
        if self.is_foreign_permanent_resident:
            return self.value[1:3] + "0000"
        return self.value[:6]

    @property
    def birth_date(self) -> date:
        return _birth_date(self.value)

    @property
    def sex(self) -> Literal["male", "female"]:
        return "male" if int(self.value[16]) % 2 == 1 else "female"

    @property
    def last4(self) -> str:
        return self.value[-4:]

    @property
    def masked(self) -> str:
        """For display where the full number is not needed, e.g. "2201**********123X"."""
        return _mask(self.value, 4, 4)

    def age_on(self, day: date) -> int:
        """Age in completed years on the given day (eligibility depends on it)."""
        born = self.birth_date
        had_birthday = (day.month, day.day) >= (born.month, born.day)
        return day.year - born.year - (0 if had_birthday else 1)


def _birth_date(value: str) -> date:
    return date(int(value[6:10]), int(value[10:12]), int(value[12:14]))


def _id_characters_error(value: str) -> IdNumberError | None:
    # Characters before length: a name typed into the field is better told "digits only".
    if not value:
        return IdNumberError.EMPTY
    body = value[:-1]
    if not set(body) <= _DIGITS or value[-1] not in _DIGITS | {"X"}:
        return IdNumberError.BAD_CHARACTERS
    if len(value) != _ID_LENGTH:
        return IdNumberError.WRONG_LENGTH
    return None


def _id_content_error(value: str, today: date) -> IdNumberError | None:
    # Region and birth date come before the check character: telling someone the date part
    # is impossible helps them find their typo more than "the last character is wrong".
    province = value[1:3] if value.startswith(FOREIGN_PERMANENT_RESIDENT_PREFIX) else value[:2]
    if province not in PROVINCE_CODES:
        return IdNumberError.UNKNOWN_REGION
    try:
        born = _birth_date(value)
    except ValueError:
        return IdNumberError.IMPOSSIBLE_BIRTH_DATE
    if born.year < _EARLIEST_BIRTH_YEAR:
        return IdNumberError.IMPOSSIBLE_BIRTH_DATE
    if born > today:
        return IdNumberError.FUTURE_BIRTH_DATE
    if check_character(value[:17]) != value[17]:
        return IdNumberError.BAD_CHECK_CHARACTER
    return None


def parse_resident_id(text: str, *, today: date) -> ResidentIdNumber:
    """Parse an 18-character resident ID number (or a 2023 foreign permanent resident ID number)
    as typed; raise InvalidIdNumber if it is not one."""
    value = normalise_digits(text)
    error = _id_characters_error(value) or _id_content_error(value, today)
    if error is not None:
        raise InvalidIdNumber(error)
    return ResidentIdNumber(value)


# --- 残疾人证号 -----------------------------------------------------------------------------


class DisabilityCategory(IntEnum):
    """Category digit of a disability card (the 19th character)."""

    VISION = 1  # 视力
    HEARING = 2  # 听力
    SPEECH = 3  # 言语
    PHYSICAL = 4  # 肢体
    INTELLECTUAL = 5  # 智力
    MENTAL = 6  # 精神
    MULTIPLE = 7  # 多重


class DisabilityLevel(IntEnum):
    """Level digit of a disability card (the 20th character); level 1 is the most severe."""

    ONE = 1  # 一级
    TWO = 2  # 二级
    THREE = 3  # 三级
    FOUR = 4  # 四级

    @property
    def is_severe(self) -> bool:
        """重度 (levels 1 and 2), the usual threshold of the care allowance."""
        return self <= DisabilityLevel.TWO


class CardNumberError(StrEnum):
    """Why a text is not a disability card number."""

    EMPTY = "empty"
    WRONG_LENGTH = "wrong_length"
    BAD_CHARACTERS = "bad_characters"
    BAD_ID_PART = "bad_id_part"
    UNKNOWN_CATEGORY = "unknown_category"
    UNKNOWN_LEVEL = "unknown_level"
    DOES_NOT_MATCH_ID = "does_not_match_id"
    BAD_REISSUE_MARK = "bad_reissue_mark"  # more than 20 characters, not ending B1, B2 …


class InvalidCardNumber(ValueError):
    """id_reason tells what is wrong with the ID part when reason is BAD_ID_PART."""

    def __init__(self, reason: CardNumberError, id_reason: IdNumberError | None = None) -> None:
        detail = reason.value if id_reason is None else f"{reason.value}: {id_reason.value}"
        super().__init__(detail)
        self.reason = reason
        self.id_reason = id_reason


@dataclass(frozen=True, repr=False)
class DisabilityCardNumber:
    """A valid 20-character disability card number; build it with parse_disability_card()."""

    value: str
    id_number: ResidentIdNumber
    category: DisabilityCategory
    level: DisabilityLevel
    reissue: int = 0  # 0 for the first card; 1 for B1, 2 for B2 …

    def __repr__(self) -> str:
        return f"DisabilityCardNumber({self.masked!r})"

    @property
    def masked(self) -> str:
        """Masks the category and level too: they reveal the person's disability."""
        return self.id_number.masked + "**" + (f"B{self.reissue}" if self.reissue else "")


def _card_shape_error(value: str) -> CardNumberError | None:
    if not value:
        return CardNumberError.EMPTY
    base, mark = value[:_CARD_LENGTH], value[_CARD_LENGTH:]
    if not set(base) <= _DIGITS | {"X"}:
        return CardNumberError.BAD_CHARACTERS
    if len(base) != _CARD_LENGTH:
        return CardNumberError.WRONG_LENGTH
    if mark.isdigit():  # a digit too many is a typo, not a reissue mark
        return CardNumberError.WRONG_LENGTH
    if mark and not _REISSUE_MARK.fullmatch(mark):
        return CardNumberError.BAD_REISSUE_MARK
    # X may only be the check character of the ID part.
    if "X" in value[:17] or "X" in value[18:_CARD_LENGTH]:
        return CardNumberError.BAD_CHARACTERS
    return None


def _parse_id_part(value: str, today: date) -> ResidentIdNumber:
    try:
        return parse_resident_id(value[:_ID_LENGTH], today=today)
    except InvalidIdNumber as error:
        raise InvalidCardNumber(CardNumberError.BAD_ID_PART, error.reason) from None


def parse_disability_card(
    text: str, *, today: date, id_number: ResidentIdNumber | None = None
) -> DisabilityCardNumber:
    """Parse a card number as typed (20 characters, then B1, B2 … on a reissued card); raise
    InvalidCardNumber if it is not one.

    When id_number is given (the person's ID from the same form), the card must belong to it.
    """
    value = normalise_digits(text).upper()
    shape_error = _card_shape_error(value)
    if shape_error is not None:
        raise InvalidCardNumber(shape_error)
    card_id = _parse_id_part(value, today)
    try:
        category = DisabilityCategory(int(value[18]))
    except ValueError:
        raise InvalidCardNumber(CardNumberError.UNKNOWN_CATEGORY) from None
    try:
        level = DisabilityLevel(int(value[19]))
    except ValueError:
        raise InvalidCardNumber(CardNumberError.UNKNOWN_LEVEL) from None
    if id_number is not None and id_number.value != card_id.value:
        raise InvalidCardNumber(CardNumberError.DOES_NOT_MATCH_ID)
    reissue = int(value[_CARD_LENGTH + 1:]) if len(value) > _CARD_LENGTH else 0
    return DisabilityCardNumber(value, card_id, category, level, reissue)


# --- Mobile numbers -----------------------------------------------------------------------


class MobileError(StrEnum):
    """Why a text is not a mainland mobile number."""

    EMPTY = "empty"
    WRONG_LENGTH = "wrong_length"
    BAD_CHARACTERS = "bad_characters"
    NOT_MOBILE = "not_mobile"


class InvalidMobile(ValueError):
    def __init__(self, reason: MobileError) -> None:
        super().__init__(reason.value)
        self.reason = reason


_MOBILE_LENGTH = 11
_MOBILE_PATTERN = re.compile(r"1[3-9][0-9]{9}")


def _strip_country_code(value: str) -> str:
    if value.startswith("+86"):
        return value[3:]
    if value.startswith("0086"):
        return value[4:]
    # A bare 86 only when it leaves 11 digits: no mobile number itself starts with 86.
    if value.startswith("86") and len(value) == _MOBILE_LENGTH + 2:
        return value[2:]
    return value


def parse_mobile(text: str) -> str:
    """Parse a mainland mobile number as typed into 11 digits; raise InvalidMobile if not one."""
    value = normalise_digits(text)
    if not value:
        raise InvalidMobile(MobileError.EMPTY)
    value = _strip_country_code(value)
    if value.startswith("+"):
        # Another country's code: a phone number, but not one we can send SMS to.
        raise InvalidMobile(MobileError.NOT_MOBILE)
    if not set(value) <= _DIGITS:
        raise InvalidMobile(MobileError.BAD_CHARACTERS)
    if len(value) != _MOBILE_LENGTH:
        raise InvalidMobile(MobileError.WRONG_LENGTH)
    if not _MOBILE_PATTERN.fullmatch(value):
        raise InvalidMobile(MobileError.NOT_MOBILE)
    return value


class PhoneError(StrEnum):
    """Why a text is neither a mainland mobile number nor a landline with its area code."""

    BAD_CHARACTERS = "bad_characters"
    NO_AREA_CODE = "no_area_code"
    NOT_A_NUMBER = "not_a_number"


class InvalidPhone(ValueError):
    def __init__(self, reason: PhoneError) -> None:
        super().__init__(reason.value)
        self.reason = reason


# A landline: the area code (区号: 010 and 02x have 3 digits, the others 4, Jilin's 0431 to
# 0439), then 7 or 8 digits that start with neither 0 nor 1.
_LANDLINE = re.compile(r"(0(?:10|2[0-9]|[3-9][0-9]{2}))([2-9][0-9]{6,7})")
_PHONE_SEPARATORS = re.compile(r"[\s\-()（）—－]")


def parse_phone(text: str) -> str:
    """A mobile number as parse_mobile gives it, or a landline as "0431-88888888" (typed
    0431-88888888, 043188888888, (0431) 8888 8888 or with full-width digits); raise
    InvalidPhone otherwise. An empty text is the caller's to allow or refuse."""
    try:
        return parse_mobile(text)
    except InvalidMobile:
        pass
    value = _PHONE_SEPARATORS.sub("", normalise_digits(text))
    if not set(value) <= _DIGITS:
        raise InvalidPhone(PhoneError.BAD_CHARACTERS)
    if (landline := _LANDLINE.fullmatch(value)) is not None:
        return f"{landline.group(1)}-{landline.group(2)}"
    if len(value) in (7, 8) and value[0] not in "01":
        raise InvalidPhone(PhoneError.NO_AREA_CODE)
    raise InvalidPhone(PhoneError.NOT_A_NUMBER)


def mobile_only(number: str | None) -> str | None:
    """The number when it can receive text messages (a mobile), else None (a landline)."""
    return number if number and _MOBILE_PATTERN.fullmatch(number) else None


def mask_account_number(number: str) -> str:
    """Keep the last 4 digits of a bank account, as banks print them: ***************1234."""
    return _mask(number, 0, 4)


def mask_mobile(number: str) -> str:
    """Keep the first 3 and last 4 digits: 13812345678 becomes 138****5678."""
    return _mask(number, 3, 4)
