"""Every error message, written once, specific and translatable (as in the ONS runner)."""

from flask_babel import lazy_gettext as _l

from app.domain.calendar.holiday_calendar import CalendarProblem
from app.domain.files.caption_files import CaptionProblem
from app.domain.files.video_files import VideoProblem
from app.domain.models import Role
from app.domain.people.accounts import PasswordProblem
from app.domain.people.codes import CodeCheck
from app.domain.people.identity import CardNumberError, IdNumberError, MobileError, PhoneError
from app.domain.people.invitation_limits import InvitationLimit

CHOOSE_TEXT_SIZE = _l("Choose a text size")
CHOOSE_CONTRAST = _l("Choose standard or high contrast")
CHOOSE_SPACING = _l("Choose standard or wider spacing")
CHOOSE_MOTION = _l("Choose whether to reduce movement")

ENTER_NAME = _l("Enter your full name")
ENTER_PERSON_NAME = _l("Enter the person's full name")
NAME_TOO_LONG = _l("Name must be 50 characters or fewer")
ENTER_PASSWORD = _l("Enter your password")
CONFIRM_PASSWORD = _l("Enter your new password again")
PASSWORDS_DIFFER = _l("The two passwords are different. Enter the same password twice")
WRONG_PHONE_OR_PASSWORD = _l("The mobile number or password is wrong. Check both and try again")
ENTER_CODE = _l("Enter the 6-digit code from the text message")
CODE_FORMAT = _l("The code must be 6 digits, like 123456")
CHOOSE_RELATIONSHIP = _l("Choose how you are related to the person")
INVITE_NOT_YOURSELF = _l("Enter the mobile number of the person you want to invite, not your "
                         "own")
ACT_NOT_FOR_YOURSELF = _l("This is your own ID card number. Enter the number of the person you "
                          "want to act for")
OWN_ID_NUMBER_REGISTERED = _l("This ID card number is already registered. Bring your ID card to "
                              "your township or street office and they will link it to your "
                              "account.")
REQUESTS_TO_ACT_LIMIT = _l("You have asked to act for as many people as you can in one day. "
                           "Try again tomorrow, or ask at your township or street office")
INVITATION_LIMIT = {
    InvitationLimit.FROM_PERSON: _l("You have sent as many invitations as you can in one day. "
                                    "Try again tomorrow"),
    InvitationLimit.TO_NUMBER: _l("This number cannot be sent more invitations today. Check the "
                                  "number, or try again tomorrow"),
}
CHOOSE_ROLE = _l("Choose a role")

MOBILE = {
    MobileError.EMPTY: _l("Enter a mobile number"),
    MobileError.WRONG_LENGTH: _l("Enter a mobile number with 11 digits, like 139 0431 0001"),
    MobileError.BAD_CHARACTERS: _l("A mobile number can only contain digits, like 139 0431 0001"),
    MobileError.NOT_MOBILE: _l("Enter a mainland China mobile number starting with 13 to 19, "
                               "like 139 0431 0001"),
}

# Where a phone is optional a landline will do (issue 25); a mobile is kept where texts go.
PHONE = {
    PhoneError.BAD_CHARACTERS: _l("A phone number can only contain digits, like 139 0431 0001 "
                                  "or 0431-88888888"),
    PhoneError.NO_AREA_CODE: _l("Add the area code to the landline number, like 0431-88888888"),
    PhoneError.NOT_A_NUMBER: _l("Enter a mobile number of 11 digits, like 139 0431 0001, or a "
                                "landline number with its area code, like 0431-88888888"),
}

ID_NUMBER = {
    IdNumberError.EMPTY: _l("Enter the ID card number"),
    IdNumberError.WRONG_LENGTH: _l("An ID card number has 18 characters. Check the number on "
                                   "the card"),
    IdNumberError.BAD_CHARACTERS: _l("An ID card number can only contain digits, and X as the "
                                     "last character"),
    IdNumberError.BAD_CHECK_CHARACTER: _l("This ID card number is not valid. Check each digit "
                                          "against the card, especially the last one"),
    IdNumberError.IMPOSSIBLE_BIRTH_DATE: _l("The birth date in this ID card number does not "
                                            "exist. Check digits 7 to 14"),
    IdNumberError.FUTURE_BIRTH_DATE: _l("The birth date in this ID card number is in the "
                                        "future. Check digits 7 to 14"),
    IdNumberError.UNKNOWN_REGION: _l("The first 6 digits of this ID card number are not a "
                                     "region code. Check them against the card"),
}

CARD_NUMBER = {
    CardNumberError.EMPTY: _l("Enter the disability card number"),
    CardNumberError.WRONG_LENGTH: _l("A disability card number has 20 characters: the ID card "
                                     "number and 2 more digits. A reissued card adds B1, B2 and "
                                     "so on"),
    CardNumberError.BAD_CHARACTERS: _l("A disability card number can only contain digits, and "
                                       "an X as the 18th character"),
    CardNumberError.BAD_ID_PART: _l("The first 18 characters of the disability card number are "
                                    "not a valid ID card number"),
    CardNumberError.UNKNOWN_CATEGORY: _l("The 19th digit of the disability card number must be "
                                         "1 to 7"),
    CardNumberError.UNKNOWN_LEVEL: _l("The last digit of the disability card number must be 1 "
                                      "to 4"),
    CardNumberError.DOES_NOT_MATCH_ID: _l("The disability card number must start with the "
                                          "person's ID card number"),
    CardNumberError.BAD_REISSUE_MARK: _l("After the 20 characters, a reissued card number ends "
                                         "with B and a number, such as B1"),
}

PASSWORD = {
    PasswordProblem.TOO_SHORT: _l("Your password must be at least 8 characters"),
    PasswordProblem.TOO_LONG: _l("Your password must be 128 characters or fewer"),
    PasswordProblem.TOO_COMMON: _l("This password is too easy to guess. Choose another, for "
                                   "example three words you will remember"),
    PasswordProblem.SAME_AS_PHONE: _l("Your password must not contain your mobile number"),
}

CODE = {
    CodeCheck.WRONG: _l("The code is wrong. Check the text message and try again"),
    CodeCheck.EXPIRED: _l("This code has expired. Ask for a new code"),
    CodeCheck.TOO_MANY_ATTEMPTS: _l("The code was entered wrongly too many times. Ask for a "
                                    "new code"),
    CodeCheck.NONE_SENT: _l("There is no code waiting for this number. Ask for a new code"),
}

# The application wizard
CHOOSE_APPLICANT = _l("Choose who the application is for")
ENTER_APPLICANT_NAME = _l("Enter the applicant's full name, as on their ID card")
CONFIRM_IDENTITY = _l("Choose yes if the date of birth and sex are right")
IDENTITY_WRONG = _l("The date of birth and sex come from the ID card number. Go back and check "
                    "the number")
ID_NOT_ON_RECORD = _l("This is not the ID card number on record for this person. Check it "
                      "against their ID card")
ID_NUMBER_REGISTERED = _l("This ID card number is already registered, so it cannot be used for a "
                          "new applicant. To apply for that person, ask them to add you as their "
                          "agent, or bring their ID card to a township or street office")
CHOOSE_HAS_CARD = _l("Choose yes if the applicant has a disability card")
CHOOSE_COUNTY = _l("Choose the county, city or district where the applicant lives")
CHOOSE_HUKOU_COUNTY = _l("Choose the county, city or district of the applicant's household "
                          "register, or choose the same county as where they live")
CHOOSE_TOWNSHIP = _l("Choose the township or street where the applicant lives")
ENTER_ADDRESS = _l("Enter the rest of the address, like the street, building and room")
ADDRESS_TOO_LONG = _l("The address must be 200 characters or fewer")  # people.address_line
CHOOSE_CONTACT = _l("Choose how we should contact the applicant")
CHOOSE_LANGUAGE = _l("Choose a language for messages and letters")
CHOOSE_NEEDS = _l("Choose the help the applicant needs, or choose none")
NEEDS_AND_NONE = _l("Choose either the help needed or none, not both")
CHOOSE_HOUSEHOLD = _l("Choose the household's situation")
CHOOSE_CHILD_RESIDENCE = _l("Choose where the child's household is registered, or neither")
CHOOSE_PREVIOUS_MODIFICATION = _l("Choose yes if the home has already had age-friendly changes")
CHOOSE_HOME_PROOF = _l("Choose the proof you have of the home")
CHOOSE_DISPUTE_IN_TIME = _l("Choose yes if the applicant got the result in the last 10 working "
                            "days")
DESCRIBE_DISPUTE = _l("Say why the applicant disagrees with the result")
CHOOSE_REISSUE_REASON = _l("Choose whether the card is lost or damaged")
CHOOSE_CANCELLATION_REASON = _l("Choose why the card should be cancelled")
# 《残疾人证管理办法》第二十四条: no new application within a year of a cancellation.
NEW_CARD_NOT_YET = _l("The applicant's card was cancelled less than a year ago. A new card can "
                      "be applied for from %(date)s")
CONFIRM_HOLDS_CONSENT = _l("Confirm that the applicant has given their consent")
CHOOSE_LONG_TERM_CARE = _l("Choose yes if the applicant has needed care for 6 months or more")
CHOOSE_OTHER_SUPPORT = _l("Choose the support the applicant gets, or none of these")
OTHER_SUPPORT_AND_NONE = _l("Choose the support the applicant gets, or only none of these")
CHOOSE_HIGHER_ALLOWANCE = _l("Choose which care allowance the applicant should get")
CHOOSE_CARD_CATEGORY = _l("Choose the kind of disability on the card, or I do not know")
CHOOSE_COUNTY_OR_UNKNOWN = _l("Choose the county, or I do not know")
ENTER_BANK = _l("Enter the name of the bank")
BANK_NAME_TOO_LONG = _l("The name of the bank must be 50 characters or fewer")
ENTER_ACCOUNT_HOLDER = _l("Enter the name of the account holder")
ENTER_ACCOUNT_NUMBER = _l("Enter the account number")
ACCOUNT_NUMBER_FORMAT = _l("An account number has 12 to 19 digits, like 6217 0000 0000 0000 000")
ACCOUNT_HOLDER_DIFFERS = _l("The account must be in the applicant's own name")
CHOOSE_ALLOWANCE = _l("Choose the living allowance, the care allowance, or both")
CHOOSE_PARTS = _l("Choose what else to apply for, or only the disability card")
PARTS_AND_NONE = _l("Choose what else to apply for, or only the disability card, not both")
CONFIRM_DECLARATION = _l("Confirm that the information is true and complete")
CONFIRM_SENSITIVE_CONSENT = _l("Agree to the processing of sensitive personal information, or "
                               "the application cannot be handled")
TEXT_TOO_LONG = _l("Write 500 characters or fewer")

# Documents
CHOOSE_FILE = _l("Choose a file to upload")
UPLOAD = {
    "empty": _l("The file %(name)s is empty. Choose another file"),
    "too_large": _l("The file %(name)s is larger than %(size)s MB. Choose a smaller file, or "
                    "take the photo again at a lower resolution"),
    "wrong_type": _l("The file %(name)s is not a PDF, JPG or PNG. Choose a file of one of those "
                     "types"),
    "name_disagrees": _l("The file %(name)s is named as one type but contains another. Check "
                         "that you chose the right file"),
}
TOO_MANY_DOCUMENTS = _l("An application can have up to %(limit)s files. Remove a file you do not "
                        "need, or put several pages in one PDF")
DOCUMENTS_TOO_LARGE = _l("The files of an application can add up to %(limit)s MB. Remove a file "
                         "you do not need, or take the photos again at a lower resolution")

# Disability assessment
CHOOSE_ASSESSMENT_KIND = _l("Choose what the applicant needs: an assessment or a service for "
                            "their card")
CHOOSE_DISABILITY_KIND = _l("Choose the kind of disability to be assessed")
CHOOSE_CAN_TRAVEL = _l("Choose yes if the applicant can travel to the assessment centre")
CHOOSE_HOME_VISIT_REASON = _l("Choose why the applicant cannot travel to the assessment centre")
DESCRIBE_HOME_VISIT_REASON = _l("Describe why the applicant cannot travel to the assessment "
                                "centre")
CHOOSE_CARD_LEVEL = _l("Choose the level on the card, or that you have no card")

# Home modification
ENTER_PEOPLE_IN_HOME = _l("Enter how many people live in the home, including the applicant")
PEOPLE_IN_HOME_FORMAT = _l("Enter the number of people as a number from 1 to 20, like 3")
ENTER_DISABLED_IN_HOME = _l("Enter how many of the people in the home have a disability")
DISABLED_IN_HOME_FORMAT = _l("Enter a number from 1 to %(people)s: the applicant counts, and "
                             "it cannot be more than the people in the home")
CHOOSE_HOME = _l("Choose whether the home is owned, rented, public housing or a family "
                 "member's home")
CHOOSE_ROOMS = _l("Choose the parts of the home that need changes")
CHOOSE_CHANGES = _l("Choose the changes that are needed")
DESCRIBE_OTHER_CHANGE = _l("Describe the other changes that are needed")
CHOOSE_PRIORITY = _l("Choose what applies to the applicant, or choose none of these")
PRIORITY_AND_NONE = _l("Choose either what applies or none of these, not both")
CHOOSE_HOUSEHOLD_HAS_CARD = _l("Choose yes if someone in the household has a disability card")
CHOOSE_PRIORITY_PRECHECK = _l("Choose yes if any of these apply to the disabled person")

# Assistive devices
CHOOSE_DEVICE_NEED = _l("Choose a new device, a repair or a rental")
CHOOSE_DEVICE_CATEGORY = _l("Choose the kind of device")
DESCRIBE_DEVICE_NEED = _l("Describe what the applicant needs")
DESCRIBE_REPAIR_DEVICE = _l("Describe the device that needs repairing")
CHOOSE_STUDENT = _l("Choose whether the applicant is a student, and where")
CHOOSE_DEVICE_USER = _l("Choose whether the person is a young child, a student, or neither")

# Tracking
ENTER_REFERENCE = _l("Enter the reference number")
REFERENCE_LENGTH = _l("A reference number has 9 characters, like 7K3M 9QXP N. Check it against "
                      "the receipt or the text message")
REFERENCE_CHARACTERS = _l("A reference number has only the digits 2 to 9 and the letters A to Z "
                          "without I and O. Check it against the receipt or the text message")
REFERENCE_CHECK = _l("Check the reference number: one of its characters is wrong")
ENTER_ID_LAST_4 = _l("Enter the last 4 characters of the ID card number")
ID_LAST_4_FORMAT = _l("Enter the last 4 characters of the ID card number, like 1234 or 123X")
ENTER_ANSWER = _l("Enter your answer to the request")
ANSWER_TOO_LONG = _l("Your answer must be 1000 characters or fewer")
CHOOSE_WITHDRAW = _l("Choose yes if you want to withdraw the application")
WITHDRAW_REASON_TOO_LONG = _l("The reason must be 500 characters or fewer")

# Casework
ENTER_RETURN_REASON = _l("Enter the reason for returning the application")
ENTER_MISSING_INFORMATION = _l("List the information that is missing")
ENTER_DECISION_REASONS = _l("Enter the reasons for the decision")
ENTER_RETURN_TO_REVIEW_REASON = _l("Enter what must be looked at again")
REASON_TOO_LONG = _l("Write 2,000 characters or fewer")
ENTER_NOTE = _l("Enter the note")
ENTER_OPINION = _l("Choose a standard opinion or write your own")
CHOOSE_ALLOWANCE_DECISION = {
    "living": _l("Choose whether to grant the living allowance"),
    "care": _l("Choose whether to grant the care allowance"),
}
ENTER_MONTHLY_AMOUNT = {
    "living": _l("Enter the monthly amount of the living allowance, in yuan"),
    "care": _l("Enter the monthly amount of the care allowance, in yuan"),
}
MONTHLY_AMOUNT_FORMAT = _l("Enter an amount in yuan from 0.01 to 10,000, with at most 2 decimals, "
                           "like 120 or 87.50")
CHOOSE_FIRST_MONTH = {
    "living": _l("Choose the first month the living allowance is paid"),
    "care": _l("Choose the first month the care allowance is paid"),
}
GRANT_ONE_OR_REFUSE = _l("Grant at least one allowance. To grant neither, refuse the "
                         "application instead")
DOCUMENTS_MISSING_FOR_DECISION = _l("Some required documents are neither uploaded nor seen on "
                                    "paper. Ask the applicant for them, or mark the paper seen, "
                                    "before passing the application for decision")
CHOOSE_COLLEAGUE = _l("Choose who to assign the application to")
EDIT_CONFLICT = _l("Someone else changed this application while you were working on it. Check "
                   "what changed, then try again.")

ENTER_SEARCH_TERM = _l("Enter a reference, a name or an ID number")
SEARCH_TERM_TOO_LONG = _l("Enter 100 characters or fewer")

# --- counter pages -------------------------------------------------------------------------

CHOOSE_PERSON_HUKOU_COUNTY = _l("Choose the county, city or district of the person's household "
                                 "register, or choose the same county as where they live")
CHOOSE_PERSON_TOWNSHIP = _l("Choose the township or street where the person lives")
ENTER_AGENT_NAME = _l("Enter the agent's full name")
CHOOSE_AGENT_RELATIONSHIP = _l("Choose how the agent is related to the person")
CONFIRM_AGENT_CONSENT = _l("Confirm that the person agrees, or that you have seen proof of "
                           "guardianship")
CONFIRM_ID_CARD_SEEN = _l("Confirm that you have seen the person's ID card and that it is them")
ONLINE_ACCOUNT_NOT_VERIFIABLE = {
    "no_such_account": _l("No resident's account uses this mobile number. Check the number with "
                          "the person"),
    "held_by_another": _l("Another account holds this record. Undo that link first, then verify "
                          "the person's own account"),
    "holds_another": _l("This account holds another person's record. Ask the county federation "
                        "to check it"),
}
CONFIRM_PROOF_SEEN = _l("Confirm that you have seen the proof before you confirm the request")
PERSON_ID_NUMBER_REGISTERED = _l("A person with this ID card number is already registered. "
                                 "Search for the number to open their record")
PERSON_IN_OTHER_AREA = _l("This person is registered in %(county)s, which is outside your area. "
                          "Ask them to go to a counter in %(county)s, or to apply online")
PERSON_IN_UNKNOWN_AREA = _l("This person is registered, but not in your area. Call the service "
                            "hotline to find out where they can be helped")

# --- staff pages ---------------------------------------------------------------------------

ENTER_STAFF_NAME = _l("Enter the staff member's full name")
ENTER_AREA_CODE = _l("Choose the area this person works in")
UNKNOWN_AREA_CODE = _l("Choose an area from the list")
AREA_NOT_FOR_ROLE = {
    Role.COUNTER: _l("Counter staff work in a county or in a township or street. Choose one of "
                     "those"),
    Role.CASEWORKER: _l("Caseworkers work in a county or a city. Choose one of those"),
    Role.APPROVER: _l("Approvers work in a county or a city. Choose one of those"),
    Role.CIVIL_AFFAIRS: _l("Civil affairs staff work in a county or a city. Choose one of those"),
    Role.STATISTICS: _l("Statistics managers work in a county, a city or the province. Choose "
                        "one of those"),
    Role.ADMIN: _l("Choose an area from the list"),
}
AREA_OUTSIDE_YOURS = _l("Choose an area inside your own area, %(area)s")
ENTER_INITIAL_PASSWORD = _l("Enter a password for the new account")
STAFF_PHONE_REGISTERED = _l("An account with this mobile number already exists. Each account "
                            "needs its own mobile number")
CHOOSE_ACTIVE = _l("Choose whether the account is active")
CANNOT_DEACTIVATE_SELF = _l("You cannot deactivate your own account. Ask another administrator "
                            "to do it")
CANNOT_CHANGE_OWN_ROLE = _l("You cannot change your own role. Ask another administrator to do it")

# --- media pages ---------------------------------------------------------------------------

CHOOSE_SERVICE = _l("Choose the service the video is about")
CHOOSE_TOPIC = _l("Choose what the video is about")
ENTER_TITLE = {
    "zh_Hans_CN": _l("Enter the title in Chinese"),
    "ko": _l("Enter the title in Korean"),
    "en": _l("Enter the title in English"),
}
TITLE_TOO_LONG = _l("The title must be 200 characters or fewer")
CHOOSE_VIDEO = _l("Choose the video file")
CHOOSE_SIGN_VIDEO = _l("Choose the video with sign language")
CHOOSE_CAPTION_FILE = _l("Choose at least one caption file to upload")
VIDEO_FILE = {
    VideoProblem.EMPTY: _l("The file %(name)s is empty. Choose the video file"),
    VideoProblem.TOO_LARGE: _l("The file %(name)s is larger than %(size)s MB. Choose a smaller "
                               "file, or export the video at a lower bitrate"),
    VideoProblem.WRONG_TYPE: _l("The file %(name)s is not an MP4 or WebM video. Choose a video "
                                "of one of those types"),
}
CAPTION_FILE = {
    CaptionProblem.EMPTY: _l("The caption file is empty. Choose a WebVTT file with the captions"),
    CaptionProblem.TOO_LARGE: _l("The caption file is larger than %(size)s KB. Check that you "
                                 "chose a caption file"),
    CaptionProblem.NOT_UTF8: _l("The caption file is not saved as UTF-8 text. Save it as UTF-8 "
                                "and upload it again"),
    CaptionProblem.NOT_WEBVTT: _l("The file is not WebVTT: its first line must be WEBVTT. "
                                  "Choose a .vtt caption file"),
    CaptionProblem.BAD_TIMING: _l("A caption's time line cannot be read: “%(line)s”. Write times "
                                  "like 00:00:01.000 --> 00:00:04.000"),
    CaptionProblem.NO_CUES: _l("The caption file has no captions in it. Add at least one caption "
                               "with its times and text"),
    CaptionProblem.ENDS_BEFORE_START: _l("Caption %(cue)s ends at %(end)s, which is not after "
                                         "it starts (%(start)s). Check its times"),
    CaptionProblem.OUT_OF_ORDER: _l("Caption %(cue)s starts at %(start)s, before the caption "
                                    "above it (%(previous_start)s). Put the captions in time "
                                    "order"),
    CaptionProblem.OVERLAPS: _l("Caption %(cue)s starts at %(start)s, before the caption above "
                                "it ends (%(previous_end)s). Captions must not overlap"),
    CaptionProblem.AFTER_VIDEO_END: _l("The last caption ends at %(end)s, after the video ends "
                                       "(%(video_end)s). Check that the captions belong to this "
                                       "video"),
}
MISSING_BEFORE_PUBLISHING = {
    ("captions", "zh_Hans_CN"): _l("Upload the Chinese captions before publishing"),
    ("captions", "ko"): _l("Upload the Korean captions before publishing"),
    ("captions", "en"): _l("Upload the English captions before publishing"),
    ("transcript", "zh_Hans_CN"): _l("Enter the Chinese transcript before publishing"),
    ("transcript", "ko"): _l("Enter the Korean transcript before publishing"),
    ("transcript", "en"): _l("Enter the English transcript before publishing"),
}
PUBLISHED_NEEDS_TRANSCRIPT = {
    "zh_Hans_CN": _l("A published video needs a Chinese transcript. Unpublish the video before "
                     "you remove it"),
    "ko": _l("A published video needs a Korean transcript. Unpublish the video before you "
             "remove it"),
    "en": _l("A published video needs an English transcript. Unpublish the video before you "
             "remove it"),
}

# --- casework pages ------------------------------------------------------------------------

ENTER_STAGE_DATE = _l("Enter the date of the appointment or visit")
STAGE_DATE_INCOMPLETE = _l("The date must include a year, a month and a day")
STAGE_DATE_NOT_REAL = _l("Enter a real date, for example 2026 3 15")
STAGE_DATE_TOO_FAR = _l("Enter a date within a year of today")

# --- deadlines pages -----------------------------------------------------------------------

ENTER_WHOLE_DAYS = _l("Enter the number of working days as a whole number, like 10")
DAYS_OUT_OF_RANGE = _l("Enter a number of working days from %(fewest)s to %(most)s")

# A county's 公示 and home-modification places (app/web/forms/county_rules.py).
CHOOSE_PUBLIC_NOTICE = _l("Choose whether the county publishes a public notice")
ENTER_NOTICE_DAYS = _l("Enter the number of days of the public notice, like 7")
NOTICE_DAYS_OUT_OF_RANGE = _l("Enter a number of days from %(fewest)s to %(most)s")
ENTER_WHOLE_PLACES = _l("Enter the number of places as a whole number, like 40")
PLACES_OUT_OF_RANGE = _l("Enter a number of places from 0 to %(most)s")

ENTER_CALENDAR_YEAR = _l("Enter the year the notice is for, like 2027")
ENTER_CALENDAR_NOTICE = _l("Enter the notice's title and number, as published")
CALENDAR_NOT_A_DATE = _l("“%(text)s” is not a date. Write each date like 2027-10-01, or a range "
                         "like 2027-10-01 to 2027-10-07, one a line")
CALENDAR_DATES = {
    CalendarProblem.YEAR_OUT_OF_RANGE: _l("Enter a year from %(first)s to %(last)s"),
    CalendarProblem.LISTED_TWICE: _l("%(date)s is listed twice. List each day once, as a public "
                                     "holiday or as a make-up working day"),
    CalendarProblem.OUTSIDE_YEAR: _l("%(date)s is not in %(year)s. Enter only the days of the "
                                     "year this notice is for"),
    CalendarProblem.WORKDAY_ON_WEEKDAY: _l("%(date)s is a weekday, so it is a working day "
                                           "already. A make-up working day is a Saturday or "
                                           "Sunday"),
    CalendarProblem.NO_HOLIDAYS: _l("Enter the public holidays the notice lists"),
}
CALENDAR_NOTICE_TOO_LONG = _l("Write the notice's title and number in 200 characters or fewer")
CHOOSE_A_NEW_PASSWORD = _l("Choose a password other than the one the administrator gave you")

# --- payments of the two subsidies (issue 22) ----------------------------------------------

CHOOSE_RUN_MONTH = _l("Choose the month to run")
CHOOSE_RETURN_FILE = _l("Choose the bank's return file to upload")
RETURN_FILE_REFUSED = _l("Nothing was imported: %(count)s lines of the file are wrong. Correct "
                         "them and upload the whole file again")
RETURN_FILE_MORE_PROBLEMS = _l("and %(count)s more wrong lines")
# One for each code of app.domain.benefits.payments.PROBLEMS; "columns" on line 1 is the header.
RETURN_HEADER_COLUMNS = _l("Line 1 must name the columns payment, result, paid_on, reason, in "
                           "that order")
RETURN_LINE_PROBLEMS = {
    "columns": _l("Line %(line)s must have 4 cells: payment, result, paid_on, reason"),
    "unknown_payment": _l("Line %(line)s: the payment number is not on this month's roster"),
    "repeated_payment": _l("Line %(line)s: this payment is already on an earlier line"),
    "result": _l("Line %(line)s: write the result as 成功 or paid, or 失败 or failed"),
    "paid_on": _l("Line %(line)s: a paid line needs the date it was paid, like 2026-03-20"),
    "reason": _l("Line %(line)s: a failed line needs the bank's reason"),
    "too_many_lines": _l("The file has more than %(most)s lines. Upload the return file of "
                         "this month's roster only"),
    "not_csv": _l("The file is not a CSV or XLSX file. Save the bank's return file as CSV "
                  "(UTF-8) or XLSX and upload it again"),
    "no_lines": _l("The file has no payment lines under its first line. Upload the bank's "
                   "return file with a line for each payment"),
}
CHOOSE_AMOUNT_PLACE = _l("Choose whose amount this is: the province's standard or a county's "
                         "top-up")
CHOOSE_AMOUNT_ALLOWANCE = _l("Choose the allowance")
ENTER_FROM_MONTH = _l("Enter the first month the amount is paid for, like 2026-07")
FROM_MONTH_FORMAT = _l("Write the month as year and month, like 2026-07, from 2016-01 on")
ENTER_AMOUNT_A_MONTH = _l("Enter the amount a month in yuan, like 99 or 99.50")
AMOUNT_A_MONTH_FORMAT = _l("Write the amount in yuan with at most 2 decimals, from 0 to 10000, "
                           "like 99 or 99.50")
ENTER_AMOUNT_SOURCE = _l("Enter the document the amount comes from, like 吉民发〔2025〕26号")
AMOUNT_SOURCE_TOO_LONG = _l("Write the document's title and number in 200 characters or fewer")

# Reported changes, decisions about an entitlement and objections (issue 22)
CHOOSE_CHANGE = _l("Choose what has changed")
ENTER_CHANGE_DATE = _l("Enter the date it happened")
CHANGE_DATE_INCOMPLETE = _l("The date must have a year, a month and a day")
CHANGE_DATE_NOT_REAL = _l("Enter a real date, like 2026 3 15")
CHANGE_DATE_IN_FUTURE = _l("The date must be today or in the past")
CHANGE_DOCUMENT_NEEDED = _l("Add a photo or scan of the document that shows the change")
CHOOSE_NEW_COUNTY = _l("Choose the county, city or district the household registration moved to")
SAME_COUNTY = _l("Choose the new county: this is the county that pays the allowance now")
CHOOSE_APPLY_OR_NOT = _l("Choose whether the change applies to the payment")
ENTER_ENTITLEMENT_DECISION_REASONS = _l("Enter the reasons for the decision, in words the "
                                        "person will read")
ENTER_OBJECTION_GROUNDS = _l("Enter why you think the decision is wrong")
CHOOSE_UPHOLD_OR_NOT = _l("Choose whether the objection is upheld")
CHOOSE_ENTITLEMENT_DECISION = _l("Choose the decision")
CHOOSE_STOP_REASON = _l("Choose the reason for stopping or pausing the payment")
ENTER_SETTLEMENT = _l("Enter how the money was paid back or why it was waived")
DECISION_NOT_IN_THIS_STATE = _l("This decision does not fit the payment's state: a stopped "
                                "payment can only be resumed, a paused one stopped or resumed")

# 定期复核 (issue 22)
REVIEW_ANSWER_YES_OR_NO = _l("Choose yes or no")
ENTER_REVIEW_DUE_DATE = _l("Enter the date by which recipients must answer")
REVIEW_DUE_DATE_INCOMPLETE = _l("The date must include a year, a month and a day")
REVIEW_DUE_DATE_NOT_REAL = _l("Enter a real date, for example 2026 6 30")
REVIEW_DUE_DATE_RANGE = _l("Enter a date between 2 weeks and a year from today")
REVIEW_ROUND_EXISTS = _l("This county already has a review for that year. Choose a date in "
                         "another year")
CHOOSE_REVIEW_COUNTY = _l("Choose the county")
CHOOSE_CHECK_OUTCOME = _l("Choose what the check found")
ENTER_STATEMENT_REFERENCE = _l("Enter the reference printed on the statement")
STATEMENT_REFERENCE_FORMAT = _l("Enter the reference as printed, like ZM2026-1234-B72F-0546")


# Issue 23: the rosters civil affairs import, and the outcome of a contact.
CHOOSE_ROSTER_KIND = _l("Choose whether this is the minimum living support roster or the "
                        "extreme poverty roster")
CHOOSE_ROSTER_MONTH = _l("Choose the month the roster is for")
CHOOSE_ROSTER_FILE = _l("Choose the roster file, a CSV or XLSX file")
CHOOSE_DEATH_SOURCE = _l("Choose who sent the list of deaths")
ROSTER_TOO_LARGE = _l("The file is larger than %(size)s MB. Split the roster by county and "
                      "import each part")
ROSTER_REFUSED = _l("Nothing was imported. Correct these lines and import the file again:")
ROSTER_MORE_LINES = _l("and %(count)s more lines")
# Each wrong line, named by its number as a spreadsheet shows it (rosters.PROBLEMS).
ROSTER_LINE = {
    "not_readable": _l("The file cannot be read. Save it as CSV (UTF-8) or XLSX"),
    "columns": _l("Line %(line)s: the columns must be exactly %(columns)s"),
    "empty": _l("The file has no lines after its header"),
    "too_many_lines": _l("The file has more than %(most)s lines. Split it by county"),
    "id_number": _l("Line %(line)s: the ID card number is not valid"),
    "name": _l("Line %(line)s: the name is missing or longer than 100 characters"),
    "county": _l("Line %(line)s: the county code is not a county of Jilin, like 220102"),
    "outside_area": _l("Line %(line)s: the county is outside your area"),
    "repeated": _l("Line %(line)s: this ID card number is on an earlier line too"),
    "died_on": _l("Line %(line)s: the date of death must be a past date like 2026-03-01"),
}
CHOOSE_CONTACT_OUTCOME = _l("Choose what came of the contact")
CONTACT_NOTE_TOO_LONG = _l("Write the note in 1000 characters or fewer")
