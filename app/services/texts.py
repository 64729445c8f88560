"""The start-page texts of each service (服务事项).

Texts are English message ids marked with N_ and translated when a page renders them.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.rules.service_rules import ServiceCode
from app.domain.text import N_


@dataclass(frozen=True)
class ServiceTexts:
    code: str  # used in URLs: /services/<code>
    name: str
    summary: str
    who_can_apply: tuple[str, ...]
    what_you_need: tuple[str, ...]
    how_long: str
    what_happens_next: tuple[str, ...]
    easy_read: tuple[str, ...] = ()  # short sentences, one idea each


TWO_SUBSIDIES = ServiceTexts(
    code=ServiceCode.TWO_SUBSIDIES,
    name=N_("Living allowance and care allowance for disabled people"),
    summary=N_(
        "Monthly money for disabled people on a low income (living allowance) and for people "
        "with a severe disability who need care (care allowance). You can apply for one or both."
    ),
    who_can_apply=(
        N_("You need a disability card."),
        N_("Living allowance: your household gets minimum living support. Some places also pay "
           "it to other low-income households."),
        N_("Care allowance: your disability is at level 1 or 2 and you have needed care in "
           "daily life for 6 months or more. In some places level 3 or 4 intellectual or mental "
           "disability also counts."),
        N_("People supported as being in extreme poverty, or who get the care allowance of "
           "work-injury insurance, cannot get these allowances. Children who get basic living "
           "support for orphans cannot get the living allowance."),
        N_("If you also qualify for a care allowance for older people, for an injury on duty or "
           "for retired cadres, you get only one: the higher one."),
    ),
    what_you_need=(
        N_("your disability card"),
        N_("your ID card and household register"),
        N_("proof of minimum living support, if you apply for the living allowance"),
        N_("a bank account in your name for the payments"),
        N_("if someone applies for you: a power of attorney and their ID card, or proof that "
           "they are your guardian"),
    ),
    how_long=N_("About 15 minutes to apply. A decision usually takes up to 20 working days."),
    what_happens_next=(
        N_("Your township or street office accepts and checks your application."),
        N_("The county disability federation reviews it, and the county civil affairs bureau "
           "decides and tells you why."),
        N_("If you are approved, the allowance is counted from the month you applied and paid "
           "into your bank account every month."),
    ),
    easy_read=(
        N_("This is money for disabled people."),
        N_("If you get it, it is paid every month."),
        N_("You need a disability card."),
        # Each line says who the allowance is for, not "you can get it": the card, the
        # household and the exclusions all count (issue 12).
        N_("The living allowance is for card holders whose family gets minimum living "
           "support."),
        N_("The care allowance is for disability at level 1 or 2."),
        N_("They must also have needed daily care for 6 months or more."),
        N_("Some people cannot get it, for example people in extreme poverty support."),
        N_("You can ask for one or both."),
        N_("A family member can ask for you."),
        N_("We will tell you if you get it, and why."),
    ),
)

DISABILITY_ASSESSMENT = ServiceTexts(
    code=ServiceCode.DISABILITY_ASSESSMENT,
    name=N_("Disability assessment"),
    summary=N_(
        "Get assessed for a disability card, or ask for a service for your card: a new "
        "assessment if you disagree with a result, a change of category or level, renewal, "
        "replacement, transfer or cancellation. People on a low income or with a severe "
        "disability can get help with the cost of an assessment."
    ),
    who_can_apply=(
        N_("Any resident of Jilin Province."),
        N_("A parent or guardian can apply for a child or for an adult they look after."),
        N_("If you disagree with an assessment result, ask for a new assessment within 10 "
           "working days of getting it: the city disability federation decides."),
    ),
    what_you_need=(
        N_("your ID card or household register"),
        N_("three recent 2-inch photos on a white background"),
        N_("medical records about your disability"),
        N_("for a change, renewal, transfer or cancellation: your disability card"),
    ),
    how_long=N_("About 15 minutes to apply. You get an appointment within 20 working days."),
    what_happens_next=(
        N_("We give you an appointment at a designated assessment hospital near you."),
        N_("If you cannot leave your bed, you can ask for a home visit."),
        N_("After the assessment, the disability federation checks the result. If it meets the "
           "standard, your card is issued; if not, you are told why and how to ask for a new "
           "assessment."),
    ),
    easy_read=(
        N_("An assessment finds out about your disability."),
        N_("You need it to get a disability card."),
        N_("A doctor examines you and asks some questions."),
        N_("If you cannot leave your bed, ask for a home visit."),
        N_("If your family has little money, you can ask for help with the cost."),
        N_("A family member can ask for you."),
    ),
)

HOME_MODIFICATION = ServiceTexts(
    code=ServiceCode.HOME_MODIFICATION,
    name=N_("Making your home accessible"),
    summary=N_(
        "Changes to your home so that it is safer and easier to use, such as ramps, handrails, "
        "grab bars, wider doors, an accessible bathroom or kitchen, and flashing doorbells "
        "and alarms."
    ),
    who_can_apply=(
        N_("Households on a low income with a disabled member who needs changes to their home."),
        N_("People with severe or multiple disabilities, and older disabled people, come first."),
        N_("A home that has already had age-friendly changes paid for by the government is "
           "usually not changed again."),
    ),
    what_you_need=(
        N_("the disability card of the person who lives there"),
        N_("proof of the home: the property certificate; for a rural home, the homestead "
           "certificate or a letter from the village committee; or the tenancy agreement"),
        N_("the written consent of the landlord, or of the relative who owns the home"),
    ),
    how_long=N_(
        "About 20 minutes to apply. A home visit is usually arranged within 30 working days."
    ),
    what_happens_next=(
        N_("Someone visits your home to see what is needed."),
        N_("Each county has a set number of places each year. When this year's places are "
           "taken, your household may wait for next year's."),
        N_("You agree a plan for the changes."),
        N_("The works are done and checked with you when they are finished."),
    ),
    easy_read=(
        N_("You can ask for changes to your home to make it easier to use."),
        N_("For example, a ramp, handrails or a safer bathroom."),
        N_("It is for families with little money."),
        N_("There are only so many places each year. You may have to wait."),
        N_("Someone visits your home first."),
        N_("You agree on the changes together."),
        N_("A family member can ask for you."),
    ),
)

ASSISTIVE_DEVICES = ServiceTexts(
    code=ServiceCode.ASSISTIVE_DEVICES,
    name=N_("Assistive devices"),
    summary=N_(
        "Get a new assistive device, or have one repaired or rented: for example a wheelchair, a "
        "white cane, a hearing aid, a communication aid, or a prosthesis or orthosis."
    ),
    who_can_apply=(
        N_("You need a disability card and a device that would help you."),
        N_("Children aged 6 or younger can apply with a designated hospital's diagnosis instead "
           "of a card, if their household is registered in Jilin or they have a residence "
           "permit here."),
        N_("Students at universities and colleges in Jilin get a free fitting, whatever their "
           "age."),
    ),
    what_you_need=(
        N_("your disability card"),
        N_("no prescription: the assessment finds out which device suits you"),
    ),
    how_long=N_("About 15 minutes to apply. An assessment is usually arranged within 20 working "
                "days."),
    what_happens_next=(
        N_("A specialist assesses what device suits you."),
        N_("The device is fitted and you learn how to use it."),
        N_("Someone checks later that it still works well for you."),
    ),
    easy_read=(
        N_("Devices help you in daily life."),
        N_("For example, a wheelchair, a white cane or a hearing aid."),
        N_("You can ask for a new device, a repair or a rental."),
        N_("You need a disability card."),
        N_("A child aged 6 or under can use a designated hospital's diagnosis."),
        N_("The child must be registered in Jilin or have a residence permit here."),
        N_("A specialist helps you choose the right device."),
        N_("A family member can ask for you."),
    ),
)


ALL_SERVICE_TEXTS = (TWO_SUBSIDIES, DISABILITY_ASSESSMENT, HOME_MODIFICATION, ASSISTIVE_DEVICES)


# 残疾人服务"一件事": one application for the card and what follows it (issue 23).
ONE_APPLICATION = ServiceTexts(
    code="disability-services",
    name=N_("Disability services, one application"),
    summary=N_(
        "Apply once for a disability card and for what it opens: the living allowance, the care "
        "allowance and assistive devices. You answer each question once and add each document "
        "once."
    ),
    who_can_apply=(
        N_("Anyone in Jilin Province who has no disability card yet, or a parent or guardian "
           "for them."),
        N_("The allowances and devices are for card holders: they wait for the card and go on "
           "by themselves when it is issued. You do not apply again."),
        N_("If the card is refused, the parts that wait for it are refused too, and the letter "
           "says why."),
    ),
    what_you_need=(
        N_("your ID card or household register"),
        N_("three 2-inch photos on a white background"),
        N_("proof of minimum living support, if you apply for the living allowance"),
        N_("a bank account in your name, if you apply for an allowance"),
        N_("if someone applies for you: a power of attorney and their ID card, or proof that "
           "they are your guardian"),
    ),
    how_long=N_("About 25 minutes to apply. Each part is decided on its own: the card first."),
    what_happens_next=(
        N_("Each part becomes an application of its own, with its own reference number, "
           "decision and letter."),
        N_("The county disability federation arranges the assessment and issues the card."),
        N_("When the card is issued, the allowances and devices go on by themselves."),
    ),
    easy_read=(
        N_("You can ask for a disability card and what comes with it at once."),
        N_("You answer each question once."),
        N_("You add each document once."),
        N_("The card comes first."),
        N_("Then the allowances and devices go on by themselves."),
        N_("A family member can ask for you."),
    ),
)
