"""Make the shipped sample guide videos: "How to apply", one per service.

Each video is a few slides of large, high-contrast Chinese text drawn with Pillow, with Mandarin
narration synthesised by espeak-ng, assembled by ffmpeg into a small MP4 (H.264 baseline and AAC,
640x360). Beside it go WebVTT captions in Chinese, Korean and English whose cues are timed to the
narration, and a transcript in each language. The output is committed under
static/media/guides/<service-code>/ and loaded as published videos by
app.domain.files.media.load_sample_videos().

This is an authoring tool, run offline; the portal never runs it and does not depend on Pillow.
To regenerate the files (from the project root):

    apt-get install espeak-ng ffmpeg fonts-noto-cjk
    python3 -m venv /tmp/media-tools && /tmp/media-tools/bin/pip install pillow
    /tmp/media-tools/bin/python scripts/make_guide_videos.py

Options: --only <service-code> to make one service, --out <folder> to write elsewhere.
The texts below are the guidance itself: keep them consistent with app/services/texts.py.
Korean is written in Hangul only, without Chinese characters.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "static" / "media" / "guides"
FONT_DIR = Path("/usr/share/fonts/opentype/noto")
WIDTH, HEIGHT = 640, 360
LEAD_IN = 0.4  # seconds of silence before the first words
GAP = 0.35  # seconds between segments
TAIL = 0.6  # seconds after the last words
SPEED = 250  # espeak-ng words per minute: clear but brisk, to keep each video under 20 s
FPS = 10

# Colours: yellow and white on near-black, well above 7:1.
BACKGROUND = (11, 12, 12)
BAR = (11, 61, 145)
WHITE = (255, 255, 255)
YELLOW = (255, 221, 0)


@dataclass(frozen=True)
class Segment:
    heading: str  # on the slide, in Chinese
    points: tuple[str, ...]  # on the slide, in Chinese, large
    # Narration and captions. "|" splits a long segment into shorter captions (the same number
    # of parts in each language); the narration's time is shared out by the Chinese parts' length.
    zh: str
    ko: str
    en: str

    def parts(self, locale: str) -> list[str]:
        return {"zh_Hans_CN": self.zh, "ko": self.ko, "en": self.en}[locale].split("|")

    def text(self, locale: str) -> str:
        return ("" if locale == "zh_Hans_CN" else " ").join(self.parts(locale))


@dataclass(frozen=True)
class Guide:
    code: str
    name_zh: str
    title: dict[str, str]  # the transcript's first line
    segments: tuple[Segment, ...]


HOW_TO_APPLY = Segment(
    heading="怎么申请",
    points=("网上申请", "或到乡镇（街道）办事处"),
    zh="网上申请，或到乡镇街道办事处申请。",
    ko="온라인으로, 또는 향·진(가도) 사무소에서 신청하세요.",
    en="Apply online, or at your township or street office.",
)

GUIDES = (
    Guide(
        code="two-subsidies",
        name_zh="残疾人两项补贴",
        title={"zh_Hans_CN": "残疾人两项补贴：怎么申请",
               "ko": "장애인 생활 보조금과 돌봄 보조금: 신청 방법",
               "en": "Living allowance and care allowance: how to apply"},
        segments=(
            Segment(heading="谁可以申请", points=("持有残疾人证",),
                    zh="持有残疾人证的人可以申请。",
                    ko="장애인증이 있는 분이 신청할 수 있습니다.",
                    en="People with a disability card can apply."),
            Segment(heading="两项补贴", points=("低保家庭：生活补贴", "一级、二级：护理补贴"),
                    zh="低保家庭申请生活补贴，|一二级残疾申请护理补贴。",
                    ko="최저생활보장 가구는 생활 보조금을,|1급·2급 장애인은 돌봄 보조금을 "
                       "신청합니다.",
                    en="Households on minimum living support apply for the living allowance.|"
                       "People with a level 1 or 2 disability apply for the care allowance."),
            Segment(heading="要带什么", points=("残疾人证", "身份证", "本人银行卡"),
                    zh="请带残疾人证、身份证和本人银行卡。",
                    ko="장애인증, 신분증, 본인 명의의 은행 카드를 가져오세요.",
                    en="Bring your disability card, your ID card and a bank card in your name."),
            HOW_TO_APPLY,
        ),
    ),
    Guide(
        code="disability-assessment",
        name_zh="残疾评定",
        title={"zh_Hans_CN": "残疾评定：怎么申请",
               "ko": "장애 판정: 신청 방법",
               "en": "Disability assessment: how to apply"},
        segments=(
            Segment(heading="谁可以申请", points=("吉林省居民", "监护人可代孩子申请"),
                    zh="吉林省居民都可申请，|监护人可代孩子申请。",
                    ko="길림성 주민이면 누구나 신청할 수 있고,|보호자가 아이 대신 신청할 수 "
                       "있습니다.",
                    en="Any resident of Jilin Province can apply.|A guardian can apply for a "
                       "child."),
            Segment(heading="要带什么", points=("身份证或户口簿", "近期照片", "病历资料"),
                    zh="请带身份证或户口簿、近期照片和病历。",
                    ko="신분증 또는 호구부, 최근 사진, 의료 기록을 가져오세요.",
                    en="Bring your ID card or household register, a recent photo and your "
                       "medical records."),
            HOW_TO_APPLY,
            Segment(heading="然后", points=("到评定机构评定", "评定后发证"),
                    zh="我们安排您去评定机构，|评定后发证。",
                    ko="판정 기관 예약을 잡아 드리고,|판정 후 장애인증을 발급합니다.",
                    en="We give you an appointment at an assessment centre.|After the "
                       "assessment, you get your card."),
        ),
    ),
    Guide(
        code="home-modification",
        name_zh="家庭无障碍改造",
        title={"zh_Hans_CN": "家庭无障碍改造：怎么申请",
               "ko": "가정 무장애 개조: 신청 방법",
               "en": "Making your home accessible: how to apply"},
        segments=(
            Segment(heading="谁可以申请", points=("有残疾人的", "低收入家庭"),
                    zh="家中有残疾人的低收入家庭可以申请。",
                    ko="장애인이 있는 저소득 가구가 신청할 수 있습니다.",
                    en="Low-income households with a disabled member can apply."),
            Segment(heading="优先", points=("重度、多重残疾人", "老年残疾人"),
                    zh="重度、多重残疾人|和老年残疾人优先。",
                    ko="중증 장애인, 중복 장애인,|노인 장애인이 먼저 지원을 받습니다.",
                    en="People with severe or multiple disabilities,|and older disabled "
                       "people, come first."),
            Segment(heading="要带什么", points=("残疾人证", "房产证明或租房合同"),
                    zh="请带残疾人证，和房产证明或租房合同。",
                    ko="장애인증과 집 소유 증명서 또는 임대 계약서를 가져오세요.",
                    en="Bring the disability card, and proof that you own or rent the home."),
            HOW_TO_APPLY,
        ),
    ),
    Guide(
        code="assistive-devices",
        name_zh="辅助器具适配",
        title={"zh_Hans_CN": "辅助器具适配：怎么申请",
               "ko": "보조기기 지원: 신청 방법",
               "en": "Assistive devices: how to apply"},
        segments=(
            Segment(heading="谁可以申请", points=("持有残疾人证", "需要辅助器具"),
                    zh="持有残疾人证、需要辅助器具的人可以申请。",
                    ko="장애인증이 있고 보조기기가 필요한 분이 신청할 수 있습니다.",
                    en="People with a disability card who need an assistive device can apply."),
            Segment(heading="额外支持", points=("0至6岁儿童", "在校学生"),
                    zh="六岁以下儿童和学生有额外支持。",
                    ko="6세 이하 어린이와 학생은 추가 지원을 받습니다.",
                    en="Children up to 6 years old and students get extra support."),
            Segment(heading="要带什么", points=("残疾人证", "处方或评估（部分器具）"),
                    zh="请带残疾人证，|部分器具要处方或评估。",
                    ko="장애인증을 가져오세요.|일부 보조기기는 처방전이나 평가 결과가 필요합니다.",
                    en="Bring your disability card.|Some devices need a prescription or an "
                       "assessment."),
            HOW_TO_APPLY,
        ),
    ),
)

LOCALES = ("zh_Hans_CN", "ko", "en")


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "NotoSansCJK-Bold.ttc" if bold else "NotoSansCJK-Regular.ttc"
    return ImageFont.truetype(str(FONT_DIR / name), size, index=2)  # index 2: the SC face


def draw_slide(guide: Guide, number: int, segment: Segment, path: Path) -> None:
    image = Image.new("RGB", (WIDTH, HEIGHT), BACKGROUND)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 52), fill=BAR)
    draw.text((20, 8), guide.name_zh, font=_font(28, bold=True), fill=WHITE)
    step = f"{number}/{len(guide.segments)}"
    step_font = _font(26, bold=True)
    draw.text((WIDTH - 20 - draw.textlength(step, font=step_font), 10), step, font=step_font,
              fill=WHITE)
    draw.text((28, 62), segment.heading, font=_font(44, bold=True), fill=YELLOW)
    # The points sit above the lower quarter, where the browser draws captions.
    body = _font(36, bold=True)
    for index, point in enumerate(segment.points):
        draw.text((28, 122 + index * 46), point, font=body, fill=WHITE)
    image.save(path, optimize=True)


def speak(text: str, path: Path) -> float:
    subprocess.run(["espeak-ng", "-v", "cmn", "-s", str(SPEED), "-w", str(path), text],
                   check=True)
    with wave.open(str(path)) as audio:
        return audio.getnframes() / audio.getframerate()


def silence(seconds: float, path: Path, like: Path) -> None:
    with wave.open(str(like)) as audio:
        params = audio.getparams()
    with wave.open(str(path), "wb") as out:
        out.setparams(params)
        out.writeframes(b"\x00" * params.sampwidth * params.nchannels
                        * round(seconds * params.framerate))


def timestamp(seconds: float) -> str:
    millis = round(seconds * 1000)
    hours, rest = divmod(millis, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def share_out(start: float, end: float, segment: Segment, locale: str
              ) -> list[tuple[float, float, str]]:
    """The segment's captions in a locale, its time shared out by the Chinese parts' length."""
    weights = [len(part) for part in segment.parts("zh_Hans_CN")]
    texts = segment.parts(locale)
    if len(texts) != len(weights):
        raise ValueError(f"{segment.heading}: {locale} has {len(texts)} parts, not {len(weights)}")
    bounds = [start]
    for weight in weights:
        bounds.append(bounds[-1] + (end - start) * weight / sum(weights))
    bounds[-1] = end
    return [(bounds[i], bounds[i + 1], text) for i, text in enumerate(texts)]


def make_guide(guide: Guide, out: Path, work: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    clips: list[Path] = []
    cues: list[tuple[float, float, Segment]] = []
    slides: list[tuple[Path, float]] = []
    now = LEAD_IN
    for number, segment in enumerate(guide.segments, start=1):
        voice = work / f"voice{number}.wav"
        spoken = speak(segment.text("zh_Hans_CN"), voice)
        pause = LEAD_IN if number == 1 else GAP
        gap = work / f"gap{number}.wav"
        silence(pause, gap, voice)
        clips += [gap, voice]
        cues.append((now, now + spoken, segment))
        slide = work / f"slide{number}.png"
        draw_slide(guide, number, segment, slide)
        slides.append((slide, pause + spoken))
        now += spoken + GAP
    tail = work / "tail.wav"
    silence(TAIL, tail, clips[-1])
    clips.append(tail)
    slides[-1] = (slides[-1][0], slides[-1][1] + TAIL)

    narration = work / "narration.wav"
    with wave.open(str(clips[0])) as first:
        params = first.getparams()
    with wave.open(str(narration), "wb") as joined:
        joined.setparams(params)
        for clip in clips:
            with wave.open(str(clip)) as part:
                joined.writeframes(part.readframes(part.getnframes()))

    listing = work / "slides.txt"
    lines = [f"file '{slide}'\nduration {seconds:.3f}" for slide, seconds in slides]
    lines.append(f"file '{slides[-1][0]}'")  # the concat demuxer needs the last one twice
    listing.write_text("\n".join(lines) + "\n", encoding="utf-8")
    subprocess.run([
        "ffmpeg", "-loglevel", "error", "-y",
        "-f", "concat", "-safe", "0", "-i", str(listing), "-i", str(narration),
        "-vf", f"fps={FPS},format=yuv420p",
        "-c:v", "libx264", "-profile:v", "baseline", "-level", "3.0", "-preset", "veryslow",
        "-tune", "stillimage", "-crf", "30", "-g", str(FPS * 2),
        "-c:a", "aac", "-b:a", "40k", "-ac", "1", "-ar", "22050",
        "-shortest", "-movflags", "+faststart", "-map_metadata", "-1",
        "-fflags", "+bitexact", "-flags:v", "+bitexact", "-flags:a", "+bitexact",
        str(out / "how-to-apply.mp4"),
    ], check=True)

    for locale in LOCALES:
        blocks = ["WEBVTT"]
        for start, end, segment in cues:
            for part_start, part_end, text in share_out(start, end, segment, locale):
                blocks.append(f"{len(blocks)}\n{timestamp(part_start)} --> "
                              f"{timestamp(part_end)}\n{text}")
        (out / f"captions.{locale}.vtt").write_text("\n\n".join(blocks) + "\n",
                                                   encoding="utf-8")
        paragraphs = [guide.title[locale]] + [s.text(locale) for s in guide.segments]
        (out / f"transcript.{locale}.txt").write_text("\n\n".join(paragraphs) + "\n",
                                                     encoding="utf-8")
    total = now - GAP + TAIL
    size = (out / "how-to-apply.mp4").stat().st_size
    print(f"{guide.code}: {total:.1f} s, {size / 1024:.0f} KB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=[g.code for g in GUIDES])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    for tool in ("espeak-ng", "ffmpeg"):
        if shutil.which(tool) is None:
            print(f"{tool} is missing: apt-get install espeak-ng ffmpeg", file=sys.stderr)
            return 1
    for guide in GUIDES:
        if args.only and guide.code != args.only:
            continue
        with tempfile.TemporaryDirectory() as work:
            make_guide(guide, args.out / guide.code, Path(work))
    return 0


if __name__ == "__main__":
    sys.exit(main())
