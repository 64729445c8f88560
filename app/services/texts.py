"""The start-page texts of each service (服务事项).

Texts are English message ids marked with N_ and translated when a page renders them.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    code="two-subsidies",
    name=N_("Living allowance and care allowance for disabled people"),
    summary=N_(
        "Monthly money for disabled people on a low income (living allowance) and for people "
        "with a severe disability who need care (care allowance). You can apply for one or both."
    ),
    who_can_apply=(
        N_("You need a disability card."),
        N_("Living allowance: your household gets minimum living support or has another "
           "low income."),
        N_("Care allowance: your disability is at level 1 or 2. In some places level 3 or 4 "
           "intellectual or mental disability also counts."),
    ),
    what_you_need=(
        N_("your disability card"),
        N_("your ID card or household register"),
        N_("proof of minimum living support, if you apply for the living allowance"),
        N_("a bank account in your name for the payments"),
    ),
    how_long=N_("About 15 minutes to apply. A decision usually takes up to 20 working days."),
    what_happens_next=(
        N_("Your township or street office checks your application."),
        N_("The county disability federation decides and tells you why."),
        N_("If you are approved, the money is paid into your bank account every month."),
    ),
    easy_read=(
        N_("This is money for disabled people."),
        N_("You get it every month."),
        N_("You need a disability card."),
        N_("The living allowance is for families with little money."),
        N_("The care allowance is for people who need a lot of help."),
        N_("You can ask for one or both."),
        N_("A family member can ask for you."),
        N_("We will tell you our answer."),
    ),
)

DISABILITY_ASSESSMENT = ServiceTexts(
    code="disability-assessment",
    name=N_("Disability assessment"),
    summary=N_(
        "Get assessed for a new disability card, a re-assessment, or a change of the category or "
        "level on your card. People on a low income or with a severe disability can get help with "
        "the cost."
    ),
    who_can_apply=(
        N_("Any resident of Jilin Province."),
        N_("A parent or guardian can apply for a child or for an adult they look after."),
    ),
    what_you_need=(
        N_("your ID card or household register"),
        N_("a recent photo"),
        N_("medical records about your disability"),
    ),
    how_long=N_("About 15 minutes to apply. You get an appointment within 20 working days."),
    what_happens_next=(
        N_("We give you an appointment at an assessment centre near you."),
        N_("If you cannot leave your bed, you can ask for a home visit."),
        N_("After the assessment, you get the result and your card."),
    ),
    easy_read=(
        N_("An assessment finds out about your disability."),
        N_("You need it to get a disability card."),
        N_("A doctor meets you and asks some questions."),
        N_("If you cannot leave your bed, the doctor can come to your home."),
        N_("If your family has little money, you do not pay."),
        N_("A family member can ask for you."),
    ),
)

HOME_MODIFICATION = ServiceTexts(
    code="home-modification",
    name=N_("Making your home accessible"),
    summary=N_(
        "Changes to your home so that it is safer and easier to use, such as ramps, handrails, "
        "grab bars, wider doors, an accessible bathroom or kitchen, and flashing doorbells "
        "and alarms."
    ),
    who_can_apply=(
        N_("Households on a low income with a disabled member who needs changes to their home."),
        N_("People with severe or multiple disabilities, and older disabled people, come first."),
    ),
    what_you_need=(
        N_("the disability card of the person who lives there"),
        N_("proof that you own or rent the home, or the landlord's written consent"),
    ),
    how_long=N_(
        "About 20 minutes to apply. A home visit is usually arranged within 30 working days."
    ),
    what_happens_next=(
        N_("Someone visits your home to see what is needed."),
        N_("You agree a plan for the changes."),
        N_("The works are done and checked with you when they are finished."),
    ),
    easy_read=(
        N_("We can change your home to make it easier to use."),
        N_("For example, a ramp, handrails or a safer bathroom."),
        N_("It is for families with little money."),
        N_("Someone visits your home first."),
        N_("You agree on the changes together."),
        N_("A family member can ask for you."),
    ),
)

ASSISTIVE_DEVICES = ServiceTexts(
    code="assistive-devices",
    name=N_("Assistive devices"),
    summary=N_(
        "Get a new assistive device, or have one repaired or rented: for example a wheelchair, a "
        "white cane, a hearing aid, a communication aid, or a prosthesis or orthosis."
    ),
    who_can_apply=(
        N_("You need a disability card and a device that would help you."),
        N_("Children up to 6 years old and students get extra support."),
    ),
    what_you_need=(
        N_("your disability card"),
        N_("a prescription or an assessment, for devices that need one"),
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
        N_("A specialist helps you choose the right device."),
        N_("A family member can ask for you."),
    ),
)


ALL_SERVICE_TEXTS = (TWO_SUBSIDIES, DISABILITY_ASSESSMENT, HOME_MODIFICATION, ASSISTIVE_DEVICES)
