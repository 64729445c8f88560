"""Display settings (大字/长辈模式, high contrast, spacing, motion) as a small value object.

They are kept in a cookie so they work without JavaScript and before anyone signs in.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from urllib.parse import parse_qsl, urlencode

TEXT_SIZES = ("100", "150", "200")
CONTRASTS = ("standard", "high")
SPACINGS = ("standard", "wide")
MOTIONS = ("standard", "reduce")


@dataclass(frozen=True)
class DisplaySettings:
    size: str = "100"
    contrast: str = "standard"
    spacing: str = "standard"
    motion: str = "standard"

    @classmethod
    def from_cookie(cls, value: str | None) -> DisplaySettings:
        """Unknown or tampered values fall back to the defaults, one setting at a time."""
        if not value:
            return cls()
        allowed = {"size": TEXT_SIZES, "contrast": CONTRASTS, "spacing": SPACINGS,
                   "motion": MOTIONS}
        chosen = {k: v for k, v in parse_qsl(value) if k in allowed and v in allowed[k]}
        return cls(**chosen)

    def to_cookie(self) -> str:
        return urlencode(asdict(self))

    @property
    def is_default(self) -> bool:
        return self == DisplaySettings()

    @property
    def css_classes(self) -> str:
        classes = [f"text-{self.size}"]
        if self.contrast == "high":
            classes.append("contrast-high")
        if self.spacing == "wide":
            classes.append("spacing-wide")
        if self.motion == "reduce":
            classes.append("motion-reduce")
        return " ".join(classes)
